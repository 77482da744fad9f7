#include "test_hook.h"

#include <emscripten/emscripten.h>

#include <stdexcept>

namespace looplab::app {

TestHook& TestHook::instance() {
  static TestHook hook;
  return hook;
}

void TestHook::add_state(const std::string& name, StateSection section) {
  sections_[name] = std::move(section);
}

void TestHook::add_action(const std::string& name, Action action) {
  actions_[name] = std::move(action);
}

void TestHook::remove(const std::string& name) {
  sections_.erase(name);
  actions_.erase(name);
}

nlohmann::json TestHook::state() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, section] : sections_) out[name] = section();
  return out;
}

nlohmann::json TestHook::act(const std::string& name, const nlohmann::json& args) {
  auto it = actions_.find(name);
  if (it == actions_.end()) {
    std::string known;
    for (const auto& [n, _] : actions_) known += (known.empty() ? "" : ", ") + n;
    return {{"ok", false}, {"error", "no action named '" + name + "' on this page (known: " + known + ")"}};
  }
  try {
    nlohmann::json result = it->second(args);
    if (!result.is_object()) result = nlohmann::json{{"value", result}};
    result["ok"] = true;
    return result;
  } catch (const std::exception& e) {
    return {{"ok", false}, {"error", e.what()}};
  }
}

void TestHook::announce_first_frame() {
  if (announced_) return;
  announced_ = true;
  EM_ASM({
    if (window.looplab && window.looplab._firstFrame) window.looplab._firstFrame();
  });
}

}  // namespace looplab::app

// The two entry points the JS glue calls. Strings returned live until the next call.
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* looplab_hook_state() {
  static std::string text;
  text = looplab::app::TestHook::instance().state().dump();
  return text.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* looplab_hook_act(const char* name, const char* args_json) {
  static std::string text;
  nlohmann::json args = nlohmann::json::parse(args_json ? args_json : "", nullptr, false);
  if (args.is_discarded()) {
    text = nlohmann::json{{"ok", false}, {"error", "the action's arguments are not valid JSON"}}.dump();
  } else {
    text = looplab::app::TestHook::instance().act(name ? name : "", args).dump();
  }
  return text.c_str();
}

}
