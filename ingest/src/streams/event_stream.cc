#include "kbq/ingest/event_stream.h"

#include "text_util.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "streams/event_jsonl.h"
#include "streams/event_stream_tables.h"
#include "kbq/time_value.h"
#include "streams/zip_reader.h"

namespace kbq::ingest {

std::string_view StreamFormatName(StreamFormat f) {
  return f == StreamFormat::kGdelt ? "gdelt" : f == StreamFormat::kIcews ? "icews" : "events";
}

std::optional<StreamFormat> ParseStreamFormat(std::string_view name) {
  if (name == "gdelt") return StreamFormat::kGdelt;
  if (name == "icews") return StreamFormat::kIcews;
  if (name == "events") return StreamFormat::kEvents;
  return std::nullopt;
}

namespace {

// Attributes that add up when rows merge, and those that are means over rows.
constexpr std::string_view kSumKeys[] = {"rows", "num_mentions", "num_sources", "num_articles"};
constexpr std::string_view kMeanKeys[] = {"goldstein", "avg_tone"};

std::string EventId(std::string_view key) { return "ev-" + internal::Hex16(internal::Fnv1a64(key)); }

using internal::Split;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseDouble(std::string_view s) {
  double v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// YYYYMMDD → day number; nullopt when not a calendar date.
std::optional<int32_t> ParseYmd(std::string_view s) {
  if (s.size() != 8 || !AllDigits(s)) return std::nullopt;
  int y = std::atoi(std::string(s.substr(0, 4)).c_str());
  unsigned m = static_cast<unsigned>(std::atoi(std::string(s.substr(4, 2)).c_str()));
  unsigned d = static_cast<unsigned>(std::atoi(std::string(s.substr(6, 2)).c_str()));
  TimeValue t = TimeValue::Day(y, m, d);
  if (!t.ok()) return std::nullopt;
  return t.earliest;
}

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// ------------------------------------------------------------ batch builder

// Collects events (merging same-id ones) and the actors they name; hands a
// batch to the sink when it is full.
class BatchBuilder {
 public:
  BatchBuilder(const StreamOptions& options, const std::function<Status(StreamBatch&&)>& sink,
               StreamStats* stats)
      : options_(options), sink_(sink), stats_(stats) {}

  // Adds an actor, or the names it brings to an actor already in the batch.
  void AddActor(Actor actor) {
    auto it = actor_index_.find(actor.id);
    if (it == actor_index_.end()) {
      actor_index_.emplace(actor.id, batch_.actors.size());
      batch_.actors.push_back(std::move(actor));
      return;
    }
    Actor& have = batch_.actors[it->second];
    for (auto& [lang, name] : actor.names) {
      auto n = have.names.find(lang);
      if (n == have.names.end()) {
        have.names.emplace(lang, name);
      } else if (n->second != name) {
        auto& aliases = have.aliases[lang];
        if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) aliases.push_back(name);
      }
    }
    for (auto& [lang, names] : actor.aliases) {
      auto& aliases = have.aliases[lang];
      for (auto& name : names) {
        if (name != have.names[lang] && std::find(aliases.begin(), aliases.end(), name) == aliases.end()) {
          aliases.push_back(name);
        }
      }
    }
  }
  bool HasActor(const std::string& id) const { return actor_index_.count(id) > 0; }

  Status AddEvent(Event event) {
    auto it = event_index_.find(event.id);
    if (it != event_index_.end()) {
      MergeStreamEvent(&batch_.events[it->second], event);
      return Status::OK();
    }
    event_index_.emplace(event.id, batch_.events.size());
    batch_.events.push_back(std::move(event));
    if (batch_.events.size() >= std::max<size_t>(1, options_.batch_events)) return Flush();
    return Status::OK();
  }

  Status Flush() {
    if (batch_.events.empty() && batch_.actors.empty()) return Status::OK();
    if (stats_) stats_->events += batch_.events.size();
    StreamBatch out = std::move(batch_);
    batch_ = StreamBatch();
    event_index_.clear();
    actor_index_.clear();
    return sink_(std::move(out));
  }

 private:
  const StreamOptions& options_;
  const std::function<Status(StreamBatch&&)>& sink_;
  StreamStats* stats_;
  StreamBatch batch_;
  std::unordered_map<std::string, size_t> event_index_;
  std::unordered_map<std::string, size_t> actor_index_;
};

// ------------------------------------------------------------ actors

// Builds kbq actors from stream actor descriptions, adding them to the batch.
class ActorMapper {
 public:
  ActorMapper(BatchBuilder* batch, std::string source) : batch_(batch), source_(std::move(source)) {}

