// The slow-server lesson page: parameters, Run/Reset, the live timeline, step-through,
// the snippet, the console and the verdict, all drawn from the run's trace.
#include <emscripten/emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "app/lesson.h"
#include "app/lesson_run.h"
#include "app/platform.h"
#include "app/test_hook.h"
#include "published.h"
#include "run_summary.h"
#include "scenario.h"
#include "snippets.h"
#include "ui/code_panel.h"
#include "ui/loop_snapshot.h"
#include "ui/console_panel.h"
#include "ui/parameter_panel.h"
#include "ui/step_panel.h"
#include "ui/timeline_bench.h"
#include "ui/timeline_widget.h"
#include "ui/trace_view_model.h"
#include "ui/verdict_panel.h"
#include "verdict_rules.h"

namespace looplab::slow_server {
namespace {

using app::Parameter;
using app::RunClock;

constexpr std::array<std::string_view, 2> clock_names{"virtual", "real"};
constexpr std::array<std::string_view, 2> clock_labels{"virtual", "real backend"};
constexpr std::array<std::string_view, 3> delay_keys{"r1", "r2", "r3"};

// The page's own address, shown in the printed URLs as the seed's client showed localhost.
std::string page_origin(const app::FetchClient& fetch) {
  if (!fetch.base_url().empty()) return fetch.base_url();
  char* origin = emscripten_run_script_string("location.origin");
  return origin ? std::string(origin) : std::string("http://127.0.0.1:8000");
}

nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

class SlowServerPage final : public app::LessonPage {
 public:
  explicit SlowServerPage(app::LessonHost& host) : host_(host), run_(host.fetch) {
    host_.hook.add_action("bench_timeline", [](const nlohmann::json& args) {
      const auto tasks = args.value("tasks", 4000);
      const auto frames = args.value("frames", 60);
      if (tasks < 1 || tasks > 20000) throw std::invalid_argument("bench_timeline: tasks must be between 1 and 20000");
      if (frames < 1 || frames > 1000) throw std::invalid_argument("bench_timeline: frames must be between 1 and 1000");
      const ui::TimelineBenchResult r = ui::bench_timeline(static_cast<std::size_t>(tasks), frames);
      return nlohmann::json{{"tasks", r.tasks},
                            {"trace_events", r.trace_events},
                            {"run_ms", r.run_ms},
                            {"convert_ms", r.convert_ms},
                            {"frames", r.frames},
                            {"frame_ms_zoomed_out", r.frame_ms_zoomed_out},
                            {"frame_ms_zoomed_in", r.frame_ms_zoomed_in},
                            {"frame_ms_worst", r.frame_ms_worst}};
    });
    // Moves the playhead as the step buttons and the timeline do: {"time": t} or {"step": +1 / -1}.
    host_.hook.add_action("playhead", [this](const nlohmann::json& args) {
      if (args.contains("time") && args["time"].is_number()) {
        timeline_.playhead = ui::cursor_at_time(args["time"].get<double>());
      } else if (args.contains("step") && args["step"].is_number_integer()) {
        for (int i = args["step"].get<int>(); i > 0; --i) timeline_.playhead = steps_.next(timeline_.playhead);
        for (int i = args["step"].get<int>(); i < 0; ++i) timeline_.playhead = steps_.previous(timeline_.playhead);
      } else {
        throw std::invalid_argument("playhead needs {\"time\": seconds} or {\"step\": +n or -n}");
      }
      return nlohmann::json{{"time", timeline_.playhead.time}, {"event", steps_.position(timeline_.playhead)}};
    });
  }
  ~SlowServerPage() override {
    host_.hook.remove("bench_timeline");
    host_.hook.remove("playhead");
  }

  std::vector<Parameter> parameters() const override {
    std::vector<Parameter> out;
    for (std::size_t i = 0; i < 3; ++i) out.push_back({std::string(delay_keys[i]), ui::short_number(delays_[i].value)});
    out.push_back({"mode", std::string(to_string(mode_))});
    out.push_back({"scale", ui::short_number(scale_.value)});
    out.push_back({"clock", std::string(clock_names[clock_choice_])});
    return out;
  }

