// The gather-many page on the lesson frame: sleeps or requests, one after another or
// gathered, an optional semaphore, the modelled browser's connections on the virtual clock
// and the page's own browser on the real one.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/browser_clipboard.h"
#include "app/lesson_frame.h"
#include "outcome.h"
#include "request_chart.h"
#include "scenario.h"
#include "ui/chart_csv.h"
#include "ui/chart_widget.h"

namespace looplab::gather_many {
namespace {

using app::number_or_null;

app::ParameterSet declare_parameters() {
  using namespace app;
  const std::string work = "The work", limits = "Limits";
  return ParameterSet({
      choice("part", "part", {{"sleeps", "sleeps", "each task awaits asyncio.sleep"},
                              {"requests", "requests", "each task asks /delay-me and awaits the reply"}},
             "sleeps"),
      choice("mode", "main", {{"sequential", "one after another", "each awaited before the next starts"},
                              {"gather", "gather", "all handed to asyncio.gather at once"}},
             "gather"),
      number("n", "how many", {1, max_tasks, ""}, 5, "%.0f", work),
      number("sleep", "each sleep", {0, 10, "s"}, 3, "%.1f s", work),
      number("delay", "server delay", {0, 10, "s"}, 1, "%.1f s", work),
      number("semaphore", "semaphore (0: none)", {0, max_tasks, ""}, 0, "%.0f", limits),
      number("connections", "browser connections", {1, 64, ""}, chrome_connections_per_host, "%.0f", limits),
      clock("real: this browser, the backend", "virtual"),
  });
}

Settings settings_of(const app::ParameterSet& v) {
  Settings s;
  s.part = static_cast<Part>(v.choice("part"));
  s.mode = static_cast<Mode>(v.choice("mode"));
  s.tasks = static_cast<int>(std::lround(v.number("n")));
  s.seconds = s.part == Part::sleeps ? v.number("sleep") : v.number("delay");
  s.semaphore = static_cast<int>(std::lround(v.number("semaphore")));
  // On the real clock the page's browser decides; the snippet shows Chromium's 6.
  s.connections = v.real_clock() ? chrome_connections_per_host : static_cast<int>(std::lround(v.number("connections")));
  return s;
}

class GatherManyPage final : public app::LessonFrame {
 public:
  explicit GatherManyPage(app::LessonHost& host) : LessonFrame(host, declare_parameters()) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    return scenario_main(s, lines_in(s, render_snippet(s, page_origin())));
  }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {snippet_file(s), render_snippet(s, page_origin())};
  }
  LoopOptions loop_options(const app::ParameterSet& v) const override { return gather_many::loop_options(settings_of(v)); }
  bool parameter_applies(const app::ParameterSpec& spec, const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    if (spec.name == "sleep") return s.part == Part::sleeps;
    if (spec.name == "delay") return s.part == Part::requests;
    if (spec.name == "semaphore") return gathered(s);
    if (spec.name == "connections") return s.part == Part::requests && !v.real_clock();
    return true;
  }
  double expected_seconds(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return std::max(model_total(s, s.connections), 0.5);
  }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    const bool browser_decides = v.real_clock() && s.part == Part::requests && gathered(s);
    ImGui::PushTextWrapPos(0);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("the model: %.1f s, %d at a time%s", model_total(s, s.connections), at_a_time(s, s.connections),
                       browser_decides ? " if this browser allows 6 connections" : "");
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    facts_ = facts_of(run.trace, !run.virtual_clock);
    return make_verdict(settings_of(run.values), facts_, run.virtual_clock);
  }
  // The requests' split bars, growing with a real run (the trace is read again when it grew).
  void draw_above_timeline() override {
    if (!trace() || settings_of(shown_values()).part != Part::requests) return;
    const bool real = lesson_run().clock() == app::RunClock::real_clock;
    const std::size_t events = trace()->events().size();
    if (lesson_run().run_number() != chart_run_ || events != chart_events_) {
      chart_run_ = lesson_run().run_number();
      chart_events_ = events;
      chart_ = request_chart(facts_of(*trace(), real), !real);
      copied_.clear();
    }
    const float height = std::clamp(ImGui::GetTextLineHeight() * 14, 180.0f, 320.0f);
    if (ui::draw_chart("requests", chart_, height, copied_.c_str()).copy_csv) {
      app::copy_to_clipboard(ui::chart_csv(chart_));
      std::size_t rows = 0;
      for (const ui::Series& series : chart_.series) rows += series.points.size();
      copied_ = "copied " + std::to_string(rows) + " rows";
    }
    ImGui::Separator();
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    nlohmann::json requests = nlohmann::json::array();
    for (const RequestFacts& r : facts_.requests)
      requests.push_back({{"task", r.task}, {"ok", r.ok}, {"sent", number_or_null(r.sent)}, {"queued", r.queued},
                          {"on_wire_from", number_or_null(r.on_wire_from)}, {"on_wire_to", number_or_null(r.on_wire_to)},
                          {"browser_measured", r.browser_measured}});
    return {{"total", number_or_null(facts_.total)},
            {"failed", facts_.failed},
            {"error", facts_.error},
            {"peak_in_flight", facts_.peak_in_flight},
            {"queued_in_client", facts_.queued_in_client},
            {"longest_queue", facts_.longest_queue},
            {"connection_limit_seen", facts_.connection_limit_seen},
            {"requests", requests}};
  }

  RunFacts facts_;
  ui::Chart chart_;
  std::uint64_t chart_run_ = 0;
  std::size_t chart_events_ = 0;
  std::string copied_;
};

}  // namespace
}  // namespace looplab::gather_many

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_gather_many(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::gather_many::GatherManyPage>(host);
}
