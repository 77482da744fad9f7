#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

void note(void* self, std::uintptr_t arg) { static_cast<std::vector<int>*>(self)->push_back(static_cast<int>(arg)); }

struct Rescheduler {
  EventLoop* loop;
  std::vector<int>* seen;
};
void reschedule(void* self, std::uintptr_t arg) {
  auto* r = static_cast<Rescheduler*>(self);
  r->seen->push_back(static_cast<int>(arg));
  r->loop->schedule(Callback{&note, r->seen, arg + 100});
}

}  // namespace

TEST_CASE("an iteration runs exactly the callbacks that were ready when it began") {
  VirtualClock clock;
  EventLoop loop(clock);
  std::vector<int> seen;
  Rescheduler r{&loop, &seen};
  loop.schedule(Callback{&reschedule, &r, 1});
  loop.schedule(Callback{&reschedule, &r, 2});
  CHECK(loop.run_once());
  CHECK(seen == std::vector<int>{1, 2});  // 101 and 102 wait for the next iteration
  CHECK(loop.run_once());
  CHECK(seen == std::vector<int>{1, 2, 101, 102});
  CHECK(loop.iteration() == 2);
}

TEST_CASE("timers fire in deadline order; the virtual clock jumps to each") {
  VirtualClock clock;
  EventLoop loop(clock);
  std::vector<int> seen;
  loop.schedule_later(3, Callback{&note, &seen, 3});
  loop.schedule_later(1, Callback{&note, &seen, 1});
  loop.schedule_later(2, Callback{&note, &seen, 2});
  const TimerId cancelled = loop.schedule_later(1.5, Callback{&note, &seen, 99});
  CHECK(loop.cancel_timer(cancelled));
  CHECK_FALSE(loop.cancel_timer(cancelled));
  while (!loop.idle()) loop.run_once();
  CHECK(seen == std::vector<int>{1, 2, 3});
  CHECK(clock.now() == 3.0);
}

TEST_CASE("run_ready never waits: it runs what is due and returns the next deadline") {
  VirtualClock clock;
  EventLoop loop(clock);
  std::vector<int> seen;
  loop.schedule(Callback{&note, &seen, 1});
  loop.schedule_later(5, Callback{&note, &seen, 2});
  CHECK(loop.run_ready() == 5.0);
  CHECK(seen == std::vector<int>{1});
  CHECK(clock.now() == 0.0);
  clock.wait_until(5.0);  // time passes outside the loop (a frame later)
  CHECK(std::isinf(loop.run_ready()));
  CHECK(seen == std::vector<int>{1, 2});
}

TEST_CASE("a live real-clock style drive: create the main task, then call run_ready per frame") {
  VirtualClock clock;
  EventLoop loop(clock);
  Task<int> main_task;
  {
    CurrentLoopScope scope(loop);
    main_task = loop.create_task([]() -> Coro<int> {
      co_await sleep(2);
      co_return 9;
    }());
  }
  double next = loop.run_ready();
  CHECK(next == 2.0);
  CHECK_FALSE(main_task.done());
  clock.wait_until(next);
  loop.run_ready();
  CHECK(main_task.done());
  CHECK(main_task.result() == 9);
}

TEST_CASE("free functions need a running loop") {
  CHECK(current_loop() == nullptr);
  CHECK_THROWS_AS(print("x"), std::logic_error);
}

TEST_CASE("the same scenario gives the same trace every run (determinism)") {
  auto scenario = []() -> Coro<void> {
    Queue<int> q(3);
    auto producer = [](Queue<int>& queue) -> Coro<void> {
      for (int i = 0; i < 20; ++i) co_await queue.put(i);
    };
    auto consumer = [](Queue<int>& queue) -> Coro<void> {
      for (int i = 0; i < 20; ++i) {
        co_await queue.get();
        co_await sleep(0.1 * (i % 3));
      }
    };
    co_await gather(producer(q), consumer(q));
  };
  VirtualRun a, b;
  a.run(scenario());
  b.run(scenario());
  const auto& ea = a.loop.trace().events();
  const auto& eb = b.loop.trace().events();
  REQUIRE(ea.size() == eb.size());
  for (std::size_t i = 0; i < ea.size(); ++i) {
    CHECK(ea[i].time == eb[i].time);
    CHECK(ea[i].kind == eb[i].kind);
    CHECK(ea[i].task == eb[i].task);
    CHECK(ea[i].state == eb[i].state);
  }
}

TEST_CASE("the timer heap pops thousands of timers in deadline order, ties in scheduling order") {
  TimerHeap heap;
  std::vector<std::pair<double, int>> expected;
  std::vector<TimerId> ids;
  std::uint64_t x = 7;
  for (int i = 0; i < 5000; ++i) {
    x = (x * 6364136223846793005ull + 1442695040888963407ull);
    const double when = static_cast<double>((x >> 33) % 200);  // many equal deadlines
    ids.push_back(heap.push(when, Callback{nullptr, nullptr, static_cast<std::uintptr_t>(i)}));
    expected.emplace_back(when, i);
  }
  for (int i = 0; i < 5000; i += 7) heap.cancel(ids[static_cast<std::size_t>(i)]);
  std::vector<std::pair<double, int>> kept;
  for (const auto& e : expected)
    if (e.second % 7 != 0) kept.push_back(e);
  std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<double, int>> popped;
  Callback cb;
  double now = 0;
  while (!heap.empty()) {
    now = heap.next_deadline();
    while (heap.pop_due(now, cb)) popped.emplace_back(now, static_cast<int>(cb.arg));
  }
  CHECK(popped == kept);
}
