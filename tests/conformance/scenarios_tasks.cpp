// Tasks and sleeping: sequence vs gather, create_task, sleep(0), never-awaited coroutines,
// tasks creating tasks, blocking inside async def.
#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<void> say(std::string what, double delay) {
  co_await sleep(delay);
  print(what);
}

Coro<void> blocking_say(std::string what, double delay) {
  co_await block(delay);
  print(what);
}

Coro<int> sleeper(int n) {
  print("sleeper " + std::to_string(n) + " starts");
  co_await sleep(3);
  print("sleeper " + std::to_string(n) + " wakes");
  co_return n;
}

Coro<int> work() {
  print("task starts");
  co_await sleep(1);
  print("task ends");
  co_return 42;
}

Coro<void> ticker(std::string name, int times) {
  for (int i = 0; i < times; ++i) {
    print(name + std::to_string(i));
    co_await sleep(0);
  }
}

Coro<void> grandchild(std::string name, double delay) {
  print(name + " runs");
  co_await sleep(delay);
  print(name + " done");
}

Coro<void> child(std::string name, double base) {
  print(name + " starts");
  std::vector<Task<void>> kids;
  for (int i = 0; i < 2; ++i) kids.push_back(create_task(grandchild(name + "." + std::to_string(i), base + i)));
  print(name + " spawned");
  for (auto& k : kids) co_await k;
  print(name + " done");
}

Coro<void> gather_child() {
  co_await sleep(0);
  print("child done");
}

Coro<void> spinner() {
  for (int i = 0; i < 6; ++i) {
    print("spin " + std::to_string(i));
    co_await sleep(0);
  }
}

Coro<void> punctual() {
  co_await sleep(0.5);
  print("timer due at 0.5");
}

Coro<void> forever() {
  try {
    for (;;) {
      co_await sleep(1);
      print("still here");
    }
  } catch (const CancelledError&) {
    print("cancelled at shutdown");
    throw;
  }
}

}  // namespace

CONFORMANCE_SCENARIO(hello_sequential) {
  print("started");
  co_await say("hello", 1);
  co_await say("world", 2);
  print("finished");
}

CONFORMANCE_SCENARIO(hello_gather) {
  print("started");
  co_await gather(say("hello", 1), say("world", 2));
  print("finished");
}

CONFORMANCE_SCENARIO(create_task_first_second) {
  auto task1 = create_task(say("first hello", 2));
  auto task2 = create_task(say("second hello", 1));
  print("tasks created");
  co_await task1;
  co_await task2;
  print("finished");
}

CONFORMANCE_SCENARIO(five_gathered_sleeps) {
  std::vector<Coro<int>> sleepers;
  for (int n = 0; n < 5; ++n) sleepers.push_back(sleeper(n));
  auto results = co_await gather(std::move(sleepers));
  print("results " + conformance::py_list(results));
}

CONFORMANCE_SCENARIO(create_task_then_await) {
  auto task = create_task(work());
  print("task created");
  const int result = co_await task;
  print("result " + std::to_string(result));
}

CONFORMANCE_SCENARIO(never_awaited) {
  (void)say("never said", 1).named("say");
  print("after the forgotten call");
  co_await say("said", 1);
}

CONFORMANCE_SCENARIO(time_sleep_in_async) {
  co_await gather(blocking_say("a", 1), blocking_say("b", 1), blocking_say("c", 1));
  print("finished");
}

CONFORMANCE_SCENARIO(asyncio_sleep_in_async) {
  co_await gather(say("a", 1), say("b", 1), say("c", 1));
  print("finished");
}

CONFORMANCE_SCENARIO(sleep0_interleave) {
  co_await gather(ticker("a", 3), ticker("b", 3), ticker("c", 3));
  print("finished");
}

CONFORMANCE_SCENARIO(task_creates_tasks) {
  std::vector<Task<void>> parents;
  for (int i = 0; i < 2; ++i) parents.push_back(create_task(child("c" + std::to_string(i), 1 + 0.5 * i)));
  print("main spawned");
  co_await sleep(0);
  print("main resumed");
  for (auto& p : parents) co_await p;
}

CONFORMANCE_SCENARIO(gather_wake_two_hops) {
  auto g = gather(gather_child());
  auto s = create_task(spinner());
  co_await g;
  print("gathered");
  co_await s;
}

CONFORMANCE_SCENARIO(block_delays_timer) {
  auto task = create_task(punctual());
  co_await sleep(0);
  print("blocking");
  co_await block(2);
  print("block over");
  co_await task;
}

CONFORMANCE_SCENARIO(run_cancels_leftovers) {
  (void)create_task(forever());
  co_await sleep(2.5);
  print("main returns");
}