  bool IsIsoCountry(const std::string& code) const { return t_.country_name.count(code) > 0; }

  // An ISO3 country actor (only its English name: the gazetteer holds the rest).
  std::string Country(const std::string& iso3) {
    Actor a;
    a.id = iso3;
    a.kind = ActorKind::kCountry;
    auto it = t_.country_name.find(iso3);
    a.names["en"] = it != t_.country_name.end() ? it->second : iso3;
    a.source = "iso-codes";
    batch_->AddActor(std::move(a));
    return iso3;
  }

  // A CAMEO country field: ISO3 as is; a regional or old code via the table.
  // Empty when unknown.
  std::string CameoCountry(const std::string& code) {
    if (code.empty()) return "";
    if (IsIsoCountry(code)) return Country(code);
    auto it = t_.country_codes.find(code);
    if (it == t_.country_codes.end()) return "";
    return FromCode(it->second, {});
  }

  std::string FipsCountry(const std::string& fips) {
    auto it = t_.fips_to_iso3.find(fips);
    if (it == t_.fips_to_iso3.end()) return "";
    return Country(it->second);
  }

  // A table actor (region, known group).
  std::string FromCode(const CameoActorCode& c, const std::string& surface) {
    if (c.kind == ActorKind::kCountry) return Country(c.actor_id);
    Actor a;
    a.id = c.actor_id;
    a.kind = c.kind;
    a.names["en"] = c.name;
    if (!surface.empty() && surface != c.name) a.aliases["en"].push_back(surface);
    a.source = "cameo";
    batch_->AddActor(std::move(a));
    return c.actor_id;
  }

  // The sector of a country: "group:ukr-police", named "Police (Ukraine)".
  std::string Sector(const std::string& country_id, const std::string& sector_slug,
                     const std::string& sector_name, ActorKind kind, const std::string& surface) {
    Actor a;
    a.kind = kind;
    if (country_id.empty()) {
      a.id = "group:" + sector_slug;
      a.names["en"] = sector_name;
    } else {
      std::string country_slug = IsIsoCountry(country_id) ? Slug(country_id) : Slug(StripPrefix(country_id));
      a.id = "group:" + country_slug + "-" + sector_slug;
      a.names["en"] = sector_name + " (" + CountryName(country_id) + ")";
      a.part_of.push_back(country_id);
    }
    if (!surface.empty() && surface != a.names["en"]) a.aliases["en"].push_back(surface);
    a.source = source_;
    std::string id = a.id;
    batch_->AddActor(std::move(a));
    return id;
  }

  std::string Named(const std::string& prefix, ActorKind kind, const std::string& name,
                    const std::string& country_id, const std::string& role) {
    std::string slug = Slug(name);
    if (slug.empty()) return "";
    Actor a;
    a.id = prefix + slug;
    a.kind = kind;
    a.names["en"] = name;
    if (!country_id.empty()) {
      if (kind == ActorKind::kPerson) {
        a.affiliations.push_back(Affiliation{country_id, role, TimeValue()});
      } else {
        a.part_of.push_back(country_id);
      }
    }
    a.source = source_;
    std::string id = a.id;
    batch_->AddActor(std::move(a));
    return id;
  }

  // A place named by its full name ("Kyiv, Kyyiv, Misto, Ukraine").
  std::string Place(const std::string& full_name, const std::string& country_id) {
    Actor a;
    a.id = "place:" + Slug(full_name);
    if (a.id == "place:") return "";
    a.kind = ActorKind::kPlace;
    a.names["en"] = full_name;
    if (!country_id.empty()) a.part_of.push_back(country_id);
    a.source = source_;
    std::string id = a.id;
    batch_->AddActor(std::move(a));
    return id;
  }

