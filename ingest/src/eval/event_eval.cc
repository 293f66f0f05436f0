// Event evaluation on the PLOVER gold standard records.
#include "kbq/ingest/event_eval.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kbq::ingest {
namespace {

std::string CountryOf(const std::string& id, const ActorLookupFn& lookup) {
  const Actor* a = lookup ? lookup(id) : nullptr;
  if (!a || a->kind == ActorKind::kCountry) return id;
  if (!a->affiliations.empty()) return a->affiliations.front().actor_id;
  if (!a->part_of.empty()) return a->part_of.front();
  return id;
}

std::set<std::string> GoldCodes(const nlohmann::json& v) {
  std::set<std::string> out;
  if (!v.is_array()) return out;
  for (const auto& a : v) {
    if (a.is_object() && a.contains("code") && a["code"].is_string()) out.insert(a["code"].get<std::string>());
  }
  return out;
}

}  // namespace

std::string PloverCategory(const Event& e, const EventExtractor& extractor) {
  const EventTypeInfo* t = extractor.FindType(e.type);
  if (!t || t->plover == "-") return "-";
  const std::string& p = t->plover;
  switch (e.modality) {
    case Modality::kPlanned:
      if (CooperativePlover(p)) return "AGREE";
      if (HostilePlover(p)) return "THREATEN";
      return p;
    case Modality::kDemanded:
      return p == "REJECT" || p == "DISAPPROVE" ? p : "DEMAND";
    case Modality::kNegated:
      return CooperativePlover(p) ? "REJECT" : p;
    default:
      return p;
  }
}

std::string EventEvalReport::ToString() const {
  std::ostringstream o;
  auto pct = [](size_t a, size_t b) { return b ? 100.0 * double(a) / double(b) : 0.0; };
  o.setf(std::ios::fixed);
  o.precision(1);
  o << "records " << records << ", with an event " << with_event << "\n";
  o << "type accuracy " << pct(type_correct, records) << "% (" << type_correct << "/" << records << ")\n";
  o << "source accuracy " << pct(source_correct, source_gold) << "% (" << source_correct << "/" << source_gold << ")\n";
  o << "target accuracy " << pct(target_correct, target_gold) << "% (" << target_correct << "/" << target_gold << ")\n";
  for (const auto& [cat, nc] : per_category) {
    o << "  " << cat << " " << nc.second << "/" << nc.first << "\n";
  }
  return o.str();
}

Result<EventEvalReport> EvaluateEvents(const std::string& path, const EventExtractor& extractor,
                                       const ActorMatcherFn& matcher, const TimeTaggerFn& tagger,
                                       const ActorLookupFn& lookup_actor) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot open " + path);
  nlohmann::json gold;
  try {
    in >> gold;
  } catch (const std::exception& ex) {
    return Status::Corruption(path + ": " + ex.what());
  }
  if (!gold.is_array()) return Status::Corruption(path + ": expected a JSON array");
  EventEvalReport rep;
  for (const auto& rec : gold) {
    if (!rec.is_object() || !rec.contains("text") || !rec["text"].is_string()) continue;
    std::string text = rec["text"].get<std::string>();
    if (text.empty()) continue;
    std::string want = rec.value("event", "");
    std::string id = rec.value("id", "");
    ++rep.records;
    Document doc;
    doc.article.id = "gsr-" + id;
    doc.article.language = "en";
    doc.article.text = text;
    // Published on the record's date, as `kbq extract --published` is run by
    // tests/eval/plover_cli.py (an unset day would make every date "future").
    TimeValue pub = TimeValue::Parse(rec.value("date", std::string("2000-01-01")));
    if (!pub.ok()) pub = TimeValue::Parse("2000-01-01");
    doc.article.published_utc = int64_t(pub.earliest) * 86400;
    doc.sentences.push_back({0, uint32_t(text.size())});
    std::vector<TimeMention> times = tagger ? tagger(text) : std::vector<TimeMention>{};
    std::vector<ActorMention> actors = matcher ? matcher(text) : std::vector<ActorMention>{};
    Extraction x = extractor.Extract(doc, times, actors, lookup_actor);
    // The main event: the first by trigger position whose type has a PLOVER
    // category, verbs before nouns (a sentence's predicate carries its event).
    const Event* main = nullptr;
    uint32_t best = UINT32_MAX;
    for (const auto& e : x.events) {
      if (PloverCategory(e, extractor) == "-") continue;
      const Mention& m = e.mentions.front();
      uint32_t pos = uint32_t(text.find(m.trigger));
      if (pos < best) { best = pos; main = &e; }
    }
    auto& cat = rep.per_category[want];
    ++cat.first;
    std::string got = main ? PloverCategory(*main, extractor) : "-";
    if (main) ++rep.with_event;
    if (got == want) {
      ++rep.type_correct;
      ++cat.second;
    } else {
      rep.errors.push_back(id + "\tcategory\t" + want + "\t" + got + "\t" + (main ? main->mentions.front().trigger : "-") +
                           "\t" + text);
    }
    auto gs = GoldCodes(rec.value("source", nlohmann::json()));
    auto gt = GoldCodes(rec.value("target", nlohmann::json()));
    // A demanded act ("Russia said Sudan must return the helicopter": a
    // release by Sudan, demanded, attributed to Russia) is PLOVER's DEMAND of
    // the one who voiced it (source) from the one who must act (target).
    const bool demand_of = main && main->modality == Modality::kDemanded && got == "DEMAND" &&
                           !main->attribution.actor_id.empty() &&
                           extractor.FindType(main->type)->plover != "DEMAND";
    auto predicted = [&](Role role) {
      std::set<std::string> out;
      if (!main) return out;
      if (demand_of && role == Role::kSource) {
        out.insert(CountryOf(main->attribution.actor_id, lookup_actor));
        return out;
      }
      for (const auto& p : main->participants) {
        if (p.role != (demand_of ? Role::kSource : role)) continue;
        const std::string country = CountryOf(p.actor_id, lookup_actor);
        out.insert(country);
        // PLOVER codes an organisation by its type (IGO, NGO), not by name;
        // kbq names it (org:un) and does not record the type: an
        // organisation (or a person affiliated with one) counts for either.
        const Actor* a = lookup_actor ? lookup_actor(country) : nullptr;
        if (a && a->kind == ActorKind::kOrganisation) {
          out.insert("IGO");
          out.insert("NGO");
        }
      }
      return out;
    };
    auto hit = [](const std::set<std::string>& a, const std::set<std::string>& b) {
      return std::any_of(a.begin(), a.end(), [&](const std::string& s) { return b.count(s) > 0; });
    };
    auto join = [](const std::set<std::string>& codes) {
      std::string out;
      for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
      return out.empty() ? std::string("-") : out;
    };
    auto score = [&](const std::set<std::string>& gold_codes, Role role, const char* what, size_t* n_gold,
                     size_t* n_correct) {
      if (gold_codes.empty()) return;
      ++*n_gold;
      std::set<std::string> got_codes = predicted(role);
      if (hit(got_codes, gold_codes)) {
        ++*n_correct;
      } else {
        rep.errors.push_back(id + "\t" + what + "\t" + join(gold_codes) + "\t" + join(got_codes) + "\t" + text);
      }
    };
    score(gs, Role::kSource, "source", &rep.source_gold, &rep.source_correct);
    score(gt, Role::kTarget, "target", &rep.target_gold, &rep.target_correct);
  }
  return rep;
}

}  // namespace kbq::ingest
