#pragma once
// The page's JavaScript face, window.looplab (see web/looplab-page.js and
// src/app/README.md): named state sections that tests and the page read as
// JSON, and named actions they trigger, so nobody has to click pixels.
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>

namespace looplab::app {

class TestHook {
 public:
  using StateSection = std::function<nlohmann::json()>;
  // An action gets its JSON arguments and returns a JSON result; a bad request
  // throws std::invalid_argument with a sentence that becomes {"ok":false,"error":...}.
  using Action = std::function<nlohmann::json(const nlohmann::json& args)>;

  static TestHook& instance();

  void add_state(const std::string& name, StateSection section);
  void add_action(const std::string& name, Action action);
  void remove(const std::string& name);  // a state section and/or action of that name

  nlohmann::json state() const;
  nlohmann::json act(const std::string& name, const nlohmann::json& args);

  // Tells the page the first frame is on screen (window.looplab.ready = true).
  void announce_first_frame();

 private:
  std::map<std::string, StateSection> sections_;
  std::map<std::string, Action> actions_;
  bool announced_ = false;
};

}  // namespace looplab::app