  // Heuristic, for names that come without a kind: 2 to 6 words (one of 3+ letters), none of
  // them an institution or place word (name_words.tsv), not a country name,
  // not one of `places` (the row's geographic names).
  bool LooksLikePerson(const std::string& name, const std::vector<std::string>& places) const {
    std::string key = NameKey(name);
    if (key.empty() || t_.country_by_name.count(CountryKey(name))) return false;
    for (const std::string& p : places) {
      if (p == key) return false;
    }
    std::vector<std::string_view> words = Split(key, ' ');
    if (words.size() < 2 || words.size() > 6) return false;
    size_t long_words = 0;  // "U. S." is no name; "C.S. Singh" is
    for (std::string_view w : words) {
      if (t_.name_words.count(std::string(w))) return false;
      if (AllDigits(w)) return false;
      if (w.size() >= 3) ++long_words;
    }
    return long_words >= 1;
  }

  std::string CountryName(const std::string& id) const {
    auto it = t_.country_name.find(id);
    if (it != t_.country_name.end()) return it->second;
    for (const auto& [code, c] : t_.country_codes) {
      if (c.actor_id == id) return c.name;
    }
    return id;
  }

  const StreamTables& tables() const { return t_; }

 private:
  static std::string StripPrefix(const std::string& id) {
    size_t colon = id.find(':');
    return colon == std::string::npos ? id : id.substr(colon + 1);
  }
  const StreamTables& t_ = GetStreamTables();
  BatchBuilder* batch_;
  std::string source_;
};

// ------------------------------------------------------------ GDELT

// Column positions: 2.0 has 61 columns (ADM2 codes, DATEADDED as
// YYYYMMDDHHMMSS); 1.0 has 57 (historical backfiles, no SOURCEURL) or 58
// (daily files) without the ADM2 columns and with DATEADDED as YYYYMMDD.
// Columns 0..34 (ids, dates, actors, event codes, counts) are the same.
struct GdeltLayout {
  size_t columns;
  size_t a1geo_name, a1geo_cc, a2geo_name, a2geo_cc;
  size_t ag_type, ag_name, ag_cc;
  size_t date_added;
  size_t url;  // == columns when absent
};
constexpr GdeltLayout kGdelt2{61, 36, 37, 44, 45, 51, 52, 53, 59, 60};
constexpr GdeltLayout kGdelt1Url{58, 36, 37, 43, 44, 49, 50, 51, 56, 57};
constexpr GdeltLayout kGdelt1{57, 36, 37, 43, 44, 49, 50, 51, 56, 57};

enum GdeltCol : size_t {
  kGlobalEventId = 0,
  kSqlDate = 1,
  kActor1Code = 5,
  kActor1Name = 6,
  kActor1Country = 7,
  kActor1KnownGroup = 8,
  kActor2Code = 15,
  kActor2Name = 16,
  kActor2Country = 17,
  kActor2KnownGroup = 18,
  kEventCode = 26,
  kEventRootCode = 28,
  kGoldstein = 30,
  kNumMentions = 31,
  kNumSources = 32,
  kNumArticles = 33,
  kAvgTone = 34,
};

class GdeltReader {
 public:
  GdeltReader(const std::string& path, BatchBuilder* batch,
              const std::function<void(const Diagnostic&)>& diag, StreamStats* stats)
      : path_(path), batch_(batch), diag_(diag), stats_(stats), actors_(batch, "gdelt") {}