  std::string set_parameter(std::string_view name, std::string_view value) override {
    std::string problem;
    for (std::size_t i = 0; i < 3; ++i) {
      if (name != delay_keys[i]) continue;
      if (auto v = ui::parse_in_range(delay_rules[i], value, problem)) delays_[i].propose(delay_rules[i], *v);
      return problem;
    }
    if (name == "scale") {
      if (auto v = ui::parse_in_range(time_scale_rule, value, problem)) scale_.propose(time_scale_rule, *v);
      return problem;
    }
    if (name == "mode") {
      if (auto i = ui::parse_choice("mode", mode_names, value, problem)) mode_ = static_cast<Mode>(*i);
      return problem;
    }
    if (name == "clock") {
      if (auto i = ui::parse_choice("clock", clock_names, value, problem)) clock_choice_ = *i;
      return problem;
    }
    return "the slow-server lesson has no parameter named '" + std::string(name) +
           "' (it has r1, r2, r3, mode, scale, clock)";
  }

  std::string run() override {
    run_settings_ = current_settings();
    const Settings settings = run_settings_;
    const std::string origin = page_origin(host_.fetch);
    const SnippetLines lines = snippet_lines(settings.mode);
    run_.start([settings, origin, lines] { return scenario_main(settings, origin, lines); },
               clock_choice_ == 1 ? RunClock::real_clock : RunClock::virtual_clock);
    return {};
  }

  void reset() override {
    run_.reset();
    forget_views();
  }

  const app::LessonRun* current_run() const override { return &run_; }

  nlohmann::json extra_state() const override {
    nlohmann::json requests = nlohmann::json::array();
    for (const RequestTimes& r : summary_.requests) {
      requests.push_back({{"name", r.name}, {"sent", number_or_null(r.sent)}, {"answered", number_or_null(r.answered)},
                          {"reply", r.reply}});
    }
    nlohmann::json console = nlohmann::json::array();
    for (const ui::ConsoleLine& line : view_.model().console) console.push_back({{"time", line.time}, {"text", line.text}});
    return {{"mode", std::string(to_string(run_settings_.mode))},
            {"effective_delays", effective_delays(run_settings_)},
            {"total", number_or_null(summary_.total)},
            {"finished", summary_.finished},
            {"requests", requests},
            {"finish_order", summary_.finish_order},
            {"console", console},
            {"model_total", model_total(run_settings_.mode, effective_delays(run_settings_))},
            {"published_scaled", published_scaled(published(), run_settings_.mode, effective_delays(run_settings_))},
            {"verdict", {{"matches_model", verdict_.matches_model}, {"meaning", verdict_.meaning}}},
            {"playhead", timeline_.playhead.time},
            {"loop_at_playhead", loop_at_playhead()},
            {"lanes", view_.model().lanes.size()}};
  }

