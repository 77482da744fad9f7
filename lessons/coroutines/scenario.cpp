#include "scenario.h"

#include "app/python_format.h"
#include "coroutines_embedded.h"
#include "looplab/looplab.hpp"
#include "ui/snippet_lines.h"

namespace looplab::coroutines {

namespace {

constexpr std::string_view file = "coroutines.py";

// main's body in each mode, as the learner reads it.
std::string main_body(Mode mode) {
  switch (mode) {
    case Mode::call_only:
      return "    r = anyfunc()  # nothing has run yet\n"
             "    print(type(r))\n";
    case Mode::await_it:
      return "    r = anyfunc()\n"
             "    print(type(r))\n"
             "    print(await r)  # anyfunc runs now, in main\n";
    case Mode::task_then_await:
      return "    r = anyfunc()\n"
             "    task = asyncio.create_task(r)  # to the loop\n"
             "    print(type(task))\n"
             "    print(await task)\n";
    case Mode::task_never_awaited:
      return "    task = asyncio.create_task(anyfunc())\n"
             "    print(type(task))\n"
             "    # main ends; nobody awaits task\n";
  }
  return {};
}

void replace_once(std::string& text, std::string_view from, std::string_view to) {
  if (const auto at = text.find(from); at != std::string::npos) text.replace(at, from.size(), to);
}

// The snippet's main body: every line after "async def main():" up to the blank lines before asyncio.run.
void replace_main_body(std::string& text, const std::string& body) {
  const std::string head = "async def main():\n";
  const auto begin = text.find(head);
  if (begin == std::string::npos) return;
  const auto from = begin + head.size();
  const auto end = text.find("\n\n", from);
  text.replace(from, (end == std::string::npos ? text.size() : end + 1) - from, body);
}

Coro<int> anyfunc(Settings s, Lines lines) {
  if (s.sleep > 0) {
    mark_line(lines.sleeping);
    co_await sleep(s.sleep);
  }
  mark_line(lines.returning);
  co_return s.value;
}

Coro<int> make_anyfunc(const Settings& s, const Lines& lines) { return anyfunc(s, lines).named(coroutine_name); }

Coro<void> call_only(Settings s, Lines lines) {
  mark_line(lines.call);
  Coro<int> r = make_anyfunc(s, lines);
  mark_line(lines.type);
  print(std::string(coroutine_type));
  co_return;  // r goes with main's frame: CPython warns at this moment
}

Coro<void> await_it(Settings s, Lines lines) {
  mark_line(lines.call);
  Coro<int> r = make_anyfunc(s, lines);
  mark_line(lines.type);
  print(std::string(coroutine_type));
  mark_line(lines.awaiting);
  const int result = co_await std::move(r);
  print(std::to_string(result));
}

Coro<void> task_then_await(Settings s, Lines lines) {
  mark_line(lines.call);
  Coro<int> r = make_anyfunc(s, lines);
  mark_line(lines.create_task);
  Task<int> task = create_task(std::move(r));
  mark_line(lines.type);
  print(std::string(task_type));
  mark_line(lines.awaiting);
  const int result = co_await task;
  print(std::to_string(result));
}

Coro<void> task_never_awaited(Settings s, Lines lines) {
  mark_line(lines.create_task);
  Task<int> task = create_task(make_anyfunc(s, lines));
  mark_line(lines.type);
  print(std::string(task_type));
  co_return;  // asyncio.run deals with the task once main is done
}

}  // namespace

std::string render_snippet(const Settings& s) {
  std::string text(embedded::coroutines_py);
  std::string body = s.sleep > 0 ? "    await asyncio.sleep(" + app::python_float(s.sleep) + ")\n" : "";
  body += "    return " + std::to_string(s.value) + "\n";
  replace_once(text, "    return 1\n", body);
  replace_main_body(text, main_body(s.mode));
  return text;
}

Lines lines_in(std::string_view snippet) {
  using ui::line_containing;
  Lines l;
  l.sleeping = line_containing(snippet, "await asyncio.sleep(", file, /*optional=*/true);
  l.returning = line_containing(snippet, "    return ", file);
  l.call = line_containing(snippet, "r = anyfunc()", file, true);
  l.create_task = line_containing(snippet, "asyncio.create_task(", file, true);
  l.type = line_containing(snippet, "print(type(", file);
  l.awaiting = line_containing(snippet, "print(await ", file, true);
  return l;
}

Coro<void> scenario_main(Settings s, Lines lines) {
  switch (s.mode) {
    case Mode::call_only: return call_only(s, lines);
    case Mode::await_it: return await_it(s, lines);
    case Mode::task_then_await: return task_then_await(s, lines);
    case Mode::task_never_awaited: return task_never_awaited(s, lines);
  }
  return call_only(s, lines);
}

}  // namespace looplab::coroutines