  // Returns non-ok only when the sink fails.
  Status Row(std::string_view line, uint64_t line_no, uint64_t offset) {
    line_no_ = line_no;
    offset_ = offset;
    std::vector<std::string_view> f = Split(line, '\t');
    const GdeltLayout* layout = nullptr;
    if (locked_ != nullptr) {
      if (f.size() == locked_->columns) layout = locked_;
    } else if (f.size() == 61) {
      layout = &kGdelt2;
    } else if (f.size() == 58) {
      layout = &kGdelt1Url;
    } else if (f.size() == 57) {
      layout = &kGdelt1;
    }
    if (layout == nullptr) {
      std::string expected = locked_ ? std::to_string(locked_->columns) : "61 (GDELT 2.0), 58 or 57 (GDELT 1.0)";
      return Reject("expected " + expected + " tab-separated columns, found " + std::to_string(f.size()));
    }

    if (!AllDigits(f[kGlobalEventId])) return Reject("bad GLOBALEVENTID '" + std::string(f[kGlobalEventId]) + "'");
    std::optional<int32_t> sql_day = ParseYmd(f[kSqlDate]);
    if (!sql_day) return Reject("bad SQLDATE '" + std::string(f[kSqlDate]) + "'");
    std::string_view code = f[kEventCode];
    if (!AllDigits(code) || code.size() < 2 || code.size() > 4) {
      return Reject("bad EventCode '" + std::string(code) + "'");
    }
    std::string root(f[kEventRootCode].empty() ? code.substr(0, 2) : f[kEventRootCode]);
    if (!AllDigits(root) || root.size() != 2 || root != code.substr(0, 2)) {
      return Reject("bad EventRootCode '" + root + "' for EventCode " + std::string(code));
    }
    double nums[5];
    const std::pair<GdeltCol, const char*> num_cols[5] = {{kGoldstein, "GoldsteinScale"},
                                                          {kNumMentions, "NumMentions"},
                                                          {kNumSources, "NumSources"},
                                                          {kNumArticles, "NumArticles"},
                                                          {kAvgTone, "AvgTone"}};
    for (int i = 0; i < 5; ++i) {
      std::string_view v = f[num_cols[i].first];
      bool integral = i >= 1 && i <= 3;
      std::optional<double> d;
      if (integral) {
        std::optional<int64_t> n = ParseInt(v);
        if (n && *n >= 0) d = static_cast<double>(*n);
      } else {
        d = ParseDouble(v);
      }
      if (!d) return Reject(std::string("bad ") + num_cols[i].second + " '" + std::string(v) + "'");
      nums[i] = *d;
    }
    std::string_view added = f[layout->date_added];
    std::optional<int32_t> added_day;
    if (added.size() == 14 || added.size() == 8) added_day = ParseYmd(added.substr(0, 8));
    if (!added_day || !AllDigits(added)) return Reject("bad DATEADDED '" + std::string(added) + "'");
    locked_ = layout;

    // Dates. GDELT sometimes codes an event a whole number of years before
    // the article that reports it (the first 2.0 slice, 2015-02-18, holds
    // 52 rows dated exactly 2014-02-18, among them reports of the Debaltseve
    // retreat of 2015-02-18). Decision: when SQLDATE is a year or more away
    // from DATEADDED (the day the article was read) we warn; when it also
    // falls on the same month and day, it is that artefact, and the event is
    // dated DATEADDED's day instead (date_basis "publication", approximate),
    // keeping the original in attributes["gdelt_sqldate"]. Any other distant
    // SQLDATE is kept but marked approximate.
    int32_t day = *sql_day;
    bool approximate = false;
    std::string basis = "explicit";
    int32_t gap = *added_day - *sql_day;
    if (std::abs(gap) >= 365) {
      int ys, ya;
      unsigned ms, ds, ma, da;
      CivilFromDays(*sql_day, &ys, &ms, &ds);
      CivilFromDays(*added_day, &ya, &ma, &da);
      approximate = true;
      std::string where = std::to_string(std::abs(gap)) + (gap > 0 ? " days before" : " days after");
      if (ms == ma && ds == da) {
        day = *added_day;
        basis = "publication";
        Warn("SQLDATE " + std::string(f[kSqlDate]) + " is " + where + " DATEADDED " +
             std::string(added.substr(0, 8)) + " on the same month and day (GDELT year artefact): dated " +
             FormatDay(day) + ", approximate");
      } else {
        Warn("SQLDATE " + std::string(f[kSqlDate]) + " is " + where + " DATEADDED " +
             std::string(added.substr(0, 8)) + ": kept, approximate");
      }
    }

    // Actors and place.
    std::vector<std::string> places;
    for (size_t c : {layout->a1geo_name, layout->a2geo_name, layout->ag_name}) {
      for (std::string_view part : Split(f[c], ',')) places.push_back(NameKey(part));
    }
    std::string src = Actor(f[kActor1Code], f[kActor1Name], f[kActor1Country], f[kActor1KnownGroup],
                            f[layout->a1geo_cc], places);
    std::string tgt = Actor(f[kActor2Code], f[kActor2Name], f[kActor2Country], f[kActor2KnownGroup],
                            f[layout->a2geo_cc], places);
    std::string place_id;
    std::string geo_country = actors_.FipsCountry(std::string(f[layout->ag_cc]));
    if (f[layout->ag_type] == "1") {
      place_id = geo_country;  // a country-level location is the country itself
    } else if (!f[layout->ag_name].empty()) {
      place_id = actors_.Place(std::string(f[layout->ag_name]), geo_country);
    }

    Event e;
    std::string key = "gdelt|" + FormatDay(day) + "|" + src + "|" + tgt + "|" + root;
    e.id = EventId(key);
    e.cameo = std::string(code);
    std::optional<CameoEventInfo> info = LookupCameoCode(code);
    e.type = info ? info->type : "cameo_" + std::string(code);
    if (!info) Warn("unknown CAMEO EventCode " + std::string(code));
    e.date = TimeValue::Days(day, day, Precision::kDay);
    e.date.approximate = approximate;
    e.date_basis = basis;
    if (!src.empty()) e.participants.push_back(Participant{src, Role::kSource});
    if (!tgt.empty()) e.participants.push_back(Participant{tgt, Role::kTarget});
    e.place_id = place_id;
    e.modality = Modality::kReported;
    e.confidence = 0.5;
    Mention m;
    m.article_id = "gdelt:" + std::string(f[kGlobalEventId]);
    m.text = layout->url < f.size() ? std::string(f[layout->url]) : "";
    m.trigger = std::string(code);
    m.date_text = std::string(f[kSqlDate]);
    e.mentions.push_back(std::move(m));
    e.attributes["rows"] = 1;
    e.attributes["goldstein"] = nums[0];
    e.attributes["num_mentions"] = nums[1];
    e.attributes["num_sources"] = nums[2];
    e.attributes["num_articles"] = nums[3];
    e.attributes["avg_tone"] = nums[4];
    if (basis == "publication") e.attributes["gdelt_sqldate"] = static_cast<double>(*ParseInt(f[kSqlDate]));
    e.labels["en"] = Label(src, info ? info->name : e.cameo, tgt);
    return batch_->AddEvent(std::move(e));
  }

