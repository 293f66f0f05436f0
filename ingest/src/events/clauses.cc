// Clauses and tokens of one sentence (clauses.h).
#include "events/clauses.h"

#include "events/event_lexicon.h"

namespace kbq::ingest::events {

bool IsClauseSep(std::string_view s, size_t i, size_t* len) {
  static const char* kWide[] = {"，", "；", "：", "。", "！", "？", "——", "—"};
  unsigned char c = s[i];
  if (c == ',' ) {
    bool digits = i > 0 && i + 1 < s.size() && isdigit(static_cast<unsigned char>(s[i - 1])) &&
                  isdigit(static_cast<unsigned char>(s[i + 1]));
    *len = 1;
    return !digits;
  }
  if (c == ';' || c == ':' || c == '!' || c == '?' || c == '\n') {
    // "10:30" is a time, not a clause end.
    if (c == ':' && i > 0 && i + 1 < s.size() && isdigit(static_cast<unsigned char>(s[i - 1])) &&
        isdigit(static_cast<unsigned char>(s[i + 1]))) {
      return false;
    }
    *len = 1;
    return true;
  }
  if (c >= 0x80) {
    for (const char* w : kWide) {
      size_t n = std::char_traits<char>::length(w);
      if (s.compare(i, n, w) == 0) {
        *len = n;
        return true;
      }
    }
  }
  return false;
}

std::vector<Span> SplitClauses(std::string_view s) {
  std::vector<Span> out;
  uint32_t start = 0;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsClauseSep(s, i, &len)) {
      if (i > start) out.push_back({start, uint32_t(i)});
      start = uint32_t(i + len);
      i += len;
    } else {
      i += internal::Utf8Len(static_cast<unsigned char>(s[i]));
    }
  }
  if (start < s.size()) out.push_back({start, uint32_t(s.size())});
  if (out.empty()) out.push_back({0, uint32_t(s.size())});
  return out;
}

size_t ClauseOf(const std::vector<Span>& clauses, uint32_t pos) {
  for (size_t i = 0; i < clauses.size(); ++i) {
    if (pos < clauses[i].end) return i;
  }
  return clauses.size() - 1;
}

std::string_view StripChineseQuantity(std::string_view s) {
  static const std::string_view kMeasure[] = {"名", "位", "个", "家", "批", "架", "艘", "国"};
  static const std::string_view kNumeral[] = {"一", "二", "两", "三", "四", "五", "六", "七", "八", "九",
                                              "十", "百", "千", "万", "几", "多", "数", "余"};
  auto ends_with = [&](std::string_view t, std::string_view w) {
    return t.size() >= w.size() && t.compare(t.size() - w.size(), w.size(), w) == 0;
  };
  std::string_view t = s;
  bool measure = false;
  for (auto m : kMeasure) {
    if (ends_with(t, m)) {
      t.remove_suffix(m.size());
      measure = true;
      break;
    }
  }
  if (!measure) return s;
  size_t before = t.size();
  for (bool more = true; more;) {
    more = false;
    while (!t.empty() && t.back() >= '0' && t.back() <= '9') {
      t.remove_suffix(1);
      more = true;
    }
    for (auto n : kNumeral) {
      if (ends_with(t, n)) {
        t.remove_suffix(n.size());
        more = true;
      }
    }
  }
  return t.size() < before ? t : s;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<Tok> Tokens(std::string_view text) {
  std::vector<Tok> out;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    auto apostrophe = [&](size_t k) {
      return text[k] == '\'' || text.compare(k, 3, "\xE2\x80\x99") == 0;
    };
    if (c == ' ' || c == '\t' || c == '"' || c == '\n') { ++i; continue; }
    if (text.compare(i, 3, "\xE2\x80\x9C") == 0 || text.compare(i, 3, "\xE2\x80\x9D") == 0 ||
        text.compare(i, 2, "\xC2\xAB") == 0 || text.compare(i, 2, "\xC2\xBB") == 0) {
      i += internal::Utf8Len(c);
      continue;
    }
    if (internal::IsAsciiAlnum(char(c))) {
      size_t j = i;
      while (j < text.size()) {
        if (internal::IsAsciiAlnum(text[j]) || text[j] == '-') { ++j; continue; }
        if (apostrophe(j)) {
          size_t n = text[j] == '\'' ? 1 : 3;
          if (j + n < text.size() && internal::IsAsciiAlnum(text[j + n])) { j += n; continue; }
        }
        break;
      }
      Tok t{uint32_t(i), uint32_t(j), true, internal::AsciiLower(text.substr(i, j - i))};
      for (std::string_view poss : {"'s", "\xE2\x80\x99s"}) {
        if (t.lower.size() > poss.size() && t.lower.compare(t.lower.size() - poss.size(), poss.size(), poss) == 0) {
          t.lower.resize(t.lower.size() - poss.size());
        }
      }
      out.push_back(std::move(t));
      i = j;
      continue;
    }
    size_t n = internal::Utf8Len(c);
    out.push_back({uint32_t(i), uint32_t(i + n), false, std::string(text.substr(i, n))});
    i += n;
  }
  return out;
}

bool SameNoun(const std::string& head, const std::string& word) {
  if (head == word) return true;
  if (head == word + "s" || head == word + "es") return true;
  return word.size() > 1 && word.back() == 'y' && head == word.substr(0, word.size() - 1) + "ies";
}

}  // namespace kbq::ingest::events