  void draw() override {
    follow_run();
    // Parameters and run controls beside the verdict, the timeline across the whole width,
    // then the code, the loop at the playhead and the console: side by side when the
    // canvas is wide, two over one when it is not.
    if (ImGui::BeginTable("top", 2, ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, 330);
      ImGui::TableSetupColumn("verdict", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableNextColumn();
      draw_controls();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted("Verdict");
      ui::draw_verdict_panel(verdict_);
      ImGui::EndTable();
    }
    ImGui::Separator();
    draw_timeline_row();
    ImGui::Separator();
    const bool wide = ImGui::GetContentRegionAvail().x >= 1250;
    if (ImGui::BeginTable("panels", wide ? 3 : 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableNextColumn();
      draw_code();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted("The loop at the playhead");
      ui::draw_step_panel(view_.model(), steps_, timeline_.playhead, step_state_);
      if (wide) {
        ImGui::TableNextColumn();
        draw_console();
      }
      ImGui::EndTable();
    }
    if (!wide) draw_console();
  }

 private:
  // The step panel's view of the loop, as data: names in the loop's order.
  nlohmann::json loop_at_playhead() const {
    const ui::TimelineModel& m = view_.model();
    const ui::LoopSnapshot s = ui::snapshot_at(m, timeline_.playhead);
    nlohmann::json running = nlohmann::json::array(), ready = nlohmann::json::array(), waiting = nlohmann::json::array();
    for (const auto& r : s.running) running.push_back({{"task", m.lanes[r.lane].name}, {"holds_loop", r.holds_loop}});
    for (const auto& r : s.ready) ready.push_back({{"task", m.lanes[r.lane].name}, {"why", r.why}});
    for (const auto& w : s.waiting) {
      waiting.push_back({{"task", m.lanes[w.lane].name}, {"on", w.on}, {"until", number_or_null(w.until == ui::open_end ? NAN : w.until)}});
    }
    return {{"running", running}, {"ready", ready}, {"waiting", waiting}, {"finished", s.finished}};
  }

  Settings current_settings() const {
    Settings s;
    for (std::size_t i = 0; i < 3; ++i) s.delays[i] = delays_[i].value;
    s.mode = mode_;
    s.time_scale = scale_.value;
    return s;
  }

  void forget_views() {
    view_.reset();
    timeline_.reset();
    steps_ = {};
    step_state_ = {};
    summary_ = {};
    verdict_ = {};
    summarized_events_ = 0;
  }

  // Brings the views up to date with the run: only what the trace gained since last frame.
  void follow_run() {
    if (run_.run_number() != seen_run_) {
      seen_run_ = run_.run_number();
      forget_views();
      if (run_.running()) {
        // A live run grows into the span the model predicts, rather than scrolling by.
        const double expected = model_total(run_settings_.mode, effective_delays(run_settings_));
        timeline_.window = ui::fit(0, std::max(expected, 0.05) * 1.05);
        timeline_.fit_pending = false;
      }
    }
    const Trace* trace = run_.trace();
    if (!trace) return;
    const bool live = run_.running();
    // A live run just ended: show all of it, unless the learner has taken over the view.
    if (view_.model().live && !live && timeline_.follow_live) timeline_.fit_pending = true;
    view_.update(*trace, run_.elapsed_seconds(), live);
    steps_.update(view_.model());
    if (live) {
      timeline_.playhead = ui::cursor_at_time(view_.model().now);  // the playhead rides the live edge
    } else if (summarized_events_ != trace->size()) {
      // Once per finished (or failed) run: the summary reads the whole trace.
      summary_ = summarize(*trace);
      if (summarized_events_ == 0) timeline_.playhead = ui::cursor_at_time(view_.model().now);  // start at the end
      verdict_ = make_verdict(run_settings_, summary_, published(), run_.clock() == RunClock::virtual_clock);
      summarized_events_ = trace->size();
    }
  }

  void draw_controls() {
    std::size_t mode = static_cast<std::size_t>(mode_);
    constexpr std::array<std::string_view, 3> mode_labels{"sync", "async", "fake async"};
    if (ui::choice_buttons("mode", mode_labels, mode)) mode_ = static_cast<Mode>(mode);
    ImGui::TextDisabled(mode_ == Mode::sync    ? "requests.get, one call after another"
                        : mode_ == Mode::async ? "aiohttp + asyncio.gather"
                                               : "async def + gather, but requests.get inside");
    ImGui::Spacing();
    ImGui::TextUnformatted("Server delays (seconds)");
    for (std::size_t i = 0; i < 3; ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(220);
      ui::checked_slider(std::string(requester_names[i]).c_str(), delay_rules[i], delays_[i], "%.1f s");
      ImGui::PopID();
    }
    ImGui::SetNextItemWidth(220);
    ui::checked_slider("time scale", time_scale_rule, scale_, "x%.2f", true);
    const auto eff = effective_delays(current_settings());
    ImGui::TextDisabled("asks the server for %s, %s and %s s", python_float(eff[0]).c_str(), python_float(eff[1]).c_str(),
                        python_float(eff[2]).c_str());
    ImGui::Spacing();
    ui::choice_buttons("clock", clock_labels, clock_choice_);
    ImGui::Spacing();
    if (ImGui::Button(run_.running() ? "Running..." : "Run (Space)", {120, 0}) && !run_.running()) run();
    ImGui::SameLine();
    if (ImGui::Button("Reset (R)", {100, 0})) reset();
    if (run_.draw_status() == app::LessonRun::Offer::rerun_on_virtual_clock) {
      clock_choice_ = 0;
      run();
    }
  }

  void draw_timeline_row() {
    const ui::TimelineModel& model = view_.model();
    ImGui::TextUnformatted("Timeline");
    ImGui::SameLine();
    ImGui::Checkbox("arrows", &timeline_.show_arrows);
    if (model.live && !timeline_.follow_live) {
      ImGui::SameLine();
      if (ImGui::SmallButton("follow the run")) timeline_.follow_live = true;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("Mouse wheel: zoom around the mouse. Drag: pan. Click: move the playhead.\n"
                        "Double-click: fit the whole run. Shift+wheel: scroll the lanes. Hover a bar for its times.");
    }
    if (model.lanes.empty()) {
      ImGui::TextDisabled("Run the scenario to see its timeline: one lane per task, and one for the event loop.");
    } else {
      ui::TimelineOptions options;
      options.height = std::clamp(34.0f + 22.0f * static_cast<float>(model.lanes.size()), 140.0f, 360.0f);
      ui::draw_timeline("timeline", model, timeline_, options);
    }
    if (ImGui::TreeNode("Legend: colour, pattern and word per state")) {
      ui::draw_timeline_legend();
      ImGui::TreePop();
    }
  }

  void draw_code() {
    const ui::TimelineModel& model = view_.model();
    const Mode shown_mode = model.lanes.empty() ? mode_ : run_settings_.mode;
    const auto shown_delays = effective_delays(model.lanes.empty() ? current_settings() : run_settings_);
    ImGui::Text("%s.py", shown_mode == Mode::fake_async ? "fake_async" : std::string(to_string(shown_mode)).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("the equivalent Python; highlighted: where each task is");
    ImGui::BeginChild("code", {0, 300}, true, ImGuiWindowFlags_HorizontalScrollbar);
    ui::draw_code_panel(render_snippet(shown_mode, shown_delays), model, timeline_.playhead, app::app_fonts().mono);
    ImGui::EndChild();
  }

  void draw_console() {
    ImGui::TextUnformatted("Console");
    ImGui::SameLine();
    ImGui::Checkbox("hide lines after the playhead", &console_hide_future_);
    ui::ConsoleOptions console;
    console.hide_future = console_hide_future_;
    console.height = 200;
    ui::draw_console_panel(view_.model(), timeline_.playhead, console, app::app_fonts().mono);
  }

  app::LessonHost& host_;
  app::LessonRun run_;
  std::array<ui::CheckedValue, 3> delays_{{{10, {}}, {2, {}}, {5, {}}}};
  ui::CheckedValue scale_{1.0, {}};
  Mode mode_ = Mode::async;
  std::size_t clock_choice_ = 0;
  bool console_hide_future_ = false;

  Settings run_settings_;
  std::uint64_t seen_run_ = 0;
  std::size_t summarized_events_ = 0;
  ui::TraceViewModel view_;
  ui::TimelineView timeline_;
  ui::StepIndex steps_;
  ui::StepPanelState step_state_;
  RunSummary summary_;
  ui::Verdict verdict_;
};

}  // namespace
}  // namespace looplab::slow_server

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_slow_server(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::slow_server::SlowServerPage>(host);
}