 private:
  std::string Label(const std::string& src, const std::string& what, const std::string& tgt) {
    std::string s = src.empty() ? "" : Display(src) + ": ";
    s += what;
    if (!tgt.empty()) s += " → " + Display(tgt);
    return s;
  }
  std::string Display(const std::string& id) {
    auto it = names_.find(id);
    return it != names_.end() ? it->second : id;
  }

  // GDELT actor fields → a kbq actor id ("" when there is no actor).
  std::string Actor(std::string_view code_sv, std::string_view name_sv, std::string_view country_sv,
                    std::string_view known_sv, std::string_view geo_fips, const std::vector<std::string>& places) {
    if (code_sv.empty()) return "";
    const StreamTables& t = actors_.tables();
    std::string code(code_sv), cc(country_sv), known(known_sv);
    std::string name = TitleCaseIfUpper(name_sv);
    std::string id = ActorId(code, name, cc, known, std::string(geo_fips), places, t);
    if (!id.empty() && !names_.count(id)) {
      names_[id] = id.find(':') == std::string::npos ? actors_.CountryName(id) : (name.empty() ? id : name);
      if (names_.size() > 100000) names_.clear();  // only for labels; keep memory bounded
    }
    return id;
  }

  std::string ActorId(const std::string& code, const std::string& name, const std::string& cc,
                      const std::string& known, const std::string& geo_fips,
                      const std::vector<std::string>& places, const StreamTables& t) {
    std::string country = actors_.CameoCountry(cc);
    if (!cc.empty() && code == cc) return country.empty() ? Fallback(name) : country;
    if (!known.empty()) {
      auto it = t.known_groups.find(known);
      if (it != t.known_groups.end()) return actors_.FromCode(it->second, name);
    }
    // Role codes: 3-letter chunks after the country part ("RUSREB" → REB;
    // "MNCUSAMED" → MNC, USA, MED); the first known role decides.
    const CameoActorCode* role = nullptr;
    for (size_t i = 0; i + 3 <= code.size(); i += 3) {
      std::string chunk = code.substr(i, 3);
      if (chunk == cc) continue;
      auto it = t.roles.find(chunk);
      if (it != t.roles.end()) {
        role = &it->second;
        break;
      }
    }
    if (role == nullptr) return !country.empty() ? country : Fallback(name);
    // A role without a country: GDELT's geocoding of the actor tells where
    // it is ("GOV" "PRESIDENT" located in Ukraine → Ukraine's government).
    if (country.empty() && cc.empty()) country = actors_.FipsCountry(geo_fips);
    if (role->code == "IGO" || role->code == "NGO" || role->code == "MNC") {
      if (name.empty()) return actors_.Sector(country, role->actor_id, role->name, role->kind, "");
      return actors_.Named("org:", ActorKind::kOrganisation, name, role->code == "IGO" ? "" : country, "");
    }
    // A person only on a country's actor: GDELT names a role code without a
    // country ("GOV" "ATTORNEY GENERAL") after the agent word it matched.
    if (role->person && !cc.empty() && !name.empty() && actors_.LooksLikePerson(name, places)) {
      return actors_.Named("person:", ActorKind::kPerson, name, country, role->actor_id);
    }
    return actors_.Sector(country, role->actor_id, role->name, role->kind, name);
  }

