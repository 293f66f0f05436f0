// Stage 6b, disasters and their toll (after coreference): a crash or a
// collision takes the mode its vehicle names (客车/train/ferry → road, rail,
// air, sea); the casualty figures of a sentence (6人死亡、3人重伤, six people
// were killed, killing at least 12) become numeric attributes of the disaster
// or accident they belong to (the nearest one in the sentence, else the latest
// one before it), and a casualty trigger beside that disaster is folded into
// it (one event with killed: 6, not a second "casualties" event). Reads the
// candidates and their sentences, ingest/data/events/tolls.tsv and the vehicle
// cues of cues.tsv, and the tagger's numerals (time_zh_numerals.tsv,
// time_en_numbers.tsv); writes Cand::type (refined), Cand::toll and the
// antecedent of folded casualty candidates. docs/extraction.md, "Disasters
// and accidents", has the rules.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "embedded/event_data.h"
#include "events/stages.h"
#include "text_util.h"
#include "time/scan_text.h"
#include "time/temporal_lexicon.h"

namespace kbq::ingest::events {

namespace {

struct TollWord {
  std::string kind;  // killed, injured, ..., person, filler, multiplier, number
  std::string word;  // as written; English lower case
  double value = 0;
};

struct TollTable {
  std::vector<TollWord> zh, en;  // longest first
};

const TollTable& Tolls() {
  static const TollTable table = [] {
    TollTable t;
    for (std::string_view line : internal::Split(EventData("tolls.tsv"), '\n')) {
      if (line.empty() || line[0] == '#') continue;
      auto f = internal::Split(line, '\t');
      if (f.size() < 4 || f[2].empty()) continue;
      TollWord w{std::string(f[0]), internal::AsciiLower(f[2]), f[3] == "-" ? 0 : std::atof(std::string(f[3]).c_str())};
      (f[1] == "zh" ? t.zh : t.en).push_back(std::move(w));
    }
    auto longest = [](const TollWord& a, const TollWord& b) { return a.word.size() > b.word.size(); };
    std::stable_sort(t.zh.begin(), t.zh.end(), longest);
    std::stable_sort(t.en.begin(), t.en.end(), longest);
    return t;
  }();
  return table;
}

// The kinds that are figures (attribute names); the others are the grammar
// around them, and "blocker" words (死刑) are neither.
bool IsCount(const std::string& kind) {
  static const std::set<std::string> kCounts = {"killed", "injured", "seriously_injured", "lightly_injured",
                                                "missing", "evacuated", "rescued", "trapped", "casualties"};
  return kCounts.count(kind) > 0;
}

// The longest word of `kinds` (any when empty) at p, or nullptr.
const TollWord* WordAt(const std::vector<TollWord>& words, std::string_view t, size_t p, bool en,
                       std::string_view kind = {}) {
  for (const auto& w : words) {
    if (!kind.empty() && w.kind != kind) continue;
    if (t.compare(p, w.word.size(), w.word) != 0) continue;
    if (en) {
      size_t e = p + w.word.size();
      if ((p > 0 && internal::IsAsciiAlnum(t[p - 1])) || (e < t.size() && internal::IsAsciiAlnum(t[e]))) continue;
    }
    return &w;
  }
  return nullptr;
}

// A number at p: ASCII digits (1,200; 1.2), Chinese numerals (六, 十二, 两百)
// with 万, English number words (six, twenty-one, two hundred, a dozen).
// Returns its end, or p when there is none.
size_t ReadNumber(std::string_view t, size_t p, bool en, double* value) {
  const auto& lx = time_internal::GetLexicon();
  const std::vector<TollWord>& words = en ? Tolls().en : Tolls().zh;
  auto digit = [&](size_t i) { return i < t.size() && std::isdigit(static_cast<unsigned char>(t[i])); };
  size_t i = p;
  double v = 0;
  bool any = false;
  while (digit(i) || (any && en && t[i] == ',' && digit(i + 1) && digit(i + 2) && digit(i + 3) && !digit(i + 4))) {
    if (t[i] != ',') v = v * 10 + (t[i] - '0');
    any = true;
    ++i;
  }
  if (any && i < t.size() && t[i] == '.' && digit(i + 1)) {
    double frac = 0.1;
    for (++i; digit(i); ++i, frac /= 10) v += (t[i] - '0') * frac;
  }
  if (!any && !en) {
    double total = 0, cur = 0;
    for (;;) {
      int len = 0;
      char32_t cp = time_internal::CpAt(t, i, &len);
      auto it = lx.zh_num.find(cp);
      if (len == 0 || it == lx.zh_num.end()) break;
      any = true;
      if (it->second.unit) {
        total += (cur == 0 ? 1 : cur) * it->second.value;
        cur = 0;
      } else {
        cur = it->second.value;
      }
      i += size_t(len);
    }
    v = total + cur;
  }
  auto word_end = [&](size_t j) {
    while (j < t.size() && std::isalpha(static_cast<unsigned char>(t[j]))) ++j;
    return j;
  };
  if (!any && en) {
    // Number words joined by '-' or ' ': twenty-one, two hundred.
    for (size_t j = p;;) {
      size_t e = word_end(j);
      if (e == j) break;
      std::string w(t.substr(j, e - j));
      auto it = lx.en_num.find(w);
      const TollWord* extra = WordAt(words, t, j, true, "number");
      bool ordinal = w.size() > 2 && (w.ends_with("st") || w.ends_with("nd") || w.ends_with("rd") || w.ends_with("th")) &&
                     w != "hundred" && w != "thousand";
      if (it != lx.en_num.end() && !ordinal) v += it->second;
      else if (extra && extra->word.size() == w.size()) v += extra->value;
      else break;
      any = true;
      i = e;
      if (e + 1 < t.size() && t[e] == '-' && lx.en_num.count(std::string(t.substr(e + 1, word_end(e + 1) - e - 1)))) {
        j = e + 1;
        continue;
      }
      break;
    }
  }
  if (!any) return p;
  // Multipliers: 1.2万, 3 thousand, two hundred.
  size_t k = i + (en && i < t.size() && t[i] == ' ' ? 1 : 0);
  if (const TollWord* m = WordAt(words, t, k, en, "multiplier")) {
    v *= m->value;
    i = k + m->word.size();
  }
  *value = v;
  return i;
}

struct Toll {
  std::string kind;
  double value = 0;
  uint32_t pos = 0;  // the toll word, in the sentence
};

size_t CharLen(std::string_view t, size_t p) {
  int len = 1;
  if (static_cast<unsigned char>(t[p]) >= 0x80) time_internal::CpAt(t, p, &len);
  return size_t(std::max(len, 1));
}

// The figures of one sentence. Chinese: N[人|名 …]死亡, 死亡(人数升至)N人, N死M伤;
// English: N (people) (were) killed, killing (at least) N, death toll rose to N.
std::vector<Toll> ReadTolls(std::string_view text) {
  const TollTable& tt = Tolls();
  std::string lower = internal::AsciiLower(text);
  bool en = std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
  const std::vector<TollWord>& words = en ? tt.en : tt.zh;
  auto skip_spaces = [&](size_t i) {
    while (i < lower.size() && lower[i] == ' ') ++i;
    return i;
  };
  struct Num { size_t b, e; double v; };
  std::vector<Num> nums;
  for (size_t p = 0; p < lower.size();) {
    bool word_start = !en || p == 0 || !internal::IsAsciiAlnum(lower[p - 1]);
    double v = 0;
    size_t e = word_start ? ReadNumber(lower, p, en, &v) : p;
    bool after_no = en && p >= 3 && lower.compare(p - 3, 3, "no ") == 0;  // no one was hurt
    if (e > p) {
      if (!after_no) nums.push_back({p, e, v});
      p = e;
    } else {
      p += CharLen(lower, p);
    }
  }
  std::vector<Toll> out;
  for (size_t p = 0; p < lower.size();) {
    const TollWord* w = (!en || p == 0 || !internal::IsAsciiAlnum(lower[p - 1])) ? WordAt(words, lower, p, en) : nullptr;
    if (!w || !IsCount(w->kind)) {
      p += CharLen(lower, p);
      continue;
    }
    size_t b = p, e = p + w->word.size();
    p = e;
    // After the word: fillers, then a number (Chinese: with its classifier).
    size_t i = skip_spaces(e);
    for (int n = 0; n < 6; ++n) {
      const TollWord* f = WordAt(words, lower, i, en, "filler");
      if (!f && !en) f = WordAt(words, lower, i, en, "person");  // 转移群众2万人
      if (!f) break;
      i = skip_spaces(i + f->word.size());
    }
    auto after = std::find_if(nums.begin(), nums.end(), [&](const Num& n) { return n.b == i; });
    if (after != nums.end()) {
      size_t next = skip_spaces(after->e);
      bool fits = en ? WordAt(words, lower, next, en, "number_block") == nullptr
                     : WordAt(words, lower, after->e, en, "person") != nullptr;
      if (fits) {
        out.push_back({w->kind, after->v, uint32_t(b)});
        continue;
      }
    }
    // Before the word: a number, then only counted nouns, classifiers and
    // auxiliaries (6人死亡, 3名乘客受伤, six people were killed, 12 dead).
    for (auto it = nums.rbegin(); it != nums.rend(); ++it) {
      if (it->e > b) continue;
      bool ok = b - it->e <= 40;
      // One counted noun the table does not know may stand in the gap: an
      // English word (six workers were missing), or up to four characters
      // after a Chinese classifier (3名住户被困).
      bool unknown_used = false;
      for (size_t g = it->e; ok && g < b;) {
        if (lower[g] == ' ') { ++g; continue; }
        const TollWord* x = WordAt(words, lower, g, en, "person");
        if (!x) x = WordAt(words, lower, g, en, "filler");
        if (x && g + x->word.size() <= b) {
          g += x->word.size();
          continue;
        }
        if (unknown_used) { ok = false; break; }
        unknown_used = true;
        size_t w = g;
        if (en) {
          while (w < b && std::isalpha(static_cast<unsigned char>(lower[w]))) ++w;
        } else if (g > it->e) {  // after a classifier
          for (int chars = 0; w < b && chars < 4 && time_internal::IsCjk(time_internal::CpAt(lower, w)); ++chars) w += 3;
        }
        ok = w > g;
        g = w;
      }
      if (ok) out.push_back({w->kind, it->v, uint32_t(b)});
      break;
    }
  }
  return out;
}

bool Emergency(const EventTypeInfo* t) { return t && t->track == "emergency"; }
bool Casualty(const EventTypeInfo* t) { return t && t->type == "casualties"; }

// 相撞 / crashed / accident: the mode named by the nearest vehicle before the
// trigger in its sentence (else after it).
void RefineMode(DocState& ds, Cand& c) {
  const std::string& t = c.type->type;
  if (t != "accident" && t != "road_accident" && t != "air_accident") return;
  // An explicit mode trigger (坠毁, 空难) keeps its type unless a vehicle says otherwise.
  const SentenceInfo& s = ds.sents[c.sentence];
  static const std::pair<const char*, const char*> kModes[] = {
      {"vehicle_road", "road_accident"}, {"vehicle_rail", "rail_accident"},
      {"vehicle_air", "air_accident"}, {"vehicle_sea", "sea_accident"}};
  const char* best = nullptr;
  long best_d = 0;
  for (auto [cue, type] : kModes) {
    for (const auto& h : ds.lex.FindCues(cue, s.text)) {
      if (h.begin >= c.begin && h.end <= c.end) continue;
      long d = h.end <= c.begin ? long(c.begin - h.end) : long(h.begin - c.end) + 1000;
      if (!best || d < best_d) { best = type; best_d = d; }
    }
  }
  if (!best) return;
  if (t == "air_accident" && c.entry->text != "crashed") return;
  if (const EventTypeInfo* r = ds.lex.Type(best)) c.type = r;
}

// An explosion at a plant, a port or a mine is an accident, not a bombing
// (unless the sentence names a bomb or an attack); one in a mine, and a mine's
// accident, is a mine accident.
void RetypeBySetting(DocState& ds, Cand& c) {
  const SentenceInfo& s = ds.sents[c.sentence];
  std::string trigger = internal::AsciiLower(s.text.substr(c.begin, c.end - c.begin));
  if (c.type->type == "bombing" && trigger.rfind("explosion", 0) == 0 &&
      ds.lex.HasCue("accident_setting", s.text) && !ds.lex.HasCue("attack_setting", s.text)) {
    c.type = ds.lex.Type("explosion");
  }
  if ((c.type->type == "explosion" || c.type->type == "accident") && ds.lex.HasCue("mine_setting", s.text)) {
    c.type = ds.lex.Type("mine_accident");
  }
  // "talks collapsed": an English collapse needs a structure in its sentence.
  if (c.type->type == "collapse" && internal::IsAsciiAlnum(trigger[0]) && !ds.lex.HasCue("structure_setting", s.text)) {
    c.generic = true;
  }
}

// 触礁沉没, capsized and sank: a disaster trigger right after another of the
// same family in its clause is the same happening.
void JoinAdjacent(DocState& ds, size_t ci) {
  Cand& c = ds.cands[ci];
  if (!Emergency(c.type) || c.antecedent >= 0) return;
  for (size_t cj : ds.sents[c.sentence].cands) {
    const Cand& p = ds.cands[cj];
    if (cj == ci || p.clause != c.clause || p.end > c.begin || c.begin - p.end > 6) continue;
    if (Emergency(p.type) && p.type->family == c.type->family) c.antecedent = ds.Resolve(int(cj));
  }
}

// 强震袭击该地区, 台风“海燕”袭击, an earthquake struck / hit: a violence trigger
// (assault or fight family) just after a disaster in its clause is the
// disaster striking, not an attack: it joins the disaster.
void StrikingDisaster(DocState& ds, size_t ci) {
  Cand& c = ds.cands[ci];
  if (!c.type || (c.type->family != "assault" && c.type->family != "fight") || c.antecedent >= 0) return;
  const SentenceInfo& s = ds.sents[c.sentence];
  int prev = -1;
  for (size_t cj : s.cands) {
    if (ds.cands[cj].end <= c.begin && ds.cands[cj].clause == c.clause) prev = int(cj);
  }
  if (prev >= 0 && Emergency(ds.cands[prev].type) && c.begin - ds.cands[prev].end <= 24) c.antecedent = prev;
}

}  // namespace

void DisastersAndTolls(DocState& ds) {
  for (size_t i = 0; i < ds.cands.size(); ++i) {
    Cand& c = ds.cands[i];
    RetypeBySetting(ds, c);
    if (Emergency(c.type)) RefineMode(ds, c);
    StrikingDisaster(ds, i);
    JoinAdjacent(ds, i);
    // 发生爆炸, 侧翻, a fire broke out: a disaster said to happen (a verb
    // trigger, or a noun with 发生/broke out in its clause) is a happening
    // even without a date, a party or a place of its own.
    if (Emergency(c.type) && !c.generic) {
      const SentenceInfo& s = ds.sents[c.sentence];
      if (c.entry->pos != 'n') c.happened = true;
      for (const auto& h : ds.lex.FindCues("happened", s.text)) {
        if (ClauseOf(s.clauses, h.begin) == c.clause) c.happened = true;
      }
    }
  }
  int latest = -1;  // the latest emergency candidate of earlier sentences
  uint32_t latest_si = 0;
  // A toll read after a disaster belongs to it only close by: at most this
  // many sentences on, within its paragraph ("they went to Paris and killed an
  // entire editorial staff" is no toll of a fire told 600 sentences before).
  constexpr uint32_t kTollReach = 3;
  for (uint32_t si = 0; si < ds.sents.size(); ++si) {
    const SentenceInfo& s = ds.sents[si];
    if (latest >= 0 && (si - latest_si > kTollReach || (si > latest_si && s.paragraph_start))) latest = -1;
    std::vector<int> here;
    for (size_t ci : s.cands) {
      int r = ds.Resolve(int(ci));
      if (Emergency(ds.cands[r].type) && !ds.cands[r].generic) here.push_back(int(ci));
    }
    auto tolls = ReadTolls(s.text);
    auto owner_at = [&](uint32_t pos) -> int {
      int best = -1;
      long best_d = 0;
      for (int ci : here) {
        const Cand& c = ds.cands[ci];
        long d = c.end <= pos ? long(pos - c.end) : long(c.begin - pos) + 500;  // before the figure first
        if (best < 0 || d < best_d) { best = ci; best_d = d; }
      }
      if (best < 0) best = latest;
      return best < 0 ? -1 : ds.Resolve(best);
    };
    bool attached = false;
    for (const auto& t : tolls) {
      int owner = owner_at(t.pos);
      if (owner < 0) {
        // No disaster in sight: the casualty event of the sentence keeps its figures.
        for (size_t ci : s.cands) {
          if (Casualty(ds.cands[ci].type)) { owner = ds.Resolve(int(ci)); break; }
        }
      }
      if (owner < 0) continue;
      double& v = ds.cands[owner].toll[t.kind];
      v = std::max(v, t.value);  // the largest figure: tolls rise as reports come in
      attached = attached || Emergency(ds.cands[owner].type);
    }
    // Casualty triggers beside a disaster (this sentence, or a toll read for one) fold into it.
    for (size_t ci : s.cands) {
      Cand& c = ds.cands[ci];
      if (!Casualty(c.type) || c.antecedent >= 0) continue;
      int owner = !here.empty() ? owner_at(c.begin) : attached ? owner_at(c.begin) : -1;
      if (owner < 0 || owner == int(ci)) continue;
      c.antecedent = owner;
    }
    if (!here.empty()) {
      latest = ds.Resolve(here.back());
      latest_si = si;
    }
  }
  for (auto& c : ds.cands) {
    // Injuries stated only as serious and light ones add up.
    if (!c.toll.count("injured") && (c.toll.count("seriously_injured") || c.toll.count("lightly_injured"))) {
      double sum = 0;
      for (const char* k : {"seriously_injured", "lightly_injured"}) {
        if (auto it = c.toll.find(k); it != c.toll.end()) sum += it->second;
      }
      c.toll["injured"] = sum;
    }
  }
}

}  // namespace kbq::ingest::events
