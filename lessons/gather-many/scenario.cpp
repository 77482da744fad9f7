#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <vector>

#include "app/python_format.h"
#include "app/scenario_kit.h"
#include "gather_many_embedded.h"
#include "looplab/looplab.hpp"
#include "ui/parameter_rules.h"
#include "ui/snippet_lines.h"

namespace looplab::gather_many {

bool gathered(const Settings& s) { return s.mode == Mode::gathered; }
bool uses_semaphore(const Settings& s) { return gathered(s) && s.semaphore > 0; }

LoopOptions loop_options(const Settings& s) {
  LoopOptions o;
  if (s.part == Part::requests) o.simulated_connections = static_cast<std::size_t>(std::max(1, s.connections));
  return o;
}

std::string request_path(double seconds, int request) {
  return "/delay-me?seconds=" + ui::short_number(seconds) + "&request=" + std::to_string(request);
}

double request_timeout(const Settings& s) {
  // The worst case is every request through one connection: the last one waits for all.
  return 2.0 * s.tasks * s.seconds + 10.0;
}

std::string snippet_file(const Settings& s) { return s.part == Part::sleeps ? "sleeps.py" : "requests.py"; }

namespace {

// Each edit must find its text: a snippet changed without its renderer fails the tests.
void replace_once(std::string& text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("gather-many: the snippet lost '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
}

std::string render_sleeps(const Settings& s) {
  std::string text(embedded::sleeps_py);
  const std::string n = std::to_string(s.tasks), d = app::python_float(s.seconds);
  if (uses_semaphore(s)) {
    replace_once(text, "Semaphore(5)", "Semaphore(" + std::to_string(s.semaphore) + ")");
    replace_once(text, "(nap(limit, 3) for _ in range(5))", "(nap(limit, " + d + ") for _ in range(" + n + "))");
    return text;
  }
  replace_once(text, "async def nap(limit, seconds):\n    async with limit:\n        await", "async def nap(seconds):\n    await");
  replace_once(text, "    limit = asyncio.Semaphore(5)\n", "");
  const std::string awaits = gathered(s) ? "    await asyncio.gather(*(nap(" + d + ") for _ in range(" + n + ")))\n"
                                         : "    for _ in range(" + n + "):\n        await nap(" + d + ")\n";
  replace_once(text, "    await asyncio.gather(*(nap(limit, 3) for _ in range(5)))\n", awaits);
  return text;
}

std::string render_requests(const Settings& s, std::string_view origin) {
  std::string text(embedded::requests_py);
  const std::string n = std::to_string(s.tasks + 1);
  replace_once(text, "http://127.0.0.1:8000/delay-me?seconds=1",
               std::string(origin) + "/delay-me?seconds=" + ui::short_number(s.seconds));
  replace_once(text, "limit_per_host=6", "limit_per_host=" + std::to_string(s.connections));
  if (uses_semaphore(s)) {
    replace_once(text, "Semaphore(5)", "Semaphore(" + std::to_string(s.semaphore) + ")");
    replace_once(text, "range(1, 6)", "range(1, " + n + ")");
    return text;
  }
  replace_once(text, "async def fetch(session, limit, i):\n    async with limit:\n        async with session.get(f\"{URL}&request={i}\") as reply:\n            return",
               "async def fetch(session, i):\n    async with session.get(f\"{URL}&request={i}\") as reply:\n        return");
  replace_once(text, "    limit = asyncio.Semaphore(5)\n", "");
  const std::string awaits = gathered(s) ? "asyncio.gather(*(fetch(session, i) for i in range(1, " + n + ")))"
                                         : "[await fetch(session, i) for i in range(1, " + n + ")]";
  replace_once(text, "await asyncio.gather(*(fetch(session, limit, i) for i in range(1, 6)))",
               gathered(s) ? "await " + awaits : awaits);
  return text;
}

// `async with limit:` around the work, when there is a semaphore.
class Slot {
 public:
  explicit Slot(std::shared_ptr<Semaphore> limit) : limit_(std::move(limit)) {}
  Coro<void> take(std::uint32_t line) {
    if (!limit_) co_return;
    mark_line(line);
    co_await limit_->acquire();
  }
  void give_back() {
    if (limit_) limit_->release();
  }

 private:
  std::shared_ptr<Semaphore> limit_;
};

Coro<void> nap(std::shared_ptr<Semaphore> limit, double seconds, Lines lines) {
  Slot slot(std::move(limit));
  co_await slot.take(lines.limit);
  mark_line(lines.sleeping);
  try {
    co_await sleep(seconds);
  } catch (...) {
    slot.give_back();
    throw;
  }
  slot.give_back();
}

Coro<void> fetch(std::shared_ptr<Semaphore> limit, Settings s, int request, Lines lines) {
  Slot slot(std::move(limit));
  co_await slot.take(lines.limit);
  mark_line(lines.sleeping);
  IoRequest ask = http_request(request_path(s.seconds, request), s.seconds);
  ask.timeout_seconds = request_timeout(s);
  IoResult reply;
  try {
    reply = co_await io(ask);
  } catch (...) {
    slot.give_back();
    throw;
  }
  slot.give_back();
  if (!reply.ok) throw IoError("request " + std::to_string(request) + " failed: " + reply.error);
  if (reply.status != 200) {
    throw IoError("request " + std::to_string(request) + ": the server answered " + std::to_string(reply.status) + ": " +
                  reply.body);
  }
}

}  // namespace

std::string render_snippet(const Settings& s, std::string_view origin) {
  return s.part == Part::sleeps ? render_sleeps(s) : render_requests(s, origin);
}

Lines lines_in(const Settings& s, std::string_view snippet) {
  using ui::line_containing;
  const std::string file = snippet_file(s);
  Lines l;
  const bool requests = s.part == Part::requests;
  l.sleeping = line_containing(snippet, requests ? "session.get(" : "await asyncio.sleep(", file);
  l.limit = line_containing(snippet, "async with limit:", file, /*optional=*/true);
  l.awaits = line_containing(snippet, requests ? "replies = " : (gathered(s) ? "asyncio.gather(" : "for _ in range("), file);
  if (requests) l.printed = line_containing(snippet, "replies\")", file);
  l.elapsed = line_containing(snippet, "Time elapsed", file);
  return l;
}

Coro<void> scenario_main(Settings s, Lines lines) {
  const double started = running_loop().time();
  // The semaphore lives as long as the last task holding it (a failed gather leaves some).
  std::shared_ptr<Semaphore> limit = uses_semaphore(s) ? std::make_shared<Semaphore>(s.semaphore, "limit") : nullptr;
  std::vector<app::Work> work;
  std::vector<std::string> names;
  for (int i = 1; i <= s.tasks; ++i) {
    if (s.part == Part::sleeps) {
      work.push_back([=] { return nap(limit, s.seconds, lines); });
    } else {
      work.push_back([=] { return fetch(limit, s, i, lines); });
      names.push_back("R" + std::to_string(i));
    }
  }
  const auto how = gathered(s) ? app::Arrangement::gathered : app::Arrangement::one_after_another;
  mark_line(lines.awaits);
  co_await app::run_all(how, std::move(work), std::move(names), lines.awaits);
  if (s.part == Part::requests) {
    mark_line(lines.printed);
    print(std::to_string(s.tasks) + " replies");
  }
  mark_line(lines.elapsed);
  print(app::elapsed_text(running_loop().time() - started));
}

}  // namespace looplab::gather_many
