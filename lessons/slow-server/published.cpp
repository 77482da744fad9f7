#include "published.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "snippets.h"

namespace looplab::slow_server {

Published parse_published(std::string_view json_text) {
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) throw std::invalid_argument("published.json is not valid JSON");
  auto need = [](const nlohmann::json& j, const char* key) -> const nlohmann::json& {
    if (!j.is_object() || !j.contains(key)) throw std::invalid_argument(std::string("published.json: missing \"") + key + "\"");
    return j.at(key);
  };
  Published p;
  p.source = need(doc, "source").get<std::string>();
  const auto& delays = need(doc, "delays");
  if (!delays.is_array() || delays.size() != 3) throw std::invalid_argument("published.json: \"delays\" must list 3 numbers");
  for (std::size_t i = 0; i < 3; ++i) p.delays[i] = delays[i].get<double>();
  const auto& runs = need(doc, "runs");
  for (std::size_t m = 0; m < 3; ++m) {
    const auto& run = need(runs, std::string(mode_names[m]).c_str());
    PublishedRun& r = p.runs[m];
    r.total = need(run, "total").get<double>();
    const std::string model = need(run, "model").get<std::string>();
    if (model != "sum" && model != "max") throw std::invalid_argument("published.json: \"model\" must be \"sum\" or \"max\"");
    r.model_is_sum = model == "sum";
    r.finish_order = need(run, "finish_order").get<std::vector<std::string>>();
  }
  return p;
}

const Published& published() {
  static const Published p = parse_published(published_json());
  return p;
}

double model_total(Mode mode, const std::array<double, 3>& seconds) {
  if (mode == Mode::async) return *std::max_element(seconds.begin(), seconds.end());
  return std::accumulate(seconds.begin(), seconds.end(), 0.0);
}

double published_scaled(const Published& p, Mode mode, const std::array<double, 3>& seconds) {
  const PublishedRun& run = p.run(mode);
  const double seed_model = run.model_is_sum ? std::accumulate(p.delays.begin(), p.delays.end(), 0.0)
                                             : *std::max_element(p.delays.begin(), p.delays.end());
  return run.total / seed_model * model_total(mode, seconds);
}

}  // namespace looplab::slow_server
