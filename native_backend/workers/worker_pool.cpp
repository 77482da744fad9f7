#include "workers/worker_pool.hpp"

#include <pthread.h>

#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include <boost/asio/post.hpp>

namespace looplab::backend {

// Shared by the waiting coroutine (its cancel subscription), the queue and the thread
// running it, so it lives as long as the longest of them: a client that leaves while
// its job runs cannot free what the pool thread still uses. `state` and `waiter` are
// only touched under the pool's mutex; `work` only by the thread that runs it;
// `stop` is thread-safe by itself.
struct WorkerPool::Job {
  enum class State { fresh, queued, running, over };

  explicit Job(Work w) : work(std::move(w)) {}

  Work work;
  std::stop_source stop;
  State state = State::fresh;
  std::list<std::shared_ptr<Job>>::iterator position;  // in queue_, while queued
  Waiter waiter;  // empty once the waiting coroutine was told (or never was)
};

WorkerPool::WorkerPool(WorkerPoolSettings settings) : settings_(settings), running_(settings.threads) {
  if (settings_.threads == 0) throw std::runtime_error("a worker pool needs at least one thread");
  threads_.reserve(settings_.threads);
  try {
    for (std::size_t i = 0; i < settings_.threads; ++i) {
      threads_.emplace_back([this, i] { serve(i); });
      // Named, so `top -H` and a debugger show which threads are the pool's.
      pthread_setname_np(threads_.back().native_handle(), "looplab-worker");
    }
  } catch (const std::system_error& e) {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
    }
    job_ready_.notify_all();
    for (auto& thread : threads_) thread.join();
    throw std::runtime_error("could not start " + std::to_string(settings_.threads) +
                             " worker threads (--offload-threads): " + e.what());
  }
}

WorkerPool::~WorkerPool() {
  std::vector<Waiter> dropped;
  std::vector<std::stop_source> to_stop;
  {
    std::lock_guard lock(mutex_);
    closing_ = shutting_down_ = true;
    for (auto& job : queue_) {
      job->state = Job::State::over;
      if (job->waiter) dropped.push_back(std::exchange(job->waiter, nullptr));
    }
    queue_.clear();
    for (auto& job : running_)
      if (job) to_stop.push_back(job->stop);
  }
  for (auto& stop : to_stop) stop.request_stop();
  job_ready_.notify_all();
  for (auto& thread : threads_) thread.join();
  // Their coroutines resume only if the event loop still runs; otherwise the loop's
  // destruction frees them, as it does every other pending operation.
  for (auto& waiter : dropped) waiter(OffloadOutcome{OffloadStatus::shutting_down, false, nullptr});
}

Awaitable<OffloadOutcome> WorkerPool::run(Work work, CancelSignal& cancel) {
  if (cancel.cancelled()) co_return OffloadOutcome{OffloadStatus::cancelled, false, nullptr};
  auto job = std::make_shared<Job>(std::move(work));
  // Subscribing starts the session's watch for a vanished client, which may cancel at
  // once (withdraw() then marks the fresh job over, and nothing is queued).
  auto subscription = cancel.subscribe([this, job] { withdraw(job); });
  if (cancel.cancelled()) co_return OffloadOutcome{OffloadStatus::cancelled, false, nullptr};

  // Named, not a temporary inside the co_await expression: g++ 12 destroys such
  // temporaries twice when the coroutine resumes (found by ThreadSanitizer).
  auto initiation = [this, job](auto handler) {
    // Tracked work: the event loop must not run out of work (and return) while a
    // request waits for a pool thread, e.g. during the shutdown grace period.
    auto executor = asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    auto shared_handler = std::make_shared<decltype(handler)>(std::move(handler));
    submit(job, [executor, shared_handler](OffloadOutcome outcome) mutable {
      // Always posted, never called in place: the caller may be a pool thread, or a
      // cancel handler deep inside the session.
      asio::post(executor, [handler = std::move(shared_handler), outcome = std::move(outcome)]() mutable {
        (*handler)(std::move(outcome));
      });
    });
  };
  OffloadOutcome outcome =
      co_await asio::async_initiate<const asio::use_awaitable_t<>&, void(OffloadOutcome)>(initiation, asio::use_awaitable);
  co_return outcome;
}

