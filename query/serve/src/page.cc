// The page's files (embedded from web/) and `kbq export --format html`: the
// same page with its scripts and styles inlined and the answers of one query
// under a key the page computes the same way (app.js, AnswerKey).
#include <nlohmann/json.hpp>

#include <cctype>
#include <set>

#include "embedded/web_file.h"
#include "kbq/json_request.h"
#include "kbq/query/engine.h"
#include "kbq/serve/server.h"

namespace kbq::serve {
namespace {

// "timeline\nfrom=2022\nquery=UKR": the command, then the parameters sorted
// by name. app.js builds the same key to look an answer up.
std::string AnswerKey(const JsonRequest& r) {
  std::string key = r.command;
  for (const auto& [name, value] : r.params) key += "\n" + name + "=" + value;
  return key;
}

// Text between <script> tags ends at the first "</script"; "<\/" means the
// same to JavaScript wherever it can appear (strings, regexes, comments).
std::string EscapeEnd(std::string_view text, std::string_view tag) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 + tag.size() < text.size() && text[i + 1] == '/') {
      bool match = true;
      for (size_t k = 0; k < tag.size() && match; ++k) {
        match = std::tolower(static_cast<unsigned char>(text[i + 2 + k])) == tag[k];
      }
      if (match) {
        out += "<\\/";
        ++i;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// Replaces `from` by `to` once; false when `from` is not in `s`.
bool ReplaceOnce(std::string* s, const std::string& from, const std::string& to) {
  size_t at = s->find(from);
  if (at == std::string::npos) return false;
  s->replace(at, from.size(), to);
  return true;
}

// index.html with each <script src> and stylesheet <link> replaced by the
// file's text.
Result<std::string> InlinePage() {
  auto index = PageFile("index.html");
  if (!index) return Status::NotFound("index.html is not embedded");
  std::string page(*index);
  for (const auto& [file, text] : embedded::WebFileFiles()) {
    std::string name(file);
    std::string dir = name == "app.js" || name == "app.css" ? "" : "vendor/";
    ReplaceOnce(&page, "<script src=\"" + dir + name + "\"></script>",
                "<script>" + EscapeEnd(text, "script") + "</script>");
    ReplaceOnce(&page, "<link rel=\"stylesheet\" href=\"" + dir + name + "\">",
                "<style>" + EscapeEnd(text, "style") + "</style>");
  }
  return page;
}

}  // namespace

std::optional<std::string_view> PageFile(std::string_view name) {
  for (const auto& [file, bytes] : embedded::WebFileFiles()) {
    if (file == name) return bytes;
  }
  return std::nullopt;
}

Result<std::string> ExportHtml(const KnowledgeBase& kb,
                               const std::map<std::string, std::string>& timeline_params) {
  auto query = timeline_params.find("query");
  if (query == timeline_params.end() || query->second.empty()) {
    return Status::InvalidArgument("--format html: give an actor's name or id");
  }
  // The page asks for names in the timeline's language (app.js, viewLang).
  auto lang_param = timeline_params.find("lang");
  std::string lang = lang_param != timeline_params.end() && !lang_param->second.empty()
                         ? lang_param->second
                         : query::LanguageOf(query->second);
  nlohmann::json answers = nlohmann::json::object();
  auto add = [&](const JsonRequest& r) -> Result<std::string> {
    auto answer = AnswerJson(kb, r);
    if (!answer.ok()) return answer.status();
    answers[AnswerKey(r)] = answer->body;
    return answer->body;
  };
  auto timeline = add({"timeline", timeline_params});
  if (!timeline.ok()) return timeline.status();
  // Each event of the timeline, and the events one click away from them
  // (its neighbours and chain), can be opened; beyond that the page says
  // the export does not hold it.
  std::vector<std::string> todo;
  for (const auto& e : nlohmann::json::parse(timeline.value())) todo.push_back(e.at("id"));
  const size_t timeline_events = todo.size();
  std::set<std::string> done;
  const size_t kMaxEvents = 400;
  for (size_t i = 0; i < todo.size() && done.size() < kMaxEvents; ++i) {
    std::string id = todo[i];
    if (!done.insert(id).second) continue;
    bool expand = i < timeline_events;
    if (auto s = add({"show", {{"what", id}, {"lang", lang}}}); !s.ok()) return s.status();
    for (const char* command : {"neighbors", "chain"}) {
      std::string key = command == std::string("neighbors") ? "start" : "id";
      auto rows = add({command, {{key, id}, {"lang", lang}}});
      if (!rows.ok()) return rows.status();
      if (!expand) continue;
      for (const auto& row : nlohmann::json::parse(rows.value())) todo.push_back(row.at("id"));
    }
  }
  // The hash the page opens with: the query's view (app.js, parseHash).
  nlohmann::json data = {{"query", timeline_params}, {"answers", answers}};
  std::string json = data.dump();
  // "<" appears only inside JSON strings, where \u003c means the same, so
  // nothing in an article can end the <script> element.
  std::string safe;
  safe.reserve(json.size());
  for (char c : json) safe += c == '<' ? std::string("\\u003c") : std::string(1, c);
  auto page = InlinePage();
  if (!page.ok()) return page.status();
  std::string html = page.value();
  if (!ReplaceOnce(&html, "<script type=\"application/json\" id=\"kbq-data\"></script>",
                   "<script type=\"application/json\" id=\"kbq-data\">" + safe + "</script>")) {
    return Status::NotFound("index.html has no kbq-data element");
  }
  return html;
}

}  // namespace kbq::serve
