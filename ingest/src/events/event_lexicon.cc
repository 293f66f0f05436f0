// Parsing of the event data files and the trigger / cue matchers.
#include "events/event_lexicon.h"

#include <algorithm>

#include "events/lexicon_en.h"
#include <memory>
#include <unordered_set>

namespace kbq::ingest::internal {

size_t Utf8Len(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) { return Split(line, '\t'); }

// Calls fn(line_number, fields) for every non-comment, non-empty line.
template <typename Fn>
Status ForEachRow(std::string_view file, std::string_view name, size_t min_fields, Fn fn) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < file.size()) {
    size_t nl = file.find('\n', pos);
    std::string_view line = file.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    pos = nl == std::string_view::npos ? file.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitTabs(line);
    if (fields.size() < min_fields) {
      return Status::InvalidArgument(std::string(name) + ".tsv:" + std::to_string(line_no) +
                                     ": expected " + std::to_string(min_fields) +
                                     " tab-separated fields, got " + std::to_string(fields.size()));
    }
    Status s = fn(line_no, fields);
    if (!s.ok()) return s;
  }
  return Status::OK();
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Irregular English verb forms (morphology, not vocabulary).
const std::unordered_map<std::string, std::vector<std::string>>& Irregulars() {
  static const auto* m = new std::unordered_map<std::string, std::vector<std::string>>{
      {"give", {"gave", "given"}},        {"meet", {"met"}},
      {"fight", {"fought"}},              {"hold", {"held"}},
      {"strike", {"struck"}},             {"shoot", {"shot"}},
      {"tear", {"tore", "torn"}},         {"take", {"took", "taken"}},
      {"break", {"broke", "broken"}},     {"speak", {"spoke", "spoken"}},
      {"withdraw", {"withdrew", "withdrawn"}}, {"beat", {"beaten"}},
      {"forgive", {"forgave", "forgiven"}}, {"lead", {"led"}},
      {"send", {"sent"}},                 {"bring", {"brought"}},
      {"win", {"won"}},                   {"lay", {"laid"}},
      {"sit", {"sat"}},                   {"steal", {"stole", "stolen"}},
      {"seek", {"sought"}},               {"sell", {"sold"}},
      {"hang", {"hung"}},                 {"flee", {"fled"}},
      {"overthrow", {"overthrew", "overthrown"}}, {"free", {"freed"}},
      {"go", {"went", "gone"}},           {"blow", {"blew", "blown"}},
      {"pull", {"pulled"}},               {"walk", {"walked"}},
      {"cut", {"cut"}},                   {"quit", {"quit"}},
      {"put", {"put"}},                   {"bid", {"bid"}},
      {"make", {"made"}},                 {"die", {"died", "dying"}},
      {"lie", {"lay", "lying"}},
  };
  return *m;
}

std::vector<std::string> VerbForms(const std::string& w) {
  std::vector<std::string> out{w};
  if (w.empty()) return out;
  char last = w.back();
  size_t n = w.size();
  if (last == 'e') {
    out.push_back(w + "s");
    out.push_back(w + "d");
    out.push_back(w.substr(0, n - 1) + "ing");
  } else if (last == 'y' && n >= 2 && !IsVowel(w[n - 2])) {
    out.push_back(w.substr(0, n - 1) + "ies");
    out.push_back(w.substr(0, n - 1) + "ied");
    out.push_back(w + "ing");
  } else {
    bool sibilant = last == 's' || last == 'x' || last == 'z' ||
                    (n >= 2 && (w.substr(n - 2) == "ch" || w.substr(n - 2) == "sh"));
    out.push_back(w + (sibilant ? "es" : "s"));
    out.push_back(w + "ed");
    out.push_back(w + "ing");
    // Consonant-vowel-consonant: ban → banned, banning (both kept: "visited").
    if (n >= 3 && !IsVowel(last) && last != 'w' && last != 'x' && last != 'y' &&
        IsVowel(w[n - 2]) && !IsVowel(w[n - 3])) {
      out.push_back(w + last + "ed");
      out.push_back(w + last + "ing");
    }
  }
  auto it = Irregulars().find(w);
  if (it != Irregulars().end()) {
    for (const auto& f : it->second) out.push_back(f);
  }
  return out;
}

std::vector<std::string> NounForms(const std::string& w) {
  std::vector<std::string> out{w};
  if (w.empty()) return out;
  size_t n = w.size();
  char last = w.back();
  if (last == 'y' && n >= 2 && !IsVowel(w[n - 2])) {
    out.push_back(w.substr(0, n - 1) + "ies");
  } else if (last == 's' || last == 'x' || last == 'z' || (n >= 2 && (w.substr(n - 2) == "ch" || w.substr(n - 2) == "sh"))) {
    out.push_back(w + "es");
  } else {
    out.push_back(w + "s");
  }
  return out;
}

}  // namespace

