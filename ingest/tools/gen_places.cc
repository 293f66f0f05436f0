// gen_places: writes the generated places gazetteer TSV from system data, at
// build time (never edited by hand):
//   - first-level subdivisions of ISO 3166-2 (Debian iso-codes' JSON, with the
//     Chinese and Russian names of its gettext translations, iso_3166-2.mo);
//   - the ~24k cities of GeoNames' cities15000 as Debian's libgeonames ships
//     them (name, region, country, population, latitude, longitude), with the
//     Chinese and Russian names of its translations (geonames.mo);
//   - for each English name, whether WordNet (Debian wordnet-base) knows it as
//     a lower-case common word ("Mobile", "Reading") or the name of a time
//     (noun.time: "March"): such names need more evidence in text (see
//     actors/place_gazetteer.h); a city named by a time is left out.
//
//   gen_places <iso_3166-1.json> <iso_3166-2.json> <locale dir> <wordnet dir> <out.tsv>
//
// out.tsv is compiled into the library with the hand-written gazetteer files
// (kbq_embed_files, ingest/CMakeLists.txt), so it needs no files at run time.
//
// Output: the actor format of ingest/data/actors/*.tsv plus the columns
// lat, lon, population, common_words (a |-list of the names WordNet knows).
// Cities come sorted by population, largest first: among equal names the first
// is the default reading.
#include <geonames/geonames.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include "tool_text.h"

namespace {

// ---- gettext .mo: msgid → msgstr (GNU format, either byte order).
std::unordered_map<std::string, std::string> ReadMo(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::string d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (d.size() < 20) return out;
  auto u32 = [&](size_t off, bool swap) -> uint32_t {
    if (off + 4 > d.size()) return 0;
    uint32_t v;
    std::memcpy(&v, d.data() + off, 4);
    return swap ? __builtin_bswap32(v) : v;
  };
  bool swap = u32(0, false) != 0x950412deu;
  if (swap && u32(0, true) != 0x950412deu) return out;
  uint32_t n = u32(8, swap), orig = u32(12, swap), trans = u32(16, swap);
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t ol = u32(orig + 8 * i, swap), oo = u32(orig + 8 * i + 4, swap);
    uint32_t tl = u32(trans + 8 * i, swap), to = u32(trans + 8 * i + 4, swap);
    if (size_t(oo) + ol > d.size() || size_t(to) + tl > d.size() || ol == 0) continue;
    out.emplace(d.substr(oo, ol), d.substr(to, tl));
  }
  return out;
}

