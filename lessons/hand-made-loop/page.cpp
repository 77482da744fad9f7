// The hand-made-loop page on the lesson frame: polling tasks, generator sleeps, the hello
// example's four solutions, and the same programs with asyncio; virtual clock (each poll
// charged a modelled cost) or the real clock (the page really spins and counts its polls).
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/lesson_frame.h"
#include "outcome.h"
#include "scenario.h"

namespace looplab::hand_made_loop {
namespace {

int whole(const app::ParameterSet& v, const char* name) { return static_cast<int>(std::lround(v.number(name))); }

Settings settings_of(const app::ParameterSet& v, std::uint64_t seed = 1) {
  Settings s;
  s.part = static_cast<Part>(v.choice("part"));
  s.solution = static_cast<Solution>(v.choice("solution"));
  s.asyncio = static_cast<AsyncioRun>(v.choice("asyncio"));
  const bool hellos = s.part == Part::hello || (s.part == Part::asyncio && s.asyncio == AsyncioRun::hellos);
  s.tasks = whole(v, s.part == Part::polling ? "tasks" : "sleeps");
  s.seconds = v.number(hellos ? "hello_seconds" : "seconds");
  s.hellos = whole(v, "hellos");
  s.poll_cost = v.number("poll_ms") / 1000;
  s.set_seed = seed;
  s.real_clock = v.real_clock();
  return s;
}

class HandMadeLoopPage final : public app::LessonFrame {
 public:
  explicit HandMadeLoopPage(app::LessonHost& host)
      : LessonFrame(host, app::ParameterSet({
            app::choice("part", "the program",
                        {{"polling", "polling tasks", "Task objects whose run() looks at the clock, in a busy loop"},
                         {"generators", "generator sleeps", "sleep generators; the loop sends into each in turn"},
                         {"hello", "hello, four ways", "seed 002's hello example, driven by a loop of next()"},
                         {"asyncio", "asyncio", "the same with async/await and gather"}},
                        "polling"),
            app::choice("solution", "hello waits with",
                        {{"1", "1: yield, time.sleep", "one bare yield, then a blocking sleep"},
                         {"2", "2: busy yield", "yield again and again until the time is up"},
                         {"3", "3: yield asleep()", "yields a generator object instead of running it"},
                         {"4", "4: yield from asleep()", "runs asleep inside hello"}},
                        "1"),
            app::choice("asyncio", "asyncio runs",
                        {{"sleeps", "the sleeps", "gather of the sleep coroutines"},
                         {"hellos", "the hellos", "gather(hello(), hello())"}},
                        "sleeps"),
            app::number("tasks", "polling tasks", {1, kMaxTasks, ""}, 10, "%.0f", "Polling tasks and sleeps"),
            app::number("sleeps", "sleeps (generators, asyncio)", {1, kMaxTasks, ""}, 5, "%.0f", "Polling tasks and sleeps"),
            app::number("seconds", "each one waits", {0, kMaxSeconds, "s"}, 3, "%.1f s", "Polling tasks and sleeps"),
            app::number("hellos", "hellos", {1, kMaxHellos, ""}, 2, "%.0f", "The hello example"),
            app::number("hello_seconds", "hello waits", {0, kMaxSeconds, "s"}, 1, "%.1f s", "The hello example"),
            app::number("poll_ms", "one poll costs (model)", {0.01, 100, "ms"}, 1, "%.2f ms", "The virtual clock", true),
            app::clock("real time, in this page", "virtual"),
        })) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override { return scenario_main(settings_of(v, ++runs_)); }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {snippet_file(s), render_snippet(s), "the Python the run stands for; highlighted: where each task is"};
  }
  // Only the settings of the program chosen: with all of them, Run fell below the fold.
  bool parameter_applies(const app::ParameterSpec& spec, const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    const bool hellos = s.part == Part::hello || (s.part == Part::asyncio && s.asyncio == AsyncioRun::hellos);
    if (spec.name == "solution") return s.part == Part::hello;
    if (spec.name == "asyncio") return s.part == Part::asyncio;
    if (spec.name == "tasks") return s.part == Part::polling;
    if (spec.name == "sleeps") return !hellos && s.part != Part::polling;
    if (spec.name == "seconds") return !hellos;
    if (spec.name == "hellos" || spec.name == "hello_seconds") return hellos;
    if (spec.name == "poll_ms") return s.part != Part::asyncio;
    return true;
  }
  double expected_seconds(const app::ParameterSet& v) const override { return std::max(model_total(settings_of(v)), 0.5); }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    if (const std::string why = refusal(s); !why.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.25f, 0.2f, 1));
      ImGui::TextWrapped("%s", why.c_str());
      ImGui::PopStyleColor();
      return;
    }
    ImGui::TextDisabled("the model: %.1f s", model_total(s));
    if (s.part != Part::asyncio && !s.real_clock)
      ImGui::TextWrapped("On the virtual clock each poll costs %.2f ms; on the real clock the page polls as fast as it can.",
                         s.poll_cost * 1000);
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    facts_ = facts_of(run.trace);
    return make_verdict(settings_of(run.values), facts_);
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    return {{"total", app::number_or_null(facts_.total)},
            {"polls", facts_.polls},
            {"wasted", facts_.wasted},
            {"polls_per_second", facts_.polls_per_second()},
            {"cpu_seconds", app::number_or_null(facts_.cpu_seconds)},
            {"sends", facts_.sends},
            {"blocked_seconds", facts_.blocked},
            {"results", facts_.results},
            {"finish_order", facts_.finish_order},
            {"first_done", app::number_or_null(facts_.first_done)},
            {"last_done", app::number_or_null(facts_.last_done)},
            {"failed", facts_.failed},
            {"error", facts_.error}};
  }

  RunFacts facts_;
  std::uint64_t runs_ = 0;
};

}  // namespace
}  // namespace looplab::hand_made_loop

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_hand_made_loop(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::hand_made_loop::HandMadeLoopPage>(host);
}
