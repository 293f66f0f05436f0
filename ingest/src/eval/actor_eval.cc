#include "kbq/ingest/actor_eval.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace kbq::ingest {

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void AddCodes(const nlohmann::json& side, const Gazetteer& g, std::set<std::string>* gold, size_t* skipped) {
  if (!side.is_array()) return;
  for (const auto& a : side) {
    if (!a.is_object() || !a.contains("code") || !a["code"].is_string()) continue;
    std::string code = a["code"].get<std::string>();
    const Actor* actor = g.Find(code);
    if (actor != nullptr && actor->kind == ActorKind::kCountry) {
      gold->insert(code);
    } else {
      ++*skipped;
    }
  }
}

// The value of attribute `name` in the tag text `tag` ("" when absent).
std::string Attr(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  size_t p = tag.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  size_t q = tag.find('"', p);
  return q == std::string_view::npos ? "" : std::string(tag.substr(p, q - p));
}

std::string Unescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  for (const auto& [from, to] : kEntities) {
    for (size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += std::strlen(to)) {
      s.replace(p, std::strlen(from), to);
    }
  }
  return s;
}

}  // namespace

Result<PloverCountryScore> EvalPloverCountries(const Gazetteer& g, const std::string& path) {
  auto content = ReadFile(path);
  if (!content.ok()) return content.status();
  nlohmann::json doc = nlohmann::json::parse(*content, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_array()) return Status::Corruption(path + ": not a JSON array");
  PloverCountryScore score;
  for (const auto& rec : doc) {
    if (!rec.is_object() || !rec.contains("text") || !rec["text"].is_string()) continue;
    ++score.records;
    std::set<std::string> gold, pred;
    if (rec.contains("source")) AddCodes(rec["source"], g, &gold, &score.gold_codes_skipped);
    if (rec.contains("target")) AddCodes(rec["target"], g, &gold, &score.gold_codes_skipped);
    int32_t day = TimeValue::Day(2000, 1, 1).earliest;
    if (rec.contains("date") && rec["date"].is_string()) {
      TimeValue t = TimeValue::Parse(rec["date"].get<std::string>());
      if (t.ok()) day = t.earliest;
    }
    for (const ActorMention& m : g.Match(rec["text"].get<std::string>())) {
      const Actor* a = g.Find(m.actor_id);
      if (a == nullptr) continue;
      if (a->kind == ActorKind::kCountry) {
        pred.insert(a->id);
        continue;
      }
      for (const std::string& anc : g.Ancestors(a->id, day)) {
        const Actor* c = g.Find(anc);
        if (c != nullptr && c->kind == ActorKind::kCountry) {
          pred.insert(anc);
          break;  // the nearest country only
        }
      }
    }
    score.gold += gold.size();
    score.predicted += pred.size();
    for (const auto& c : pred) score.correct += gold.count(c);
  }
  return score;
}

size_t MeantimeEntityScore::total_gold() const {
  size_t n = 0;
  for (const auto& [k, v] : gold) n += v;
  return n;
}
size_t MeantimeEntityScore::total_matched() const {
  size_t n = 0;
  for (const auto& [k, v] : matched) n += v;
  return n;
}

Result<MeantimeEntityScore> EvalMeantimeEntities(const Gazetteer& g, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": no such directory");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".xml") files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  MeantimeEntityScore score;
  for (const auto& path : files) {
    auto content = ReadFile(path);
    if (!content.ok()) return content.status();
    const std::string& xml = *content;
    if (xml.find("<Document") == std::string::npos) continue;
    ++score.documents;
    // Tokens → text with byte spans.
    std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> token_span;
    std::string text;
    struct Mention {
      std::string syntactic_type;
      uint32_t begin = UINT32_MAX, end = 0;
    };
    std::unordered_map<std::string, Mention> mentions;  // m_id → entity mention
    std::unordered_map<std::string, std::string> entity_type;  // m_id → ent_type
    std::vector<std::pair<std::vector<std::string>, std::string>> refers;  // sources → target
    std::string current_mention, last_sentence;
    std::vector<std::string> ref_sources;
    bool in_refers = false;
    for (size_t p = xml.find('<'); p != std::string::npos; p = xml.find('<', p + 1)) {
      size_t q = xml.find('>', p);
      if (q == std::string::npos) break;
      std::string_view tag(xml.data() + p, q - p + 1);
      if (tag.rfind("<token ", 0) == 0) {
        size_t close = xml.find("</token>", q);
        if (close == std::string::npos) break;
        std::string word = Unescape(xml.substr(q + 1, close - q - 1));
        std::string sentence = Attr(tag, "sentence");
        if (!text.empty()) text += sentence != last_sentence ? "\n" : " ";
        last_sentence = sentence;
        uint32_t b = static_cast<uint32_t>(text.size());
        text += word;
        token_span[Attr(tag, "t_id")] = {b, static_cast<uint32_t>(text.size())};
      } else if (tag.rfind("<ENTITY_MENTION ", 0) == 0) {
        current_mention = Attr(tag, "m_id");
        mentions[current_mention].syntactic_type = Attr(tag, "syntactic_type");
      } else if (tag.rfind("</ENTITY_MENTION", 0) == 0) {
        current_mention.clear();
      } else if (tag.rfind("<token_anchor ", 0) == 0 && !current_mention.empty()) {
        auto it = token_span.find(Attr(tag, "t_id"));
        if (it != token_span.end()) {
          Mention& m = mentions[current_mention];
          m.begin = std::min(m.begin, it->second.first);
          m.end = std::max(m.end, it->second.second);
        }
      } else if (tag.rfind("<ENTITY ", 0) == 0) {
        entity_type[Attr(tag, "m_id")] = Attr(tag, "ent_type");
      } else if (tag.rfind("<REFERS_TO", 0) == 0) {
        in_refers = true;
        ref_sources.clear();
      } else if (in_refers && tag.rfind("<source ", 0) == 0) {
        ref_sources.push_back(Attr(tag, "m_id"));
      } else if (in_refers && tag.rfind("<target ", 0) == 0) {
        refers.emplace_back(ref_sources, Attr(tag, "m_id"));
      } else if (tag.rfind("</REFERS_TO", 0) == 0) {
        in_refers = false;
      }
    }
    std::vector<ActorMention> found = g.Match(text);
    score.predicted += found.size();
    auto overlaps = [&](uint32_t b, uint32_t e) {
      for (const auto& m : found) {
        if (m.begin < e && b < m.end) return true;
      }
      return false;
    };
    std::set<std::string> counted;
    for (const auto& [sources, target] : refers) {
      auto et = entity_type.find(target);
      if (et == entity_type.end()) continue;
      const std::string& type = et->second;
      if (type != "PER" && type != "ORG" && type != "LOC") continue;
      for (const auto& s : sources) {
        auto mit = mentions.find(s);
        if (mit == mentions.end() || mit->second.syntactic_type != "NAM" || mit->second.begin == UINT32_MAX) continue;
        if (!counted.insert(s).second) continue;
        ++score.gold[type];
        if (overlaps(mit->second.begin, mit->second.end)) ++score.matched[type];
      }
    }
    for (const auto& m : found) {
      bool in_gold = false;
      for (const auto& [id, gm] : mentions) {
        if (gm.begin != UINT32_MAX && gm.begin < m.end && m.begin < gm.end) {
          in_gold = true;
          break;
        }
      }
      if (!in_gold) ++score.predicted_outside_gold;
    }
  }
  return score;
}

}  // namespace kbq::ingest
