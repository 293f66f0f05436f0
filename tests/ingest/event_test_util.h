// Helpers for the event tests: documents, time and actor mentions built by
// hand (spans found with std::string::find), and a small actor table.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kbq/ingest/document.h"
#include "kbq/ingest/event_extractor.h"
#include "kbq/ingest/gazetteer.h"
#include "kbq/ingest/temporal_tagger.h"
#include "kbq/model.h"
#include "kbq/time_value.h"

namespace kbq::ingest::testing {

// Sentences split after 。 ！ ？ and after ". "; published at `day` 12:00 UTC.
inline Document MakeDoc(const std::string& text, const std::string& lang, int y, unsigned m, unsigned d) {
  Document doc;
  doc.article.id = "art-test-" + std::to_string(std::hash<std::string>()(text) % 100000);
  doc.article.language = lang;
  doc.article.text = text;
  doc.article.published_utc = int64_t(DaysFromCivil(y, m, d)) * 86400 + 12 * 3600;
  doc.article.published_offset_minutes = 0;
  uint32_t start = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    if (text.compare(i, 3, "。") == 0 || text.compare(i, 3, "！") == 0 || text.compare(i, 3, "？") == 0) len = 3;
    else if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) len = 1;
    else if (text[i] == '\n') len = 1;
    if (len) {
      if (i + len > start && text.substr(start, i + len - start).find_first_not_of(" \n") != std::string::npos) {
        doc.sentences.push_back({start, uint32_t(i + len)});
      }
      i += len;
      while (i < text.size() && (text[i] == ' ')) ++i;
      start = uint32_t(i);
    } else {
      ++i;
    }
  }
  if (start < text.size() && text.substr(start).find_first_not_of(" \n") != std::string::npos) {
    doc.sentences.push_back({start, uint32_t(text.size())});
  }
  return doc;
}

// The n-th occurrence (0-based) of `needle` as a time mention with `value`.
inline TimeMention Time(const std::string& text, const std::string& needle, TimeValue value,
                        bool duration = false, int nth = 0) {
  size_t p = text.find(needle);
  for (int i = 0; i < nth && p != std::string::npos; ++i) p = text.find(needle, p + 1);
  TimeMention t;
  t.begin = uint32_t(p);
  t.end = uint32_t(p + needle.size());
  t.text = needle;
  t.value = value;
  t.resolution = Resolution::kAbsolute;
  t.is_duration = duration;
  return t;
}

// A tiny gazetteer: surface → actor id; Match finds every surface form
// (longest first, no overlaps), like the real one would.
struct Actors {
  std::map<std::string, Actor> by_id;
  std::vector<std::pair<std::string, std::string>> forms;  // surface, id

  void Add(const std::string& id, ActorKind kind, const std::string& en, const std::string& zh,
           std::vector<std::string> surfaces, const std::string& country = "") {
    Actor a;
    a.id = id;
    a.kind = kind;
    a.names["en"] = en;
    a.names["zh"] = zh;
    if (!country.empty()) {
      if (kind == ActorKind::kPlace) a.part_of.push_back(country);
      else a.affiliations.push_back({country, "", TimeValue{}});
    }
    by_id[id] = a;
    for (auto& s : surfaces) forms.push_back({s, id});
  }
  std::vector<ActorMention> Match(const std::string& text) const {
    std::vector<ActorMention> out;
    std::vector<bool> used(text.size(), false);
    auto sorted = forms;
    std::stable_sort(sorted.begin(), sorted.end(), [](auto& a, auto& b) { return a.first.size() > b.first.size(); });
    for (const auto& [s, id] : sorted) {
      for (size_t p = text.find(s); p != std::string::npos; p = text.find(s, p + 1)) {
        bool free = true;
        for (size_t k = p; k < p + s.size(); ++k) free = free && !used[k];
        if (!free) continue;
        for (size_t k = p; k < p + s.size(); ++k) used[k] = true;
        out.push_back({uint32_t(p), uint32_t(p + s.size()), s, id, false, false, ""});
      }
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.begin < b.begin; });
    return out;
  }
  std::function<const Actor*(const std::string&)> Lookup() const {
    return [this](const std::string& id) -> const Actor* {
      auto it = by_id.find(id);
      return it == by_id.end() ? nullptr : &it->second;
    };
  }
};

