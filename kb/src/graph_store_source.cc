// GraphSource over a Store: a thin forwarding adapter.
#include <climits>

#include "kbq/graph.h"
#include "kbq/store.h"

namespace kbq {
namespace {

class StoreGraphSource : public GraphSource {
 public:
  explicit StoreGraphSource(const Store& store) : store_(store) {}
  Result<Event> GetEvent(const std::string& id) const override { return store_.GetEvent(id); }
  Result<std::vector<Link>> LinksFrom(const std::string& id) const override {
    return store_.LinksFrom(id);
  }
  Result<std::vector<Link>> LinksTo(const std::string& id) const override {
    return store_.LinksTo(id);
  }
  Result<std::vector<Link>> LinksOf(const std::vector<std::string>& ids, bool out,
                                    bool in) const override {
    return store_.LinksOf(ids, out, in);
  }
  Status ScanLinks(const std::function<bool(const Link&)>& visit) const override {
    return store_.ScanLinks(visit);
  }
  Status ScanEvents(const std::function<bool(const Event&)>& visit) const override {
    return store_.ScanDateRange(INT32_MIN, INT32_MAX, visit);
  }

 private:
  const Store& store_;
};

}  // namespace

std::unique_ptr<GraphSource> MakeStoreGraphSource(const Store& store) {
  return std::make_unique<StoreGraphSource>(store);
}

}  // namespace kbq
