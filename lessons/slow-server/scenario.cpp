#include "scenario.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "looplab/looplab.hpp"

namespace looplab::slow_server {

double effective_seconds(double delay, double time_scale) { return std::round(delay * time_scale * 1e4) / 1e4; }

std::array<double, 3> effective_delays(const Settings& s) {
  return {effective_seconds(s.delays[0], s.time_scale), effective_seconds(s.delays[1], s.time_scale),
          effective_seconds(s.delays[2], s.time_scale)};
}

std::string delay_path(double seconds) { return "/delay-me?seconds=" + ui::short_number(seconds); }

std::string python_float(double value) {
  std::string text = ui::short_number(value);
  // Python's repr always shows a float as a float.
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

namespace {

const std::string rule_line(10, '=');
const std::string half_line(10, '-');

// The server's sentence. The real backend sends it; on the virtual clock the model of the
// server answers with the sentence the real one sends for the same request.
std::string reply_text(const IoResult& result, double seconds) {
  if (!running_loop().clock().is_virtual()) return result.body;
  return "Done, I waited for " + ui::short_number(seconds) + " secs";
}

Coro<void> pull(std::string origin, SnippetLines lines, std::string name, double seconds, bool blocking) {
  mark_line(lines.requesting);
  const std::string path = delay_path(seconds);
  print(name + ": Requesting '" + origin + path + "'");
  mark_line(lines.waiting);
  // requests.get holds the thread (and, inside async def, the loop); aiohttp awaits.
  // (Not a ?: with a co_await in each branch: g++ 12 destroys the wrong temporary there.)
  IoResult reply;
  if (blocking) {
    reply = co_await blocking_request(path, seconds);
  } else {
    reply = co_await request(path, seconds);
  }
  if (!reply.ok) throw IoError(name + ": " + reply.error);
  if (reply.status != 200) {
    throw IoError(name + ": the server answered " + std::to_string(reply.status) + ": " + reply.body);
  }
  mark_line(lines.done);
  print(name + ": Request finally done! Server replied '" + reply_text(reply, seconds) + "'");
}

}  // namespace

Coro<void> scenario_main(Settings settings, std::string origin, SnippetLines lines) {
  const std::array<double, 3> seconds = effective_delays(settings);
  const double started = loop_time();
  print(rule_line);
  if (settings.mode == Mode::sync) {
    // Plain function calls: each request is over before the next one leaves.
    for (std::size_t i = 0; i < 3; ++i) co_await pull(origin, lines, std::string(requester_names[i]), seconds[i], true);
  } else {
    const bool blocking = settings.mode == Mode::fake_async;
    mark_line(lines.gather);
    // gather wraps each coroutine in a task, in argument order; we name them after the requesters.
    co_await gather(create_task(pull(origin, lines, "R1", seconds[0], blocking), "R1"),
                    create_task(pull(origin, lines, "R2", seconds[1], blocking), "R2"),
                    create_task(pull(origin, lines, "R3", seconds[2], blocking), "R3"));
  }
  mark_line(lines.elapsed);
  print(half_line);
  print("Time elapsed: " + python_float(loop_time() - started));
  print(rule_line);
}

}  // namespace looplab::slow_server
