// The event-loop page on the lesson frame: the loop's run_once phases of the run, read from
// its trace, played or stepped in the panel above the timeline; the playhead follows them.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "app/lesson_frame.h"
#include "app/test_hook.h"
#include "app/trace_facts.h"
#include "loop_at_phase.h"
#include "phase_panel.h"
#include "phase_words.h"
#include "scenario.h"

namespace looplab::event_loop {
namespace {

Settings settings_of(const app::ParameterSet& v) {
  return {v.choice("scenario") == 0 ? Scenario::two_hellos : Scenario::slow_server, v.number("first"),
          v.number("second")};
}

class EventLoopPage final : public app::LessonFrame {
 public:
  explicit EventLoopPage(app::LessonHost& host)
      : LessonFrame(host, app::ParameterSet({
            app::choice("scenario", "scenario",
                        {{"two-hellos", "two hellos", "say(\"first hello\", 2) and say(\"second hello\", 1) as two tasks"},
                         {"slow-server", "slow server", "the slow-server lesson's async run: 10, 2 and 5 s, gathered"}},
                        "two-hellos"),
            app::number("first", "first sleep", {0, 10, "s"}, 2, "%.1f s", "The hellos' sleeps (seconds)"),
            app::number("second", "second sleep", {0, 10, "s"}, 1, "%.1f s", "The hellos' sleeps (seconds)"),
        })) {
    host.hook.add_action("loop_phase", [this](const nlohmann::json& args) { return act(args); });
  }
  ~EventLoopPage() override { host().hook.remove("loop_phase"); }

 private:
  Coro<void> scenario(const app::ParameterSet& v) override { return scenario_main(settings_of(v), page_origin()); }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {std::string(snippet_file(s)), render_snippet(s)};
  }
  double expected_seconds(const app::ParameterSet& v) const override { return model_total(settings_of(v)); }
  LoopOptions loop_options(const app::ParameterSet&) const override { return event_loop::loop_options(); }

  void draw_controls_note(const app::ParameterSet& v) override {
    if (settings_of(v).scenario == Scenario::slow_server) ImGui::TextDisabled("(the sleeps are for the two hellos)");
  }

  ui::Verdict verdict(const app::EndedRun& run) override {
    const Settings s = settings_of(run.values);
    const double total = app::main_facts(run.trace).total(), model = model_total(s);
    const auto phases = loop_phases(run.trace);
    std::size_t iterations = 0, sleeps = 0;
    for (const LoopPhase& p : phases) {
      iterations = std::max<std::size_t>(iterations, p.iteration);
      sleeps += p.kind == PhaseKind::wait && p.time > p.began;
    }
    ui::Verdict v;
    const bool hellos = s.scenario == Scenario::two_hellos;
    v.rows = {{"measured", total, "virtual clock", true},
              {"model", model, hellos ? "the longer sleep, not the sum" : "the longest request, not the sum"}};
    v.finish_order = app::finish_order(run.trace);
    v.matches_model = std::abs(total - model) < 1e-9;
    v.meaning = !v.matches_model ? "The run took longer than the model: something held the loop."
                : hellos ? "Both tasks slept at once: the loop ran whoever was ready and slept only until the soonest timer."
                         : "All three requests were out at once: the loop slept until each reply in turn.";
    v.notes = {"The loop went round " + std::to_string(iterations) + " times and slept " + std::to_string(sleeps) +
               " times; every other wait had callbacks ready, so its timeout was 0."};
    return v;
  }

  // Follows the run and the playhead; plays; then draws the panel.
  void draw_above_timeline() override {
    if (!trace() || lesson_run().running()) {
      phases_.clear();
      seen_run_ = 0;
    } else if (verdict_run() != seen_run_) {
      seen_run_ = verdict_run();
      phases_ = loop_phases(*trace());
      player_.start(phases_.size());
      show_phase();
    } else if (!phases_.empty()) {
      if (!(playhead() == shown_at_)) {
        // Moved by the timeline or the keys: the learner has taken over, so playing stops.
        player_.go_to(phase_at_event(phases_, event_at(playhead())));
        shown_at_ = playhead();
      }
      if (player_.advance(ImGui::GetIO().DeltaTime)) show_phase();
    }
    refresh_view();
    const PanelRequest r = draw_phase_panel(trace(), phases_, at_, player_);
    if (r.next_kind) jump_to_next(*r.next_kind);
    if (r.moved) show_phase();
  }

  void jump_to_next(PhaseKind kind) {
    if (const auto next = next_phase_of(phases_, player_.phase(), kind)) {
      player_.go_to(*next);
      show_phase();
    }
  }

  // The playhead goes to the phase (the timeline, code and console follow): a step at its
  // last moment of running, so its line, its prints and the timer it set are all shown.
  void show_phase() {
    if (phases_.empty()) return;
    const LoopPhase& p = phases_[player_.phase()];
    const std::uint32_t at = p.kind == PhaseKind::step && p.last_event > p.first_event ? p.last_event - 1 : p.first_event;
    shown_at_ = ui::Cursor{trace()->events()[at].time, at};
    set_playhead(shown_at_);
    refresh_view();
  }

