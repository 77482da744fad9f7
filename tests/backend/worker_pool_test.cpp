// The worker pool: blocking work on OS threads, results back on the event loop, a
// bounded queue, and cancellation before and while a job runs.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "workers/offload.hpp"

using namespace looplab::backend;
using namespace std::chrono_literals;

namespace {

// The test thread is the event loop.
struct Loop {
  asio::io_context io{1};

  // Runs the loop until `done()` holds; false when `timeout` passed first.
  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      io.run_for(5ms);
      io.restart();
    }
    return true;
  }
};

// Holds jobs until released (or, for jobs that listen, until told to stop).
class Gate {
 public:
  void release() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  // True when released; false when `stop` came first (if the job listens to it).
  bool wait(std::optional<std::stop_token> stop = std::nullopt) {
    std::unique_lock lock(mutex_);
    if (stop) return changed_.wait_for(lock, *stop, 10s, [this] { return open_; });
    return changed_.wait_for(lock, 10s, [this] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any changed_;
  bool open_ = false;
};

// One request's part: its cancel signal and, once the pool answered, the outcome.
struct Request {
  CancelSignal cancel;
  std::optional<Offloaded<bool>> outcome;
  std::thread::id resumed_on;
};

void start(Loop& loop, WorkerPool& pool, Request& request, std::function<bool(std::stop_token)> work) {
  asio::co_spawn(
      loop.io,
      [&pool, &request, work]() -> Awaitable<void> {
        auto outcome = co_await offload(pool, work, request.cancel);
        request.resumed_on = std::this_thread::get_id();
        request.outcome = std::move(outcome);
      },
      asio::detached);
}

bool answered(const Request& request) { return request.outcome.has_value(); }

}  // namespace

TEST_CASE("a job runs on a pool thread and its result comes back on the event loop's thread") {
  Loop loop;
  WorkerPool pool({2, 4});
  Request request;
  std::thread::id ran_on;
  start(loop, pool, request, [&ran_on](std::stop_token) {
    ran_on = std::this_thread::get_id();
    return true;
  });
  REQUIRE(loop.run_until([&] { return answered(request); }));
  CHECK(request.outcome->finished());
  CHECK(request.outcome->started);
  CHECK(*request.outcome->value);
  CHECK(ran_on != std::this_thread::get_id());
  CHECK(request.resumed_on == std::this_thread::get_id());
  CHECK(pool.status().finished == 1);
}

TEST_CASE("past threads + queue limit a job is refused at once, and nothing is queued for it") {
  Loop loop;
  WorkerPool pool({1, 1});
  Gate gate;
  Request running, queued, refused;
  auto held = [&gate](std::stop_token) { return gate.wait(); };
  start(loop, pool, running, held);
  start(loop, pool, queued, held);
  start(loop, pool, refused, held);
  REQUIRE(loop.run_until([&] { return answered(refused); }));
  CHECK(refused.outcome->status == OffloadStatus::queue_full);
  CHECK_FALSE(refused.outcome->started);
  CHECK_FALSE(answered(running));
  CHECK_FALSE(answered(queued));
  REQUIRE(loop.run_until([&] { return pool.status().busy == 1; }));
  WorkerPoolStatus status = pool.status();
  CHECK(status.queued == 1);
  CHECK(status.refused == 1);

  gate.release();
  REQUIRE(loop.run_until([&] { return answered(running) && answered(queued); }));
  CHECK(running.outcome->finished());
  CHECK(queued.outcome->finished());
}

TEST_CASE("a queued job whose request is cancelled leaves the queue at once and never runs") {
  Loop loop;
  WorkerPool pool({1, 1});
  Gate gate;
  Request running, queued, next;
  std::atomic<bool> queued_job_ran{false};
  start(loop, pool, running, [&gate](std::stop_token) { return gate.wait(); });
  start(loop, pool, queued, [&queued_job_ran](std::stop_token) { return queued_job_ran = true; });
  REQUIRE(loop.run_until([&] { return pool.status().busy == 1 && pool.status().queued == 1; }));

  queued.cancel.cancel(CancelCause::client_gone, "the client closed the connection");
  REQUIRE(loop.run_until([&] { return answered(queued); }));
  CHECK(queued.outcome->status == OffloadStatus::cancelled);
  CHECK_FALSE(queued.outcome->started);
  CHECK(pool.status().queued == 0);
  CHECK(pool.status().cancelled_queued == 1);
  CHECK_FALSE(answered(running));

  // Its slot is free again: one more job fits beside the running one.
  start(loop, pool, next, [](std::stop_token) { return true; });
  REQUIRE(loop.run_until([&] { return pool.status().queued == 1; }));
  gate.release();
  REQUIRE(loop.run_until([&] { return answered(running) && answered(next); }));
  CHECK(next.outcome->finished());
  CHECK_FALSE(queued_job_ran);
}

TEST_CASE("a running job whose request is cancelled is told to stop, and its caller resumes at once") {
  Loop loop;
  WorkerPool pool({1, 0});
  Gate never_released;
  Request request;
  std::atomic<bool> saw_stop{false};
  start(loop, pool, request, [&](std::stop_token stop) {
    bool released = never_released.wait(stop);
    saw_stop = stop.stop_requested();
    return released;
  });
  REQUIRE(loop.run_until([&] { return pool.status().busy == 1; }));
  auto cancelled_at = std::chrono::steady_clock::now();
  request.cancel.cancel(CancelCause::server_shutdown, "server shutting down");
  REQUIRE(loop.run_until([&] { return answered(request); }));
  CHECK(std::chrono::steady_clock::now() - cancelled_at < 1s);
  CHECK(request.outcome->status == OffloadStatus::cancelled);
  CHECK(request.outcome->started);
  CHECK_FALSE(request.outcome->value);
  REQUIRE(loop.run_until([&] { return pool.status().busy == 0; }));
  CHECK(saw_stop);
  CHECK(pool.status().cancelled_running == 1);
}

// The lost first attempt crashed here: the jobs' state must outlive both requests.
TEST_CASE("the clients of two running jobs leave and are freed; the jobs end later without harm") {
  Loop loop;
  WorkerPool pool({2, 0});
  Gate gate;
  auto first = std::make_unique<Request>();
  auto second = std::make_unique<Request>();
  // These jobs ignore the stop request, like CPU-bound work that never checks.
  start(loop, pool, *first, [&gate](std::stop_token) { return gate.wait(); });
  start(loop, pool, *second, [&gate](std::stop_token) { return gate.wait(); });
  REQUIRE(loop.run_until([&] { return pool.status().busy == 2; }));
  first->cancel.cancel(CancelCause::client_gone, "the client closed the connection");
  second->cancel.cancel(CancelCause::client_gone, "the client closed the connection");
  REQUIRE(loop.run_until([&] { return answered(*first) && answered(*second); }));
  CHECK(first->outcome->status == OffloadStatus::cancelled);
  CHECK(second->outcome->status == OffloadStatus::cancelled);
  first.reset();
  second.reset();
  CHECK(pool.status().busy == 2);  // abandoned, still holding their threads

  gate.release();
  REQUIRE(loop.run_until([&] { return pool.status().busy == 0; }));
  loop.io.poll();  // nothing is posted for requests that are gone
  Request after;
  start(loop, pool, after, [](std::stop_token) { return true; });
  REQUIRE(loop.run_until([&] { return answered(after); }));
  CHECK(after.outcome->finished());
  CHECK(pool.status().finished == 3);
}

TEST_CASE("a job that throws comes back as failed, with its exception") {
  Loop loop;
  WorkerPool pool({1, 0});
  Request request;
  start(loop, pool, request, [](std::stop_token) -> bool { throw std::runtime_error("disk on fire"); });
  REQUIRE(loop.run_until([&] { return answered(request); }));
  CHECK(request.outcome->status == OffloadStatus::failed);
  REQUIRE(request.outcome->error);
  CHECK_THROWS_WITH(std::rethrow_exception(request.outcome->error), "disk on fire");
  CHECK(pool.status().failed == 1);
}

TEST_CASE("a request cancelled before it offloads, or while subscribing, queues nothing") {
  Loop loop;
  WorkerPool pool({1, 0});
  std::atomic<int> runs{0};
  auto counted = [&runs](std::stop_token) { return ++runs > 0; };
  Request early;
  early.cancel.cancel(CancelCause::client_gone, "gone");
  start(loop, pool, early, counted);
  Request vanishing;  // the session's client watch finds the client gone on the first subscription
  vanishing.cancel.on_first_subscriber([&vanishing] { vanishing.cancel.cancel(CancelCause::client_gone, "gone"); });
  start(loop, pool, vanishing, counted);
  REQUIRE(loop.run_until([&] { return answered(early) && answered(vanishing); }));
  CHECK(early.outcome->status == OffloadStatus::cancelled);
  CHECK(vanishing.outcome->status == OffloadStatus::cancelled);
  CHECK(runs == 0);
  CHECK(pool.status().queued == 0);
}

TEST_CASE("after shutdown begins new jobs are refused, while queued and running ones still finish") {
  Loop loop;
  WorkerPool pool({1, 1});
  Gate gate;
  Request running, queued, late;
  start(loop, pool, running, [&gate](std::stop_token) { return gate.wait(); });
  start(loop, pool, queued, [](std::stop_token) { return true; });
  REQUIRE(loop.run_until([&] { return pool.status().queued == 1; }));
  pool.begin_shutdown();
  start(loop, pool, late, [](std::stop_token) { return true; });
  REQUIRE(loop.run_until([&] { return answered(late); }));
  CHECK(late.outcome->status == OffloadStatus::shutting_down);
  gate.release();
  REQUIRE(loop.run_until([&] { return answered(running) && answered(queued); }));
  CHECK(running.outcome->finished());
  CHECK(queued.outcome->finished());
  CHECK(pool.status().shutting_down);
}

TEST_CASE("destroying the pool stops its running jobs, drops its queued ones, and waits for its threads") {
  Loop loop;
  auto pool = std::make_unique<WorkerPool>(WorkerPoolSettings{1, 1});
  Gate never_released;
  Request running, queued;
  start(loop, *pool, running, [&never_released](std::stop_token stop) { return never_released.wait(stop); });
  start(loop, *pool, queued, [](std::stop_token) { return true; });
  REQUIRE(loop.run_until([&] { return pool->status().busy == 1 && pool->status().queued == 1; }));
  auto began = std::chrono::steady_clock::now();
  pool.reset();
  CHECK(std::chrono::steady_clock::now() - began < 1s);
  REQUIRE(loop.run_until([&] { return answered(running) && answered(queued); }));
  CHECK(running.outcome->finished());
  CHECK_FALSE(*running.outcome->value);  // it stopped early
  CHECK(queued.outcome->status == OffloadStatus::shutting_down);
}

TEST_CASE("many short jobs cancelled at random moments leave the pool's counts consistent") {
  Loop loop;
  WorkerPool pool({4, 16});
  constexpr int count = 300;
  std::vector<std::unique_ptr<Request>> requests;
  std::atomic<int> ran{0};
  for (int i = 0; i < count; ++i) {
    requests.push_back(std::make_unique<Request>());
    auto pause = std::chrono::microseconds(i % 7 * 300);
    start(loop, pool, *requests.back(), [&ran, pause](std::stop_token stop) {
      ++ran;
      std::mutex m;
      std::condition_variable_any cv;
      std::unique_lock lock(m);
      cv.wait_for(lock, stop, pause, [] { return false; });
      return true;
    });
    if (i % 3 == 0) loop.io.poll();  // let some start before their cancellation
    if (i % 2 == 0) requests[static_cast<std::size_t>(i / 2)]->cancel.cancel(CancelCause::client_gone, "gone");
  }
  REQUIRE(loop.run_until(
      [&] {
        for (auto& r : requests)
          if (!answered(*r)) return false;
        return pool.status().busy == 0;
      },
      20000ms));
  // Every request got exactly one answer, and the pool counted each the way it ended.
  std::uint64_t finished = 0, cancelled_running = 0, cancelled_unstarted = 0, refused = 0;
  for (auto& r : requests) {
    const auto& o = *r->outcome;
    if (o.status == OffloadStatus::finished) ++finished;
    if (o.status == OffloadStatus::cancelled) ++(o.started ? cancelled_running : cancelled_unstarted);
    if (o.status == OffloadStatus::queue_full) ++refused;
  }
  CHECK(finished + cancelled_running + cancelled_unstarted + refused == count);
  WorkerPoolStatus s = pool.status();
  CHECK(s.queued == 0);
  CHECK(s.finished == finished + cancelled_running);  // a job cancelled while running still ran to its end
  CHECK(s.cancelled_running == cancelled_running);
  CHECK(s.cancelled_queued <= cancelled_unstarted);  // the others were cancelled before they were queued
  CHECK(s.refused == refused);
  CHECK(static_cast<std::uint64_t>(ran.load()) == s.finished);
  CHECK(cancelled_unstarted > 0);
}
