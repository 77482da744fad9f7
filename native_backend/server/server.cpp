#include "server/server.hpp"

#include <algorithm>
#include <sstream>

#include <boost/asio/post.hpp>

#include "endpoints/probe_endpoints.hpp"
#include "http/responses.hpp"
#include "http/security_headers.hpp"
#include "http/session.hpp"

namespace looplab::backend {
namespace {

// Probes past the cap get this long to send their request line.
constexpr auto probe_read_timeout = std::chrono::seconds(1);

std::string at_capacity_reply(bool alive) {
  std::string body = std::string(alive ? alive_sentence : busy_sentence) + "\n";
  StringResponse reply{alive ? http::status::ok : http::status::service_unavailable, 11};
  reply.set(http::field::content_type, plain_text_type);
  reply.set(http::field::cache_control, "no-store");
  if (!alive) reply.set(http::field::retry_after, "1");
  reply.set(http::field::connection, "close");
  reply.body() = std::move(body);
  add_security_headers(reply);
  reply.prepare_payload();
  std::ostringstream text;
  text << reply;
  return text.str();
}

bool is_liveness_probe(std::string_view request_line) {
  for (std::string_view method : {"GET ", "HEAD "}) {
    if (request_line.substr(0, method.size()) != method) continue;
    auto target = request_line.substr(method.size());
    target = target.substr(0, target.find(' '));
    return target == "/livez" || target.substr(0, 7) == "/livez?";
  }
  return false;
}

}  // namespace

Server::Server(ServerContext& context, ConnectionSlots& slots, Router& router)
    : context_(context), slots_(slots), router_(router), listener_(context.loops, context.log) {
  for (std::size_t i = 0; i < context.loops.size(); ++i)
    loops_.push_back(std::make_unique<LoopSessions>(context.loops.at(i)));
}

void Server::listen() { listener_.bind(context_.config.listen_addresses, context_.config.port); }

void Server::start() {
  listener_.start([this](tcp::socket socket, std::size_t loop) { on_accepted(std::move(socket), loop); });
  for (auto& loop : loops_) asio::co_spawn(loop->io, sweep_timeouts(*loop), asio::detached);
  context_.log.info("listening on " + listener_.urls() + " with " + std::to_string(loops_.size()) + " thread" +
                    (loops_.size() == 1 ? "" : "s") + " (max " + std::to_string(config().max_connections) +
                    " connections: " + config().connection_cap_note + "; max delay " + std::to_string(static_cast<long long>(config().max_delay_seconds)) +
                    " s" + (config().site ? ", pages from " + config().site->string() : std::string(", no --site")) +
                    ")");
}

// On loop 0; `socket` already belongs to loop `loop_index`. The slot is taken here, on
// the one accepting thread, so the cap is exact however many loops serve.
void Server::on_accepted(tcp::socket socket, std::size_t loop_index) {
  if (stopping()) return;  // the socket closes as it goes out of scope
  if (auto slot = slots_.acquire()) {
    auto session = std::make_shared<Session>(std::move(socket), *this, std::move(*slot));
    session->loop_index = loop_index;
    asio::post(loops_[loop_index]->io, [this, session = std::move(session)] {
      // Shutdown began after the accept: begin_shutdown's visit to this loop came
      // first and did not see this connection, so it is closed unserved.
      if (!stopping()) session->start();
    });
    return;
  }
  context_.stats.connections_refused.fetch_add(1, std::memory_order_relaxed);
  // Answering costs a socket too: past the few reserved slots, close without a word
  // rather than risk running out of file descriptors.
  if (auto reserved = slots_.acquire_reserved()) {
    auto executor = socket.get_executor();  // the socket's loop: its timers close it there
    asio::co_spawn(executor, answer_at_capacity(std::move(socket), std::move(*reserved)), asio::detached);
  }
}

// `slot` is one of the reserved ones, held (by being a parameter) until this returns.
Awaitable<void> Server::answer_at_capacity(tcp::socket socket, [[maybe_unused]] ConnectionSlots::Slot slot) {
  error_code ec;
  asio::steady_timer deadline(socket.get_executor(), probe_read_timeout);
  bool expired = false;
  deadline.async_wait([&socket, &expired](const error_code& timer_ec) {
    if (timer_ec) return;
    expired = true;
    error_code ignored;
    socket.close(ignored);
  });
  // The request line is enough to tell the liveness probe from everything else.
  std::string head(1024, '\0');
  std::size_t got = 0;
  while (!ec && got < head.size() && head.find("\r\n") >= got) {
    got += co_await socket.async_read_some(asio::buffer(head.data() + got, head.size() - got), use_awaitable_with(ec));
  }
  head.resize(got);
  bool alive = is_liveness_probe(head);
  if (!expired) {
    std::string reply = at_capacity_reply(alive);
    co_await asio::async_write(socket, asio::buffer(reply), use_awaitable_with(ec));
    // Closing with unread request bytes would send a reset that can destroy the reply
    // before the client reads it: half-close, then drain until the client closes.
    if (!ec) socket.shutdown(tcp::socket::shutdown_send, ec);
    deadline.expires_after(std::chrono::seconds(2));
    deadline.async_wait([&socket](const error_code& timer_ec) {
      if (timer_ec) return;
      error_code ignored;
      socket.close(ignored);
    });
    char sink[1024];
    while (!ec) co_await socket.async_read_some(asio::buffer(sink), use_awaitable_with(ec));
  }
  deadline.cancel();
  // The timer's handler may still be queued and refers to the socket: let it run first.
  asio::steady_timer settle(socket.get_executor(), std::chrono::steady_clock::duration::zero());
  co_await settle.async_wait(use_awaitable_with(ec));
  std::string_view line = std::string_view(head).substr(0, head.find("\r\n"));
  auto space = line.find(' ');
  std::string_view target = space == std::string_view::npos ? "-" : line.substr(space + 1, line.rfind(' ') - space - 1);
  context_.access_log.record({"-", space == std::string_view::npos ? "-" : line.substr(0, space), target,
                              alive ? 200u : 503u, 0, {}, alive ? "" : "over-capacity"});
}

Awaitable<void> Server::sweep_timeouts(LoopSessions& loop) {
  // One coarse timer for all of a loop's connections is far cheaper than one timer per read.
  auto interval = std::clamp(config().header_timeout / 4, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
  while (!stopping() || !loop.sessions.empty()) {
    loop.sweep_timer.expires_after(interval);
    error_code ec;
    co_await loop.sweep_timer.async_wait(use_awaitable_with(ec));
    if (ec && stopping() && loop.sessions.empty()) break;
    auto now = std::chrono::steady_clock::now();
    for (auto it = loop.sessions.begin(); it != loop.sessions.end();) {
      Session* session = *it++;  // enforcing may close and unregister it later, never now
      session->enforce_deadline(now);
    }
  }
}

void Server::add_session(Session& session) {
  auto& sessions = loops_[session.loop_index]->sessions;
  session.registry_position = sessions.insert(sessions.end(), &session);
}

void Server::remove_session(Session& session) {
  auto& loop = *loops_[session.loop_index];
  loop.sessions.erase(session.registry_position);
  check_drained(loop);
}

// On loop 0 (the signal handler).
void Server::begin_shutdown(const std::string& reason) {
  if (stopping_.exchange(true)) return;
  context_.stats.stopping = true;
  context_.log.info(reason + ": no new connections; " + std::to_string(slots_.open()) +
                    " open connection(s) get up to " + std::to_string(config().shutdown_grace.count()) +
                    " ms to finish");
  listener_.close();
  for (auto& hook : context_.shutdown_hooks) hook();
  for (auto& loop : loops_) {
    asio::post(loop->io, [this, &loop = *loop] {
      for (auto it = loop.sessions.begin(); it != loop.sessions.end();) (*it++)->begin_shutdown();
      check_drained(loop);
    });
  }
}

// On loop 0 (the grace timer).
void Server::end_grace(const std::string& reason) {
  std::size_t open = slots_.open();
  if (open > 0)
    context_.log.warn("grace period over: cutting " + std::to_string(open) + " connection(s) short (" + reason + ")");
  for (auto& hook : context_.grace_over_hooks) hook();
  for (auto& loop : loops_) {
    asio::post(loop->io, [&loop = *loop, reason] {
      for (auto it = loop.sessions.begin(); it != loop.sessions.end();) (*it++)->end_grace(reason);
    });
  }
}

// On `loop`'s thread. The last loop to drain tells loop 0.
void Server::check_drained(LoopSessions& loop) {
  if (!stopping() || !loop.sessions.empty() || loop.drained) return;
  loop.drained = true;
  loop.sweep_timer.cancel();
  if (drained_loops_.fetch_add(1) + 1 < loops_.size()) return;
  asio::post(context_.loops.main(), [this] {
    if (on_drained_) {
      auto callback = std::move(on_drained_);
      on_drained_ = nullptr;
      callback();
    }
  });
}

}  // namespace looplab::backend
