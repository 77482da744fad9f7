#include "scenario.h"

#include <vector>

#include "app/python_format.h"
#include "app/scenario_kit.h"
#include "looplab/looplab.hpp"
#include "sequential_awaits_embedded.h"
#include "ui/snippet_lines.h"

namespace looplab::sequential_awaits {

namespace {

constexpr std::string_view file = "hellos.py";

void replace_once(std::string& text, std::string_view from, std::string_view to) {
  if (const auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
}

std::string sleep_line(const Settings& s) {
  const std::string secs = app::python_float(s.seconds);
  switch (s.sleep) {
    case SleepKind::asyncio_sleep: return "    await asyncio.sleep(" + secs + ")\n";
    case SleepKind::time_sleep: return "    time.sleep(" + secs + ")  # holds the loop\n";
    case SleepKind::await_time_sleep: return "    await time.sleep(" + secs + ")  # awaits None\n";
  }
  return {};
}

// A few hellos written out, as the seed does; more as a loop or a generator.
std::string awaits_of(const Settings& s) {
  const int n = s.hellos;
  if (s.how == Arrangement::in_a_row) {
    if (n > 3) return "    for _ in range(" + std::to_string(n) + "):\n        await hello()\n";
    std::string out;
    for (int i = 0; i < n; ++i) out += "    await hello()\n";
    return out;
  }
  if (n > 3) return "    await asyncio.gather(*(hello() for _ in range(" + std::to_string(n) + ")))\n";
  std::string calls;
  for (int i = 0; i < n; ++i) calls += i ? ", hello()" : "hello()";
  return "    await asyncio.gather(" + calls + ")\n";
}

Coro<void> hello(Settings s, Lines lines) {
  mark_line(lines.hello);
  print("hello");
  mark_line(lines.sleeping);
  switch (s.sleep) {
    case SleepKind::asyncio_sleep: co_await sleep(s.seconds); break;
    case SleepKind::time_sleep: co_await block(s.seconds); break;
    case SleepKind::await_time_sleep:
      co_await block(s.seconds);  // time.sleep runs to its end first...
      throw NoneNotAwaitable();   // ...then `await None` fails
  }
  mark_line(lines.goodbye);
  print("goodbye");
}

Coro<void> main_body(Settings s, Lines lines) {
  const double started = running_loop().time();
  std::vector<app::Work> work;
  for (int i = 0; i < s.hellos; ++i) work.push_back([=] { return hello(s, lines); });
  const auto how = s.how == Arrangement::gathered ? app::Arrangement::gathered : app::Arrangement::one_after_another;
  mark_line(lines.awaits);
  co_await app::run_all(how, std::move(work), {}, lines.awaits);
  mark_line(lines.elapsed);
  print(app::elapsed_text(running_loop().time() - started));
}

}  // namespace

std::string render_snippet(const Settings& s) {
  std::string text(embedded::hellos_py);
  replace_once(text, "    await asyncio.sleep(1)\n", sleep_line(s));
  replace_once(text, "    await hello()\n    await hello()\n", awaits_of(s));
  return text;
}

Lines lines_in(std::string_view snippet) {
  using ui::line_containing;
  Lines l;
  l.hello = line_containing(snippet, "print(\"hello\")", file);
  l.sleeping = line_containing(snippet, "sleep(", file);
  l.goodbye = line_containing(snippet, "print(\"goodbye\")", file);
  // The first line of the awaits (there may be several "await hello()" lines).
  l.awaits = line_containing(snippet, "started = time.perf_counter()", file) + 1;
  l.elapsed = line_containing(snippet, "Time elapsed", file);
  return l;
}

Coro<void> scenario_main(Settings s, Lines lines) { return main_body(s, lines); }

}  // namespace looplab::sequential_awaits