std::vector<std::string> EnglishForms(std::string_view text, char pos) {
  std::string t = AsciiLower(text);
  if (pos == 'x') return {t};
  if (pos == 'v') {
    size_t sp = t.find(' ');
    std::string first = t.substr(0, sp);
    std::string rest = sp == std::string::npos ? "" : t.substr(sp);
    std::vector<std::string> out;
    for (auto& f : VerbForms(first)) out.push_back(f + rest);
    return out;
  }
  size_t sp = t.rfind(' ');
  std::string head = sp == std::string::npos ? "" : t.substr(0, sp + 1);
  std::string last = sp == std::string::npos ? t : t.substr(sp + 1);
  std::vector<std::string> out;
  for (auto& f : NounForms(last)) out.push_back(head + f);
  return out;
}

Result<EventLexicon> EventLexicon::Parse(std::string_view types, std::string_view triggers,
                                         std::string_view cues, std::string_view object_blockers) {
  EventLexicon lex;
  Status s = ForEachRow(types, "types", 7, [&](size_t line, const auto& f) -> Status {
    EventTypeInfo t{std::string(f[0]), std::string(f[1]), std::string(f[2]), std::string(f[3]),
                    std::string(f[4]), std::string(f[5]), std::string(f[6]),
                    f.size() > 8 ? std::string(f[7]) : std::string("-")};
    if (lex.type_index_.count(t.type)) {
      return Status::InvalidArgument("types.tsv:" + std::to_string(line) + ": duplicate type " + t.type);
    }
    lex.type_index_[t.type] = lex.types_.size();
    lex.types_.push_back(std::move(t));
    return Status::OK();
  });
  if (!s.ok()) return s;
  for (const auto& t : lex.types_) {
    if (t.parent != "-" && !lex.type_index_.count(t.parent)) {
      return Status::InvalidArgument("types.tsv: type " + t.type + " has unknown parent " + t.parent);
    }
  }
  s = ForEachRow(triggers, "triggers", 5, [&](size_t line, const auto& f) -> Status {
    auto e = std::make_unique<TriggerEntry>();
    e->lang = std::string(f[0]);
    e->text = std::string(f[1]);
    e->type = std::string(f[2]);
    e->pos = f[3].empty() ? 'x' : f[3][0];
    e->ref = std::string(f[4]);
    std::string where = "triggers.tsv:" + std::to_string(line) + ": ";
    if (e->lang != "zh" && e->lang != "en") return Status::InvalidArgument(where + "unknown language " + e->lang);
    if (e->text.empty()) return Status::InvalidArgument(where + "empty trigger");
    if (e->type != "-" && !lex.type_index_.count(e->type)) {
      return Status::InvalidArgument(where + "unknown type " + e->type);
    }
    if (!e->ref.empty() && !lex.type_index_.count(e->ref)) {
      return Status::InvalidArgument(where + "unknown ref type " + e->ref);
    }
    if (e->pos != 'v' && e->pos != 'n' && e->pos != 'x') {
      return Status::InvalidArgument(where + "pos must be v, n or x");
    }
    const TriggerEntry* ep = e.get();
    if (e->lang == "zh") {
      std::string key = e->text.substr(0, Utf8Len(static_cast<unsigned char>(e->text[0])));
      lex.zh_forms_[key].push_back({e->text, ep});
    } else {
      for (auto& form : EnglishForms(e->text, e->pos)) {
        std::string key = form.substr(0, form.find(' '));
        lex.en_forms_[key].push_back({form, ep});
      }
      if (e->pos == 'v') {
        std::string t = AsciiLower(e->text);
        size_t sp = t.find(' ');
        lex.en_lemma_forms_[t.substr(0, sp)].push_back({sp == std::string::npos ? "" : t.substr(sp), ep});
      }
    }
    lex.entries_.push_back(std::move(e));
    return Status::OK();
  });
  if (!s.ok()) return s;
  auto longest_first = [](const Form& a, const Form& b) { return a.text.size() > b.text.size(); };
  for (auto& [k, v] : lex.zh_forms_) std::stable_sort(v.begin(), v.end(), longest_first);
  for (auto& [k, v] : lex.en_forms_) std::stable_sort(v.begin(), v.end(), longest_first);
  for (auto& [k, v] : lex.en_lemma_forms_) std::stable_sort(v.begin(), v.end(), longest_first);

  s = ForEachRow(cues, "cues", 3, [&](size_t line, const auto& f) -> Status {
    std::string kind(f[0]), lang(f[1]), cue(f[2]);
    if (cue.empty()) return Status::InvalidArgument("cues.tsv:" + std::to_string(line) + ": empty cue");
    lex.cue_words_[kind].insert(AsciiLower(cue));
    if (lang == "zh") {
      lex.cues_zh_[kind].push_back(cue);
    } else if (lang == "en") {
      lex.cues_en_[kind].push_back(AsciiLower(cue));
    } else {
      return Status::InvalidArgument("cues.tsv:" + std::to_string(line) + ": unknown language " + lang);
    }
    ++lex.cue_count_;
    return Status::OK();
  });
  if (!s.ok()) return s;

  s = ForEachRow(object_blockers, "object_blockers", 3, [&](size_t line, const auto& f) -> Status {
    std::string where = "object_blockers.tsv:" + std::to_string(line) + ": ";
    std::string mode(f[1]);
    if (mode != "block" && mode != "allow" && mode != "block_after") {
      return Status::InvalidArgument(where + "mode must be block, allow or block_after");
    }
    std::string object = AsciiLower(f[2]);
    if (object.empty()) return Status::InvalidArgument(where + "empty object");
    bool found = false;
    // The row's trigger and every exact form listed on its own that is a
    // past or -ing form of it ("withdrew from", pos x, takes the lists of
    // "withdraw from"); an -s form may be a noun ("talks with" keeps its own).
    const std::string row(f[0]);
    const std::string first = row.substr(0, row.find(' '));
    std::vector<std::string> forms = EnglishForms(row, 'v');
    std::erase_if(forms, [&](const std::string& form) {
      const std::string w = form.substr(0, form.find(' '));
      return w == first + "s" || w == first + "es";
    });
    for (auto& e : lex.entries_) {
      if (e->type == "-") continue;
      if (e->text != f[0] &&
          (e->lang != "en" || e->pos != 'x' || std::find(forms.begin(), forms.end(), e->text) == forms.end())) {
        continue;
      }
      (mode == "block" ? e->object_block : mode == "allow" ? e->object_allow : e->object_block_after).push_back(object);
      found = true;
    }
    if (!found) return Status::InvalidArgument(where + "unknown trigger " + std::string(f[0]));
    return Status::OK();
  });
  if (!s.ok()) return s;
  return lex;
}

