// JSON Lines of pre-extracted events (event_jsonl.h).
#include "streams/event_jsonl.h"

#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>
#include <utility>

#include "kbq/model_json.h"
#include "streams/zip_reader.h"

namespace kbq::ingest {

namespace {

using nlohmann::json;

// The kind an actor id names by its prefix (docs/data_model.md, actor ids):
// "person:", "org:", "gov:", "place:", "group:", "media:"; three capital
// letters are an ISO 3166 country code.
ActorKind KindOfId(std::string_view id) {
  static const std::pair<std::string_view, ActorKind> kPrefixes[] = {
      {"person:", ActorKind::kPerson}, {"org:", ActorKind::kOrganisation},
      {"gov:", ActorKind::kGovernmentBody}, {"place:", ActorKind::kPlace},
      {"group:", ActorKind::kGroup}, {"media:", ActorKind::kMedia}};
  for (const auto& [prefix, kind] : kPrefixes) {
    if (id.substr(0, prefix.size()) == prefix) return kind;
  }
  bool iso = id.size() == 3;
  for (char c : id) iso = iso && c >= 'A' && c <= 'Z';
  return iso ? ActorKind::kCountry : ActorKind::kUnknown;
}

// "zh" for a name with a CJK ideograph (UTF-8 lead bytes of U+3400..U+9FFF),
// else "en": the two languages `kbq extract --lang` writes names in.
std::string LangOfName(std::string_view name) {
  for (unsigned char c : name) {
    if (c >= 0xE3 && c <= 0xE9) return "zh";
  }
  return "en";
}

class Batcher {
 public:
  Batcher(const StreamOptions& o, const std::function<Status(StreamBatch&&)>& sink, StreamStats* stats)
      : options_(o), sink_(sink), stats_(stats) {}

  void AddName(const std::string& id, const json& name) {
    if (id.empty() || !name.is_string() || actors_.count(id)) return;
    Actor a;
    a.id = id;
    a.kind = KindOfId(id);
    std::string n = name.get<std::string>();
    if (!n.empty()) a.names[LangOfName(n)] = n;
    a.provisional = true;
    a.source = "extract";
    actors_.emplace(id, batch_.actors.size());
    batch_.actors.push_back(std::move(a));
  }
  void AddEvent(Event e) {
    batch_.events.push_back(std::move(e));
    ++stats_->events;
  }
  void AddLink(Link l) { batch_.links.push_back(std::move(l)); }
  // Hands the batch over once it is full (after a line, so that a
  // document's links stay with its events unless the batch is full).
  Status MaybeFlush() { return batch_.events.size() >= options_.batch_events ? Flush() : Status::OK(); }
  Status Flush() {
    if (batch_.events.empty() && batch_.links.empty()) return Status::OK();
    Status s = sink_(std::move(batch_));
    batch_ = StreamBatch();
    actors_.clear();
    return s;
  }

 private:
  const StreamOptions& options_;
  const std::function<Status(StreamBatch&&)>& sink_;
  StreamStats* stats_;
  StreamBatch batch_;
  std::map<std::string, size_t> actors_;  // id -> position in batch_.actors
};

// One line; an exception (nlohmann, or from_json's std::invalid_argument)
// is the line's error.
void ReadLine(const std::string& line, Batcher* batch) {
  json j = json::parse(line);
  if (!j.is_object()) throw std::invalid_argument("not a JSON object");
  if (j.value("kind_of_record", "") == "link" || (!j.contains("id") && j.contains("from"))) {
    batch->AddLink(j.get<Link>());
    return;
  }
  if (!j.contains("id")) throw std::invalid_argument("an event needs an \"id\"");
  Event e = j.get<Event>();
  if (e.id.empty()) throw std::invalid_argument("an event needs a non-empty \"id\"");
  if (auto it = j.find("actors"); it != j.end() && it->is_array()) {
    for (const auto& a : *it) {
      if (a.is_object() && a.contains("name")) batch->AddName(a.value("id", ""), a["name"]);
    }
  }
  if (auto it = j.find("location_name"); it != j.end()) batch->AddName(e.place_id, *it);
  if (auto it = j.find("attribution"); it != j.end() && it->is_object() && it->contains("name")) {
    batch->AddName(e.attribution.actor_id, (*it)["name"]);
  }
  batch->AddEvent(std::move(e));
}

}  // namespace

bool LooksLikeEventJsonLine(std::string_view first_line) {
  json j = json::parse(first_line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  if (j.value("kind_of_record", "") == "link") return true;
  return j.contains("id") && (j.contains("type") || j.contains("date")) && !j.contains("text");
}

Status ReadEventJsonLines(const std::string& path, const StreamOptions& options,
                          const std::function<Status(StreamBatch&&)>& sink,
                          const std::function<void(const Diagnostic&)>& diag,
                          StreamStats* stats) {
  Result<std::unique_ptr<InputStream>> in = OpenInputStream(path);
  if (!in.ok()) return in.status();
  LineReader lines(std::move(in).value());
  StreamStats local;
  if (stats == nullptr) stats = &local;
  Batcher batch(options, sink, stats);
  std::string line;
  while (lines.Next(&line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++stats->rows;
    try {
      ReadLine(line, &batch);
    } catch (const std::exception& e) {
      ++stats->rows_rejected;
      Diagnostic d;
      d.path = path;
      d.line = lines.line_number();
      d.byte_offset = lines.line_offset();
      std::string what = e.what();
      // nlohmann's messages start "[json.exception.parse_error.101] ...".
      if (what.rfind("[json.exception.", 0) == 0) {
        if (auto close = what.find("] "); close != std::string::npos) what = what.substr(close + 2);
      }
      d.message = "not a kbq event or link: " + what;
      diag(d);
      continue;
    }
    if (Status s = batch.MaybeFlush(); !s.ok()) return s;
  }
  if (!lines.status().ok()) return lines.status().WithContext(path);
  return batch.Flush();
}

}  // namespace kbq::ingest
