#include "kbq/model.h"

#include <algorithm>
#include <array>

namespace kbq {
namespace {

template <size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, size_t i) {
  return i < N ? names[i] : "unknown";
}

template <typename E, size_t N>
std::optional<E> ParseName(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 8> kActorKinds = {
    "unknown", "country", "person", "organisation", "government_body", "place", "group", "media"};
constexpr std::array<std::string_view, 7> kModalities = {
    "asserted", "reported", "claimed", "negated", "counterfactual", "planned", "demanded"};
constexpr std::array<std::string_view, 3> kRoles = {"source", "target", "other"};
constexpr std::array<std::string_view, 8> kLinkKinds = {
    "before", "overlaps", "causes", "enables", "part_of", "storyline", "refers_to", "same_as"};

}  // namespace

std::string_view ActorKindName(ActorKind k) { return NameOf(kActorKinds, static_cast<size_t>(k)); }
std::string_view NameKindName(NameKind k) {
  switch (k) {
    case NameKind::kName: return "name";
    case NameKind::kAlias: return "alias";
    case NameKind::kShortForm: return "short_form";
    case NameKind::kMetonym: return "metonym";
    case NameKind::kSurname: return "surname";
  }
  return "name";
}

int ResolutionRank(ActorKind k) {
  switch (k) {
    case ActorKind::kCountry: return 0;
    case ActorKind::kOrganisation: return 1;
    case ActorKind::kGovernmentBody: return 2;
    case ActorKind::kPerson: return 3;
    case ActorKind::kGroup: return 4;
    case ActorKind::kPlace: return 5;
    case ActorKind::kMedia: return 6;
    case ActorKind::kUnknown: return 7;
  }
  return 7;
}
std::optional<ActorKind> ParseActorKind(std::string_view s) {
  return ParseName<ActorKind>(kActorKinds, s);
}
std::string_view ModalityName(Modality m) { return NameOf(kModalities, static_cast<size_t>(m)); }
std::optional<Modality> ParseModality(std::string_view s) {
  return ParseName<Modality>(kModalities, s);
}
std::string_view RoleName(Role r) { return NameOf(kRoles, static_cast<size_t>(r)); }
std::optional<Role> ParseRole(std::string_view s) { return ParseName<Role>(kRoles, s); }
std::string_view LinkKindName(LinkKind k) { return NameOf(kLinkKinds, static_cast<size_t>(k)); }
std::optional<LinkKind> ParseLinkKind(std::string_view s) {
  return ParseName<LinkKind>(kLinkKinds, s);
}

std::string Actor::Name(std::string_view lang) const {
  if (auto it = names.find(std::string(lang)); it != names.end() && !it->second.empty()) {
    return it->second;
  }
  if (auto it = names.find("en"); it != names.end() && !it->second.empty()) return it->second;
  for (const auto& [l, n] : names) {
    if (!n.empty()) return n;
  }
  return id;
}

std::vector<std::string> Event::ActorIds() const {
  std::vector<std::string> ids;
  for (const auto& p : participants) {
    if (std::find(ids.begin(), ids.end(), p.actor_id) == ids.end()) ids.push_back(p.actor_id);
  }
  return ids;
}

}  // namespace kbq
