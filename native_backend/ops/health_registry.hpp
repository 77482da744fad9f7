#pragma once
// Components add their own entries to /healthz here (e.g. the database pool), so the
// core does not need to know about them.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace looplab::backend {

struct HealthReport {
  bool healthy = true;
  nlohmann::json details = nlohmann::json::object();  // anything useful: counts, last error
};

class HealthRegistry {
 public:
  using Check = std::function<HealthReport()>;
  // Checks run on every /healthz request, on the server's thread: keep them quick
  // (report state already known, do not start I/O).
  void add(std::string component, Check check);
  // {"<component>": {"status": "ok"|"degraded", ...details}}; all_healthy is false if any is not.
  nlohmann::json report(bool& all_healthy) const;

 private:
  std::vector<std::pair<std::string, Check>> checks_;
};

}  // namespace looplab::backend
