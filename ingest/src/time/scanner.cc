// The Scanner's driver and number reading (scanner.h): Run() walks the
// text, asks the Chinese and English recognisers for a candidate, keeps the
// longest, and turns it into a TimeMention or an impossible-date diagnostic.
#include <algorithm>

#include "time/scanner.h"

namespace kbq::ingest::time_internal {

size_t Scanner::SkipSpaces(size_t p) const {
  while (p < t_.size()) {
    if (t_[p] == ' ' || t_[p] == '\t') {
      ++p;
    } else if (StartsWith(t_, p, "\xC2\xA0")) {
      p += 2;
    } else if (StartsWith(t_, p, "\xE3\x80\x80")) {
      p += 3;
    } else {
      break;
    }
  }
  return p;
}

bool Scanner::ReadNum(size_t p, Num* n, bool allow_zh) const {
  *n = Num();
  size_t i = p;
  int64_t v = 0;
  int digits = 0;
  while (i < t_.size() && digits < 12) {
    int len = 0;
    char32_t cp = CpAt(t_, i, &len);
    int d = -1;
    if (cp >= '0' && cp <= '9') d = static_cast<int>(cp - '0');
    else if (IsFullwidthDigit(cp)) d = static_cast<int>(cp - 0xFF10);
    if (d < 0) break;
    v = v * 10 + d;
    ++digits;
    i += len;
  }
  if (digits > 0) {
    if (digits >= 12) return false;  // a long digit run: never a date part
    n->value = v;
    n->end = i;
    n->digits = digits;
    n->ascii = true;
    return true;
  }
  if (!allow_zh) return false;
  // Chinese numerals: digit-wise (二〇二五) or positional (二十七).
  std::vector<const time_internal::ZhNumeral*> run;
  i = p;
  while (i < t_.size() && run.size() < 10) {
    int len = 0;
    char32_t cp = CpAt(t_, i, &len);
    auto it = lx_.zh_num.find(cp);
    if (it == lx_.zh_num.end()) break;
    run.push_back(&it->second);
    i += len;
  }
  if (run.empty()) return false;
  bool any_unit = std::any_of(run.begin(), run.end(), [](auto* z) { return z->unit; });
  if (!any_unit && run.size() >= 2) {
    for (auto* z : run) v = v * 10 + z->value;
    n->digitwise = true;
    n->digits = static_cast<int>(run.size());
  } else {
    int64_t total = 0, cur = 0;
    for (auto* z : run) {
      if (z->unit) {
        total += (cur == 0 ? 1 : cur) * z->value;
        cur = 0;
      } else {
        cur = z->value;
      }
    }
    v = total + cur;
  }
  n->value = v;
  n->end = i;
  return true;
}

std::vector<TimeMention> Scanner::Run() {
  std::vector<TimeMention> out;
  size_t p = 0;
  const size_t n = t_.size();
  while (p < n) {
    int len = 0;
    char32_t cp = CpAt(t_, p, &len);
    bool ascii_word = IsAsciiAlnum(static_cast<char>(cp < 128 ? cp : 0));
    bool candidate = ascii_word || IsCjk(cp) || IsFullwidthDigit(cp);
    if (!candidate) {
      p += len;
      continue;
    }
    Cand best;
    best.begin = p;
    best.end = p;
    bool zh_start = cp < lx_.zh_start.size() ? lx_.zh_start[cp] : false;
    if (ctx_.lang != "en" && (zh_start || IsAsciiDigit(static_cast<char>(cp < 128 ? cp : 0))))
      Zh(p, &best);
    if (ctx_.lang != "zh" || ascii_word) {
      if (ascii_word) En(p, &best);
    }
    if (best.end <= p) {
      // No expression here: skip the whole ASCII word or digit run.
      if (ascii_word) {
        size_t e = p;
        while (e < n && IsAsciiAlnum(t_[e])) ++e;
        p = e;
      } else {
        p += len;
      }
      continue;
    }
    if (!best.impossible.empty()) {
      Diagnostic d;
      d.severity = Diagnostic::Severity::kWarning;
      d.path = ctx_.path;
      d.byte_offset = best.begin;
      // 1-based line, counted forward from the last diagnostic (linear).
      for (; line_pos_ < best.begin; ++line_pos_)
        if (t_[line_pos_] == '\n') ++line_;
      d.line = line_;
      d.message = "impossible date '" + best.impossible + "'";
      if (diags_) diags_->push_back(std::move(d));
    } else if (best.emit && (best.value.ok() || !best.duration_iso.empty())) {
      TimeMention m;
      m.begin = static_cast<uint32_t>(best.begin);
      m.end = static_cast<uint32_t>(best.end);
      m.text.assign(t_.substr(best.begin, best.end - best.begin));
      m.value = best.value;
      m.resolution = best.res;
      m.is_duration = best.duration;
      m.future = best.future;
      m.duration = best.duration_iso;
      m.minute_of_day = best.minute;
      if (best.anchor_update && !best.duration) {
        anchor_any_ = best.value;
        if (best.value.precision == Precision::kDay) anchor_day_ = best.value;
        if (best.value.precision == Precision::kYear) {
          story_year_ = YearOf(best.value.earliest);
          story_year_end_ = best.end;
        }
      }
      out.push_back(std::move(m));
    }
    p = best.end;
  }
  return out;
}

}  // namespace kbq::ingest::time_internal
