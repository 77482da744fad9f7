// The slow-query lesson page: mode and clock, Run/Reset, one lane per query labelled with
// its rows, the live timeline, the SQL, the Python equivalent, the console and the verdict.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "app/lesson.h"
#include "app/lesson_run.h"
#include "app/platform.h"
#include "app/test_hook.h"
#include "scenario.h"
#include "snippets.h"
#include "ui/code_panel.h"
#include "ui/console_panel.h"
#include "ui/parameter_panel.h"
#include "ui/parameter_rules.h"
#include "ui/timeline_widget.h"
#include "ui/trace_view_model.h"
#include "verdict.h"

namespace looplab::slow_query {
namespace {

using app::Parameter;
using app::RunClock;

constexpr std::array<std::string_view, 2> clock_names{"virtual", "real"};
constexpr std::array<std::string_view, 2> clock_labels{"virtual", "real database"};

nlohmann::json number_or_null(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

std::string seconds_text(double s) { return std::isnan(s) ? std::string("-") : python_float(s) + " s"; }

class SlowQueryPage final : public app::LessonPage {
 public:
  explicit SlowQueryPage(app::LessonHost& host) : run_(host.fetch) {}

  std::vector<Parameter> parameters() const override {
    return {{"mode", std::string(to_string(mode_))}, {"clock", std::string(clock_names[clock_choice_])}};
  }

  std::string set_parameter(std::string_view name, std::string_view value) override {
    std::string problem;
    if (name == "mode") {
      if (auto i = ui::parse_choice("mode", mode_names, value, problem)) mode_ = static_cast<Mode>(*i);
      return problem;
    }
    if (name == "clock") {
      if (auto i = ui::parse_choice("clock", clock_names, value, problem)) clock_choice_ = *i;
      return problem;
    }
    return "the slow-query lesson has no parameter named '" + std::string(name) + "' (it has mode, clock)";
  }

  std::string run() override {
    if (run_.running()) return "a run is already going on";
    record_ = std::make_shared<RunRecord>();
    auto record = record_;
    const Mode mode = mode_;
    const VirtualPlan plan = plan_;
    const SnippetLines lines = snippet_lines(mode);
    run_.start([mode, plan, lines, record] { return scenario_main(mode, plan, lines, record); },
               clock_choice_ == 1 ? RunClock::real_clock : RunClock::virtual_clock);
    return {};
  }

  void reset() override {
    run_.reset();
    record_.reset();
    view_.reset();
    timeline_.reset();
  }

  const app::LessonRun* current_run() const override { return &run_; }

  nlohmann::json extra_state() const override {
    nlohmann::json queries = nlohmann::json::array();
    if (record_) {
      for (const QueryOutcome& q : record_->queries) {
        queries.push_back({{"name", q.name}, {"rows", q.rows}, {"expected_rows", q.expected_rows}, {"copies", q.copies},
                           {"sent", number_or_null(q.sent)}, {"answered", number_or_null(q.answered)},
                           {"first_row_after_s", number_or_null(q.first_row_after_s)},
                           {"transfer_s", number_or_null(q.transfer_s)}, {"total_s", number_or_null(q.total_s)},
                           {"sql", q.sql}, {"lane_label", lane_label(q)}});
      }
    }
    nlohmann::json console = nlohmann::json::array();
    // From the trace itself: the views catch up only on the next frame.
    if (const Trace* trace = run_.trace()) {
      for (const TraceEvent& e : trace->events()) {
        if (e.kind == EventKind::print) console.push_back(trace->text(e.detail));
      }
    }
    nlohmann::json plan_seconds = nlohmann::json::array(), plan_rows = nlohmann::json::array();
    for (std::size_t i = 0; i < 3; ++i) {
      plan_seconds.push_back(plan_.seconds[i]);
      plan_rows.push_back(plan_.rows[i]);
    }
    return {{"mode", record_ ? std::string(to_string(record_->mode)) : std::string(to_string(mode_))},
            {"total", number_or_null(record_ ? record_->total : unknown)},
            {"finished", record_ && record_->finished},
            // The run the verdict and the virtual plan have taken in (they follow on the next frame).
            {"filed_run", filed_run_},
            {"copies", shown_copies()},
            {"queries", queries},
            {"console", console},
            {"virtual_plan", {{"seconds", plan_seconds}, {"rows", plan_rows}, {"copies", plan_.copies},
                              {"from_real_run", plan_.from_real_run}}},
            {"verdict", {{"sync_total", number_or_null(verdict_.sync_total)},
                         {"async_total", number_or_null(verdict_.async_total)},
                         {"ratio", number_or_null(verdict_.ratio)},
                         {"executing_share", number_or_null(verdict_.executing_share)},
                         {"seed_ratio", seed_ratio},
                         {"sentences", verdict_.sentences}}}};
  }

  void draw() override {
    follow_run();
    if (ImGui::BeginTable("top", 2, ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, 330);
      ImGui::TableSetupColumn("verdict", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableNextColumn();
      draw_controls();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted("Verdict");
      for (const std::string& s : verdict_.sentences) ImGui::TextWrapped("%s", s.c_str());
      ImGui::EndTable();
    }
    ImGui::Separator();
    draw_query_lanes();
    ImGui::Separator();
    draw_timeline();
    ImGui::Separator();
    if (ImGui::BeginTable("panels", 3, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
      ImGui::TableNextColumn();
      draw_sql();
      ImGui::TableNextColumn();
      draw_code();
      ImGui::TableNextColumn();
      draw_console();
      ImGui::EndTable();
    }
  }

 private:
  std::int64_t shown_copies() const {
    if (record_) {
      for (const QueryOutcome& q : record_->queries)
        if (q.copies >= 0) return q.copies;
    }
    return plan_.copies;
  }

  static std::string lane_label(const QueryOutcome& q) {
    return q.name + (q.rows >= 0 ? " - " + grouped(q.rows) + " rows" : std::string(" - waiting"));
  }

  // Brings the views up to date; once a run ends, files it for the verdict and, if it was
  // real, makes its durations the virtual clock's.
  void follow_run() {
    if (run_.run_number() != seen_run_) {
      // A new run: its trace starts over, so do the views.
      seen_run_ = run_.run_number();
      view_.reset();
      timeline_.reset();
    }
    const Trace* trace = run_.trace();
    if (trace) view_.update(*trace, run_.elapsed_seconds(), run_.running());
    if (run_.run_number() == filed_run_ || run_.running() || !record_) return;
    filed_run_ = run_.run_number();
    if (!record_->finished) return;
    auto& slots = record_->real_clock ? real_runs_ : virtual_runs_;
    slots[static_cast<std::size_t>(record_->mode)] = *record_;
    if (record_->real_clock) {
      VirtualPlan measured;
      measured.from_real_run = true;
      for (std::size_t i = 0; i < 3; ++i) {
        const QueryOutcome& q = record_->queries[i];
        measured.seconds[i] = std::max(q.total_s, 1e-4);
        measured.rows[i] = q.rows;
        measured.copies = q.copies;
      }
      plan_ = measured;
    }
    const bool any_real = real_runs_[0] || real_runs_[1];
    const auto& pair = any_real ? real_runs_ : virtual_runs_;
    verdict_ = make_verdict(pair[0], pair[1]);
    timeline_.fit_pending = true;
  }

  void draw_controls() {
    std::size_t mode = static_cast<std::size_t>(mode_);
    constexpr std::array<std::string_view, 2> mode_labels{"sync (psycopg2)", "async (asyncpg + gather)"};
    if (ui::choice_buttons("mode", mode_labels, mode)) mode_ = static_cast<Mode>(mode);
    ui::choice_buttons("clock", clock_labels, clock_choice_);
    if (clock_choice_ == 0) {
      ImGui::TextDisabled(plan_.from_real_run ? "durations: this page's last real run" : "durations: the seed's total, shared by rows");
    }
    ImGui::Text("Database: %s copies of the city list", grouped(shown_copies()).c_str());
    ImGui::Spacing();
    if (ImGui::Button(run_.running() ? "Running..." : "Run (Space)", {120, 0}) && !run_.running()) run();
    ImGui::SameLine();
    if (ImGui::Button("Reset (R)", {100, 0})) reset();
    if (run_.draw_status() == app::LessonRun::Offer::rerun_on_virtual_clock) {
      clock_choice_ = 0;
      run();
    }
  }

  // One lane per query: when it left, when PostgreSQL's first row came, when the last did.
  void draw_query_lanes() {
    ImGui::TextUnformatted("Queries");
    ImGui::SameLine();
    ImGui::TextDisabled("dark: PostgreSQL executing; light: rows coming over (the split the backend measured)");
    const double span = std::max(record_ && !std::isnan(record_->total) ? record_->total : run_.elapsed_seconds(), 1e-3);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float label_w = 190, lane_h = 20, width = std::max(ImGui::GetContentRegionAvail().x - label_w - 10, 50.0f);
    for (std::size_t i = 0; i < 3; ++i) {
      QueryOutcome q;
      if (record_) q = record_->queries[i];
      q.name = std::string(query_names[i]);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::TextUnformatted(lane_label(q).c_str());
      const float x0 = at.x + label_w;
      auto x = [&](double t) { return x0 + static_cast<float>(std::clamp(t / span, 0.0, 1.0)) * width; };
      draw->AddRectFilled({x0, at.y}, {x0 + width, at.y + lane_h - 4}, IM_COL32(40, 40, 48, 255));
      if (!std::isnan(q.sent)) {
        const double end = std::isnan(q.answered) ? run_.elapsed_seconds() : q.answered;
        double first_row = end;
        if (!std::isnan(q.total_s) && !std::isnan(q.first_row_after_s) && q.total_s > 0) {
          first_row = q.sent + (end - q.sent) * (q.first_row_after_s / q.total_s);
        }
        draw->AddRectFilled({x(q.sent), at.y}, {x(first_row), at.y + lane_h - 4}, IM_COL32(70, 110, 200, 255));
        draw->AddRectFilled({x(first_row), at.y}, {x(end), at.y + lane_h - 4}, IM_COL32(140, 180, 240, 255));
        if (!std::isnan(q.total_s)) {
          const std::string t = seconds_text(q.total_s);
          draw->AddText({x(end) + 4 > x0 + width - 60 ? x0 + width - 60 : x(end) + 4, at.y}, IM_COL32(230, 230, 230, 255), t.c_str());
        }
      }
      ImGui::SetCursorScreenPos({at.x, at.y + lane_h});
    }
    ImGui::Dummy({1, 2});
  }

  void draw_timeline() {
    ImGui::TextUnformatted("Timeline (tasks and the event loop)");
    if (view_.model().lanes.empty()) {
      ImGui::TextDisabled("Run a mode to see its timeline.");
      return;
    }
    ui::TimelineOptions options;
    options.height = std::clamp(34.0f + 22.0f * static_cast<float>(view_.model().lanes.size()), 120.0f, 260.0f);
    ui::draw_timeline("timeline", view_.model(), timeline_, options);
  }

  void draw_sql() {
    ImGui::TextUnformatted("The SQL");
    ImGui::BeginChild("sql", {0, 300}, true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushFont(app::app_fonts().mono);
    for (std::size_t i = 0; i < 3; ++i) {
      const std::string sql = record_ && !record_->queries[i].sql.empty() ? record_->queries[i].sql : std::string(query_sql[i]);
      ImGui::Text("-- %s", std::string(query_names[i]).c_str());
      ImGui::TextUnformatted(sql.c_str());
      ImGui::Spacing();
    }
    ImGui::PopFont();
    ImGui::EndChild();
  }

  void draw_code() {
    const Mode shown = record_ ? record_->mode : mode_;
    ImGui::Text("%s.py", std::string(to_string(shown)).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("the equivalent Python");
    ImGui::BeginChild("code", {0, 300}, true, ImGuiWindowFlags_HorizontalScrollbar);
    ui::draw_code_panel(snippet_source(shown), view_.model(), ui::cursor_at_time(view_.model().now), app::app_fonts().mono);
    ImGui::EndChild();
  }

  void draw_console() {
    ImGui::TextUnformatted("Console");
    ui::ConsoleOptions console;
    console.height = 300;
    ui::draw_console_panel(view_.model(), ui::cursor_at_time(view_.model().now), console, app::app_fonts().mono);
  }

  app::LessonRun run_;
  Mode mode_ = Mode::sync;
  std::size_t clock_choice_ = 1;
  VirtualPlan plan_ = seed_plan();

  std::shared_ptr<RunRecord> record_;
  std::uint64_t filed_run_ = 0;
  std::uint64_t seen_run_ = 0;
  std::array<std::optional<RunRecord>, 2> real_runs_, virtual_runs_;  // by mode
  Verdict verdict_ = make_verdict(std::nullopt, std::nullopt);
  ui::TraceViewModel view_;
  ui::TimelineView timeline_;
};

}  // namespace
}  // namespace looplab::slow_query

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_slow_query(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::slow_query::SlowQueryPage>(host);
}
