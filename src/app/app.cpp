#include "app.h"

#include "app_style.h"
#include "page_url.h"
#include "test_hook.h"
#include "touch_input.h"
#ifdef LOOPLAB_APP_HAS_CORE
#include "lesson_run.h"
#include "looplab/trace_export.hpp"
#endif

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <stdexcept>
#include <vector>
#include <string_view>

namespace looplab::app {

LaunchOptions parse_launch_options(int argc, char** argv) {
  LaunchOptions options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--lesson") options.lesson_id = argv[i + 1];
    if (flag == "--backend") options.backend_url = argv[i + 1];
  }
  return options;
}

App::App(LaunchOptions options)
    : options_(std::move(options)), fetch_(options_.backend_url), backend_check_(fetch_) {}

bool App::start(std::string& error) {
  if (!platform_.init(error)) return false;
  if (!options_.lesson_id.empty()) {
    lesson_ = find_lesson(options_.lesson_id);
    if (lesson_) {
      host_ = std::make_unique<LessonHost>(LessonHost{lesson_->info, fetch_, TestHook::instance()});
      page_ = lesson_->make(*host_);
      apply_url_parameters();
    }
  }
  register_hook();
  if (page_) register_lesson_hook();
  return true;
}

void App::apply_url_parameters() {
  for (const Parameter& p : read_page_url_parameters()) {
    std::string problem = page_->set_parameter(p.name, p.value);
    if (!problem.empty()) url_problems_.push_back("The link's " + p.name + "=" + p.value + " was not used: " + problem);
  }
  url_parameters_ = read_page_url_parameters();
}

void App::keep_url_in_step() {
  std::vector<Parameter> now = page_->parameters();
  bool same = now.size() == url_parameters_.size();
  for (std::size_t i = 0; same && i < now.size(); ++i)
    same = now[i].name == url_parameters_[i].name && now[i].value == url_parameters_[i].value;
  if (same) return;
  write_page_url_parameters(now);
  url_parameters_ = std::move(now);
}

void App::draw_url_problems() {
  if (url_problems_.empty()) return;
  ImGui::PushTextWrapPos(0.0f);
  for (const std::string& problem : url_problems_) ImGui::TextColored(app_palette().bad, "%s", problem.c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::SmallButton("Dismiss")) url_problems_.clear();
  ImGui::Separator();
}

void App::register_lesson_hook() {
  TestHook& hook = TestHook::instance();
  hook.add_state("lesson", [this] {
    nlohmann::json params = nlohmann::json::object();
    for (const Parameter& p : page_->parameters()) params[p.name] = p.value;
    nlohmann::json out{
        {"id", std::string(lesson_->info.id)},
        {"params", params},
        {"parameters", page_->parameter_list()},
        {"url_problems", url_problems_},
        {"run", nullptr},
        {"frame", page_->frame_state()},
        {"extra", page_->extra_state()},
    };
#ifdef LOOPLAB_APP_HAS_CORE
    if (const LessonRun* run = page_->current_run()) out["run"] = run->state();
#endif
    return out;
  });
  hook.add_action("run", [this](const nlohmann::json&) {
    std::string problem = page_->run();
    if (!problem.empty()) throw std::invalid_argument(problem);
    return nlohmann::json::object();
  });
  hook.add_action("reset", [this](const nlohmann::json&) {
    page_->reset();
    return nlohmann::json::object();
  });
  hook.add_action("set_params", [this](const nlohmann::json& args) {
    if (!args.is_object()) throw std::invalid_argument("set_params needs an object: {\"name\": value, ...}");
    std::string problems;
    for (const auto& [name, value] : args.items()) {
      std::string text = value.is_string() ? value.get<std::string>() : value.dump();
      std::string problem = page_->set_parameter(name, text);
      if (!problem.empty()) problems += (problems.empty() ? "" : "; ") + problem;
    }
    if (!problems.empty()) throw std::invalid_argument(problems);
    return nlohmann::json::object();
  });
#ifdef LOOPLAB_APP_HAS_CORE
  hook.add_action("trace", [this](const nlohmann::json&) {
    const LessonRun* run = page_->current_run();
    if (!run || !run->trace()) throw std::invalid_argument("there is no run yet: run the lesson first");
    return nlohmann::json{{"trace", looplab::to_json(*run->trace())}};
  });
#endif
}

