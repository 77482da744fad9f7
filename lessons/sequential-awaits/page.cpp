// The sequential-awaits page on the lesson frame: hellos awaited in a row or gathered,
// with asyncio.sleep, time.sleep or `await time.sleep`, on the virtual or the real clock.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "app/lesson_frame.h"
#include "outcome.h"
#include "scenario.h"

namespace looplab::sequential_awaits {
namespace {

Settings settings_of(const app::ParameterSet& v) {
  return {static_cast<Arrangement>(v.choice("how")), static_cast<SleepKind>(v.choice("sleep")),
          static_cast<int>(std::lround(v.number("hellos"))), v.number("seconds")};
}

class SequentialAwaitsPage final : public app::LessonFrame {
 public:
  explicit SequentialAwaitsPage(app::LessonHost& host)
      : LessonFrame(host, app::ParameterSet({
            app::choice("how", "main", {{"in-a-row", "await in a row", "await hello() once per hello"},
                                        {"gather", "gather", "every hello handed to asyncio.gather"}}, "in-a-row"),
            app::choice("sleep", "hello sleeps with",
                        {{"asyncio", "await asyncio.sleep", "gives the loop back while it sleeps"},
                         {"time", "time.sleep", "holds the loop: nothing else runs meanwhile"},
                         {"await-time", "await time.sleep", "sleeps, then awaits the None it returned"}},
                        "asyncio"),
            app::number("hellos", "how many hellos", {1, 1000, ""}, 2, "%.0f", "Hellos"),
            app::number("seconds", "sleep", {0, 10, "s"}, 1, "%.1f s", "Hellos"),
            app::clock("real time, in this page", "virtual"),
        })) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    return scenario_main(s, lines_in(render_snippet(s)));
  }
  app::Snippet snippet(const app::ParameterSet& v) const override { return {"hellos.py", render_snippet(settings_of(v))}; }
  double expected_seconds(const app::ParameterSet& v) const override { return std::max(model_total(settings_of(v)), 0.5); }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    ImGui::TextDisabled("the model: %.1f s for %d hello%s", model_total(s), s.hellos, s.hellos == 1 ? "" : "s");
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    facts_ = facts_of(run.trace);
    return make_verdict(settings_of(run.values), facts_, run.virtual_clock);
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    return {{"total", app::number_or_null(facts_.total)}, {"hellos", facts_.hellos}, {"goodbyes", facts_.goodbyes},
            {"blocked_seconds", facts_.blocked}, {"failed", facts_.failed}, {"error", facts_.error}};
  }

  RunFacts facts_;
};

}  // namespace
}  // namespace looplab::sequential_awaits

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_sequential_awaits(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::sequential_awaits::SequentialAwaitsPage>(host);
}
