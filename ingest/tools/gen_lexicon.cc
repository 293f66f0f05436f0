// gen_lexicon: writes the English lexicon tables from WordNet's database files
// (Debian package wordnet-base, /usr/share/wordnet). Run at build time; the
// output is never edited by hand.
//
//   gen_lexicon <wordnet dir> <lemmas.tsv> <exceptions.tsv>
//
// lemmas.tsv      lemma <TAB> parts of speech (a subset of "nvar", in that order)
//                 [<TAB> P when every use of the lemma in data.{noun,verb,adj,adv}
//                 is capitalised and one is a person (lexicographer file
//                 noun.person): a name of people only, Cyril, Taylor; not
//                 Monday or Olympics; p when also a common word: Mark]
//                 [<TAB> N<class> for a noun: the lexicographer file number of
//                 its most frequent sense, the first synset of its index.noun
//                 line (09 noun.cognition, 06 noun.artifact; WordNet's lexnames)]
//                 [<TAB>c when some noun sense is a concrete thing: an artifact,
//                 food, natural object, possession or substance (files 06 13
//                 17 21 27)]
//                 one line per single-word lemma of index.{noun,verb,adj,adv};
//                 multi-word collocations (WordNet's '_') are left out.
// exceptions.tsv  form <TAB> part of speech <TAB> lemma
//                 the irregular inflections of {noun,verb,adj,adv}.exc.
// Both are sorted by their first column in byte order (the run-time lookup
// binary-searches them) and start with '#' comment lines.
#include <fstream>
#include <cctype>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

namespace {

constexpr const char* kFiles[] = {"noun", "verb", "adj", "adv"};
constexpr char kPosLetters[] = {'n', 'v', 'a', 'r'};

bool Usable(const std::string& w) {
  if (w.empty() || w.find('_') != std::string::npos) return false;
  for (unsigned char c : w) {
    if (c < 0x21 || c == 0x7f) return false;
  }
  return true;
}

// Opens one of WordNet's files; says which is missing and why otherwise.
bool OpenWordNet(const std::string& path, std::ifstream* in) {
  in->open(path);
  if (!*in) std::cerr << "gen_lexicon: cannot read " << path << " (install wordnet-base)\n";
  return static_cast<bool>(*in);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: gen_lexicon <wordnet dir> <lemmas.tsv> <exceptions.tsv>\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::map<std::string, unsigned> lemmas;  // lemma → bit i for kPosLetters[i]
  std::set<std::string> lower_use;   // lemmas written in lower case somewhere in data.*
  std::set<std::string> person_use;  // capitalised in a noun.person synset (file 18)
  std::set<std::tuple<std::string, char, std::string>> exceptions;
  std::map<std::string, std::string> first_noun_synset;  // lemma → offset of its most frequent noun sense
  std::map<std::string, std::string> noun_lex_file;      // noun synset offset → lexicographer file
  std::set<std::string> concrete_noun;                   // lemmas with a concrete noun sense
  for (int i = 0; i < 4; ++i) {
    const std::string index = dir + "/index." + kFiles[i];
    std::ifstream in;
    if (!OpenWordNet(index, &in)) return 1;
    std::string line;
    size_t line_no = 0, n = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == ' ') continue;  // the licence header is indented
      std::istringstream fields(line);
      std::string lemma, pos;
      if (!(fields >> lemma >> pos) || pos.size() != 1) {
        std::cerr << "gen_lexicon: " << index << ":" << line_no << ": not an index line, skipped\n";
        continue;
      }
      if (!Usable(lemma)) continue;
      lemmas[lemma] |= 1u << i;
      ++n;
      // "… sense_cnt tagsense_cnt synset_offset…": the offsets are the
      // fields of 8 digits; the first is the most frequent sense.
      if (i == 0) {
        std::string field;
        while (fields >> field) {
          if (field.size() == 8 && field.find_first_not_of("0123456789") == std::string::npos) {
            first_noun_synset.emplace(lemma, field);
            break;
          }
        }
      }
    }
    if (n == 0) {
      std::cerr << "gen_lexicon: " << index << ": no lemmas\n";
      return 1;
    }
    std::ifstream ein;
    if (!OpenWordNet(dir + "/" + kFiles[i] + ".exc", &ein)) return 1;
    while (std::getline(ein, line)) {
      std::istringstream fields(line);
      std::string form, lemma;
      if (!(fields >> form)) continue;
      while (fields >> lemma) {
        if (Usable(form) && Usable(lemma) && form != lemma) exceptions.emplace(form, kPosLetters[i], lemma);
      }
    }
  }

  // data.<pos>: "offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]…".
  for (int i = 0; i < 4; ++i) {
    std::ifstream in;
    if (!OpenWordNet(dir + "/data." + kFiles[i], &in)) return 1;
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;
      std::istringstream fields(line);
      std::string offset, lex_file, ss_type, count_hex, word, lex_id;
      if (!(fields >> offset >> lex_file >> ss_type >> count_hex)) continue;
      if (i == 0) noun_lex_file.emplace(offset, lex_file);
      unsigned long count = std::stoul(count_hex, nullptr, 16);
      for (unsigned long w = 0; w < count && (fields >> word >> lex_id); ++w) {
        if (auto paren = word.find('('); paren != std::string::npos) word.resize(paren);  // adjective markers: (a)
        if (!Usable(word)) continue;
        std::string lemma = word;
        for (char& c : lemma) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool upper = std::isupper(static_cast<unsigned char>(word[0]));
        if (!upper) lower_use.insert(lemma);
        if (upper && lex_file == "18") person_use.insert(lemma);
        if (i == 0 && (lex_file == "06" || lex_file == "13" || lex_file == "17" || lex_file == "21" || lex_file == "27")) {
          concrete_noun.insert(lemma);
        }
      }
    }
  }

  std::ofstream out(argv[2]);
  out << "# Generated by ingest/tools/gen_lexicon.cc from WordNet 3.0 (wordnet-base) index.{noun,verb,adj,adv}.\n"
         "# lemma<TAB>parts of speech (n noun, v verb, a adjective, r adverb)[<TAB>P: a name of people only, p: also a common word]\n"
         "# [<TAB>N<lexicographer file of the noun's most frequent sense>][<TAB>c: some noun sense is concrete].\n"
         "# Do not edit.\n";
  for (const auto& [lemma, bits] : lemmas) {
    out << lemma << '\t';
    for (int i = 0; i < 4; ++i) {
      if (bits & (1u << i)) out << kPosLetters[i];
    }
    if (person_use.count(lemma)) out << (lower_use.count(lemma) ? "\tp" : "\tP");
    if (auto first = first_noun_synset.find(lemma); first != first_noun_synset.end()) {
      if (auto file = noun_lex_file.find(first->second); file != noun_lex_file.end()) out << "\tN" << file->second;
    }
    if (concrete_noun.count(lemma)) out << "\tc";
    out << '\n';
  }
  std::ofstream eout(argv[3]);
  eout << "# Generated by ingest/tools/gen_lexicon.cc from WordNet 3.0 (wordnet-base) {noun,verb,adj,adv}.exc.\n"
          "# form<TAB>part of speech<TAB>lemma: irregular inflections. Do not edit.\n";
  for (const auto& [form, pos, lemma] : exceptions) eout << form << '\t' << pos << '\t' << lemma << '\n';
  if (!out || !eout) {
    std::cerr << "gen_lexicon: cannot write " << argv[2] << " or " << argv[3] << "\n";
    return 1;
  }
  std::cerr << "gen_lexicon: " << lemmas.size() << " lemmas, " << exceptions.size() << " irregular forms\n";
  return 0;
}
