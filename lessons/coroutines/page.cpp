// The coroutines page on the lesson frame: four ways main can treat anyfunc().
#include <cmath>

#include "app/lesson_frame.h"
#include "outcome.h"
#include "scenario.h"

namespace looplab::coroutines {
namespace {

Settings settings_of(const app::ParameterSet& v) {
  return {static_cast<Mode>(v.choice("mode")), v.number("sleep"), static_cast<int>(std::lround(v.number("value")))};
}

Lines lines_of(const Settings& s) { return lines_in(render_snippet(s)); }

class CoroutinesPage final : public app::LessonFrame {
 public:
  explicit CoroutinesPage(app::LessonHost& host)
      : LessonFrame(host, app::ParameterSet({
            app::choice("mode", "main does",
                        {{"call", "call only", "r = anyfunc(), and nothing more"},
                         {"await", "await it", "print(await r): anyfunc runs inside main"},
                         {"task-await", "create_task, then await", "a task of its own, awaited for its result"},
                         {"task-only", "create_task, never await", "a task main never awaits"}},
                        "call"),
            app::number("sleep", "anyfunc sleeps first", {0, 5, "s"}, 0, "%.1f s", "anyfunc"),
            app::number("value", "anyfunc returns", {0, 999, ""}, 1, "%.0f", "anyfunc"),
        })) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    return scenario_main(s, lines_of(s));
  }
  app::Snippet snippet(const app::ParameterSet& v) const override { return {"coroutines.py", render_snippet(settings_of(v))}; }
  double expected_seconds(const app::ParameterSet& v) const override { return std::max(model_total(settings_of(v)), 0.5); }
  ui::Verdict verdict(const app::EndedRun& run) override {
    const Settings s = settings_of(run.values);
    outcome_ = outcome_of(run.trace, s, lines_of(s));
    return make_verdict(s, outcome_);
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    nlohmann::json warnings = nlohmann::json::array();
    for (const app::StderrFact& w : outcome_.warnings) warnings.push_back({{"time", w.time}, {"task", w.task}, {"text", w.text}});
    const char* end = !outcome_.task_end ? nullptr : to_string(*outcome_.task_end);
    return {{"body_ran", outcome_.body_ran}, {"body_task", outcome_.body_task}, {"tasks", outcome_.tasks},
            {"task_end", end ? nlohmann::json(end) : nlohmann::json(nullptr)},
            {"result", outcome_.result ? nlohmann::json(*outcome_.result) : nlohmann::json(nullptr)},
            {"printed", outcome_.printed}, {"warnings", warnings}};
  }

  RunFacts outcome_;
};

}  // namespace
}  // namespace looplab::coroutines

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_coroutines(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::coroutines::CoroutinesPage>(host);
}
