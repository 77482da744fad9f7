#include "ops/log_sink.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "ops/wall_clock.hpp"

namespace looplab::backend {
namespace {

// A write of at most PIPE_BUF bytes into a pipe that poll() called writable does not
// block, so the writer can always notice that it should stop.
constexpr std::size_t write_chunk = 4096;
constexpr int poll_interval_ms = 100;
constexpr auto last_flush = std::chrono::seconds(1);

std::uint64_t count_lines(std::string_view text) {
  return static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

LogSink::LogSink(int fd, std::size_t capacity, std::string name)
    : fd_(fd), capacity_(capacity), name_(std::move(name)), writer_([this] { run(); }) {}

LogSink::~LogSink() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    give_up_at_ = std::chrono::steady_clock::now() + last_flush;
  }
  wake_writer_.notify_one();
  writer_.join();
}

bool LogSink::append(std::string_view lines) {
  bool was_empty;
  {
    std::lock_guard lock(mutex_);
    if (reader_gone_ || pending_.size() + lines.size() > capacity_) {
      auto n = count_lines(lines);
      dropped_ += n;
      dropped_unreported_ += n;
      return false;
    }
    was_empty = pending_.empty();
    pending_.append(lines);
    ++appended_batches_;
  }
  if (was_empty) wake_writer_.notify_one();  // one wake-up per batch, not per line
  return true;
}

void LogSink::flush(std::chrono::milliseconds within) {
  std::unique_lock lock(mutex_);
  auto target = appended_batches_;
  written_.wait_for(lock, within, [&] { return written_batches_ >= target || reader_gone_; });
}

std::uint64_t LogSink::dropped_lines() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

bool LogSink::write_out(std::string_view bytes) {
  while (!bytes.empty()) {
    pollfd ready{fd_, POLLOUT, 0};
    int polled = ::poll(&ready, 1, poll_interval_ms);
    if (polled < 0 && errno != EINTR) return false;
    if (polled <= 0) {
      std::lock_guard lock(mutex_);
      if (std::chrono::steady_clock::now() >= give_up_at_) return false;  // stopping, and the reader is stuck
      continue;
    }
    if (ready.revents & (POLLERR | POLLNVAL)) return false;
    ssize_t n = ::write(fd_, bytes.data(), std::min(bytes.size(), write_chunk));
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return false;  // EPIPE (SIGPIPE is ignored), EBADF, ...: the reader is gone
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void LogSink::run() {
  std::string batch;
  for (;;) {
    std::uint64_t batches;
    {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [&] { return !pending_.empty() || stopping_; });
      if (pending_.empty() && stopping_) return;
      batch.swap(pending_);
      pending_.clear();
      batches = appended_batches_;
      if (dropped_unreported_ > 0 && pending_.size() < capacity_ / 2) {
        // The reader caught up: say what it missed, where it missed it.
        std::string note;
        append_iso_timestamp(note);
        note += " looplab-backend warning: " + std::to_string(dropped_unreported_) + " " + name_ +
                " lines dropped: whoever reads this log did not keep up\n";
        batch.insert(0, note);
        dropped_unreported_ = 0;
      }
    }
    bool ok = write_out(batch);
    batch.clear();
    {
      std::lock_guard lock(mutex_);
      written_batches_ = batches;
      if (!ok) {
        reader_gone_ = true;
        dropped_ += count_lines(pending_);
        pending_.clear();
      }
    }
    written_.notify_all();
    if (!ok) {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [&] { return stopping_; });
      return;
    }
  }
}

}  // namespace looplab::backend