bool Usable(const std::string& s) {
  return !s.empty() && s.size() < 200 && s.find('\t') == std::string::npos && s.find('|') == std::string::npos &&
         s.find('\n') == std::string::npos && s.find(", ") == std::string::npos;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Lower-case lemmas WordNet writes in lower case (common nouns, verbs,
// adjectives, adverbs), from data.{noun,verb,adj,adv}: the word fields of
// each synset line; and the names of times, whatever their case.
std::unordered_set<std::string> WordNetCommon(const std::string& dir, std::unordered_set<std::string>* time_names) {
  std::unordered_set<std::string> out;
  for (const char* pos : {"noun", "verb", "adj", "adv"}) {
    std::ifstream in(dir + "/data." + pos);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // licence header
      std::istringstream ls(line);
      std::string offset, lexfile, ss_type, wcnt_hex;
      ls >> offset >> lexfile >> ss_type >> wcnt_hex;
      int wcnt = static_cast<int>(std::strtol(wcnt_hex.c_str(), nullptr, 16));
      for (int i = 0; i < wcnt; ++i) {
        std::string word, lex_id;
        ls >> word >> lex_id;
        if (auto p = word.find('('); p != std::string::npos) word.resize(p);  // adj markers: (a), (p)
        bool lower = !word.empty() && std::none_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
        // Names of times (noun.time, lexicographer file 28: March, Sunday,
        // Easter) count whatever their case: "In March 2021" is no town.
        bool time_name = std::string_view(pos) == "noun" && lexfile == "28";
        if (time_name && word.find('_') == std::string::npos) time_names->insert(Lower(word));
        if ((lower || time_name) && word.find('_') == std::string::npos) out.insert(Lower(word));
      }
    }
  }
  return out;
}

// A region name reduced for matching GeoNames' admin-1 names against ISO
// 3166-2 names: ASCII letters, lower case, without the generic words.
std::string RegionKey(icu::Transliterator* ascii, const std::string& name) {
  static const std::set<std::string> kGeneric = {
      "sheng",  "shi",      "zizhiqu", "province", "oblast",     "oblast'",  "region",   "state",
      "governorate", "prefecture", "county", "department", "district", "municipality", "of", "the",
      "city",   "krai",     "kray",    "okrug",    "autonomous", "republic", "voivodeship", "tebiet",
      "uygur",  "zhuangzu", "huizu",   "special",  "administrative", "area", "territory", "federal"};
  std::string a = Lower(kbq::tools::Transliterate(ascii, name));
  std::string out, word;
  auto flush = [&] {
    if (!word.empty() && !kGeneric.count(word)) out += word;
    word.clear();
  };
  for (char c : a) {
    if (c >= 'a' && c <= 'z') {
      word += c;
    } else if (c == '\'' ) {
      continue;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

struct Row {
  std::string id, en, zh, ru;
  std::vector<std::string> aliases_en, aliases_zh, aliases_ru;
  std::string part_of, lat, lon, population, source;
  std::vector<std::string> common;
};

// Chinese names: Simplified canonical, Traditional kept as alias; an
// administrative suffix (河北省 → 河北) also gives the bare name.
void SetChinese(Row* r, icu::Transliterator* hans, const std::string& zh_in, bool strip_suffix) {
  if (!Usable(zh_in)) return;
  std::string zh = kbq::tools::Transliterate(hans, zh_in);
  r->zh = zh;
  if (zh != zh_in) r->aliases_zh.push_back(zh_in);
  if (!strip_suffix) return;
  static const char* kSuffixes[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区",
                                    "省", "市", "州", "县", "区"};
  for (const char* suf : kSuffixes) {
    size_t n = std::strlen(suf);
    if (zh.size() > n + 3 && zh.compare(zh.size() - n, n, suf) == 0) {
      std::string bare = zh.substr(0, zh.size() - n);
      // Two characters at least, and not a district's city prefix (张家口市宣化).
      if (bare.size() >= 6 && bare.find("市") == std::string::npos) r->aliases_zh.push_back(bare);
      break;
    }
  }
}

void Write(std::ostream& out, const Row& r) {
  out << r.id << "\tplace\t" << r.en << '\t' << r.zh << '\t' << r.ru << '\t' << kbq::tools::JoinList(r.aliases_en) << '\t'
      << kbq::tools::JoinList(r.aliases_zh) << '\t' << kbq::tools::JoinList(r.aliases_ru) << '\t' << r.part_of << '\t' << r.lat << '\t' << r.lon
      << '\t' << r.population << '\t' << kbq::tools::JoinList(r.common) << '\t' << r.source << '\n';
}

void AddEnglish(Row* r, const std::string& s) {
  if (!Usable(s) || s == r->en) return;
  if (std::find(r->aliases_en.begin(), r->aliases_en.end(), s) == r->aliases_en.end()) r->aliases_en.push_back(s);
}

void MarkCommon(Row* r, const std::unordered_set<std::string>& wordnet) {
  std::vector<std::string> names = r->aliases_en;
  names.push_back(r->en);
  for (const auto& n : names) {
    if (n.find(' ') == std::string::npos && n.find('-') == std::string::npos && wordnet.count(Lower(n))) {
      r->common.push_back(n);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: gen_places <iso_3166-1.json> <iso_3166-2.json> <locale dir> <wordnet dir> <out.tsv>\n";
    return 2;
  }
  auto load_json = [](const char* path, const char* key) {
    std::ifstream in(path);
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.contains(key) || !doc[key].is_array()) {
      std::cerr << "gen_places: " << path << ": not an iso-codes " << key << " file\n";
      std::exit(1);
    }
    return doc;
  };
  nlohmann::json iso1 = load_json(argv[1], "3166-1");
  nlohmann::json iso2 = load_json(argv[2], "3166-2");
  const std::string locale = argv[3];
  std::unordered_set<std::string> time_names;
  std::unordered_set<std::string> wordnet = WordNetCommon(argv[4], &time_names);
  if (wordnet.size() < 10000) {
    std::cerr << "gen_places: " << argv[4] << ": WordNet data files not found (Debian wordnet-base)\n";
    return 1;
  }
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> ascii(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, st));
  if (U_FAILURE(st)) ascii.reset();
  st = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> hans(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, st));
  if (U_FAILURE(st)) hans.reset();

  std::map<std::string, std::string> alpha3;  // alpha-2 → alpha-3
  for (const auto& c : iso1["3166-1"]) alpha3[c.value("alpha_2", "")] = c.value("alpha_3", "");

  auto mo2 = [&](const char* lang) { return ReadMo(locale + "/" + lang + "/LC_MESSAGES/iso_3166-2.mo"); };
  auto iso_zh = mo2("zh_CN"), iso_zh_tw = mo2("zh_TW"), iso_ru = mo2("ru"), iso_en = mo2("en");

  std::ostringstream out;
  out << "# Generated by ingest/tools/gen_places.cc from iso-codes ISO 3166-2, libgeonames (GeoNames\n"
         "# cities15000) and their gettext translations, and WordNet. Do not edit.\n";
  out << "id\tkind\ten\tzh\tru\taliases_en\taliases_zh\taliases_ru\tpart_of\tlat\tlon\tpopulation\t"
         "common_words\tsource\n";

  // ---- regions: first-level subdivisions (no parent).
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> region_keys;  // cc → (key, id)
  std::map<std::string, Row> regions;  // id → row (GeoNames names are added below)
  for (const auto& s : iso2["3166-2"]) {
    if (s.contains("parent")) continue;
    std::string code = s.value("code", ""), name = s.value("name", "");
    std::string cc = code.substr(0, 2);
    if (code.size() < 4 || !alpha3.count(cc) || !Usable(name)) continue;
    Row r;
    r.id = "place:" + code;
    auto en = iso_en.find(name);
    r.en = en != iso_en.end() && Usable(en->second) ? en->second : name;
    AddEnglish(&r, name);
    AddEnglish(&r, kbq::tools::Transliterate(ascii.get(), r.en));
    auto zh = iso_zh.find(name);
    if (zh == iso_zh.end()) zh = iso_zh_tw.find(name);
    if (zh != iso_zh.end() && zh != iso_zh_tw.end()) SetChinese(&r, hans.get(), zh->second, true);
    if (auto ru = iso_ru.find(name); ru != iso_ru.end() && Usable(ru->second)) r.ru = ru->second;
    r.part_of = alpha3[cc];
    r.source = "iso-codes ISO 3166-2 " + code + " (" + s.value("type", "") + ")";
    region_keys[cc].emplace_back(RegionKey(ascii.get(), name), r.id);
    regions[r.id] = std::move(r);
  }
  // GeoNames' admin-1 name → ISO region: equal keys, or one a prefix of the
  // other (Kharkiv ~ Kharkivska), when that picks one region of the country.
  std::map<std::pair<std::string, std::string>, std::string> region_of;  // (cc, state) → id
  auto find_region = [&](const std::string& cc, const std::string& state) -> std::string {
    auto key = std::make_pair(cc, state);
    if (auto it = region_of.find(key); it != region_of.end()) return it->second;
    // Tiers: equal keys; one a prefix of the other (Kharkiv ~ Kharkivska);
    // a common start of at least three letters that leaves at most four
    // (Sumy ~ Sumska, Zaporizhzhia ~ Zaporizka). A tier counts only when it
    // picks one region of the country.
    std::string k = RegionKey(ascii.get(), state), found;
    auto common = [](const std::string& a, const std::string& b) {
      size_t n = 0;
      while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
      return n;
    };
    for (int tier = 0; tier < 3 && found.empty() && k.size() >= 3; ++tier) {
      int hits = 0;
      std::string hit;
      for (const auto& [rk, id] : region_keys[cc]) {
        size_t c = common(rk, k), shorter = std::min(rk.size(), k.size());
        bool ok = tier == 0   ? rk == k
                  : tier == 1 ? shorter >= 4 && c == shorter
                              : c >= 3 && c + 4 >= shorter;
        if (ok) {
          hit = id;
          ++hits;
        }
      }
      if (hits == 1) found = hit;
    }
    region_of[key] = found;
    return region_of[key];
  };

  // ---- cities
  auto gmo = [&](const char* lang) { return ReadMo(locale + "/" + lang + "/LC_MESSAGES/geonames.mo"); };
  auto gn_zh = gmo("zh"), gn_zh_cn = gmo("zh_CN"), gn_zh_tw = gmo("zh_TW"), gn_ru = gmo("ru"), gn_en = gmo("en");
  struct City {
    Row row;
    uint32_t population;
  };
  std::vector<City> cities;
  std::map<std::string, std::set<std::string>> region_names;  // region id → GeoNames admin-1 names
  std::map<std::string, std::set<std::string>> city_names;    // country code → city names
  const int n = geonames_get_n_cities();
  for (int i = 0; i < n; ++i) {
    GeonamesCity* c = geonames_get_city(i);
    if (c == nullptr) continue;
    // (geonameid, name, admin1 code, state, country code, country, timezone, population, lat, lon)
    const gchar* gid = nullptr;
    g_variant_get_child(c, 0, "&s", &gid);
    std::string id = gid != nullptr ? gid : "";
    std::string name = geonames_city_get_name(c), state = geonames_city_get_state(c);
    std::string cc = geonames_city_get_country_code(c);
    City city;
    city.population = geonames_city_get_population(c);
    Row& r = city.row;
    r.id = "place:gn-" + id;
    r.en = name;
    if (auto it = gn_en.find(id); it != gn_en.end()) {
      if (Usable(it->second) && it->second != name) {
        r.en = it->second;
        AddEnglish(&r, name);
      }
    }
    AddEnglish(&r, kbq::tools::Transliterate(ascii.get(), r.en));
    auto zh = gn_zh_cn.find(id);
    if (zh == gn_zh_cn.end()) zh = gn_zh.find(id);
    if (zh == gn_zh.end()) zh = gn_zh_tw.find(id);
    if (zh != gn_zh_tw.end()) SetChinese(&r, hans.get(), zh->second, cc == "CN" || cc == "TW");
    if (auto ru = gn_ru.find(id); ru != gn_ru.end() && Usable(ru->second)) r.ru = ru->second;
    std::string region = alpha3.count(cc) ? find_region(cc, state) : "";
    r.part_of = !region.empty() ? region : alpha3.count(cc) ? alpha3[cc] : "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.5f", geonames_city_get_latitude(c));
    r.lat = buf;
    std::snprintf(buf, sizeof buf, "%.5f", geonames_city_get_longitude(c));
    r.lon = buf;
    r.population = std::to_string(city.population);
    r.source = "GeoNames cities15000 " + id + " (Debian libgeonames)";
    geonames_city_free(c);
    if (r.part_of.empty() || !Usable(r.en)) continue;
    if (!region.empty()) region_names[region].insert(state);
    city_names[cc].insert(r.en);
    cities.push_back(std::move(city));
  }
  std::stable_sort(cities.begin(), cities.end(),
                   [](const City& a, const City& b) { return a.population > b.population; });
  // GeoNames' English name of a region ("Hebei", "Kharkiv"), and with
  // "Oblast"/"region" where ISO calls it an oblast; a bare name that is also a
  // city of the country (Kharkiv) stays the city's.
  for (const auto& [id, names] : region_names) {
    Row& r = regions[id];
    std::string cc = id.substr(6, 2);
    bool oblast = Lower(r.en).find("oblast") != std::string::npos;
    for (const auto& state : names) {
      if (!city_names[cc].count(state)) AddEnglish(&r, state);
      if (oblast && Lower(state).find("oblast") == std::string::npos) {
        AddEnglish(&r, state + " Oblast");
        AddEnglish(&r, state + " region");
      }
    }
  }
  // Cities first: among same-named generated places the largest city is the
  // default reading, before a region of that name (Córdoba).
  size_t left_out = 0;
  for (auto& c : cities) {
    // A town whose name is a time (March, England; Mon, India) would read
    // every "in March" as a place: it is left out, unless a city of 100,000.
    if (c.population < 100000 && time_names.count(Lower(c.row.en))) {
      ++left_out;
      continue;
    }
    MarkCommon(&c.row, wordnet);
    Write(out, c.row);
  }
  for (auto& [id, r] : regions) {
    MarkCommon(&r, wordnet);
    Write(out, r);
  }
  std::ofstream tsv_out(argv[5]);
  tsv_out << out.str();
  if (!tsv_out) {
    std::cerr << "gen_places: cannot write " << argv[5] << "\n";
    return 1;
  }
  std::cerr << "gen_places: " << regions.size() << " regions, " << cities.size() - left_out << " cities ("
            << left_out << " named by a time left out)\n";
  return 0;
}