void App::register_hook() {
  TestHook& hook = TestHook::instance();
  hook.add_state("app", [this] {
    nlohmann::json lessons = nlohmann::json::array();
    for (const Lesson& l : all_lessons()) lessons.push_back(std::string(l.info.id));
    return nlohmann::json{
        {"page", page_ ? "lesson" : (options_.lesson_id.empty() ? "start" : "unknown-lesson")},
        {"lesson", options_.lesson_id},
        {"lessons", lessons},
        {"frames", platform_.frame_count()},
        {"frames_not_redrawn", platform_.frames_skipped()},
        {"canvas",
         {{"css_width", platform_.css_width()},
          {"css_height", platform_.css_height()},
          {"pixel_ratio", platform_.pixel_ratio()}}},
        {"requests_in_flight", fetch_.in_flight()},
        {"frame_ms", frame_timing()},
        {"wants_keyboard", ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput},
        {"touch", touch_state()},
    };
  });
  // Benchmarks change the view, then time only the frames after the change.
  hook.add_action("reset_frame_timing", [this](const nlohmann::json&) {
    frames_timed_ = 0;
    return nlohmann::json::object();
  });
  hook.add_state("backend_check", [this] { return backend_check_.state(); });
  hook.add_action("check_backend", [this](const nlohmann::json& args) {
    if (!args.contains("seconds") || !args["seconds"].is_number())
      throw std::invalid_argument("check_backend needs {\"seconds\": <number>}");
    backend_check_.ask(args["seconds"].get<double>());
    return nlohmann::json::object();
  });
}

nlohmann::json App::touch_state() const {
  const TouchInput& t = TouchInput::instance();
  const TouchInput::Counts& c = t.counts();
  return {{"device", t.touch_device()}, {"touches", c.touches}, {"ends", c.ends}, {"taps", c.taps},
          {"pans", c.pans}, {"zooms", c.zooms}, {"pointer_presses", c.pointer_presses},
          {"last", {c.last_x, c.last_y}},
          {"lanes_area", {t.lanes_area().x0, t.lanes_area().y0, t.lanes_area().x1, t.lanes_area().y1}},
          {"first_fingers", {{"on_lanes", t.tally().on_lanes}, {"on_ruler", t.tally().on_ruler},
                             {"as_pointer", t.tally().as_pointer}, {"too_slow_for_a_tap", t.tally().too_slow},
                             {"moved", t.tally().moved}, {"last_duration_s", t.tally().last_duration}}}};
}

nlohmann::json App::frame_timing() const {
  int n = static_cast<int>(std::min<long>(frames_timed_, kFrameSamples));
  if (n == 0) return nullptr;
  std::vector<double> samples(frame_ms_, frame_ms_ + n);
  std::sort(samples.begin(), samples.end());
  double sum = 0;
  for (double v : samples) sum += v;
  return {{"frames", n}, {"mean", sum / n}, {"median", samples[n / 2]}, {"p95", samples[(n * 95) / 100]},
          {"max", samples.back()}};
}

void App::draw_start_page() {
  backend_check_.draw();
}

void App::draw_unknown_lesson() {
  ImGui::TextColored(app_palette().bad, "This page asks for a lesson named '%s', and there is none.",
                     options_.lesson_id.c_str());
  ImGui::TextColored(app_palette().text_muted, "Lessons in this build:");
  for (const Lesson& l : all_lessons()) ImGui::BulletText("%.*s", static_cast<int>(l.info.id.size()), l.info.id.data());
  ImGui::Separator();
  backend_check_.draw();
}

void App::frame() {
  double started = emscripten_get_now();
  platform_.begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  // A scrollbar, when the layout is taller than the canvas: it says there is more below.
  constexpr ImGuiWindowFlags kCanvasWindow = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                             ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                             ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoBringToFrontOnFocus;
  // Without a scrollbar where the page scrolls: one would narrow the layout, which would
  // then grow, and the canvas with it, and so on.
  ImGui::Begin("##canvas", nullptr, kCanvasWindow | (page_ && page_->page_scrolls() ? ImGuiWindowFlags_NoScrollbar : 0));
  if (page_) {
#ifdef LOOPLAB_APP_HAS_CORE
    LessonRun::advance_all();
#endif
    draw_url_problems();
    page_->draw();
  } else if (options_.lesson_id.empty()) {
    draw_start_page();
  } else {
    draw_unknown_lesson();
  }
  ImGui::End();
  platform_.end_frame();
  if (page_) keep_url_in_step();
  frame_ms_[frames_timed_++ % kFrameSamples] = emscripten_get_now() - started;
  TestHook::instance().announce_first_frame();
}

}  // namespace looplab::app

// For the page's keyboard shortcuts: true while an ImGui text field has the keyboard.
extern "C" EMSCRIPTEN_KEEPALIVE int looplab_wants_keyboard() {
  return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}
