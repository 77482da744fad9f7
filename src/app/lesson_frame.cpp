#include "app/lesson_frame.h"

#include "app/test_hook.h"
#include "app/browser_download.h"
#include "ui/loop_snapshot.h"
#include "ui/state_style.h"
#include "ui/timeline_bench.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace looplab::app {
nlohmann::json number_or_null(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

namespace {

// What the timeline's lanes hold, per state drawn (its short word): how many stretches, how long.
nlohmann::json lane_states(const ui::TimelineModel& m) {
  nlohmann::json out = nlohmann::json::object();
  for (const ui::Lane& lane : m.lanes) {
    for (const ui::Interval& iv : lane.intervals) {
      nlohmann::json& s = out[std::string(ui::style_of(iv.state).short_label)];
      if (s.is_null()) s = {{"intervals", 0}, {"seconds", 0.0}};
      s["intervals"] = s["intervals"].get<int>() + 1;
      s["seconds"] = s["seconds"].get<double>() + (std::min(iv.end, m.now) - iv.start);
    }
  }
  return out;
}

nlohmann::json bench_timeline_action(const nlohmann::json& args) {
  const auto tasks = args.value("tasks", 4000);
  const auto frames = args.value("frames", 60);
  if (tasks < 1 || tasks > 20000) throw std::invalid_argument("bench_timeline: tasks must be between 1 and 20000");
  if (frames < 1 || frames > 1000) throw std::invalid_argument("bench_timeline: frames must be between 1 and 1000");
  const ui::TimelineBenchResult r = ui::bench_timeline(static_cast<std::size_t>(tasks), frames);
  return {{"tasks", r.tasks},          {"trace_events", r.trace_events},
          {"run_ms", r.run_ms},        {"convert_ms", r.convert_ms},
          {"frames", r.frames},        {"frame_ms_zoomed_out", r.frame_ms_zoomed_out},
          {"frame_ms_zoomed_in", r.frame_ms_zoomed_in}, {"frame_ms_worst", r.frame_ms_worst}};
}

}  // namespace

LessonFrame::LessonFrame(LessonHost& host, ParameterSet parameters)
    : host_(host), params_(std::move(parameters)), run_values_(params_), run_(host.fetch) {
  register_actions();
}

LessonFrame::~LessonFrame() {
  for (const char* name : {"bench_timeline", "playhead", "download_trace"}) host_.hook.remove(name);
}

void LessonFrame::register_actions() {
  host_.hook.add_action("bench_timeline", &bench_timeline_action);
  // Moves the playhead as the step buttons, the arrow keys and the timeline do.
  host_.hook.add_action("playhead", [this](const nlohmann::json& args) { return move_playhead(args); });
  // Offers the run's trace as a file: {"format": "chrome"} (Perfetto) or {"format": "looplab"}.
  host_.hook.add_action("download_trace", [this](const nlohmann::json& args) {
    if (!trace()) throw std::invalid_argument("there is no run yet: run the lesson first");
    const std::string format = args.value("format", "chrome");
    if (format != "chrome" && format != "looplab")
      throw std::invalid_argument("download_trace: format must be \"chrome\" (Perfetto) or \"looplab\"");
    const TraceFile file = trace_file(*trace(), std::string(host_.info.id), run_.run_number(),
                                      format == "chrome" ? TraceFormat::chrome : TraceFormat::looplab);
    offer_download(file);
    return nlohmann::json{{"file", file.name}, {"bytes", file.text.size()}};
  });
}

nlohmann::json LessonFrame::move_playhead(const nlohmann::json& args) {
  const auto& events = steps_.events();
  if (args.contains("time") && args["time"].is_number()) {
    timeline_.playhead = ui::cursor_at_time(args["time"].get<double>());
  } else if (args.contains("step") && args["step"].is_number_integer()) {
    const int n = std::clamp(args["step"].get<int>(), -100000, 100000);
    for (int i = n; i > 0; --i) timeline_.playhead = steps_.next(timeline_.playhead);
    for (int i = n; i < 0; ++i) timeline_.playhead = steps_.previous(timeline_.playhead);
  } else if (args.value("to", "") == "start") {
    if (!events.empty()) timeline_.playhead = events.front().at;
  } else if (args.value("to", "") == "end") {
    if (!events.empty()) timeline_.playhead = events.back().at;
  } else {
    throw std::invalid_argument(
        "playhead needs {\"time\": seconds}, {\"step\": +n or -n} or {\"to\": \"start\" or \"end\"}");
  }
  return {{"time", timeline_.playhead.time}, {"event", steps_.position(timeline_.playhead)}};
}

std::string LessonFrame::set_parameter(std::string_view name, std::string_view value) {
  // A lesson without real I/O runs only on the virtual clock: a link or a tool that asks
  // for it (every lesson's screenshots and walk do) gets what it asked for, silently.
  if (name == "clock" && !params_.has_clock()) {
    if (value == "virtual") return {};
    return "the " + std::string(host_.info.id) + " lesson has no real clock: every run of it is on the virtual clock";
  }
  if (!params_.find(name)) {
    return "the " + std::string(host_.info.id) + " lesson has no parameter named '" + std::string(name) + "' (it has " +
           params_.names() + ")";
  }
  return params_.set(name, value);
}

std::string LessonFrame::run() {
  if (run_.running()) return "a run is already going on: wait for it, or press Reset";
  run_.reset();  // the old run's coroutines go before the values they were started with
  run_values_ = params_;
  // run_values_ stays as it is until the next run, which resets this one first: the
  // scenario may keep a reference to it.
  run_.start([this] { return scenario(run_values_); },
             run_values_.real_clock() ? RunClock::real_clock : RunClock::virtual_clock, loop_options(run_values_));
  follow_run();  // a virtual run is over already: its verdict is ready now
  return {};
}

void LessonFrame::reset() {
  run_.reset();
  forget_views();
  verdict_run_ = 0;
}

void LessonFrame::forget_views() {
  view_.reset();
  timeline_.reset();
  steps_ = {};
  step_state_ = {};
  verdict_ = {};
}

// Brings the views up to date with the run: only what the trace gained since the last frame.
void LessonFrame::follow_run() {
  if (run_.run_number() != seen_run_) {
    seen_run_ = run_.run_number();
    forget_views();
    if (run_.running()) {
      // A live run grows into the span the model predicts, rather than scrolling by.
      const double expected = expected_seconds(run_values_);
      if (std::isfinite(expected)) {
        timeline_.window = ui::fit(0, std::max(expected, 0.05) * 1.05);
        timeline_.fit_pending = false;
      }
    }
  }
  const Trace* t = run_.trace();
  if (!t) return;
  const bool live = run_.running();
  // A live run just ended: show all of it, unless the learner has taken over the view.
  if (view_.model().live && !live && timeline_.follow_live) timeline_.fit_pending = true;
  view_.update(*t, run_.elapsed_seconds(), live);
  steps_.update(view_.model());
  if (live) {
    timeline_.playhead = ui::cursor_at_time(view_.model().now);  // the playhead rides the live edge
    return;
  }
  if (verdict_run_ == run_.run_number()) return;
  // Once per ended run: the verdict reads the whole trace.
  verdict_run_ = run_.run_number();
  timeline_.playhead = ui::cursor_at_time(view_.model().now);  // start at the end: the whole story
  const EndedRun ended{*t, run_values_, run_.clock() == RunClock::virtual_clock, run_.status() == RunStatus::finished,
                       run_.run_number()};
  verdict_ = verdict(ended);
}

namespace {
// Not emscripten_run_script_string: that is eval, which the site's Content-Security-Policy forbids.
EM_JS(char*, js_page_origin, (), { return allocateUTF8(window.location.origin || ""); });
}  // namespace

std::string LessonFrame::page_origin() const {
  if (!host_.fetch.base_url().empty()) return host_.fetch.base_url();
  char* origin = js_page_origin();
  std::string text = origin ? origin : "";
  std::free(origin);
  return text.empty() || text == "null" ? std::string("http://127.0.0.1:8000") : text;
}

nlohmann::json LessonFrame::frame_state() const {
  const ui::TimelineModel& m = view_.model();
  const ui::LoopSnapshot s = ui::snapshot_at(m, timeline_.playhead);
  nlohmann::json running = nlohmann::json::array(), ready = nlohmann::json::array(), waiting = nlohmann::json::array();
  for (const auto& r : s.running) running.push_back({{"task", m.lanes[r.lane].name}, {"holds_loop", r.holds_loop}});
  for (const auto& r : s.ready) ready.push_back({{"task", m.lanes[r.lane].name}, {"why", r.why}});
  for (const auto& w : s.waiting) {
    waiting.push_back({{"task", m.lanes[w.lane].name}, {"on", w.on}, {"until", number_or_null(w.until)}});
  }
  nlohmann::json console = nlohmann::json::array();
  for (const ui::ConsoleLine& line : m.console) console.push_back({{"time", line.time}, {"text", line.text}});
  nlohmann::json rows = nlohmann::json::array();
  for (const ui::VerdictRow& r : verdict_.rows) {
    rows.push_back({{"what", r.what}, {"seconds", number_or_null(r.seconds)}, {"note", r.note}, {"measured", r.measured}});
  }
  const Snippet shown = snippet(shown_values());
  return {
      {"verdict", {{"run", verdict_run_}, {"rows", rows}, {"finish_order", verdict_.finish_order},
                   {"meaning", verdict_.meaning}, {"notes", verdict_.notes}, {"matches_model", verdict_.matches_model}}},
      {"playhead", {{"time", timeline_.playhead.time}, {"event", steps_.position(timeline_.playhead)},
                    {"events", steps_.events().size()}}},
      {"timeline", {{"begin", timeline_.window.begin}, {"end", timeline_.window.end}, {"follow_live", timeline_.follow_live},
                    {"area", {{"left", timeline_.drawn.left}, {"right", timeline_.drawn.right},
                              {"ruler_top", timeline_.drawn.ruler_top}, {"lanes_top", timeline_.drawn.lanes_top},
                              {"bottom", timeline_.drawn.bottom}}}}},
      {"loop_at_playhead", {{"running", running}, {"ready", ready}, {"waiting", waiting}, {"finished", s.finished}}},
      {"console", console},
      {"lanes", m.lanes.size()},
      {"worker_lanes", m.workers.size()},
      {"lane_states", lane_states(m)},
      {"snippet", {{"file", shown.file}, {"lines", std::count(shown.source.begin(), shown.source.end(), '\n')}}},
      {"layout", {{"columns", layout_columns_}, {"content_height", content_height_}, {"touch", touch_layout_},
                  // Where the Run button is (canvas CSS px), so a test can tap it as a finger would.
                  {"run_button", {run_button_[0], run_button_[1], run_button_[2], run_button_[3]}}}},
  };
}

}  // namespace looplab::app