  std::string Fallback(const std::string& name) {
    if (name.empty()) return "";
    return actors_.Named("group:", ActorKind::kGroup, name, "", "");
  }

  Status Reject(std::string message) {
    if (stats_) ++stats_->rows_rejected;
    diag_(Diagnostic{Diagnostic::Severity::kError, path_, line_no_, offset_, std::move(message)});
    return Status::OK();
  }
  void Warn(std::string message) {
    if (stats_) ++stats_->warnings;
    diag_(Diagnostic{Diagnostic::Severity::kWarning, path_, line_no_, offset_, std::move(message)});
  }

  const std::string& path_;
  BatchBuilder* batch_;
  const std::function<void(const Diagnostic&)>& diag_;
  StreamStats* stats_;
  ActorMapper actors_;
  const GdeltLayout* locked_ = nullptr;  // the layout of the first good row
  uint64_t line_no_ = 0, offset_ = 0;
  std::unordered_map<std::string, std::string> names_;
};

// ------------------------------------------------------------ ICEWS

class IcewsReader {
 public:
  IcewsReader(const std::string& path, BatchBuilder* batch,
              const std::function<void(const Diagnostic&)>& diag, StreamStats* stats)
      : path_(path), base_(Basename(path)), batch_(batch), diag_(diag), stats_(stats), actors_(batch, "icews") {}

  Status Row(std::string_view line, uint64_t line_no, uint64_t offset) {
    line_no_ = line_no;
    offset_ = offset;
    std::vector<std::string_view> f = Split(line, '\t');
    if (f.size() != 4) return Reject("expected 4 tab-separated columns, found " + std::to_string(f.size()));
    std::string_view date = f[3];
    std::optional<int32_t> day;
    if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
      day = ParseYmd(std::string(date.substr(0, 4)) + std::string(date.substr(5, 2)) +
                     std::string(date.substr(8, 2)));
    }
    if (!day) return Reject("bad date '" + std::string(date) + "'");
    std::optional<CameoEventInfo> info = LookupCameoName(f[1]);
    if (!info) return Reject("unknown CAMEO event name '" + std::string(f[1]) + "'");
    if (f[0].empty() || f[2].empty()) return Reject("empty actor");
    std::string src = Actor(std::string(f[0]));
    std::string tgt = Actor(std::string(f[2]));

