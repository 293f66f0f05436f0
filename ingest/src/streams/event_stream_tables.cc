#include "streams/event_stream_tables.h"

#include "embedded/stream_data.h"

#include <unicode/locid.h>
#include <unicode/putil.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <vector>

namespace kbq::ingest {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

// Calls f(fields) for each data row of a TSV table: comments (#) and the
// header (the first non-comment line) are skipped.
template <typename F>
void ForEachRow(std::string_view text, bool has_header, F f) {
  bool header = has_header;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    f(SplitTabs(line));
  }
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t sp = s.find(' ', start);
    if (sp == std::string_view::npos) sp = s.size();
    if (sp > start) out.push_back(s.substr(start, sp - start));
    start = sp + 1;
  }
  return out;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string FoldAccents(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii = ascii && c < 0x80;
  if (ascii) return std::string(s);
  static std::once_flag once;
  static std::unique_ptr<icu::Transliterator> tr;
  static std::mutex mu;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    tr.reset(icu::Transliterator::createInstance("NFD; [:Nonspacing Mark:] Remove; NFC",
                                                 UTRANS_FORWARD, status));
    if (U_FAILURE(status)) tr.reset();
  });
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (tr) {
    std::lock_guard<std::mutex> lock(mu);  // Transliterator::transliterate is not const-safe
    tr->transliterate(u);
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Fold(std::string_view s, char sep) {
  std::string folded = FoldAccents(s);
  std::string out;
  bool pending = false;
  for (unsigned char c : folded) {
    // Letters and digits, and any remaining non-ASCII byte (a letter of
    // another script), are kept; ASCII punctuation and spaces separate.
    if (IsAsciiAlnum(c) || c >= 0x80) {
      if (pending && !out.empty()) out.push_back(sep);
      pending = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c));
    } else {
      pending = true;
    }
  }
  return out;
}

std::optional<ActorKind> KindByName(std::string_view n) {
  if (n == "government_body") return ActorKind::kGovernmentBody;
  return ParseActorKind(n);
}

