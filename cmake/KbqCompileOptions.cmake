# Warnings, -Werror in CI, and the optional sanitizer, applied per target by
# kbq_target_options(target).
function(kbq_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # GCC 12 reports -Wrestrict inside libstdc++'s string concatenation
  # (`"x" + std::string(...)`) at -O2 and above: GCC bugs 105329 and 105651,
  # false positives about the library's code, not ours. Off for GCC 12 only.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(KB_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
    # GCC's -Wmaybe-uninitialized at -O2/-O3 fires inside inlined library code
    # (Boost.Graph's adjacency_list copy, date.h's parser); it stays a warning,
    # printed for review, but does not fail the build.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-error=maybe-uninitialized)
    endif()
  endif()
  if(KB_SANITIZE)
    if(NOT KB_SANITIZE MATCHES "^(address|undefined)$")
      message(FATAL_ERROR "KB_SANITIZE must be address or undefined, not '${KB_SANITIZE}'")
    endif()
    target_compile_options(${target} PRIVATE -fsanitize=${KB_SANITIZE} -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=${KB_SANITIZE})
  endif()
endfunction()
