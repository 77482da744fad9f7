#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

struct Gauge {
  int now = 0;
  int peak = 0;
};

Coro<void> limited(Semaphore& sem, Gauge& g, double work) {
  co_await sem.acquire();
  g.peak = std::max(g.peak, ++g.now);
  co_await sleep(work);
  --g.now;
  sem.release();
}

}  // namespace

TEST_CASE("a semaphore of 10 lets at most 10 of 100 tasks in at once") {
  VirtualRun r;
  Gauge g;
  r.run([](Gauge& gauge) -> Coro<void> {
    Semaphore sem(10);
    std::vector<Coro<void>> work;
    for (int i = 0; i < 100; ++i) work.push_back(limited(sem, gauge, 1.0));
    co_await gather(std::move(work));
  }(g));
  CHECK(g.peak == 10);
  CHECK(g.now == 0);
  CHECK(r.loop.time() == 10.0);  // ten waves of one second
}

TEST_CASE("a negative initial value is refused") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    CHECK_THROWS_AS(Semaphore(-1), std::invalid_argument);
    co_return;
  }());
}

TEST_CASE("release hands the count to the first waiter, not to a newcomer") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Semaphore sem(1);
    co_await sem.acquire();
    auto first = create_task([](Semaphore& s) -> Coro<void> {
      co_await s.acquire();
      print("first");
    }(sem));
    co_await sleep(0);
    sem.release();
    CHECK(sem.locked());  // the count went to `first`
    auto late = create_task([](Semaphore& s) -> Coro<void> {
      co_await s.acquire();
      print("late");
    }(sem));
    co_await first;
    sem.release();
    co_await late;
  }());
  CHECK(test::printed_texts(r.loop.trace()) == test::Lines{"first", "late"});
}
