#include "scenario.h"

#include <algorithm>

#include "app/python_format.h"
#include "app/scenario_kit.h"
#include "event_loop_embedded.h"
#include "looplab/looplab.hpp"
#include "snippets.h"  // the slow-server lesson's
#include "ui/snippet_lines.h"

namespace looplab::event_loop {
namespace {

constexpr std::string_view kHellos = "two_hellos.py";

void replace_once(std::string& text, std::string_view what, const std::string& with) {
  if (const auto at = text.find(what); at != std::string::npos) text.replace(at, what.size(), with);
}

slow_server::Settings slow_server_settings() {
  slow_server::Settings s;
  s.delays = {kSlowServerDelays[0], kSlowServerDelays[1], kSlowServerDelays[2]};
  s.mode = slow_server::Mode::async;
  return s;
}

Coro<void> say(std::string what, double when, HelloLines lines) {
  mark_line(lines.sleeping);
  co_await sleep(when);
  mark_line(lines.printing);
  print(what);
}

Coro<void> two_hellos(Settings s, HelloLines lines) {
  Task<void> first = create_task(say("first hello", s.first, lines), "first");
  Task<void> second = create_task(say("second hello", s.second, lines), "second");
  mark_line(lines.awaiting);
  co_await first;
  co_await second;
}

}  // namespace

std::string_view snippet_file(const Settings& s) {
  return s.scenario == Scenario::two_hellos ? kHellos : slow_server::snippet_file(slow_server::Mode::async);
}

std::string render_snippet(const Settings& s) {
  if (s.scenario == Scenario::slow_server) {
    const slow_server::Settings server = slow_server_settings();
    return slow_server::render_snippet(server.mode, slow_server::effective_delays(server));
  }
  std::string text(embedded::two_hellos_py);
  replace_once(text, "say(\"first hello\", 2)", "say(\"first hello\", " + app::python_float(s.first) + ")");
  replace_once(text, "say(\"second hello\", 1)", "say(\"second hello\", " + app::python_float(s.second) + ")");
  return text;
}

HelloLines hello_lines(std::string_view snippet) {
  return {ui::line_containing(snippet, "await asyncio.sleep(when)", kHellos),
          ui::line_containing(snippet, "print(what)", kHellos),
          ui::line_containing(snippet, "await first", kHellos),
          ui::line_containing(snippet, "Time elapsed", kHellos)};
}

LoopOptions loop_options() {
  LoopOptions o;
  o.record_loop_phases = true;
  return o;
}

Coro<void> scenario_main(Settings s, std::string origin) {
  if (s.scenario == Scenario::slow_server)
    return slow_server::scenario_main(slow_server_settings(), std::move(origin),
                                      slow_server::snippet_lines(slow_server::Mode::async));
  const HelloLines lines = hello_lines(render_snippet(s));
  return app::timed_run(two_hellos(s, lines), lines.elapsed);
}

double model_total(const Settings& s) {
  if (s.scenario == Scenario::slow_server)
    return *std::max_element(std::begin(kSlowServerDelays), std::end(kSlowServerDelays));
  return std::max(s.first, s.second);
}

}  // namespace looplab::event_loop
