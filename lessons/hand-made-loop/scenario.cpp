#include "scenario.h"

#include <cmath>
#include <string>
#include <vector>

#include "app/python_format.h"
#include "hand_made_loop_embedded.h"
#include "looplab/looplab.hpp"
#include "programs.h"
#include "ui/snippet_lines.h"

namespace looplab::hand_made_loop {
namespace {

void replace_once(std::string& text, std::string_view from, const std::string& to) {
  if (const auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
}

std::string secs(double s) { return app::python_float(s); }

std::string hello_calls(int n, std::string_view call) {
  if (n > 3) return "[" + std::string(call) + " for _ in range(" + std::to_string(n) + ")]";
  std::string out = "[";
  for (int i = 0; i < n; ++i) out += (i ? ", " : "") + std::string(call);
  return out + "]";
}

std::string solution_lines(Solution solution, double seconds) {
  switch (solution) {
    case Solution::bare_yield:
      return "    yield  # solution 1: give the loop back once...\n"
             "    time.sleep(" + secs(seconds) + ")  # ...then sleep, and the whole program sleeps\n";
    case Solution::busy_yield:
      return "    started = time.time()  # solution 2: give the loop back until the time is up\n"
             "    while time.time() - started < " + secs(seconds) + ":\n"
             "        yield\n";
    case Solution::yield_generator:
      return "    yield asleep(" + secs(seconds) + ")  # solution 3: hands the loop a generator object\n";
    case Solution::yield_from:
      return "    yield from asleep(" + secs(seconds) + ")  # solution 4: runs asleep inside hello\n";
  }
  return {};
}

PollingLines polling_lines(std::string_view text) {
  using ui::line_containing;
  return {line_containing(text, "if time.time() >= self.deadline", "polling.py"),
          line_containing(text, "task.run()", "polling.py"), line_containing(text, "Time elapsed", "polling.py")};
}

SleepLines sleep_lines(std::string_view text) {
  using ui::line_containing;
  return {line_containing(text, "yield  # not yet", "sleeps.py"), line_containing(text, "return result", "sleeps.py"),
          line_containing(text, "Time elapsed", "sleeps.py")};
}

HelloLines hello_lines(std::string_view text) {
  using ui::line_containing;
  HelloLines l;
  l.hello = line_containing(text, "print(\"hello\")", "hello.py");
  l.waiting = line_containing(text, "# solution", "hello.py");
  l.goodbye = line_containing(text, "print(\"goodbye\")", "hello.py");
  l.asleep_yield = line_containing(text, "def asleep(seconds):", "hello.py") + 3;
  l.elapsed = line_containing(text, "Time elapsed", "hello.py");
  return l;
}

// async def sleep(seconds, result): await asyncio.sleep(seconds); return result
Coro<int> asyncio_sleep_result(double seconds, int result) {
  co_await sleep(seconds);
  co_return result;
}

Coro<void> asyncio_hello(double seconds, std::uint32_t hello_line) {
  mark_line(hello_line);
  print("hello");
  mark_line(hello_line + 1);
  co_await sleep(seconds);
  mark_line(hello_line + 2);
  print("goodbye");
}

Coro<void> asyncio_program(Settings s, std::string text) {
  const double started = loop_time();
  if (s.asyncio == AsyncioRun::sleeps) {
    std::vector<Coro<int>> sleeps;
    for (int n = 1; n <= s.tasks; ++n) sleeps.push_back(asyncio_sleep_result(s.seconds, n));
    mark_line(ui::line_containing(text, "asyncio.gather", "asyncio_sleeps.py"));
    const std::vector<int> results = co_await gather(std::move(sleeps));
    mark_line(ui::line_containing(text, "Time elapsed", "asyncio_sleeps.py"));
    print(elapsed_line(loop_time() - started));
    std::vector<py::Value> values(results.begin(), results.end());
    print(py::list_repr(values));
  } else {
    const std::uint32_t hello_line = ui::line_containing(text, "print(\"hello\")", "asyncio_hellos.py");
    std::vector<Coro<void>> hellos;
    for (int n = 0; n < s.hellos; ++n) hellos.push_back(asyncio_hello(s.seconds, hello_line));
    mark_line(ui::line_containing(text, "asyncio.gather", "asyncio_hellos.py"));
    co_await gather(std::move(hellos));
    mark_line(ui::line_containing(text, "Time elapsed", "asyncio_hellos.py"));
    print(elapsed_line(loop_time() - started));
  }
}

// The hand-made programs run inside main's one step: no asyncio, the program's own thread.
void hand_made_program(const Settings& s, const std::string& text) {
  World world(s.poll_cost);
  world.set_state(world.program_lane(), TaskState::running);
  switch (s.part) {
    case Part::polling: run_polling(world, s.tasks, s.seconds, s.set_seed, polling_lines(text)); break;
    case Part::generators: {
      const std::vector<py::Value> results = run_sleeps(world, s.tasks, s.seconds, sleep_lines(text));
      print(py::list_repr(results));
      break;
    }
    case Part::hello: run_hellos(world, s.solution, s.hellos, s.seconds, hello_lines(text)); break;
    case Part::asyncio: break;
  }
}

Coro<void> hand_made_main(Settings s, std::string text) {
  hand_made_program(s, text);
  co_return;
}

Coro<void> refused_program(std::string why) {
  throw Refused(why);
  co_return;
}

}  // namespace

std::string refusal(const Settings& s) {
  if (s.tasks < 1 || s.tasks > kMaxTasks)
    return "The number of tasks must be a whole number from 1 to " + std::to_string(kMaxTasks) + ".";
  if (s.hellos < 1 || s.hellos > kMaxHellos)
    return "The number of hellos must be a whole number from 1 to " + std::to_string(kMaxHellos) + ".";
  if (!(s.seconds >= 0 && s.seconds <= kMaxSeconds))
    return "Each wait must be from 0 to " + secs(kMaxSeconds) + " seconds.";
  if (!(s.poll_cost >= 1e-5 && s.poll_cost <= 0.1))
    return "The modelled cost of one poll must be from 0.01 ms to 100 ms.";
  if (s.real_clock && s.part != Part::polling && s.part != Part::asyncio)
    return "The real clock is for the polling loop and for asyncio: a generator loop on the real clock would "
           "record millions of steps a second. Its time here is the modelled cost of each send.";
  if (s.real_clock && s.part == Part::polling && s.seconds > kMaxRealSeconds)
    return "On the real clock the page spins, frozen, for the whole wait: at most " + secs(kMaxRealSeconds) +
           " seconds.";
  // The generator loops record every send: keep the run within what the trace may hold.
  if (s.part == Part::generators || s.part == Part::hello) {
    const double sends = (s.part == Part::generators ? s.seconds : s.seconds * s.hellos) / s.poll_cost;
    if (sends > 300000)
      return "That many sends (about " + app::grouped(static_cast<std::int64_t>(sends)) +
             ") is more than a run records: raise the cost of a poll or shorten the waits.";
  }
  return {};
}

std::string snippet_file(const Settings& s) {
  switch (s.part) {
    case Part::polling: return "polling.py";
    case Part::generators: return "sleeps.py";
    case Part::hello: return "hello.py";
    case Part::asyncio: return s.asyncio == AsyncioRun::sleeps ? "asyncio_sleeps.py" : "asyncio_hellos.py";
  }
  return {};
}

std::string render_snippet(const Settings& s) {
  std::string text;
  switch (s.part) {
    case Part::polling:
      text = embedded::polling_py;
      replace_once(text, "[Task(n, 3) for n in range(10)]",
                   "[Task(n, " + secs(s.seconds) + ") for n in range(" + std::to_string(s.tasks) + ")]");
      break;
    case Part::generators:
      text = embedded::sleeps_py;
      replace_once(text, "[sleep(3, n) for n in range(1, 6)]",
                   "[sleep(" + secs(s.seconds) + ", n) for n in range(1, " + std::to_string(s.tasks + 1) + ")]");
      break;
    case Part::hello:
      text = embedded::hello_py;
      replace_once(text,
                   "    yield  # solution 1: give the loop back once...\n"
                   "    time.sleep(1)  # ...then sleep, and the whole program sleeps\n",
                   solution_lines(s.solution, s.seconds));
      replace_once(text, "loop([hello(), hello()])", "loop(" + hello_calls(s.hellos, "hello()") + ")");
      break;
    case Part::asyncio:
      if (s.asyncio == AsyncioRun::sleeps) {
        text = embedded::asyncio_sleeps_py;
        replace_once(text, "(sleep(3, n) for n in range(1, 6))",
                     "(sleep(" + secs(s.seconds) + ", n) for n in range(1, " + std::to_string(s.tasks + 1) + "))");
      } else {
        text = embedded::asyncio_hellos_py;
        replace_once(text, "asyncio.sleep(1)", "asyncio.sleep(" + secs(s.seconds) + ")");
        std::string calls = hello_calls(s.hellos, "hello()");
        calls = s.hellos > 3 ? "*(" + calls.substr(1, calls.size() - 2) + ")" : calls.substr(1, calls.size() - 2);
        replace_once(text, "asyncio.gather(hello(), hello())", "asyncio.gather(" + calls + ")");
      }
      break;
  }
  return text;
}

Coro<void> scenario_main(Settings s) {
  if (std::string why = refusal(s); !why.empty()) return refused_program(why);
  std::string text = render_snippet(s);
  if (s.part == Part::asyncio) return asyncio_program(s, std::move(text));
  return hand_made_main(s, std::move(text));
}

void run_hand_made_program(const Settings& s) {
  if (std::string why = refusal(s); !why.empty()) throw Refused(why);
  if (s.part == Part::asyncio) throw std::logic_error("the asyncio part needs a running task of its own: use scenario_main");
  hand_made_program(s, render_snippet(s));
}

}  // namespace looplab::hand_made_loop
