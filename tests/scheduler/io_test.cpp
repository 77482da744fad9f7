#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>

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

TEST_CASE("a modelled connection limit queues requests in order, each one's wait in its result") {
  // Five 1 s requests over two connections: two rounds of two, then one: 3 s, not 1 s.
  LoopOptions two;
  two.simulated_connections = 2;
  VirtualRun r(two);
  r.run([]() -> Coro<void> {
    co_await gather(fetch("/1", 1), fetch("/2", 1), fetch("/3", 1), fetch("/4", 1), fetch("/5", 1));
  }());
  CHECK(r.loop.time() == 3.0);
  const auto& ops = r.loop.trace().io_ops();
  REQUIRE(ops.size() == 6);
  CHECK(ops[1].queued == 0.0);
  CHECK(ops[2].queued == 0.0);
  CHECK(ops[3].queued == 1.0);
  CHECK(ops[4].queued == 1.0);
  CHECK(ops[5].queued == 2.0);
  CHECK(r.lines().back() == "3.00 Task-6 /5 -> 200");

  // Without a limit nothing waits, and nothing says it did.
  VirtualRun free;
  free.run([]() -> Coro<void> { co_await gather(fetch("/1", 1), fetch("/2", 1), fetch("/3", 1)); }());
  CHECK(free.loop.time() == 1.0);
  CHECK(std::isnan(free.loop.trace().io_ops()[3].queued));
}

TEST_CASE("a cancelled request frees its connection for the next one in the queue") {
  LoopOptions one;
  one.simulated_connections = 1;
  VirtualRun r(one);
  r.run([]() -> Coro<void> {
    auto slow = create_task(fetch("/slow", 10));
    auto next = create_task(fetch("/next", 1));
    co_await sleep(2);
    slow.cancel();
    try {
      co_await slow;
    } catch (const CancelledError&) {
    }
    co_await next;
  }());
  CHECK(r.loop.time() == 3.0);
  CHECK(r.loop.trace().io_ops()[2].queued == 2.0);
}

namespace {

// A reply format a lesson might read: "rows=<n> first=<s> rest=<s>".
void read_counted_reply(IoResult& r) {
  unsigned rows = 0;
  double first = 0, rest = 0;
  if (std::sscanf(r.body.c_str(), "rows=%u first=%lf rest=%lf", &rows, &first, &rest) != 3) {
    r.ok = false;
    r.error = "unreadable reply '" + r.body + "'";
    return;
  }
  r.rows = rows;
  r.split.until_first = first;
  r.split.transfer = rest;
}

}  // namespace

TEST_CASE("every answer's result is in the trace: reply text, rows, the other side's time split") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    IoRequest hello = http_request("/delay-me?seconds=1", 1);
    hello.simulated_body = "Done, I waited for 1 secs";
    IoResult got = co_await io(hello);
    print(got.body);
    IoRequest counted = http_request("/count", 0.5);
    counted.simulated_body = "rows=42 first=0.25 rest=0.125";
    counted.read_reply = &read_counted_reply;
    IoResult read = co_await blocking_io(counted);
    CHECK(read.rows == 42);
    CHECK(read.split.until_first == 0.25);
    co_await query("SELECT 1", 0.1, 7);
  }());
  CHECK(r.lines() == Lines{"1.00 Task-1 Done, I waited for 1 secs"});
  const Trace& t = r.loop.trace();
  REQUIRE(t.io_ops().size() == 4);
  const IoOpInfo& hello = t.io_ops()[1];
  CHECK(hello.ok);
  CHECK(hello.status == 200);
  CHECK(t.text(hello.reply) == "Done, I waited for 1 secs");
  CHECK(std::isnan(hello.until_first));
  const IoOpInfo& counted = t.io_ops()[2];
  CHECK(counted.rows == 42);
  CHECK(counted.until_first == 0.25);
  CHECK(counted.transfer == 0.125);
  CHECK(t.io_ops()[3].rows == 7);
  CHECK(t.io_ops()[3].status == 0);
}

TEST_CASE("an answer its reader cannot read fails the awaiting task, and the trace says why") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    IoRequest bad = http_request("/count", 0.5);
    bad.simulated_body = "not what it expected";
    bad.read_reply = &read_counted_reply;
    try {
      co_await io(bad);
    } catch (const IoError& e) {
      print(std::string("failed: ") + e.what());
    }
  }());
  CHECK(r.lines() == Lines{"0.50 Task-1 failed: unreadable reply 'not what it expected'"});
  const IoOpInfo& op = r.loop.trace().io_ops()[1];
  CHECK_FALSE(op.ok);
  CHECK(r.loop.trace().text(op.error) == "unreadable reply 'not what it expected'");
  CHECK(r.loop.trace().text(op.reply) == "not what it expected");
}

TEST_CASE("a huge reply is kept cut, with its size, so the trace stays bounded") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    IoRequest big = http_request("/big", 0.1);
    big.simulated_body = std::string(100000, 'x');
    co_await io(big);
  }());
  const std::string& kept = r.loop.trace().text(r.loop.trace().io_ops()[1].reply);
  CHECK(kept.size() < kMaxReplyChars + 40);
  CHECK(kept.ends_with("(100000 bytes in all)"));
}