void WorkerPool::submit(const std::shared_ptr<Job>& job, Waiter waiter) {
  OffloadOutcome refusal;
  {
    std::lock_guard lock(mutex_);
    if (job->state == Job::State::fresh && !shutting_down_ &&
        queue_.size() + busy_ < settings_.threads + settings_.queue_limit) {
      job->state = Job::State::queued;
      job->waiter = std::move(waiter);
      job->position = queue_.insert(queue_.end(), job);
      job_ready_.notify_one();
      return;
    }
    if (job->state != Job::State::fresh) {
      refusal.status = OffloadStatus::cancelled;
    } else if (shutting_down_) {
      refusal.status = OffloadStatus::shutting_down;
    } else {
      refusal.status = OffloadStatus::queue_full;
      ++refused_;
    }
    job->state = Job::State::over;
  }
  waiter(std::move(refusal));
}

void WorkerPool::withdraw(const std::shared_ptr<Job>& job) {
  Waiter waiter;
  OffloadOutcome outcome{OffloadStatus::cancelled, false, nullptr};
  bool stop = false;
  {
    std::lock_guard lock(mutex_);
    switch (job->state) {
      case Job::State::fresh:
        job->state = Job::State::over;
        return;
      case Job::State::queued:
        queue_.erase(job->position);
        job->state = Job::State::over;
        ++cancelled_queued_;
        break;
      case Job::State::running:
        // It keeps its thread until it returns; serve() then finds no waiter.
        outcome.started = true;
        stop = true;
        ++cancelled_running_;
        break;
      case Job::State::over:
        return;  // its end is already on its way to the coroutine
    }
    waiter = std::exchange(job->waiter, nullptr);
  }
  // Stop callbacks (a condition variable's wake-up) run inside request_stop: outside
  // the pool's lock, so a job's own locking can never meet it.
  if (stop) job->stop.request_stop();
  if (waiter) waiter(std::move(outcome));
}

void WorkerPool::begin_shutdown() {
  std::lock_guard lock(mutex_);
  shutting_down_ = true;
}

void WorkerPool::end_grace() {
  std::lock_guard lock(mutex_);
  grace_over_ = true;
}

WorkerPoolStatus WorkerPool::status() const {
  std::lock_guard lock(mutex_);
  WorkerPoolStatus s;
  s.threads = settings_.threads;
  s.queue_limit = settings_.queue_limit;
  s.busy = busy_;
  s.queued = queue_.size();
  s.finished = finished_;
  s.failed = failed_;
  s.refused = refused_;
  s.cancelled_queued = cancelled_queued_;
  s.cancelled_running = cancelled_running_;
  s.shutting_down = shutting_down_;
  return s;
}

void WorkerPool::serve(std::size_t thread_index) {
  std::unique_lock lock(mutex_);
  for (;;) {
    job_ready_.wait(lock, [this] { return closing_ || (!queue_.empty() && !grace_over_); });
    if (queue_.empty()) return;  // closing, and the destructor emptied the queue
    std::shared_ptr<Job> job = std::move(queue_.front());
    queue_.pop_front();
    job->state = Job::State::running;
    running_[thread_index] = job;
    ++busy_;
    lock.unlock();

    std::exception_ptr error;
    try {
      job->work(job->stop.get_token());
    } catch (...) {
      error = std::current_exception();
    }
    job->work = nullptr;  // its captures are freed here, on the thread that used them

    lock.lock();
    --busy_;
    running_[thread_index].reset();
    job->state = Job::State::over;
    ++(error ? failed_ : finished_);
    Waiter waiter = std::exchange(job->waiter, nullptr);
    lock.unlock();
    if (waiter) waiter(OffloadOutcome{error ? OffloadStatus::failed : OffloadStatus::finished, true, error});
    job.reset();
    lock.lock();
  }
}

}  // namespace looplab::backend