const EventTypeInfo* EventLexicon::Type(std::string_view type) const {
  auto it = type_index_.find(std::string(type));
  return it == type_index_.end() ? nullptr : &types_[it->second];
}

size_t EventLexicon::trigger_count(std::string_view lang) const {
  size_t n = 0;
  for (const auto& e : entries_) n += (e->lang == lang && e->type != "-");
  return n;
}

std::vector<TriggerHit> EventLexicon::FindTriggers(std::string_view text) const {
  std::vector<TriggerHit> all;
  // Chinese: at every character boundary, the longest form starting there.
  for (size_t i = 0; i < text.size();) {
    size_t len = Utf8Len(static_cast<unsigned char>(text[i]));
    if (len > 1) {
      auto it = zh_forms_.find(std::string(text.substr(i, len)));
      if (it != zh_forms_.end()) {
        for (const auto& f : it->second) {
          if (text.compare(i, f.text.size(), f.text) == 0) {
            all.push_back({uint32_t(i), uint32_t(i + f.text.size()), f.entry});
            break;
          }
        }
      }
    }
    i += len;
  }
  // English: at every word start, the longest form that ends at a word end.
  std::string lower = AsciiLower(text);
  for (size_t i = 0; i < lower.size(); ++i) {
    if (!IsAsciiAlnum(lower[i]) || (i > 0 && (IsAsciiAlnum(lower[i - 1]) || lower[i - 1] == '-'))) continue;
    size_t j = i;
    while (j < lower.size() && (IsAsciiAlnum(lower[j]) || lower[j] == '-')) ++j;
    auto word_end = [&](size_t e) { return e >= lower.size() || (!IsAsciiAlnum(lower[e]) && lower[e] != '-'); };
    TriggerHit best{uint32_t(i), uint32_t(i), nullptr};
    auto it = en_forms_.find(lower.substr(i, j - i));
    if (it != en_forms_.end()) {
      for (const auto& f : it->second) {
        size_t e = i + f.text.size();
        if (lower.compare(i, f.text.size(), f.text) == 0 && word_end(e)) {
          best = {uint32_t(i), uint32_t(e), f.entry};
          break;
        }
      }
    }
    // Any inflection of a verb entry's first word (WordNet's lemmatizer:
    // spoke → speak, telephoned → telephone), then the rest of the phrase.
    // Not a capitalised word inside the sentence or before another capital:
    // a name ("Prime Minister Denys Shmyhal" is no "denies").
    size_t next = j;
    while (next < text.size() && text[next] == ' ') ++next;
    bool capital = text[i] >= 'A' && text[i] <= 'Z';
    bool name_like = capital && (i > 0 || (next < text.size() && text[next] >= 'A' && text[next] <= 'Z'));
    for (const auto& cand : name_like ? std::vector<events::LemmaCandidate>{}
                                      : events::EnglishLexicon::Get().Lemmatize(lower.substr(i, j - i))) {
      if (cand.pos != events::kPosVerb) continue;
      auto lit = en_lemma_forms_.find(cand.lemma);
      if (lit == en_lemma_forms_.end()) continue;
      for (const auto& f : lit->second) {
        size_t e = j + f.text.size();
        if (lower.compare(j, f.text.size(), f.text) == 0 && word_end(e)) {
          if (e > best.end) best = {uint32_t(i), uint32_t(e), f.entry};
          break;
        }
      }
    }
    // A capitalised trigger inside the sentence with a capitalised word after
    // it is part of a name ("the UEFA Conference League Final", "Peace
    // Council Square"); a blocker still blocks.
    if (best.entry && best.entry->type != "-" && capital && i > 0 && best.end < text.size()) {
      size_t after = best.end;
      while (after < text.size() && text[after] == ' ') ++after;
      if (after > best.end && after < text.size() && text[after] >= 'A' && text[after] <= 'Z') best.entry = nullptr;
    }
    if (best.entry) all.push_back(best);
  }
  // Leftmost-longest, non-overlapping.
  std::sort(all.begin(), all.end(), [](const TriggerHit& a, const TriggerHit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  std::vector<TriggerHit> out;
  for (const auto& h : all) {
    if (!out.empty() && h.begin < out.back().end) {
      // A longer match that starts inside the previous one wins over it only
      // when it is a blocker (谈判代表团 inside 俄方谈判代表团团长).
      if (h.blocker() && h.end - h.begin > out.back().end - out.back().begin && !out.back().blocker()) {
        out.back() = h;
      }
      continue;
    }
    out.push_back(h);
  }
  return out;
}

bool EventLexicon::IsCueWord(std::string_view kind, std::string_view word) const {
  auto it = cue_words_.find(kind);
  return it != cue_words_.end() && it->second.count(AsciiLower(word)) > 0;
}

std::vector<CueHit> EventLexicon::FindCues(std::string_view kind, std::string_view text) const {
  std::vector<CueHit> out;
  auto zit = cues_zh_.find(kind);
  if (zit != cues_zh_.end()) {
    for (const auto& c : zit->second) {
      for (size_t p = text.find(c); p != std::string_view::npos; p = text.find(c, p + 1)) {
        out.push_back({uint32_t(p), uint32_t(p + c.size()), &c});
      }
    }
  }
  auto eit = cues_en_.find(kind);
  if (eit != cues_en_.end()) {
    std::string lower = AsciiLower(text);
    for (const auto& c : eit->second) {
      for (size_t p = lower.find(c); p != std::string::npos; p = lower.find(c, p + 1)) {
        size_t e = p + c.size();
        bool start_ok = p == 0 || !IsAsciiAlnum(lower[p - 1]) || !IsAsciiAlnum(c[0]);
        bool end_ok = e >= lower.size() || !IsAsciiAlnum(lower[e]) || !IsAsciiAlnum(c.back());
        if (start_ok && end_ok) out.push_back({uint32_t(p), uint32_t(e), &c});
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const CueHit& a, const CueHit& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  });
  return out;
}

}  // namespace kbq::ingest::internal

namespace kbq::ingest {

bool CooperativePlover(std::string_view p) {
  return p == "CONSULT" || p == "SUPPORT" || p == "COOPERATE" || p == "AID" || p == "CONCEDE" || p == "RETREAT" ||
         p == "AGREE" || p == "INVESTIGATE";
}

bool HostilePlover(std::string_view p) {
  return p == "SANCTION" || p == "COERCE" || p == "FIGHT" || p == "ASSAULT" || p == "PROTEST" || p == "MOBILIZE";
}

}  // namespace kbq::ingest
