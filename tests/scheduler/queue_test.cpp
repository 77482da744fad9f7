#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> produce(Queue<int>& q, int from, int count) {
  for (int i = from; i < from + count; ++i) {
    co_await q.put(i);
    print("put " + std::to_string(i));
  }
}

Coro<void> consume(Queue<int>& q, int count, double work) {
  for (int i = 0; i < count; ++i) {
    const int item = co_await q.get();
    print("got " + std::to_string(item));
    co_await sleep(work);
    q.task_done();
  }
}

}  // namespace

TEST_CASE("a full queue makes the producer wait for the consumer (back-pressure)") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<int> q(2);
    auto p = create_task(produce(q, 0, 4));
    auto c = create_task(consume(q, 4, 1.0));
    co_await p;
    co_await c;
  }());
  // The consumer's get frees a slot at once, so `put 2` happens at 0 (as CPython prints).
  CHECK(r.lines() == Lines{"0.00 Task-2 put 0", "0.00 Task-2 put 1", "0.00 Task-3 got 0", "0.00 Task-2 put 2",
                           "1.00 Task-3 got 1", "1.00 Task-2 put 3", "2.00 Task-3 got 2", "3.00 Task-3 got 3"});
}

TEST_CASE("get on an empty queue waits; items come out in FIFO order") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<std::string> q;
    auto getter = create_task([](Queue<std::string>& queue) -> Coro<void> {
      for (int i = 0; i < 3; ++i) print(co_await queue.get());
    }(q));
    co_await sleep(1);
    q.put_nowait("a");
    q.put_nowait("b");
    co_await sleep(1);
    co_await q.put("c");
    co_await getter;
  }());
  CHECK(r.lines() == Lines{"1.00 Task-2 a", "1.00 Task-2 b", "2.00 Task-2 c"});
}

TEST_CASE("put_nowait on a full queue and get_nowait on an empty one raise") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<int> q(1);
    CHECK_THROWS_AS(q.get_nowait(), QueueEmpty);
    q.put_nowait(1);
    CHECK(q.full());
    CHECK_THROWS_AS(q.put_nowait(2), QueueFull);
    CHECK(q.get_nowait() == 1);
    q.task_done();
    CHECK_THROWS_AS(q.task_done(), std::logic_error);  // one item, one task_done
    co_return;
  }());
}

TEST_CASE("join waits until every item is marked done") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<int> q;
    for (int i = 0; i < 3; ++i) q.put_nowait(i);
    auto worker = create_task(consume(q, 3, 2.0));
    co_await q.join();
    print("all processed");
    co_await worker;
  }());
  CHECK(r.lines().back() == "6.00 Task-1 all processed");
}

TEST_CASE("a cancelled getter leaves the queue usable and its wake-up is passed on") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<int> q;
    auto g1 = create_task([](Queue<int>& queue) -> Coro<void> { print("g1 " + std::to_string(co_await queue.get())); }(q));
    auto g2 = create_task([](Queue<int>& queue) -> Coro<void> { print("g2 " + std::to_string(co_await queue.get())); }(q));
    co_await sleep(1);
    q.put_nowait(10);  // wakes g1...
    g1.cancel();       // ...which is cancelled before it runs: g2 must get the item
    co_await sleep(1);
    CHECK(g1.cancelled());
    CHECK(g2.done());
  }());
  CHECK(r.texts() == Lines{"g2 10"});
}

TEST_CASE("a woken putter re-checks: another task may take the free slot first") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Queue<int> q(1);
    q.put_nowait(0);
    auto waiting = create_task(produce(q, 1, 1));  // blocks: full
    co_await sleep(0);
    CHECK(q.get_nowait() == 0);  // wakes the waiting putter...
    q.put_nowait(99);            // ...but the slot is taken before it runs
    co_await sleep(0);
    CHECK_FALSE(waiting.done());  // it went back to waiting
    CHECK(q.get_nowait() == 99);
    co_await waiting;
    CHECK(q.get_nowait() == 1);
  }());
}