    Event e;
    e.id = EventId("icews|" + FormatDay(*day) + "|" + src + "|" + tgt + "|" + info->code);
    e.type = info->type;
    e.cameo = info->code;
    e.date = TimeValue::Days(*day, *day, Precision::kDay);
    e.date_basis = "explicit";
    e.participants.push_back(Participant{src, Role::kSource});
    e.participants.push_back(Participant{tgt, Role::kTarget});
    e.modality = Modality::kReported;
    Mention m;
    m.article_id = "icews:" + base_ + ":" + std::to_string(line_no);
    m.text = std::string(line);
    m.trigger = std::string(f[1]);
    m.date_text = std::string(date);
    e.mentions.push_back(std::move(m));
    e.attributes["rows"] = 1;
    e.labels["en"] = std::string(f[0]) + ": " + info->name + " → " + std::string(f[2]);
    return batch_->AddEvent(std::move(e));
  }

 private:
  // ICEWS actor strings: a country name ("Ukraine"); a sector of a country
  // ("Police (Ukraine)"); a person ("Vladimir Putin"); an organisation.
  std::string Actor(const std::string& s) {
    const StreamTables& t = actors_.tables();
    std::string country = CountryOrRegion(s);
    if (!country.empty()) return country;
    if (s.size() > 3 && s.back() == ')') {
      size_t open = s.rfind(" (");
      if (open != std::string::npos) {
        std::string sector = s.substr(0, open);
        std::string inner = s.substr(open + 2, s.size() - open - 3);
        country = CountryOrRegion(inner);
        if (!country.empty()) {
          auto r = t.role_by_name.find(NameKey(sector));
          if (r != t.role_by_name.end()) {
            const CameoActorCode& role = t.roles.at(r->second);
            return actors_.Sector(country, role.actor_id, role.name, role.kind, s);
          }
          return actors_.Sector(country, Slug(sector), sector, ActorKind::kGroup, s);
        }
        return actors_.Named("group:", ActorKind::kGroup, s, "", "");
      }
    }
    if (actors_.LooksLikePerson(s, {})) return actors_.Named("person:", ActorKind::kPerson, s, "", "");
    return actors_.Named("org:", ActorKind::kOrganisation, s, "", "");
  }

  // "Russia" → RUS; "Middle East" → place:middle-east (a CAMEO region); "".
  std::string CountryOrRegion(const std::string& name) {
    const StreamTables& t = actors_.tables();
    std::string key = CountryKey(name);
    auto c = t.country_by_name.find(key);
    if (c != t.country_by_name.end()) return actors_.Country(c->second);
    auto r = t.region_by_name.find(key);
    if (r != t.region_by_name.end()) return actors_.FromCode(t.country_codes.at(r->second), "");
    return "";
  }

  Status Reject(std::string message) {
    if (stats_) ++stats_->rows_rejected;
    diag_(Diagnostic{Diagnostic::Severity::kError, path_, line_no_, offset_, std::move(message)});
    return Status::OK();
  }

  const std::string& path_;
  std::string base_;
  BatchBuilder* batch_;
  const std::function<void(const Diagnostic&)>& diag_;
  StreamStats* stats_;
  ActorMapper actors_;
  uint64_t line_no_ = 0, offset_ = 0;
};

}  // namespace

// ------------------------------------------------------------ public API