StreamTables* Build() {
  auto* t = new StreamTables;
  ForEachRow(StreamData("cameo_events.tsv"), true, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 6) return;
    CameoEventInfo info{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[5])};
    t->event_by_name.emplace(NameKey(info.name), info.code);
    t->events.emplace(info.code, std::move(info));
  });
  ForEachRow(StreamData("cameo_event_aliases.tsv"), true, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2 || !t->events.count(std::string(f[1]))) return;
    t->event_by_name.emplace(NameKey(f[0]), std::string(f[1]));
  });
  ForEachRow(StreamData("cameo_actor_codes.tsv"), true, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 7) return;
    CameoActorCode c;
    c.code = std::string(f[0]);
    c.name = std::string(f[2]);
    c.actor_id = std::string(f[3]);
    c.kind = KindByName(f[4]).value_or(ActorKind::kGroup);
    c.person = f[5] == "1";
    c.source = std::string(f[6]);
    if (f[1] == "country") {
      t->country_codes.emplace(c.code, c);
    } else if (f[1] == "known_group") {
      t->known_groups.emplace(c.code, c);
    } else if (f[1] == "role") {
      t->role_by_name.emplace(NameKey(c.name), c.code);
      t->roles.emplace(c.code, c);
    }
  });
  ForEachRow(StreamData("fips_iso3.tsv"), true, [&](const std::vector<std::string_view>& f) {
    if (f.size() >= 2) t->fips_to_iso3.emplace(std::string(f[0]), std::string(f[1]));
  });
  ForEachRow(StreamData("name_words.tsv"), true, [&](const std::vector<std::string_view>& f) {
    if (!f.empty()) t->name_words.insert(NameKey(f[0]));
  });
  // Country names, by CountryKey: first the full names — iso-codes' name,
  // common and official names; CLDR's English display name and its
  // "variant" and "short" forms through ICU ("Russia", "Swaziland",
  // "Palestine"); iso-codes' "Name, Qualifier" turned around ("Congo, The
  // Democratic Republic of the" → "The Democratic Republic of the Congo").
  // Then, where no full name has it, the part before the comma ("Iran").
  // A key two countries share is dropped.
  std::unordered_map<std::string, std::string> full, prefix;
  std::unordered_set<std::string> ambiguous_full, ambiguous_prefix;
  auto add = [](std::unordered_map<std::string, std::string>* m, std::unordered_set<std::string>* amb,
                const std::string& name, const std::string& iso3) {
    std::string key = CountryKey(name);
    if (key.empty()) return;
    auto [it, inserted] = m->emplace(key, iso3);
    if (!inserted && it->second != iso3) amb->insert(key);
  };
  UErrorCode region_status = U_ZERO_ERROR;
  UResourceBundle* region_en = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region", "en", &region_status);
  auto cldr_alt = [&](const char* table, const std::string& alpha2) -> std::string {
    if (region_en == nullptr || U_FAILURE(region_status)) return "";
    UErrorCode st = U_ZERO_ERROR;
    UResourceBundle* tb = ures_getByKey(region_en, table, nullptr, &st);
    std::string out;
    if (U_SUCCESS(st)) {
      int32_t len = 0;
      const UChar* u = ures_getStringByKey(tb, alpha2.c_str(), &len, &st);
      if (U_SUCCESS(st)) icu::UnicodeString(u, len).toUTF8String(out);
    }
    ures_close(tb);
    return out;
  };
  ForEachRow(StreamData("iso_3166_1.tsv"), false, [&](const std::vector<std::string_view>& f) {
    if (f.size() < 5 || f[0].empty()) return;
    std::string iso3(f[0]), alpha2(f[1]);
    std::string name(f[2]), common(f[3]), official(f[4]);
    std::string display;
    icu::Locale region("", alpha2.c_str());
    icu::UnicodeString u;
    region.getDisplayCountry(icu::Locale::getEnglish(), u);
    u.toUTF8String(display);
    if (display == alpha2) display.clear();  // ICU knows no name
    t->country_name[iso3] = !common.empty() ? common : (!display.empty() ? display : name);
    std::vector<std::string> names = {name, common, official, display, cldr_alt("Countries%variant", alpha2),
                                      cldr_alt("Countries%short", alpha2)};
    for (const std::string& n : names) {
      if (n.empty()) continue;
      add(&full, &ambiguous_full, n, iso3);
      size_t comma = n.find(", ");
      if (comma != std::string::npos) {
        add(&full, &ambiguous_full, n.substr(comma + 2) + " " + n.substr(0, comma), iso3);
        add(&prefix, &ambiguous_prefix, n.substr(0, comma), iso3);
      }
    }
  });
  if (region_en != nullptr) ures_close(region_en);
  for (const auto& [code, c] : t->country_codes) {
    if (c.kind == ActorKind::kCountry) {
      add(&full, &ambiguous_full, c.name, c.actor_id);
      t->country_name.emplace(c.actor_id, c.name);
    } else {
      t->region_by_name.emplace(CountryKey(c.name), code);
    }
  }
  for (auto& [key, iso3] : full) {
    if (!ambiguous_full.count(key)) t->country_by_name.emplace(key, iso3);
  }
  for (auto& [key, iso3] : prefix) {
    if (!ambiguous_prefix.count(key) && !full.count(key)) t->country_by_name.emplace(key, iso3);
  }
  return t;
}

}  // namespace

const StreamTables& GetStreamTables() {
  static const StreamTables* tables = Build();
  return *tables;
}

std::string NameKey(std::string_view s) { return Fold(s, ' '); }
std::string Slug(std::string_view s) { return Fold(s, '-'); }

std::string CountryKey(std::string_view s) {
  std::string key = NameKey(s);
  std::string out;
  for (std::string_view w : SplitWords(key)) {
    if (w == "the") continue;
    if (!out.empty()) out.push_back(' ');
    out.append(w);
  }
  return out;
}

std::string TitleCaseIfUpper(std::string_view s) {
  bool has_lower = false;
  for (unsigned char c : s) has_lower = has_lower || (c >= 'a' && c <= 'z');
  if (has_lower) return std::string(s);
  std::string out(s);
  bool start = true;
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (IsAsciiAlnum(u)) {
      if (!start && u >= 'A' && u <= 'Z') c = static_cast<char>(u - 'A' + 'a');
      start = false;
    } else {
      start = u != '\'';
    }
  }
  return out;
}

std::optional<CameoEventInfo> LookupCameoCode(std::string_view code) {
  const StreamTables& t = GetStreamTables();
  for (size_t len = code.size(); len >= 2; --len) {
    auto it = t.events.find(std::string(code.substr(0, len)));
    if (it != t.events.end()) return it->second;
    if (len == 2) break;
  }
  return std::nullopt;
}

std::optional<CameoEventInfo> LookupCameoName(std::string_view name) {
  const StreamTables& t = GetStreamTables();
  auto it = t.event_by_name.find(NameKey(name));
  if (it == t.event_by_name.end()) return std::nullopt;
  return t.events.at(it->second);
}

}  // namespace kbq::ingest