inline Actors WorldActors() {
  Actors a;
  a.Add("RUS", ActorKind::kCountry, "Russia", "俄罗斯", {"俄罗斯", "俄方", "莫斯科", "Russia", "Russian", "Moscow"});
  a.Add("UKR", ActorKind::kCountry, "Ukraine", "乌克兰", {"乌克兰", "乌方", "基辅", "Ukraine", "Ukrainian", "Kyiv"});
  a.Add("USA", ActorKind::kCountry, "United States", "美国", {"美国", "美方", "华盛顿", "United States", "U.S.", "Washington"});
  a.Add("TUR", ActorKind::kCountry, "Turkey", "土耳其", {"土耳其", "Turkey", "Turkish"});
  a.Add("IND", ActorKind::kCountry, "India", "印度", {"印度", "India"});
  a.Add("CHN", ActorKind::kCountry, "China", "中国", {"中国", "China", "Chinese", "Beijing"});
  a.Add("FRA", ActorKind::kCountry, "France", "法国", {"法国", "France", "French"});
  a.Add("JPN", ActorKind::kCountry, "Japan", "日本", {"日本", "Japan"});
  a.Add("MAR", ActorKind::kCountry, "Morocco", "摩洛哥", {"摩洛哥", "Morocco"});
  a.Add("org:eu", ActorKind::kOrganisation, "European Union", "欧盟", {"欧盟", "European Union", "EU"});
  a.Add("gov:rus-mfa", ActorKind::kGovernmentBody, "Russian Foreign Ministry", "俄罗斯外交部",
        {"俄罗斯外交部", "Russian Foreign Ministry"}, "RUS");
  a.Add("person:sergey-lavrov", ActorKind::kPerson, "Sergey Lavrov", "拉夫罗夫",
        {"谢尔盖・拉夫罗夫", "拉夫罗夫", "Sergey Lavrov", "Lavrov"}, "RUS");
  a.Add("person:marco-rubio", ActorKind::kPerson, "Marco Rubio", "鲁比奥",
        {"马尔科・鲁比奥", "鲁比奥", "Marco Rubio", "Rubio"}, "USA");
  a.Add("person:andrii-sybiha", ActorKind::kPerson, "Andrii Sybiha", "西比加",
        {"安德烈・西比加", "西比加", "Andrii Sybiha", "Sybiha"}, "UKR");
  a.Add("person:kaja-kallas", ActorKind::kPerson, "Kaja Kallas", "卡拉斯", {"卡娅・卡拉斯", "卡拉斯", "Kaja Kallas", "Kallas"}, "org:eu");
  a.Add("person:narendra-modi", ActorKind::kPerson, "Narendra Modi", "莫迪", {"莫迪", "Narendra Modi", "Modi"}, "IND");
  a.Add("place:istanbul", ActorKind::kPlace, "Istanbul", "伊斯坦布尔", {"伊斯坦布尔", "Istanbul"}, "TUR");
  a.Add("place:abu-dhabi", ActorKind::kPlace, "Abu Dhabi", "阿布扎比", {"阿布扎比", "Abu Dhabi"}, "ARE");
  a.Add("place:new-delhi", ActorKind::kPlace, "New Delhi", "新德里", {"新德里"}, "IND");
  a.Add("place:marrakesh", ActorKind::kPlace, "Marrakesh", "马拉喀什", {"马拉喀什", "Marrakesh"}, "MAR");
  a.Add("place:paris", ActorKind::kPlace, "Paris", "巴黎", {"巴黎", "Paris"}, "FRA");
  a.Add("ARE", ActorKind::kCountry, "United Arab Emirates", "阿联酋", {"阿联酋", "UAE"});
  return a;
}

// The built-in extractor, loaded once per test binary.
inline const EventExtractor& BuiltinExtractor() {
  static auto x = EventExtractor::LoadBuiltin();
  REQUIRE(x.ok());
  return **x;
}

}  // namespace kbq::ingest::testing