  void refresh_view() {
    const std::size_t key = phases_.empty() ? SIZE_MAX : player_.phase();
    if (key == viewed_ && seen_run_ == viewed_run_) return;
    viewed_ = key;
    viewed_run_ = seen_run_;
    at_ = phases_.empty() ? LoopAtPhase{} : loop_at_phase(*trace(), phases_, player_.phase());
  }

  // The trace event a playhead stands on (one placed by time: the last event at that time).
  std::uint32_t event_at(ui::Cursor c) const {
    const auto& events = trace()->events();
    if (c.seq < events.size()) return c.seq;
    const auto after = std::upper_bound(events.begin(), events.end(), c.time,
                                        [](double t, const TraceEvent& e) { return t < e.time; });
    return after == events.begin() ? 0 : static_cast<std::uint32_t>(after - events.begin() - 1);
  }

  // window.looplab.act('loop_phase', {step: n} | {to: "start"|"end"} | {next: kind} | {play: bool} | {speed: x})
  nlohmann::json act(const nlohmann::json& args) {
    if (phases_.empty()) throw std::invalid_argument("there are no loop phases yet: run the lesson first");
    if (args.contains("step") && args["step"].is_number_integer()) {
      player_.step(args["step"].get<long>());
    } else if (args.value("to", "") == "start" || args.value("to", "") == "end") {
      player_.go_to(args["to"] == "start" ? 0 : phases_.size() - 1);
    } else if (args.contains("next") && args["next"].is_string()) {
      const auto kind = phase_kind_named(args["next"].get<std::string>());
      if (!kind) throw std::invalid_argument("loop_phase: next must be one of wait, timers, step, callback");
      const auto next = next_phase_of(phases_, player_.phase(), *kind);
      if (!next) throw std::invalid_argument("there is no " + args["next"].get<std::string>() + " phase after this one");
      player_.go_to(*next);
    } else if (args.contains("play") && args["play"].is_boolean()) {
      args["play"].get<bool>() ? player_.play() : player_.pause();
    } else if (args.contains("speed") && args["speed"].is_number()) {
      if (!player_.set_speed(args["speed"].get<double>()))
        throw std::invalid_argument("loop_phase: speed must be 0.25, 0.5, 1, 2 or 4");
      return {{"speed", player_.speed()}};
    } else {
      throw std::invalid_argument(
          "loop_phase needs {step: n}, {to: \"start\"|\"end\"}, {next: kind}, {play: true|false} or {speed: x}");
    }
    show_phase();
    return {{"phase", player_.phase()}, {"kind", to_string(phases_[player_.phase()].kind)}};
  }

  nlohmann::json lesson_state() const override {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < phases_.size() && i < 1000; ++i) {
      const LoopPhase& p = phases_[i];
      list.push_back({{"kind", to_string(p.kind)}, {"iteration", p.iteration}, {"time", p.time},
                      {"text", describe(*trace(), p)}});
    }
    nlohmann::json state = {{"scenario", settings_of(shown_values()).scenario == Scenario::two_hellos ? "two-hellos" : "slow-server"},
                            {"run", seen_run_}, {"phases", list}, {"phase_count", phases_.size()}, {"playing", player_.playing()},
                            {"speed", player_.speed()}, {"phase", nullptr}};
    if (phases_.empty()) return state;
    const LoopPhase& p = phases_[player_.phase()];
    nlohmann::json heap = nlohmann::json::array(), ready = nlohmann::json::array();
    for (const HeapEntry& t : at_.heap)
      heap.push_back({{"task", trace()->task_name(t.task)}, {"deadline", t.deadline}, {"falling_due", t.falling_due}});
    for (const QueueEntry& q : at_.ready)
      ready.push_back({{"text", entry_text(*trace(), q)}, {"ran", q.ran}, {"current", q.current}});
    state["phase"] = {{"index", player_.phase()}, {"kind", to_string(p.kind)}, {"iteration", p.iteration},
                      {"time", p.time}, {"headline", headline(*trace(), p)}, {"timeout", app::number_or_null(p.timeout)},
                      {"began", p.began}, {"task", p.task ? trace()->task_name(p.task) : ""}, {"heap", heap},
                      {"ready", ready}, {"callbacks", at_.callbacks}, {"unnamed", at_.unnamed}};
    return state;
  }

  std::vector<LoopPhase> phases_;
  PhasePlayer player_;
  LoopAtPhase at_;
  std::uint64_t seen_run_ = 0, viewed_run_ = 0;
  std::size_t viewed_ = SIZE_MAX;
  ui::Cursor shown_at_;
};

}  // namespace
}  // namespace looplab::event_loop

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_event_loop(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::event_loop::EventLoopPage>(host);
}
