#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

TEST_CASE("every task's life is recorded: created, ready, running, waiting, done") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await sleep(1); }());
  std::vector<std::pair<EventKind, TaskState>> seen;
  for (const auto& e : r.loop.trace().events())
    if (e.task == 1) seen.emplace_back(e.kind, e.state);
  using K = EventKind;
  using S = TaskState;
  CHECK(seen == std::vector<std::pair<K, S>>{{K::task_created, S::ready},  {K::state, S::ready},
                                             {K::state, S::running},       {K::state, S::waiting_timer},
                                             {K::state, S::ready},         {K::state, S::running},
                                             {K::task_finished, S::done}});
}

TEST_CASE("wake-ups name their cause and the waker (arrows for the timeline)") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto child = create_task([]() -> Coro<void> { co_await sleep(1); }());
    co_await child;
  }());
  std::vector<std::pair<WakeCause, std::uint32_t>> main_wakeups;
  for (const auto& e : r.loop.trace().events())
    if (e.task == 1 && e.kind == EventKind::state && e.state == TaskState::ready)
      main_wakeups.emplace_back(e.cause, e.related);
  CHECK(main_wakeups == std::vector<std::pair<WakeCause, std::uint32_t>>{{WakeCause::created, 0},
                                                                          {WakeCause::task_done, 2}});
}

TEST_CASE("printed lines and snippet lines are recorded with time and task") {
  VirtualRun r;
  std::vector<std::string> sink;
  r.loop.set_print_sink([&](double t, TaskId task, const std::string& text) {
    sink.push_back(std::to_string(task) + "@" + std::to_string(static_cast<int>(t)) + ":" + text);
  });
  r.run([]() -> Coro<void> {
    mark_line(3);
    mark_line(3);  // unchanged: not recorded twice
    co_await sleep(2);
    mark_line(4);
    print("hello");
  }());
  CHECK(sink == std::vector<std::string>{"1@2:hello"});
  CHECK(test::count_events(r.loop.trace(), EventKind::line) == 2);
}

TEST_CASE("trace events are 24 bytes; a typical run stays well under 32 bytes per event") {
  CHECK(sizeof(TraceEvent) == 24);
  VirtualRun r;
  r.run([]() -> Coro<void> {
    std::vector<Coro<void>> work;
    for (int i = 0; i < 1000; ++i)
      work.push_back([](int n) -> Coro<void> {
        for (int k = 0; k < 5; ++k) co_await sleep(0.001 * (n % 7));
      }(i));
    co_await gather(std::move(work));
  }());
  const Trace& t = r.loop.trace();
  CHECK(t.size() > 10000);
  CHECK(t.bytes_per_event() <= 32.0);
}

TEST_CASE("event times never go backwards") {
  LoopOptions options;
  options.executor_workers = 1;
  VirtualRun r(options);
  r.run([]() -> Coro<void> {
    auto a = create_task([]() -> Coro<void> { co_await to_thread(1); }());
    auto b = create_task([]() -> Coro<void> { co_await to_thread(1); }());
    co_await sleep(0);
    co_await block(3);
    auto fetch = []() -> Coro<IoResult> { co_return co_await request("/x", 1); };
    co_await gather(a, b, fetch());
  }());
  double last = 0;
  for (const auto& e : r.loop.trace().events()) {
    CHECK(e.time >= last);
    last = e.time;
  }
}

TEST_CASE("with recording off the loop runs the same, recording nothing") {
  LoopOptions options;
  options.record_trace = false;
  VirtualRun r(options);
  const int v = r.run([]() -> Coro<int> {
    co_await sleep(1);
    co_return 3;
  }());
  CHECK(v == 3);
  CHECK(r.loop.trace().size() == 0);
}
