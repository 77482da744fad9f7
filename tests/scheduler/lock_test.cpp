#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> critical(Lock& lock, std::string name, double hold) {
  co_await lock.acquire();
  print(name + " in");
  co_await sleep(hold);
  print(name + " out");
  lock.release();
}

}  // namespace

TEST_CASE("a lock lets one task in at a time, first come first served") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Lock lock;
    co_await gather(critical(lock, "a", 1), critical(lock, "b", 1), critical(lock, "c", 1));
  }());
  CHECK(r.lines() == Lines{"0.00 Task-2 a in", "1.00 Task-2 a out", "1.00 Task-3 b in", "2.00 Task-3 b out",
                           "2.00 Task-4 c in", "3.00 Task-4 c out"});
}

TEST_CASE("acquiring a free lock does not yield; releasing an unlocked lock raises") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Lock lock;
    auto other = create_task([]() -> Coro<void> {
      print("other");
      co_return;
    }());
    co_await lock.acquire();
    print("got it without yielding");
    CHECK(lock.locked());
    lock.release();
    CHECK_THROWS_AS(lock.release(), InvalidStateError);
    co_await other;
  }());
  CHECK(r.texts() == Lines{"got it without yielding", "other"});
}

TEST_CASE("a waiter cancelled while queued for a lock does not get it") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Lock lock;
    co_await lock.acquire();
    auto a = create_task(critical(lock, "a", 1));
    auto b = create_task(critical(lock, "b", 1));
    co_await sleep(0);
    a.cancel();
    lock.release();
    co_await b;
    CHECK(a.cancelled());
  }());
  CHECK(r.texts() == Lines{"b in", "b out"});
}
