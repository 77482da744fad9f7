// The slow-server lesson page on the lesson frame: its parameters, its scenario, its
// snippet and its verdict. Everything else (run, timeline, stepping, panels) is the frame's.
#include <imgui.h>

#include "app/lesson_frame.h"
#include "published.h"
#include "run_summary.h"
#include "scenario.h"
#include "snippets.h"
#include "verdict_rules.h"

namespace looplab::slow_server {
namespace {

using app::number_or_null;

app::ParameterSet declare_parameters() {
  using namespace app;
  const std::string delays = "Server delays (seconds)";
  return ParameterSet({
      choice("mode", "mode",
             {{"sync", "sync", "requests.get, one call after another"},
              {"async", "async", "aiohttp + asyncio.gather"},
              {"fake-async", "fake async", "async def + gather, but requests.get inside"}},
             "async"),
      number("r1", "R1 delay", {0, 60, "s"}, 10, "%.1f s", delays),
      number("r2", "R2 delay", {0, 60, "s"}, 2, "%.1f s", delays),
      number("r3", "R3 delay", {0, 60, "s"}, 5, "%.1f s", delays),
      number("scale", "time scale", {0.01, 1, ""}, 1, "x%.2f", "", true),
      clock("real backend"),
  });
}

Settings settings_of(const app::ParameterSet& p) {
  Settings s;
  s.delays = {p.number("r1"), p.number("r2"), p.number("r3")};
  s.mode = static_cast<Mode>(p.choice("mode"));
  s.time_scale = p.number("scale");
  return s;
}

class SlowServerPage final : public app::LessonFrame {
 public:
  explicit SlowServerPage(app::LessonHost& host) : LessonFrame(host, declare_parameters()) {}

 private:
  Coro<void> scenario(const app::ParameterSet& values) override {
    const Settings s = settings_of(values);
    return scenario_main(s, page_origin(), snippet_lines(s.mode));
  }

  app::Snippet snippet(const app::ParameterSet& values) const override {
    const Settings s = settings_of(values);
    return {std::string(snippet_file(s.mode)), render_snippet(s.mode, effective_delays(s))};
  }

  ui::Verdict verdict(const app::EndedRun& run) override {
    return make_verdict(settings_of(run.values), summarize(run.trace), published(), run.virtual_clock);
  }

  double expected_seconds(const app::ParameterSet& values) const override {
    const Settings s = settings_of(values);
    return model_total(s.mode, effective_delays(s));
  }

  void draw_controls_note(const app::ParameterSet& values) override {
    const auto eff = effective_delays(settings_of(values));
    ImGui::TextDisabled("asks the server for %s, %s and %s s", python_float(eff[0]).c_str(), python_float(eff[1]).c_str(),
                        python_float(eff[2]).c_str());
  }

  nlohmann::json lesson_state() const override {
    const Settings s = settings_of(shown_values());
    const RunSummary summary = trace() ? summarize(*trace()) : RunSummary{};
    nlohmann::json requests = nlohmann::json::array();
    for (const RequestTimes& r : summary.requests) {
      requests.push_back({{"name", r.name}, {"sent", number_or_null(r.sent)}, {"answered", number_or_null(r.answered)},
                          {"reply", r.reply}});
    }
    return {{"mode", std::string(to_string(s.mode))},
            {"effective_delays", effective_delays(s)},
            {"total", number_or_null(summary.total)},
            {"finished", summary.finished},
            {"requests", requests},
            {"finish_order", summary.finish_order},
            {"model_total", model_total(s.mode, effective_delays(s))},
            {"published_scaled", published_scaled(published(), s.mode, effective_delays(s))}};
  }
};

}  // namespace
}  // namespace looplab::slow_server

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_slow_server(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::slow_server::SlowServerPage>(host);
}
