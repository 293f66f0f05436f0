// Synthetic event-stream data for kbq_vs_sqlite: the same events, from a
// fixed seed, for every system under test.
//
// Nothing is held in memory: event i is a pure function of (seed, i), so the
// kbq child, the SQLite child and the edge-list writer for networkx each
// regenerate exactly the same rows.
//
//  * dates 1979-01-01..2025-12-31, news volume growing linearly with time;
//    events come in date order (event i is no earlier than event i-1, except
//    that month/year precision widens a day to its month/year);
//    80% day precision, 15% month, 5% year;
//  * 2 (70%) or 3 (30%) distinct participants drawn Zipf(s=1) from 5,000
//    actors (250 countries, then persons and organisations);
//  * a type from 20 CAMEO codes, Zipf(s=0.8);
//  * 1..5 links (mean 3.05) to earlier events: 85% to a nearby event
//    (geometric, mean 30 events back), 15% to any earlier event.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "kbq/model.h"
#include "kbq/time_value.h"

namespace kbqbench {

constexpr int kNumActors = 5000;
constexpr int kMaxLinks = 5;

struct CameoType {
  const char* cameo;
  const char* type;
};
inline constexpr CameoType kTypes[] = {
    {"010", "make_statement"},  {"036", "express_intent_to_meet"}, {"042", "make_visit"},
    {"043", "host_visit"},      {"046", "negotiate"},              {"051", "praise"},
    {"057", "sign_agreement"},  {"061", "cooperate_economically"}, {"071", "provide_economic_aid"},
    {"090", "investigate"},     {"111", "criticize"},              {"112", "accuse"},
    {"130", "threaten"},        {"141", "demonstrate"},            {"163", "impose_embargo"},
    {"172", "impose_sanctions"}, {"173", "arrest"},                {"190", "use_conventional_force"},
    {"193", "fight_small_arms"}, {"195", "aerial_attack"}};
constexpr int kNumTypes = sizeof(kTypes) / sizeof(kTypes[0]);

inline uint64_t SplitMix(uint64_t* s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t Next() { return SplitMix(&s); }
  double Uni() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }  // [0, 1)
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
};

// Cumulative Zipf weights over ranks 1..n; Sample returns a 0-based rank.
class Zipf {
 public:
  Zipf(int n, double s) : cdf_(n) {
    double total = 0;
    for (int r = 0; r < n; ++r) cdf_[r] = (total += 1.0 / std::pow(r + 1, s));
    for (auto& c : cdf_) c /= total;
  }
  int Sample(Rng& r) const {
    double u = r.Uni();
    auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
    return static_cast<int>(std::min<size_t>(it - cdf_.begin(), cdf_.size() - 1));
  }

 private:
  std::vector<double> cdf_;
};

// One generated event, compact.
struct Row {
  uint64_t i = 0;
  int32_t start = 0, end = 0;
  kbq::Precision precision = kbq::Precision::kDay;
  uint8_t type = 0;
  kbq::Modality modality = kbq::Modality::kAsserted;
  int num_actors = 0;
  uint16_t actors[3] = {0, 0, 0};
  int num_links = 0;
  uint64_t link_to[kMaxLinks] = {};
  kbq::LinkKind link_kind[kMaxLinks] = {};
  double mentions = 0, tone = 0, goldstein = 0, confidence = 0;
};

inline std::string ActorId(int rank) {
  char buf[32];
  if (rank < 250) {
    // Three letters, like an ISO 3166 alpha-3 code.
    buf[0] = static_cast<char>('A' + rank / 26 % 26);
    buf[1] = static_cast<char>('A' + rank % 26);
    buf[2] = static_cast<char>('A' + (rank * 7) % 26);
    return std::string(buf, 3);  // unique for rank < 676
  }
  std::snprintf(buf, sizeof buf, rank % 3 == 0 ? "org:o%04d" : "person:p%04d", rank);
  return buf;
}

class Generator {
 public:
  Generator(uint64_t seed, uint64_t n)
      : seed_(seed), n_(n), actors_(kNumActors, 1.0), types_(kNumTypes, 0.8) {
    day0_ = kbq::DaysFromCivil(1979, 1, 1);
    day1_ = kbq::DaysFromCivil(2025, 12, 31);
  }
  uint64_t size() const { return n_; }
  const Zipf& actor_zipf() const { return actors_; }

  std::string EventId(uint64_t i) const {
    uint64_t s = seed_ * 0x2545f4914f6cdd1dULL + i;
    char buf[32];
    std::snprintf(buf, sizeof buf, "ev-%016llx", static_cast<unsigned long long>(SplitMix(&s)));
    return buf;
  }

