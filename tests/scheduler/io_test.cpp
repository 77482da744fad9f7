#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> fetch(std::string path, double seconds) {
  IoResult r = co_await request(path, seconds);
  print(path + " -> " + std::to_string(r.status));
}

Coro<void> fetch_blocking(std::string path, double seconds) {
  IoResult r = co_await blocking_request(path, seconds);
  print(path + " -> " + std::to_string(r.status));
}

}  // namespace

TEST_CASE("simulated requests overlap while the loop waits for them") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await gather(fetch("/a", 2), fetch("/b", 1)); }());
  CHECK(r.lines() == Lines{"1.00 Task-3 /b -> 200", "2.00 Task-2 /a -> 200"});
  const Trace& t = r.loop.trace();
  CHECK(test::count_events(t, EventKind::io_sent) == 2);
  CHECK(test::count_events(t, EventKind::io_answered) == 2);
  CHECK(t.io_ops().size() == 3);
  CHECK(t.text(t.io_ops()[1].description) == "GET /a");
  CHECK_FALSE(t.io_ops()[1].blocking);
}

TEST_CASE("a blocking client call holds the loop until its answer comes") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await gather(fetch_blocking("/a", 2), fetch_blocking("/b", 1)); }());
  CHECK(r.lines() == Lines{"2.00 Task-2 /a -> 200", "3.00 Task-3 /b -> 200"});
  CHECK(r.loop.trace().io_ops()[1].blocking);
}

TEST_CASE("blocking calls one after another in one task each hold the loop in turn") {
  // The sync requester: every blocking call starts the next hold as soon as the last ends.
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await fetch_blocking("/r1", 1.0);
    co_await fetch_blocking("/r2", 0.2);
    co_await fetch_blocking("/r3", 0.5);
  }());
  CHECK(r.lines() == Lines{"1.00 Task-1 /r1 -> 200", "1.20 Task-1 /r2 -> 200", "1.70 Task-1 /r3 -> 200"});
}

TEST_CASE("a query returns its rows; a failed request raises IoError") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    IoResult rows = co_await query("SELECT * FROM t", 0.5, 3);
    CHECK(rows.rows == 3);
    IoRequest broken = http_request("/down", 1);
    broken.simulated_error = "connection refused";
    try {
      co_await io(broken);
    } catch (const IoError& e) {
      print(std::string("failed: ") + e.what());
    }
  }());
  CHECK(r.lines() == Lines{"1.50 Task-1 failed: connection refused"});
}

TEST_CASE("cancelling a task waiting for I/O drops the operation") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(fetch("/slow", 10));
    co_await sleep(1);
    t.cancel();
    try {
      co_await t;
    } catch (const CancelledError&) {
    }
  }());
  CHECK(r.loop.time() == 1.0);
  CHECK(test::count_events(r.loop.trace(), EventKind::io_answered) == 0);
}
