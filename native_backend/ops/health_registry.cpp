#include "ops/health_registry.hpp"

namespace looplab::backend {

void HealthRegistry::add(std::string component, Check check) {
  checks_.emplace_back(std::move(component), std::move(check));
}

nlohmann::json HealthRegistry::report(bool& all_healthy) const {
  all_healthy = true;
  nlohmann::json components = nlohmann::json::object();
  for (const auto& [name, check] : checks_) {
    HealthReport entry;
    try {
      entry = check();
    } catch (const std::exception& e) {
      entry.healthy = false;
      entry.details = {{"error", e.what()}};
    }
    nlohmann::json shown = entry.details.is_object() ? entry.details : nlohmann::json{{"details", entry.details}};
    shown["status"] = entry.healthy ? "ok" : "degraded";
    components[name] = std::move(shown);
    all_healthy = all_healthy && entry.healthy;
  }
  return components;
}

}  // namespace looplab::backend