Status ReadEventStream(const std::string& path, StreamFormat format, const StreamOptions& options,
                       const std::function<Status(StreamBatch&&)>& sink,
                       const std::function<void(const Diagnostic&)>& diag, StreamStats* stats) {
  if (format == StreamFormat::kEvents) return ReadEventJsonLines(path, options, sink, diag, stats);
  Result<std::unique_ptr<InputStream>> in = OpenInputStream(path);
  if (!in.ok()) return in.status();
  LineReader lines(std::move(in).value());
  StreamStats local;
  if (stats == nullptr) stats = &local;
  BatchBuilder batch(options, sink, stats);
  GdeltReader gdelt(path, &batch, diag, stats);
  IcewsReader icews(path, &batch, diag, stats);
  std::string line;
  while (lines.Next(&line)) {
    if (line.empty()) continue;
    ++stats->rows;
    Status s = format == StreamFormat::kGdelt ? gdelt.Row(line, lines.line_number(), lines.line_offset())
                                              : icews.Row(line, lines.line_number(), lines.line_offset());
    if (!s.ok()) return s;
  }
  if (!lines.status().ok()) return lines.status().WithContext(path);
  return batch.Flush();
}

bool MergeStreamEvent(Event* stored, const Event& incoming) {
  std::unordered_set<std::string> have;
  for (const Mention& m : stored->mentions) have.insert(m.article_id);
  std::vector<const Mention*> fresh;
  for (const Mention& m : incoming.mentions) {
    if (have.insert(m.article_id).second) fresh.push_back(&m);
  }
  if (fresh.empty()) return false;
  // Each mention stands for one row; when only some of `incoming`'s rows are
  // new (a file read again with other batch boundaries), its counts are
  // scaled to the new share.
  double share = incoming.mentions.empty() ? 1.0
                                           : static_cast<double>(fresh.size()) / incoming.mentions.size();
  auto get = [](const Event& e, std::string_view k, double dflt) {
    auto it = e.attributes.find(std::string(k));
    return it == e.attributes.end() ? dflt : it->second;
  };
  double rows_stored = get(*stored, "rows", static_cast<double>(stored->mentions.size()));
  double rows_new = get(incoming, "rows", static_cast<double>(incoming.mentions.size())) * share;
  for (std::string_view k : kMeanKeys) {
    auto in = incoming.attributes.find(std::string(k));
    if (in == incoming.attributes.end()) continue;
    auto st = stored->attributes.find(std::string(k));
    if (st == stored->attributes.end()) {
      stored->attributes[std::string(k)] = in->second;
    } else if (rows_stored + rows_new > 0) {
      st->second = (st->second * rows_stored + in->second * rows_new) / (rows_stored + rows_new);
    }
  }
  for (std::string_view k : kSumKeys) {
    auto in = incoming.attributes.find(std::string(k));
    if (in != incoming.attributes.end()) stored->attributes[std::string(k)] += in->second * share;
  }
  for (const auto& [k, v] : incoming.attributes) stored->attributes.emplace(k, v);  // others: first wins
  for (const Mention* m : fresh) stored->mentions.push_back(*m);
  // A row dated precisely confirms the day.
  if (stored->date.approximate && !incoming.date.approximate && stored->date.earliest == incoming.date.earliest) {
    stored->date.approximate = false;
    stored->date_basis = incoming.date_basis;
  }
  if (stored->place_id.empty()) stored->place_id = incoming.place_id;
  stored->confidence = std::max(stored->confidence, incoming.confidence);
  for (const auto& [lang, label] : incoming.labels) stored->labels.emplace(lang, label);
  return true;
}

std::optional<StreamFormat> DetectStreamFormat(const std::string& path, std::string_view first_line) {
  if (!first_line.empty()) {
    size_t tabs = static_cast<size_t>(std::count(first_line.begin(), first_line.end(), '\t'));
    if (tabs == 60 || tabs == 57 || tabs == 56) return StreamFormat::kGdelt;
    if (tabs == 3) {
      std::vector<std::string_view> f = Split(first_line, '\t');
      std::string_view d = f[3];
      if (d.size() == 10 && d[4] == '-' && d[7] == '-' && AllDigits(d.substr(0, 4))) return StreamFormat::kIcews;
    }
  }
  std::string base = Basename(path);
  std::string lower;
  for (char c : base) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower.find(".export.csv") != std::string::npos) return StreamFormat::kGdelt;
  if (lower.rfind("icews", 0) == 0) return StreamFormat::kIcews;
  return std::nullopt;
}

}  // namespace kbq::ingest
