// Name normalisation shared by the store's name index, the gazetteer and
// query resolution, so that "Ukraine", "ukraine" and "ＵＫＲＡＩＮＥ" meet, and
// so that what a user types meets what the tagger reads in text.
#pragma once

#include <string>
#include <string_view>

namespace kbq {

// The key a name is indexed and looked up by. In order:
// - NFKC and Unicode case folding ("ＵＫＲＡＩＮＥ" → "ukraine");
// - Latin diacritics dropped ("Erdoğan" → "erdogan"; Cyrillic й and ё stay);
// - Traditional Chinese characters as Simplified ("烏克蘭" → "乌克兰");
// - curly apostrophes and the modifier apostrophe as ' ("Côte d’Ivoire");
// - middle dots (・ · • ‧) and U+FFFD removed ("谢尔盖・拉夫罗夫" → "谢尔盖拉夫罗夫");
// - whitespace runs folded to one space and trimmed;
// - a leading English article dropped ("the Kremlin" → "kremlin").
// Invalid UTF-8 is returned with the bad bytes dropped. Thread-safe.
std::string NormaliseName(std::string_view name);

// The Simplified form of one Chinese character by ICU's Hant-Hans
// ("蘭" → "兰"), or `c` itself when that is not one character. Thread-safe.
char32_t SimplifiedHanChar(char32_t c);

// `name` without the combining marks on Latin letters, case and everything
// else kept ("Erdoğan" → "Erdogan", "Zelenskyy" unchanged); empty when
// `name` has none, so a caller adds a variant only where one exists.
std::string WithoutLatinDiacritics(std::string_view name);

}  // namespace kbq
