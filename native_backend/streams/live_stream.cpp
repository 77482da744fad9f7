#include "streams/live_stream.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>

#include "http/cancellable_sleep.hpp"
#include "ops/logger.hpp"

namespace looplab::backend {
namespace {

std::string seconds_text(std::chrono::milliseconds duration) {
  std::string text = std::to_string(duration.count() / 1000.0);
  while (text.size() > 1 && text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

std::string_view LiveStream::describe(Ending ending) {
  switch (ending) {
    case Ending::none: return "open";
    case Ending::done: return "end:done";
    case Ending::producer_failed: return "end:error";
    case Ending::shutdown: return "end:shutdown";
    case Ending::client_closed: return "end:client-closed";
    case Ending::client_gone: return "cut:client-gone";
    case Ending::refused: return "refused";
    case Ending::slow_reader: return "cut:slow-reader";
    case Ending::no_pong: return "cut:no-pong";
    case Ending::write_timeout: return "cut:write-timeout";
    case Ending::shutdown_cut: return "cut:shutdown";
    case Ending::too_large: return "cut:message-too-large";
  }
  return "?";
}

LiveStream::LiveStream(tcp::socket& socket, std::shared_ptr<const StreamComponent> component, std::string remote,
                       std::string target)
    : socket_(socket),
      component_(std::move(component)),
      remote_(std::move(remote)),
      target_(std::move(target)),
      writer_wakeup_(socket.get_executor()),
      room_wakeup_(socket.get_executor()),
      parts_wakeup_(socket.get_executor()) {
  component_->stats().open.fetch_add(1, std::memory_order_relaxed);
  component_->stats().started.fetch_add(1, std::memory_order_relaxed);
  // The kernel's buffers are bounded too, so a client that stops reading fills them
  // (and then the queue) in bounded time and memory; the default grows to megabytes.
  error_code ignored;
  int send_buffer = static_cast<int>(stream_send_buffer_bytes(settings()));
  socket_.set_option(asio::socket_base::send_buffer_size(send_buffer), ignored);
  // A peer that vanished without a word (no FIN, no reset) leaves heartbeats
  // unacknowledged: the kernel gives up on it after this long.
  auto user_timeout = 2 * settings().heartbeat + settings().stall_timeout + std::chrono::seconds(1);
  unsigned milliseconds = static_cast<unsigned>(std::min<std::int64_t>(user_timeout.count(), 3'600'000));
  ::setsockopt(socket_.native_handle(), IPPROTO_TCP, TCP_USER_TIMEOUT, &milliseconds, sizeof milliseconds);
}

LiveStream::~LiveStream() { component_->stats().open.fetch_sub(1, std::memory_order_relaxed); }

std::string LiveStream::summary() const {
  std::string text{transport()};
  text += " messages=";
  text += std::to_string(messages_sent_);
  text += ' ';
  text += describe(ending_);
  return text;
}

bool LiveStream::is_cut() const { return describe(ending_).substr(0, 4) == "cut:"; }

Awaitable<void> LiveStream::run(const StreamProducer& producer) {
  Ending refused = co_await open();
  if (refused != Ending::none) {
    end(refused);
    close_connection();
    count_ending();
    co_return;
  }
  opened_ = true;
  last_write_ = Clock::now();
  auto executor = co_await asio::this_coro::executor;
  running_parts_ = 2;
  asio::co_spawn(executor, run_producer(producer), asio::detached);
  asio::co_spawn(executor, run_peer_watch(), asio::detached);
  co_await write_queue();
  if (!stopping()) {
    // A write failed: the peer watch, which fails at the same moment, knows whether
    // the client closed (a WebSocket close frame) or vanished. Give it a moment.
    auto until = Clock::now() + std::chrono::milliseconds(500);
    while (!stopping() && Clock::now() < until) {
      parts_wakeup_.expires_at(until);
      error_code ec;
      co_await parts_wakeup_.async_wait(use_awaitable_with(ec));
    }
    if (!stopping()) end(Ending::client_gone);
  }
  close_connection();  // which also ends the peer watch
  while (running_parts_ > 0) {
    parts_wakeup_.expires_at(Clock::time_point::max());
    error_code ec;
    co_await parts_wakeup_.async_wait(use_awaitable_with(ec));
  }
  count_ending();
}

Awaitable<void> LiveStream::write_queue() {
  const auto heartbeat = settings().heartbeat;
  while (!reset_ && !peer_gone_) {
    if (!queue_.empty()) {
      std::size_t count = queue_.size();
      error_code ec;
      set_write_deadline();
      bytes_sent_ += co_await write_frames(queue_, count, ec);
      clear_write_deadline();
      if (ec) {
        peer_gone_ = true;  // the peer watch says how (a close frame, a reset...)
        co_return;
      }
      std::size_t freed = 0;
      for (std::size_t i = 0; i < count; ++i) {
        freed += queue_.front().size();
        queue_.pop_front();
      }
      held_bytes_ -= freed;
      messages_sent_ += count;
      component_->stats().messages_sent.fetch_add(count, std::memory_order_relaxed);
      last_write_ = Clock::now();
      room_wakeup_.cancel();
      continue;
    }
    if (stopping()) break;
    // Nothing queued: sleep until a message (or the end) arrives, or a heartbeat is due.
    writer_wakeup_.expires_at(writes_heartbeats() ? last_write_ + heartbeat : Clock::time_point::max());
    error_code ec;
    co_await writer_wakeup_.async_wait(use_awaitable_with(ec));
    if (ec || !queue_.empty() || stopping() || Clock::now() < last_write_ + heartbeat) continue;
    set_write_deadline();
    co_await write_heartbeat(ec);
    clear_write_deadline();
    if (ec) {
      peer_gone_ = true;
      co_return;
    }
    last_write_ = Clock::now();
  }
  if (reset_ || peer_gone_ || is_cut()) co_return;
  // A final event or a close frame, so the client knows the stream ended on purpose.
  error_code ec;
  set_write_deadline();
  co_await goodbye(ending_, ec);
  clear_write_deadline();
}

Awaitable<void> LiveStream::run_producer(const StreamProducer& producer) {
  try {
    co_await producer(*this);
    if (!stopping()) end(Ending::done);
  } catch (const std::exception& e) {
    component_->log().error("stream " + target_ + " to " + remote_ + " failed: " + e.what());
    end(Ending::producer_failed);
  }
  part_finished();
}

Awaitable<void> LiveStream::run_peer_watch() {
  PeerEnd peer{Ending::client_gone, {}};
  try {
    peer = co_await watch_peer();
  } catch (const std::exception&) {
  }
  peer_gone_ = true;
  if (peer.ending == Ending::no_pong)
    cut(Ending::no_pong, "it sent nothing, not even a pong, for " + seconds_text(2 * settings().heartbeat) + " s");
  else if (!stopping())
    end(peer.ending, std::move(peer.detail));
  wake_writer();
  part_finished();
}

void LiveStream::part_finished() {
  --running_parts_;
  parts_wakeup_.cancel();
}

void LiveStream::end(Ending ending, std::string detail) {
  if (ending_ != Ending::none) return;
  ending_ = ending;
  detail_ = std::move(detail);
  bool shutdown = ending == Ending::shutdown || ending == Ending::shutdown_cut;
  cancel_.cancel(shutdown ? CancelCause::server_shutdown : CancelCause::client_gone,
                 std::string("the stream ended (") + std::string(describe(ending)) + ")");
  wake_writer();
  room_wakeup_.cancel();
}

void LiveStream::cut(Ending ending, std::string detail) {
  if (reset_) return;
  if (!is_cut()) {
    // A cut overrides a goodbye still in progress (e.g. shutdown, then the grace ended).
    bool was_open = ending_ == Ending::none;
    if (!was_open) {
      ending_ = ending;
      detail_ = std::move(detail);
    } else {
      end(ending, std::move(detail));
    }
  }
  reset_ = true;
  // A reset, not a FIN: the client must not take a cut stream for a finished one.
  error_code ignored;
  if (socket_.is_open()) {
    socket_.set_option(asio::socket_base::linger(true, 0), ignored);
    socket_.close(ignored);
  }
  wake_writer();
  room_wakeup_.cancel();
}

void LiveStream::wake_writer() { writer_wakeup_.cancel(); }

void LiveStream::close_connection() {
  if (!socket_.is_open()) return;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

void LiveStream::count_ending() {
  StreamStats& stats = component_->stats();
  std::string what = "stream " + target_ + " to " + remote_ + " " + std::string(describe(ending_)) + " after " +
                     std::to_string(messages_sent_) + " message(s)";
  if (!detail_.empty()) what += ": " + detail_;
  switch (ending_) {
    case Ending::slow_reader:
      stats.cut_slow_readers.fetch_add(1, std::memory_order_relaxed);
      component_->log().warn(what);
      break;
    case Ending::no_pong:
    case Ending::write_timeout:
      stats.cut_dead_peers.fetch_add(1, std::memory_order_relaxed);
      component_->log().warn(what);
      break;
    case Ending::client_closed:
    case Ending::client_gone:
      stats.ended_by_client.fetch_add(1, std::memory_order_relaxed);
      break;
    case Ending::too_large:
    case Ending::shutdown_cut:
      component_->log().warn(what);
      break;
    default:
      break;
  }
}

void LiveStream::enforce_deadline(Clock::time_point now) {
  if (now < write_deadline_) return;
  write_deadline_ = Clock::time_point::max();
  cut(Ending::write_timeout, "one write took longer than --write-timeout (" +
                                 seconds_text(settings().write_timeout) + " s)");
}

void LiveStream::begin_shutdown() { end(Ending::shutdown); }

void LiveStream::end_grace() { cut(Ending::shutdown_cut, "still open when the shutdown grace period ended"); }

Awaitable<bool> LiveStream::send(std::string_view event, std::string_view data) {
  if (stopping()) co_return false;
  std::string bytes = frame(event, next_id_, data);
  const std::size_t limit = settings().queue_limit_bytes;
  if (bytes.size() > limit) {
    cut(Ending::too_large, "a message of " + std::to_string(bytes.size()) +
                               " bytes is larger than the whole send queue (--stream-queue-limit " +
                               std::to_string(limit) + " bytes)");
    co_return false;
  }
  if (held_bytes_ + bytes.size() > limit) {
    // Full: wait for the writer to make room, but not for ever.
    auto give_up = Clock::now() + settings().stall_timeout;
    while (held_bytes_ + bytes.size() > limit) {
      if (stopping()) co_return false;
      if (Clock::now() >= give_up) {
        cut(Ending::slow_reader, "its send queue (" + std::to_string(held_bytes_) + " of " + std::to_string(limit) +
                                     " bytes) stayed full for " + seconds_text(settings().stall_timeout) +
                                     " s: the client does not keep up");
        co_return false;
      }
      room_wakeup_.expires_at(give_up);
      error_code ec;
      co_await room_wakeup_.async_wait(use_awaitable_with(ec));
    }
  }
  held_bytes_ += bytes.size();
  queue_.push_back(std::move(bytes));
  ++next_id_;
  wake_writer();
  // Let the writer run before the next message: a producer that never waits would
  // otherwise fill the queue before a byte of it is written.
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  co_return !stopping();
}

Awaitable<bool> LiveStream::pause(std::chrono::nanoseconds duration) {
  if (stopping()) co_return false;
  co_return co_await sleep_unless_cancelled(duration, cancel_);
}

}  // namespace looplab::backend
