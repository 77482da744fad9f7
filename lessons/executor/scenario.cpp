#include "scenario.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "app/python_format.h"
#include "app/scenario_kit.h"
#include "executor_embedded.h"
#include "looplab/looplab.hpp"
#include "pi_digits.h"
#include "ui/snippet_lines.h"

namespace looplab::executor {

LoopOptions loop_options(const Settings& s) {
  LoopOptions o;
  o.executor_workers = static_cast<std::size_t>(std::clamp(s.workers, 1, max_workers));
  return o;
}

std::string snippet_file(const Settings& s) { return s.part == Part::pi ? "pi.py" : "cats.py"; }

namespace {

// Each edit must find its text: a snippet changed without its renderer fails the tests.
void replace_once(std::string& text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("executor: the snippet lost '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
}

std::string render_pi(const Settings& s) {
  std::string text(embedded::pi_py);
  replace_once(text, "max_workers=5", "max_workers=" + std::to_string(s.workers));
  replace_once(text, "print_pi(800)", "print_pi(" + std::to_string(s.decimals) + ")");
  if (s.mode == Mode::inline_call) {
    replace_once(text, "@force_async\n", "");
    replace_once(text, "digits = await compute_pi(decimals)", "digits = compute_pi(decimals)  # holds the loop");
  }
  return text;
}

std::string render_cats(const Settings& s) {
  std::string text(embedded::cats_py);
  replace_once(text, "max_workers=5", "max_workers=" + std::to_string(s.workers));
  replace_once(text, "range(5)", "range(" + std::to_string(s.cats) + ")");
  replace_once(text, "time.sleep(2)", "time.sleep(" + app::python_float(s.cat_sleep) + ")");
  if (s.mode == Mode::inline_call) {
    replace_once(text, "        loop = asyncio.get_running_loop()\n        await loop.run_in_executor(None, self._have_free_time)",
                 "        self._have_free_time()  # time.sleep inside async def: holds the loop");
  }
  return text;
}

// The blocking call: on the loop's thread, or on a pool worker while the task waits.
Coro<void> blocking_call(const Settings& s, double seconds) {
  if (s.mode == Mode::inline_call)
    co_await block(seconds);
  else
    co_await to_thread(seconds);
}

Coro<void> print_pi(Settings s, Lines lines) {
  mark_line(lines.work);
  co_await blocking_call(s, s.pi_seconds);
  mark_line(lines.result);
  print(pi_digits(s.decimals));
}

Coro<void> greet(std::string_view text, Lines lines) {
  mark_line(lines.greet);
  print(text);
  co_return;
}

// SyncCat's prints; in CPython those after _eat come from the worker thread, at the same times.
Coro<void> cat_exists(Settings s, Lines lines) {
  print("eat");
  mark_line(lines.work);
  print("have free time");
  print("sleeping");
  co_await blocking_call(s, s.cat_sleep);
  mark_line(lines.result);
  print("wake");
}

}  // namespace

std::string render_snippet(const Settings& s) { return s.part == Part::pi ? render_pi(s) : render_cats(s); }

Lines lines_in(const Settings& s, std::string_view snippet) {
  using ui::line_containing;
  const std::string file = snippet_file(s);
  Lines l;
  if (s.part == Part::pi) {
    l.work = line_containing(snippet, s.mode == Mode::inline_call ? "digits = compute_pi(" : "digits = await compute_pi(", file);
    l.result = line_containing(snippet, "print(digits)", file);
    l.greet = line_containing(snippet, "print(text)", file);
    l.gather = line_containing(snippet, "asyncio.gather(", file);
  } else {
    l.work = line_containing(snippet, s.mode == Mode::inline_call ? "self._have_free_time()  #" : "run_in_executor(", file);
    l.result = line_containing(snippet, "print(\"wake\")", file);
    l.gather = line_containing(snippet, "asyncio.gather(", file);
    l.elapsed = line_containing(snippet, "Time elapsed", file);
  }
  return l;
}

Coro<void> scenario_main(Settings s, Lines lines) {
  const double started = running_loop().time();
  std::vector<app::Work> work;
  std::vector<std::string> names;
  if (s.part == Part::pi) {
    work.push_back([=] { return print_pi(s, lines); });
    work.push_back([=] { return greet(first_greeting, lines); });
    work.push_back([=] { return greet(second_greeting, lines); });
    names = {"print_pi", "greet 1", "greet 2"};
  } else {
    for (int i = 1; i <= s.cats; ++i) {
      work.push_back([=] { return cat_exists(s, lines); });
      names.push_back("cat " + std::to_string(i));
    }
  }
  mark_line(lines.gather);
  co_await app::run_all(app::Arrangement::gathered, std::move(work), std::move(names), lines.gather);
  if (s.part == Part::cats) {
    mark_line(lines.elapsed);
    print(app::elapsed_text(running_loop().time() - started));
  }
}

}  // namespace looplab::executor
