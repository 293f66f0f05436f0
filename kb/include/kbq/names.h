// Name normalisation shared by the store's name index, the gazetteer and
// query resolution, so that "Ukraine", "ukraine" and "ＵＫＲＡＩＮＥ" meet.
#pragma once

#include <string>
#include <string_view>

namespace kbq {

// NFKC, Unicode case folding, whitespace runs folded to one space and trimmed,
// and the middle dots (・ · • ‧) removed: "谢尔盖・拉夫罗夫" → "谢尔盖拉夫罗夫",
// "  Kyiv " → "kyiv". Invalid UTF-8 is returned with the bad bytes dropped.
std::string NormaliseName(std::string_view name);

}  // namespace kbq
