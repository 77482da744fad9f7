// The synchronisation primitives beyond Lock/Event/Semaphore/Queue: Condition,
// BoundedSemaphore, Barrier, PriorityQueue and LifoQueue.
#include <memory>
#include <utility>

#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<void> consumer(Condition& cond, std::string name, std::vector<int>& box) {
  co_await cond.acquire();
  print(name + " waits");
  co_await cond.wait_for([&] { return !box.empty(); });
  const int item = box.back();
  box.pop_back();
  print(name + " takes " + std::to_string(item));
  cond.release();
}

Coro<void> notified_waiter(Condition& cond) {
  co_await cond.acquire();
  print("waiter waits");
  co_await cond.wait();
  print("waiter woke holding the lock");
  cond.release();
}

Coro<void> spinner(int turns) {
  for (int i = 0; i < turns; ++i) {
    print("spin " + std::to_string(i));
    co_await sleep(0);
  }
}

Coro<void> user(BoundedSemaphore& sem, std::string name, double hold) {
  co_await sem.acquire();
  print(name + " in");
  co_await sleep(hold);
  sem.release();
  print(name + " out");
}

Coro<void> runner(Barrier& barrier, std::string name, double delay) {
  co_await sleep(delay);
  print(name + " arrives (" + std::to_string(barrier.n_waiting()) + " waiting)");
  const std::size_t index = co_await barrier.wait();
  print(name + " passes with index " + std::to_string(index));
}

Coro<void> hopeful(Barrier& barrier, std::string name) {
  try {
    co_await barrier.wait();
    print(name + " passed");
  } catch (const BrokenBarrierError&) {
    print(name + ": barrier broken");
  }
}

using Job = std::pair<int, std::string>;

Coro<void> job_consumer(PriorityQueue<Job>& q, int count) {
  for (int i = 0; i < count; ++i) {
    auto [priority, what] = co_await q.get();
    print("got " + what + " (priority " + std::to_string(priority) + ")");
    q.task_done();
    co_await sleep(1);
  }
}

Coro<void> lifo_producer(LifoQueue<int>& q) {
  for (int i = 0; i < 5; ++i) {
    co_await q.put(i);
    print("put " + std::to_string(i));
  }
}

}  // namespace

CONFORMANCE_SCENARIO(condition_notify) {
  Condition cond;
  std::vector<int> box;
  std::vector<Task<void>> tasks;
  for (const char* n : {"a", "b", "c"}) tasks.push_back(create_task(consumer(cond, n, box)));
  co_await sleep(1);
  co_await cond.acquire();
  box.push_back(1);
  cond.notify();
  print("notified one; still holding the lock");
  co_await sleep(1);
  cond.release();
  print("released");
  co_await sleep(1);
  co_await cond.acquire();
  box.push_back(2);
  box.push_back(3);
  cond.notify_all();
  print("notified all");
  cond.release();
  co_await gather(tasks);
}

CONFORMANCE_SCENARIO(condition_hops) {
  Condition cond;
  auto w = create_task(notified_waiter(cond));
  co_await sleep(0);
  auto s = create_task(spinner(6));
  co_await cond.acquire();
  cond.notify();
  print("notified");
  co_await sleep(0);
  print("releasing");
  cond.release();
  co_await w;
  print("waiter done");
  co_await s;
}

CONFORMANCE_SCENARIO(bounded_semaphore) {
  BoundedSemaphore sem(2);
  co_await gather(user(sem, "a", 1), user(sem, "b", 1.5), user(sem, "c", 1));
  try {
    sem.release();
    print("released once more");
  } catch (const std::invalid_argument& e) {
    print(std::string("ValueError: ") + e.what());
  }
}

CONFORMANCE_SCENARIO(barrier_parties) {
  Barrier barrier(3);
  co_await gather(runner(barrier, "a", 1), runner(barrier, "b", 2), runner(barrier, "c", 3));
  print("broken: " + conformance::py_bool(barrier.broken()) + ", waiting: " + std::to_string(barrier.n_waiting()));
}

CONFORMANCE_SCENARIO(barrier_abort) {
  Barrier barrier(3);
  auto a = create_task(hopeful(barrier, "a"));
  co_await sleep(1);
  co_await barrier.abort();
  print("aborted");
  co_await hopeful(barrier, "late");
  co_await a;
}

CONFORMANCE_SCENARIO(priority_queue_order) {
  PriorityQueue<Job> q;
  auto c = create_task(job_consumer(q, 5));
  co_await sleep(0.5);
  for (Job item : {Job{3, "low"}, Job{1, "urgent"}, Job{2, "normal"}, Job{1, "also urgent"}, Job{5, "whenever"}})
    q.put_nowait(item);
  print("queued " + std::to_string(q.qsize()));
  co_await q.join();
  print("all handled");
  co_await c;
}

CONFORMANCE_SCENARIO(lifo_queue_order) {
  LifoQueue<int> q(3);
  auto p = create_task(lifo_producer(q));
  co_await sleep(1);
  while (!q.empty()) {
    print("got " + std::to_string(co_await q.get()));
    co_await sleep(1);
  }
  co_await p;
}
