#include "verdict_rules.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/time_axis.h"

namespace looplab::slow_server {

double tolerance(double model_seconds, bool virtual_clock) {
  return virtual_clock ? 1e-9 : 0.05 + 0.1 * model_seconds;
}

std::vector<std::string> expected_order(Mode mode, const std::array<double, 3>& seconds) {
  std::array<std::size_t, 3> order{0, 1, 2};
  if (mode == Mode::async) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return seconds[a] < seconds[b]; });
  }
  std::vector<std::string> names;
  for (std::size_t i : order) names.emplace_back(requester_names[i]);
  return names;
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names) text += (text.empty() ? "" : ", ") + n;
  return text;
}

std::string seconds_list(const std::array<double, 3>& s) {
  return python_float(s[0]) + ", " + python_float(s[1]) + ", " + python_float(s[2]) + " s";
}

double send_spread(const RunSummary& run) {
  double first = INFINITY, last = -INFINITY;
  for (const RequestTimes& r : run.requests) {
    if (std::isnan(r.sent)) continue;
    first = std::min(first, r.sent);
    last = std::max(last, r.sent);
  }
  return last >= first ? last - first : 0;
}

std::string meaning(Mode mode, const RunSummary& run, double sum, double longest, bool virtual_clock) {
  const double tol = tolerance(sum, virtual_clock);
  if (sum < 1e-3) return "With no delay there is nothing to wait for: every mode finishes at once. Give the requests some delay.";
  if (sum - longest <= tol) {
    return "Only one request has a delay worth the name, so the sum and the longest delay are the same here: "
           "give two requests a delay to see the modes part ways.";
  }
  const bool took_longest = std::abs(run.total - longest) < std::abs(run.total - sum);
  const double spread = send_spread(run);
  const std::string out_when = spread < 1e-3 ? "at the same instant" : "within " + ui::format_duration(spread);
  if (took_longest && mode == Mode::async) {
    return "All three requests were out " + out_when + " and the run took the longest delay, not the sum: "
           "the waits overlapped while one thread took turns. That is concurrency, not parallelism; nothing ran at the same time.";
  }
  if (!took_longest && mode == Mode::sync) {
    return "Each request left only after the previous reply came back, so the run took the sum of the delays: "
           "the program spent it all waiting.";
  }
  if (!took_longest && mode == Mode::fake_async) {
    return "The code says async def and gather, yet the run took the sum of the delays: requests.get never awaits, so "
           "each request held the loop until its reply came and the others could not even leave. async def is not enough.";
  }
  if (!took_longest) {
    return "Async should take about the longest delay, but this run took nearly the sum: the requests did not overlap. "
           "Was the server answering one request at a time?";
  }
  return "This run took about the longest delay although each request here blocks until its reply: something answered "
         "faster than the model allows. Run it again, or on the virtual clock, to compare.";
}

}  // namespace

ui::Verdict make_verdict(const Settings& settings, const RunSummary& run, const Published& seed, bool virtual_clock) {
  ui::Verdict v;
  if (!run.finished || std::isnan(run.total)) return v;
  const std::array<double, 3> seconds = effective_delays(settings);
  const double sum = std::accumulate(seconds.begin(), seconds.end(), 0.0);
  const double longest = *std::max_element(seconds.begin(), seconds.end());
  const double model = model_total(settings.mode, seconds);
  const PublishedRun& seed_run = seed.run(settings.mode);

  v.rows.push_back({virtual_clock ? "measured (virtual clock)" : "measured (real backend)", run.total,
                    "main's start to its end", true});
  v.rows.push_back({settings.mode == Mode::async ? "model: the longest delay" : "model: the sum of the delays", model,
                    settings.mode == Mode::async ? "max(" + seconds_list(seconds) + ")" : seconds_list(seconds) + ", added"});
  v.rows.push_back({"the seed's run, scaled", published_scaled(seed, settings.mode, seconds),
                    python_float(seed_run.total) + " s for " + seconds_list(seed.delays) + ", scaled to yours"});
  if (settings.mode == Mode::async) {
    v.rows.push_back({"for contrast: the sum (sync)", sum, "what one-after-another would take"});
  } else {
    v.rows.push_back({"for contrast: the longest (async)", longest, "what overlapping the waits would take"});
  }
  v.finish_order = run.finish_order;
  v.expected_order_note = "model: " + joined(expected_order(settings.mode, seconds)) + "; the seed saw " +
                          joined(seed_run.finish_order) + " for " + seconds_list(seed.delays);
  v.matches_model = std::abs(run.total - model) <= tolerance(model, virtual_clock);
  v.meaning = meaning(settings.mode, run, sum, longest, virtual_clock);
  return v;
}

}  // namespace looplab::slow_server
