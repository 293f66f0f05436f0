// The temporal tagger: a hand-written scanner over UTF-8. At each position
// where an expression may start (a CJK character, a digit, an ASCII word) the
// Chinese and English recognisers each propose at most one candidate; the
// longest wins and scanning resumes after it. Every recogniser looks ahead a
// bounded number of bytes, so the scan is linear in the input.
// The scanner and its parts live beside this file: scanner.{h,cc} (driver),
// scan_zh.cc, scan_en.cc (recognisers per language), resolve.cc (resolution
// against the publication time), calendar.h, scan_text.h, temporal_lexicon.*.
#include "kbq/ingest/temporal_tagger.h"

#include "time/scanner.h"
#include "time/temporal_lexicon.h"

namespace kbq::ingest {

using time_internal::GetLexicon;
using time_internal::Lexicon;
using time_internal::Scanner;

std::string_view ResolutionName(Resolution r) {
  switch (r) {
    case Resolution::kAbsolute: return "absolute";
    case Resolution::kPublication: return "publication";
    case Resolution::kAnchor: return "anchor";
    case Resolution::kUnresolved: return "unresolved";
    case Resolution::kPresent: return "present";
    case Resolution::kPast: return "past";
    case Resolution::kFuture: return "future";
  }
  return "unresolved";
}

struct TemporalTagger::Impl {
  const Lexicon& lexicon = GetLexicon();
};

TemporalTagger::TemporalTagger() : impl_(new Impl) {}
TemporalTagger::~TemporalTagger() { delete impl_; }

std::vector<TimeMention> TemporalTagger::Tag(std::string_view text, const TagContext& context,
                                             std::vector<Diagnostic>* diagnostics) const {
  if (text.empty()) return {};
  Scanner s(impl_->lexicon, text, context, diagnostics);
  return s.Run();
}

}  // namespace kbq::ingest
