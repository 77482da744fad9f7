#include "server/event_loops.hpp"

#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include <boost/asio/post.hpp>

namespace looplab::backend {

EventLoops::EventLoops(std::size_t count) {
  if (count < 1 || count > most_threads)
    throw std::invalid_argument("--threads must be a whole number of threads from 1 to " +
                                std::to_string(most_threads) + " (got " + std::to_string(count) + ")");
  for (std::size_t i = 0; i < count; ++i) loops_.push_back(std::make_unique<Loop>());
}

std::size_t EventLoops::default_count() {
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : std::min<std::size_t>(cores, most_threads);
}

std::size_t EventLoops::next_index() {
  std::size_t index = next_;
  next_ = (next_ + 1) % loops_.size();
  return index;
}

void EventLoops::run() {
  // An exception escaping a loop stops them all and reaches the caller, as it did
  // when the server had one thread (main logs it and exits 1).
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto run_loop = [&](asio::io_context& io) {
    try {
      io.run();
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      stop();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(loops_.size() - 1);
  for (std::size_t i = 1; i < loops_.size(); ++i) threads.emplace_back(run_loop, std::ref(loops_[i]->io));
  run_loop(loops_[0]->io);
  for (auto& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
}

void EventLoops::release() {
  // Each guard belongs to its loop's thread's view of the world: reset it there.
  for (auto& loop : loops_) asio::post(loop->io, [&loop = *loop] { loop.keep_running.reset(); });
}

void EventLoops::stop() {
  for (auto& loop : loops_) loop->io.stop();
}

}  // namespace looplab::backend
