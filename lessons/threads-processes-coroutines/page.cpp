// The threads-processes-coroutines page on the lesson frame: a variant, a workload and its
// sizes, the modelled machine's cores; the model's run on the virtual clock (one lane per
// worker), the verdict, and every variant's total beside seed 002's.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/browser_clipboard.h"
#include "app/lesson_frame.h"
#include "outcome.h"
#include "published.h"
#include "scenario.h"
#include "totals_chart.h"
#include "ui/chart_csv.h"
#include "ui/chart_widget.h"
#include "ui/parameter_rules.h"

namespace looplab::tpc {
namespace {

using app::number_or_null;

app::ParameterSet declare_parameters() {
  using namespace app;
  const std::string work = "The work", machine = "The modelled machine";
  return ParameterSet({
      choice("variant", "variant", {{"threads", "threads", "threading: one thread per worker"},
                                    {"pool", "process pool", "multiprocessing.Pool(): one process per core"},
                                    {"asyncio", "asyncio", "one event loop, one coroutine per worker"},
                                    {"loops", "processes + loops", "a pool of processes, each running an event loop"},
                                    {"native", "native threads", "the contrast row: C++ std::thread, no GIL"}},
             "asyncio"),
      choice("workload", "workload", {{"sleep", "sleep", "each worker sleeps"},
                                      {"http", "request", "each worker asks /delay-me once"},
                                      {"prime", "is_prime", "each worker computes is_prime(P)"},
                                      {"sleep-prime", "sleep, is_prime", "a 1 s sleep, then is_prime(P)"},
                                      {"mix", "the mix", "is_prime, R requests, is_prime"}},
             "sleep"),
      // 0: the seed's own size for the workload (4,000 sleeps, 200 requests, 5 of the rest).
      number("workers", "workers (0: the seed's)", {0, max_workers, ""}, 0, "%.0f", work),
      number("sleep", "each sleep (0: the seed's)", {0, 10, "s"}, 0, "%.1f s", work),
      number("request", "each request", {0, 10, "s"}, 0.126, "%.3f s", work),
      number("prime", "is_prime of", {2, double(max_prime), ""}, double(seed_prime), "%.0f", work),
      number("requests", "requests in the mix", {1, max_requests, ""}, 10, "%.0f", work),
      number("cores", "cores", {1, max_cores, ""}, 10, "%.0f", machine),
  });
}

Settings settings_of(const app::ParameterSet& v) {
  const auto variant = static_cast<Variant>(v.choice("variant"));
  const auto workload = static_cast<Workload>(v.choice("workload"));
  Settings s = seed_settings(variant, workload);
  if (const auto n = std::lround(v.number("workers")); n > 0) s.workers = static_cast<int>(n);
  if (const double d = v.number("sleep"); d > 0) s.sleep_seconds = d;
  s.request_seconds = v.number("request");
  s.prime = static_cast<std::int64_t>(std::llround(v.number("prime")));
  s.requests = static_cast<int>(std::lround(v.number("requests")));
  s.cores = static_cast<int>(std::lround(v.number("cores")));
  return s;
}

bool sleeps(Workload w) { return w == Workload::sleep || w == Workload::sleep_prime; }
bool asks(Workload w) { return w == Workload::http || w == Workload::mix; }
bool computes(Workload w) { return w == Workload::prime || w == Workload::sleep_prime || w == Workload::mix; }

class ThreadsProcessesCoroutinesPage final : public app::LessonFrame {
 public:
  explicit ThreadsProcessesCoroutinesPage(app::LessonHost& host) : LessonFrame(host, declare_parameters()) {}

 private:
  Coro<void> scenario(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    return scenario_main(s, lines_in(s, render_snippet(s)));
  }
  app::Snippet snippet(const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    return {snippet_file(s), render_snippet(s),
            s.variant == Variant::native ? "the contrast row in C++; highlighted: where each thread is"
                                         : "the equivalent Python; highlighted: where each worker is"};
  }
  LoopOptions loop_options(const app::ParameterSet& v) const override { return tpc::loop_options(settings_of(v)); }
  bool parameter_applies(const app::ParameterSpec& spec, const app::ParameterSet& v) const override {
    const Settings s = settings_of(v);
    if (spec.name == "sleep") return sleeps(s.workload);
    if (spec.name == "request") return asks(s.workload);
    if (spec.name == "prime") return computes(s.workload);
    if (spec.name == "requests") return s.workload == Workload::mix;
    if (spec.name == "cores") return s.variant != Variant::asyncio && s.variant != Variant::threads;
    return true;
  }
  void draw_controls_note(const app::ParameterSet& v) override {
    const Settings s = settings_of(v);
    if (const std::string problem = check(s); !problem.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(0.85f, 0.35f, 0.2f, 1), "%s", problem.c_str());
      ImGui::PopTextWrapPos();
      return;
    }
    const std::string processes = uses_processes(s) ? ", " + std::to_string(processes_of(s)) + " processes" : "";
    const std::string naps = sleeps(s.workload) ? ", " + ui::short_number(s.sleep_seconds) + " s sleeps" : "";
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%d workers%s%s; the model is the seed's machine as its figures give it (is_prime %.2f s).",
                        s.workers, processes.c_str(),
                        naps.c_str(),
                        prime_seconds(s));
    ImGui::PopTextWrapPos();
  }
  ui::Verdict verdict(const app::EndedRun& run) override {
    const Settings s = settings_of(run.values);
    facts_ = facts_of(run.trace);
    totals_ = model_totals(s);
    chart_ = totals_chart(s, totals_, facts_.total, !run.virtual_clock);
    copied_.clear();
    return make_verdict(s, facts_, run.virtual_clock);
  }
  void draw_above_timeline() override {
    if (verdict_run() == 0) return;
    const float height = std::clamp(ImGui::GetTextLineHeight() * 14, 200.0f, 300.0f);
    if (ui::draw_chart("totals", chart_, height, copied_.c_str()).copy_csv) {
      app::copy_to_clipboard(ui::chart_csv(chart_));
      std::size_t rows = 0;
      for (const ui::Series& series : chart_.series) rows += series.points.size();
      copied_ = "copied " + std::to_string(rows) + " rows";
    }
    ImGui::Separator();
  }
  nlohmann::json lesson_state() const override {
    if (verdict_run() == 0) return nlohmann::json::object();
    nlohmann::json model = nlohmann::json::object();
    for (std::size_t i = 0; i < all_variants.size(); ++i) model[std::string(word_of(all_variants[i]))] = number_or_null(totals_[i]);
    return {{"total", number_or_null(facts_.total)},
            {"failed", facts_.failed},
            {"error", facts_.error},
            {"workers", facts_.workers.size()},
            {"last_start", facts_.last_start},
            {"first_end", number_or_null(facts_.first_end)},
            {"last_end", number_or_null(facts_.last_end)},
            {"model_totals", model}};
  }

  RunFacts facts_;
  std::array<double, all_variants.size()> totals_{};
  ui::Chart chart_;
  std::string copied_;
};

}  // namespace
}  // namespace looplab::tpc

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_threads_processes_coroutines(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::tpc::ThreadsProcessesCoroutinesPage>(host);
}
