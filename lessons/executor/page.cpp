// The executor page on the lesson frame: compute_pi or the sleepy cats, the blocking call
// inline or on the thread pool, on the virtual clock.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/lesson_frame.h"
#include "outcome.h"
#include "pi_digits.h"
#include "scenario.h"

namespace looplab::executor {
namespace {

app::ParameterSet declare_parameters() {
  using namespace app;
  const std::string pi = "compute_pi", cats = "The cats";
  return ParameterSet({
      choice("part", "part", {{"pi", "compute_pi", "compute_pi(800) with two greetings gathered beside it"},
                              {"cats", "sleepy cats", "five AsyncCats whose _have_free_time sleeps 2 s"}},
             "pi"),
      choice("mode", "the blocking call", {{"inline", "inline", "called in the coroutine: it holds the loop"},
                                           {"executor", "on the executor", "handed to a thread pool: the loop stays free"}},
             "executor"),
      number("workers", "pool workers (max_workers)", {1, max_workers, ""}, 5, "%.0f"),
      number("decimals", "decimals of pi", {1, max_pi_decimals, ""}, 800, "%.0f", pi),
      number("pi_seconds", "compute_pi takes (model)", {0, 10, "s"}, 1, "%.1f s", pi),
      number("cats", "cats", {1, max_cats, ""}, 5, "%.0f", cats),
      number("cat_sleep", "each cat's time.sleep", {0, 10, "s"}, 2, "%.1f s", cats),
  });
}

Settings settings_of(const app::ParameterSet& v) {
  Settings s;
  s.part = static_cast<Part>(v.choice("part"));
  s.mode = static_cast<Mode>(v.choice("mode"));
  s.workers = static_cast<int>(std::lround(v.number("workers")));
  s.decimals = static_cast<int>(std::lround(v.number("decimals")));
  s.pi_seconds = v.number("pi_seconds");
  s.cats = static_cast<int>(std::lround(v.number("cats")));
  s.cat_sleep = v.number("cat_sleep");
  return s;
}

class ExecutorPage final : public app::LessonFrame {
 public:
  explicit ExecutorPage(app::LessonHost& host) : LessonFrame(host, declare_parameters()) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    return scenario_main(s, lines_in(s, render_snippet(s)));
  }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {snippet_file(s), render_snippet(s)};
  }
  LoopOptions loop_options(const app::ParameterSet& v) const override { return executor::loop_options(settings_of(v)); }
  bool parameter_applies(const app::ParameterSpec& spec, const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    if (spec.name == "decimals" || spec.name == "pi_seconds") return s.part == Part::pi;
    if (spec.name == "cats" || spec.name == "cat_sleep") return s.part == Part::cats;
    if (spec.name == "workers") return s.mode == Mode::executor;
    return true;
  }
  double expected_seconds(const app::ParameterSet& v) const override { return std::max(model_total(settings_of(v)), 0.5); }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    ImGui::TextDisabled("the model: %.1f s, %s", model_total(s),
                        s.mode == Mode::inline_call ? "the loop held throughout" : "the loop free throughout");
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    facts_ = facts_of(run.trace);
    ui::Verdict v = make_verdict(settings_of(run.values), facts_, run.virtual_clock);
    // Who finished first is the lesson for pi (the greetings, or print_pi), beside the seed's order.
    if (settings_of(run.values).part == Part::pi) v.finish_order = app::finish_order(run.trace);
    return v;
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    return {{"total", app::number_or_null(facts_.total)}, {"blocked_seconds", facts_.blocked},
            {"executor_seconds", facts_.in_executor}, {"peak_workers", facts_.peak_workers},
            {"greetings_before_pi", facts_.greetings_before_pi}, {"pi_printed", facts_.pi_printed},
            {"wakes", facts_.wakes}, {"failed", facts_.failed}, {"error", facts_.error}};
  }

  RunFacts facts_;
};

}  // namespace
}  // namespace looplab::executor

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_executor(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::executor::ExecutorPage>(host);
}