  Row Make(uint64_t i) const {
    Rng r(seed_ ^ (i * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL));
    r.Next();
    Row e;
    e.i = i;
    // Density proportional to 0.1 + x on [0, 1): inverse of its CDF.
    double t = (static_cast<double>(i) + r.Uni()) / static_cast<double>(n_);
    double x = -0.1 + std::sqrt(0.01 + 1.2 * t);
    x = std::clamp(x, 0.0, 1.0);
    int32_t day = day0_ + static_cast<int32_t>(x * (day1_ - day0_));
    double p = r.Uni();
    int y;
    unsigned m, d;
    kbq::CivilFromDays(day, &y, &m, &d);
    if (p < 0.80) {
      e.start = e.end = day;
      e.precision = kbq::Precision::kDay;
    } else if (p < 0.95) {
      e.start = kbq::DaysFromCivil(y, m, 1);
      e.end = (m == 12 ? kbq::DaysFromCivil(y + 1, 1, 1) : kbq::DaysFromCivil(y, m + 1, 1)) - 1;
      e.precision = kbq::Precision::kMonth;
    } else {
      e.start = kbq::DaysFromCivil(y, 1, 1);
      e.end = kbq::DaysFromCivil(y, 12, 31);
      e.precision = kbq::Precision::kYear;
    }
    e.type = static_cast<uint8_t>(types_.Sample(r));
    double mod = r.Uni();
    e.modality = mod < 0.90   ? kbq::Modality::kAsserted
                 : mod < 0.95 ? kbq::Modality::kReported
                 : mod < 0.98 ? kbq::Modality::kClaimed
                              : kbq::Modality::kNegated;
    e.num_actors = r.Uni() < 0.7 ? 2 : 3;
    for (int k = 0; k < e.num_actors; ++k) {
      for (;;) {
        int a = actors_.Sample(r);
        if (std::find(e.actors, e.actors + k, a) == e.actors + k) {
          e.actors[k] = static_cast<uint16_t>(a);
          break;
        }
      }
    }
    if (i > 0) {
      double q = r.Uni();
      int want = q < 0.10 ? 1 : q < 0.35 ? 2 : q < 0.65 ? 3 : q < 0.85 ? 4 : 5;
      for (int k = 0; k < want; ++k) {
        uint64_t j;
        kbq::LinkKind kind;
        if (r.Uni() < 0.85) {
          uint64_t back = 1 + static_cast<uint64_t>(-std::log(1.0 - r.Uni()) * 30.0);
          j = back > i ? 0 : i - back;
          double kq = r.Uni();
          kind = kq < 0.5 ? kbq::LinkKind::kBefore
                 : kq < 0.8 ? kbq::LinkKind::kStoryline
                            : kbq::LinkKind::kCauses;
        } else {
          j = r.Below(i);
          kind = r.Uni() < 0.7 ? kbq::LinkKind::kRefersTo : kbq::LinkKind::kSameAs;
        }
        if (std::find(e.link_to, e.link_to + e.num_links, j) != e.link_to + e.num_links) continue;
        e.link_to[e.num_links] = j;
        e.link_kind[e.num_links] = kind;
        ++e.num_links;
      }
    }
    e.mentions = static_cast<double>(1 + r.Below(60));
    e.tone = std::round((r.Uni() * 20 - 10) * 100) / 100;
    e.goldstein = std::round((r.Uni() * 20 - 10) * 10) / 10;
    e.confidence = 0.5 + std::round(r.Uni() * 40) / 100;
    return e;
  }

  // The kbq event for a row (what both systems store).
  kbq::Event ToEvent(const Row& row) const {
    kbq::Event e;
    e.id = EventId(row.i);
    e.type = kTypes[row.type].type;
    e.cameo = kTypes[row.type].cameo;
    e.date = kbq::TimeValue::Days(row.start, row.end, row.precision);
    e.date_basis = "explicit";
    for (int k = 0; k < row.num_actors; ++k) {
      e.participants.push_back({ActorId(row.actors[k]), k == 0   ? kbq::Role::kSource
                                                        : k == 1 ? kbq::Role::kTarget
                                                                 : kbq::Role::kOther});
    }
    e.modality = row.modality;
    e.confidence = row.confidence;
    e.labels["en"] = e.participants[0].actor_id + " " + e.type + " " + e.participants[1].actor_id;
    e.attributes = {{"num_mentions", row.mentions},  // as the GDELT reader stores it
                    {"AvgTone", row.tone},
                    {"GoldsteinScale", row.goldstein}};
    return e;
  }

  kbq::Actor MakeActor(int rank) const {
    kbq::Actor a;
    a.id = ActorId(rank);
    a.kind = rank < 250 ? kbq::ActorKind::kCountry
             : rank % 3 == 0 ? kbq::ActorKind::kOrganisation
                             : kbq::ActorKind::kPerson;
    a.names["en"] = "Actor " + std::to_string(rank);
    a.source = "bench";
    return a;
  }

 private:
  uint64_t seed_, n_;
  int32_t day0_ = 0, day1_ = 0;
  Zipf actors_, types_;
};

}  // namespace kbqbench
