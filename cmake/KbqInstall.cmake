# Install bin/kbq, the public headers, the libraries, the lexicon data and a
# kbqConfig.cmake so that an analyst's program can find_package(kbq) and link
# kbq::api (the KnowledgeBase facade, kbq/knowledge_base.h), or the layers
# under it: kbq::kb, kbq::ingest and kbq::query.
include(CMakePackageConfigHelpers)

set(KBQ_INSTALL_TARGETS kbq_kb kbq_ingest kbq_eval kbq_query kbq_api)
install(TARGETS ${KBQ_INSTALL_TARGETS}
  EXPORT kbqTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(TARGET kbq)
  install(TARGETS kbq RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
foreach(dir kb ingest query query/api)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()

set(KBQ_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/kbq)
install(EXPORT kbqTargets NAMESPACE kbq:: DESTINATION ${KBQ_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/kbqConfig.cmake.in
  ${PROJECT_BINARY_DIR}/kbqConfig.cmake INSTALL_DESTINATION ${KBQ_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kbqConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kbqConfig.cmake ${PROJECT_BINARY_DIR}/kbqConfigVersion.cmake
  DESTINATION ${KBQ_CMAKE_DIR})
