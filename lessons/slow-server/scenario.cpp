#include "scenario.h"

#include <cmath>
#include <vector>

#include "app/scenario_kit.h"
#include "looplab/looplab.hpp"

namespace looplab::slow_server {

double effective_seconds(double delay, double time_scale) { return std::round(delay * time_scale * 1e4) / 1e4; }

std::array<double, 3> effective_delays(const Settings& s) {
  return {effective_seconds(s.delays[0], s.time_scale), effective_seconds(s.delays[1], s.time_scale),
          effective_seconds(s.delays[2], s.time_scale)};
}

std::string delay_path(double seconds) { return "/delay-me?seconds=" + ui::short_number(seconds); }

std::string server_reply(double seconds) { return "Done, I waited for " + ui::short_number(seconds) + " secs"; }

namespace {

Coro<void> pull(std::string origin, SnippetLines lines, std::string name, double seconds, bool blocking) {
  mark_line(lines.requesting);
  const std::string path = delay_path(seconds);
  print(name + ": Requesting '" + origin + path + "'");
  mark_line(lines.waiting);
  IoRequest ask = http_request(path, seconds);
  ask.simulated_body = server_reply(seconds);
  // requests.get holds the thread (and, inside async def, the loop); aiohttp awaits.
  // (Not a ?: with a co_await in each branch: g++ 12 destroys the wrong temporary there.)
  IoResult reply;
  if (blocking) {
    reply = co_await blocking_io(ask);
  } else {
    reply = co_await io(ask);
  }
  if (reply.status != 200) {
    throw IoError(name + ": the server answered " + std::to_string(reply.status) + ": " + reply.body);
  }
  mark_line(lines.done);
  print(name + ": Request finally done! Server replied '" + reply.body + "'");
}

}  // namespace

Coro<void> scenario_main(Settings settings, std::string origin, SnippetLines lines) {
  const std::array<double, 3> seconds = effective_delays(settings);
  // requests.get blocks in sync and in fake async; only aiohttp awaits.
  const bool blocking = settings.mode != Mode::async;
  std::vector<app::Work> pulls;
  for (std::size_t i = 0; i < 3; ++i) {
    pulls.push_back([=] { return pull(origin, lines, std::string(requester_names[i]), seconds[i], blocking); });
  }
  // Sync: plain function calls, each request over before the next leaves. Otherwise gather
  // wraps each coroutine in a task, in argument order; we name them after the requesters.
  const app::Arrangement how = settings.mode == Mode::sync ? app::Arrangement::one_after_another : app::Arrangement::gathered;
  return app::timed_run(app::run_all(how, std::move(pulls), {"R1", "R2", "R3"}, lines.gather), lines.elapsed);
}

}  // namespace looplab::slow_server
