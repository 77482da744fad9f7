#pragma once
// A bounded pool of OS threads for blocking or CPU-heavy work, so an endpoint can run
// it without stalling its event loop: `co_await pool.run(work, cancel)` queues the job,
// a pool thread runs it, and the coroutine resumes on its own executor afterwards.
//
// Not asio::thread_pool: its queue cannot give a job back, and a client that leaves
// while its job waits must free that queue slot at once (and its memory), or a queue
// of abandoned jobs could grow behind a few long-running ones.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <stop_token>
#include <thread>
#include <vector>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"

namespace looplab::backend {

struct WorkerPoolSettings {
  std::size_t threads = 2;
  // Jobs that may wait for a free thread; past threads + queue_limit, run() refuses.
  std::size_t queue_limit = 64;
};

enum class OffloadStatus {
  finished,       // the job ran to its end
  failed,         // the job threw; OffloadOutcome::error holds it
  queue_full,     // every thread busy and the queue at its limit: nothing was queued
  shutting_down,  // the server is shutting down and starts no new jobs
  cancelled,      // the request was cancelled: a queued job was dropped, a running one told to stop
};

struct OffloadOutcome {
  OffloadStatus status = OffloadStatus::finished;
  bool started = false;       // a pool thread had begun the job
  std::exception_ptr error;   // when failed
};

struct WorkerPoolStatus {
  std::size_t threads = 0, queue_limit = 0;
  std::size_t busy = 0;    // threads running a job (one whose request was cancelled too, until it stops)
  std::size_t queued = 0;  // jobs waiting for a thread
  std::uint64_t finished = 0, failed = 0, refused = 0, cancelled_queued = 0, cancelled_running = 0;
  bool shutting_down = false;
};

class WorkerPool {
 public:
  // The job gets a stop token: a long job checks stop_requested() or waits with it
  // (std::condition_variable_any::wait_for(lock, stop, ...)) and returns early once
  // its request is cancelled or the pool is destroyed. A job must not touch the
  // event loop's objects: what it needs, it captures by value.
  using Work = std::function<void(std::stop_token)>;

  // Starts the threads; throws std::runtime_error with a sentence if it cannot.
  explicit WorkerPool(WorkerPoolSettings settings);
  // Drops queued jobs, tells running ones to stop, and waits for them.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Runs `work` on a pool thread and resumes on the calling coroutine's executor.
  // When `cancel` fires, a queued job leaves the queue at once and a running one is
  // told to stop; either way the caller resumes at once with `cancelled` (a running
  // job goes on holding its thread until it returns, and its end is then ignored).
  Awaitable<OffloadOutcome> run(Work work, CancelSignal& cancel);

  // Shutdown began: new jobs are refused with shutting_down; queued and running jobs
  // go on (their requests are cancelled when the grace period ends).
  void begin_shutdown();
  // The grace period ended: queued jobs stay queued until their requests, cut on
  // every event loop, withdraw them; none starts on a thread a cut job just freed.
  void end_grace();

  WorkerPoolStatus status() const;
  const WorkerPoolSettings& settings() const { return settings_; }

 private:
  struct Job;
  // Resumes the waiting coroutine (by posting to its executor); called at most once
  // per job, outside the lock.
  using Waiter = std::function<void(OffloadOutcome)>;

  void submit(const std::shared_ptr<Job>& job, Waiter waiter);
  void withdraw(const std::shared_ptr<Job>& job);
  void serve(std::size_t thread_index);

  const WorkerPoolSettings settings_;
  mutable std::mutex mutex_;  // guards everything below, and every Job's state and waiter
  std::condition_variable job_ready_;
  std::list<std::shared_ptr<Job>> queue_;
  std::vector<std::shared_ptr<Job>> running_;  // per thread: the job it runs, if any
  std::size_t busy_ = 0;
  bool shutting_down_ = false;
  bool grace_over_ = false;  // no queued job starts any more
  bool closing_ = false;  // the destructor runs: threads exit
  std::uint64_t finished_ = 0, failed_ = 0, refused_ = 0, cancelled_queued_ = 0, cancelled_running_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace looplab::backend
