// Queues, locks, events, semaphores and the executor.
#include <algorithm>
#include <memory>

#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<void> producer(Queue<std::string>& queue, std::string name, conformance::Lcg rng, int count) {
  for (int i = 0; i < count; ++i) {
    co_await sleep(rng.randint(1, 4) / 2.0);
    const std::string item = name + std::to_string(i);
    co_await queue.put(item);
    print("put " + item + " (size " + std::to_string(queue.qsize()) + ")");
  }
}

Coro<void> consumer(Queue<std::string>& queue, conformance::Lcg rng, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string item = co_await queue.get();
    print("got " + item);
    co_await sleep(rng.randint(1, 6) / 2.0);
    queue.task_done();
  }
}

struct Gauge {
  int inside = 0;
  int peak = 0;
};

Coro<void> limited(Semaphore& sem, Gauge& gauge, int n) {
  co_await sem.acquire();
  gauge.peak = std::max(gauge.peak, ++gauge.inside);
  print("start " + std::to_string(n));
  co_await sleep(1);
  --gauge.inside;
  sem.release();
}

Coro<void> critical(Lock& lock, std::string name) {
  print(name + " wants the lock");
  co_await lock.acquire();
  print(name + " in");
  co_await sleep(1);
  print(name + " out");
  lock.release();
}

Coro<void> waiter(Event& event, std::string name) {
  print(name + " waits");
  co_await event.wait();
  print(name + " woke");
}

// The queue is shared: the workers still use it when they are cancelled, after main returns.
Coro<void> worker(std::shared_ptr<Queue<int>> shared, std::string name) {
  Queue<int>& queue = *shared;
  for (;;) {
    const int item = co_await queue.get();
    print(name + " takes " + std::to_string(item));
    co_await sleep(item);
    queue.task_done();
  }
}

Coro<void> produce(Queue<int>& queue) {
  for (int i = 0; i < 4; ++i) {
    co_await queue.put(i);
    print("put " + std::to_string(i));
  }
}

Coro<void> consume(Queue<int>& queue) {
  for (int i = 0; i < 4; ++i) {
    const int item = co_await queue.get();
    print("got " + std::to_string(item));
    co_await sleep(1);
    queue.task_done();
  }
}

Coro<void> user(Semaphore& sem, std::string name, double hold) {
  print(name + " wants it");
  co_await sem.acquire();
  print(name + " has it");
  co_await sleep(hold);
  sem.release();
  print(name + " released");
}

Coro<void> ticker() {
  for (int i = 0; i < 4; ++i) {
    co_await sleep(1);
    print("tick " + std::to_string(i + 1));
  }
}

Coro<void> offloaded() {
  print("work submitted");
  co_await to_thread(2.5);
  print("work done");
}

}  // namespace

CONFORMANCE_SCENARIO(queue_two_producers) {
  Queue<std::string> queue(2);
  co_await gather(producer(queue, "a", conformance::Lcg(161), 5), producer(queue, "b", conformance::Lcg(1161), 5),
                  consumer(queue, conformance::Lcg(2161), 10));
  print("all consumed");
}

CONFORMANCE_SCENARIO(semaphore_limit) {
  Semaphore sem(10);
  Gauge gauge;
  std::vector<Coro<void>> all;
  for (int n = 0; n < 100; ++n) all.push_back(limited(sem, gauge, n));
  co_await gather(std::move(all));
  print("peak " + std::to_string(gauge.peak));
}

CONFORMANCE_SCENARIO(lock_fifo) {
  Lock lock;
  co_await gather(critical(lock, "a"), critical(lock, "b"), critical(lock, "c"));
}

CONFORMANCE_SCENARIO(event_wakes_all) {
  Event event;
  std::vector<Task<void>> tasks;
  for (const char* n : {"a", "b", "c"}) tasks.push_back(create_task(waiter(event, n)));
  co_await sleep(2);
  print("setting");
  event.set();
  for (auto& t : tasks) co_await t;
  co_await event.wait();
  print("already set: no wait");
}

CONFORMANCE_SCENARIO(queue_join) {
  auto queue = std::make_shared<Queue<int>>();
  for (int item : {3, 1, 1, 2}) queue->put_nowait(item);
  std::vector<Task<void>> workers;
  for (int i = 0; i < 2; ++i) workers.push_back(create_task(worker(queue, "w" + std::to_string(i))));
  co_await queue->join();
  print("all items done");
  for (auto& w : workers) w.cancel();
}

CONFORMANCE_SCENARIO(queue_backpressure) {
  Queue<int> queue(2);
  auto p = create_task(produce(queue));
  auto c = create_task(consume(queue));
  co_await p;
  co_await c;
}

CONFORMANCE_SCENARIO(semaphore_handoff) {
  Semaphore sem(1);
  auto first = create_task(user(sem, "first", 2));
  auto second = create_task(user(sem, "second", 1));
  co_await sleep(1);
  auto late = create_task(user(sem, "late", 1));
  co_await gather(first, second, late);
}

CONFORMANCE_SCENARIO(executor_keeps_loop_free) { co_await gather(offloaded(), ticker()); }
