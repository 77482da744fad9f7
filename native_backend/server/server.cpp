#include "server/server.hpp"

#include <algorithm>
#include <sstream>

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
    : context_(context), slots_(slots), router_(router), listener_(context.io, context.log), sweep_timer_(context.io) {}

void Server::listen() { listener_.bind(context_.config.listen_addresses, context_.config.port); }

void Server::start() {
  listener_.start([this](tcp::socket socket) { on_accepted(std::move(socket)); });
  asio::co_spawn(context_.io, sweep_timeouts(), asio::detached);
  context_.log.info("listening on " + listener_.urls() + " (max " + std::to_string(config().max_connections) +
                    " connections: " + config().connection_cap_note + "; max delay " + std::to_string(static_cast<long long>(config().max_delay_seconds)) +
                    " s" + (config().site ? ", pages from " + config().site->string() : std::string(", no --site")) +
                    ")");
}

void Server::on_accepted(tcp::socket socket) {
  if (stopping_) return;  // the socket closes as it goes out of scope
  if (auto slot = slots_.acquire()) {
    std::make_shared<Session>(std::move(socket), *this, std::move(*slot))->start();
    return;
  }
  context_.stats.connections_refused.fetch_add(1, std::memory_order_relaxed);
  // Answering costs a socket too: past the few reserved slots, close without a word
  // rather than risk running out of file descriptors.
  if (auto reserved = slots_.acquire_reserved())
    asio::co_spawn(context_.io, answer_at_capacity(std::move(socket), std::move(*reserved)), asio::detached);
}

// `slot` is one of the reserved ones, held (by being a parameter) until this returns.
Awaitable<void> Server::answer_at_capacity(tcp::socket socket, [[maybe_unused]] ConnectionSlots::Slot slot) {
  error_code ec;
  asio::steady_timer deadline(context_.io, probe_read_timeout);
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
  asio::steady_timer settle(context_.io, std::chrono::steady_clock::duration::zero());
  co_await settle.async_wait(use_awaitable_with(ec));
  std::string_view line = std::string_view(head).substr(0, head.find("\r\n"));
  auto space = line.find(' ');
  std::string_view target = space == std::string_view::npos ? "-" : line.substr(space + 1, line.rfind(' ') - space - 1);
  context_.access_log.record({"-", space == std::string_view::npos ? "-" : line.substr(0, space), target,
                              alive ? 200u : 503u, 0, {}, alive ? "" : "over-capacity"});
}

Awaitable<void> Server::sweep_timeouts() {
  // One coarse timer for all connections is far cheaper than one timer per read.
  auto interval = std::clamp(config().header_timeout / 4, std::chrono::milliseconds(50), std::chrono::milliseconds(1000));
  while (!stopping_ || !sessions_.empty()) {
    sweep_timer_.expires_after(interval);
    error_code ec;
    co_await sweep_timer_.async_wait(use_awaitable_with(ec));
    if (ec && stopping_ && sessions_.empty()) break;
    auto now = std::chrono::steady_clock::now();
    for (auto it = sessions_.begin(); it != sessions_.end();) {
      Session* session = *it++;  // enforcing may close and unregister it later, never now
      session->enforce_deadline(now);
    }
  }
}

void Server::add_session(Session& session) {
  session.registry_position = sessions_.insert(sessions_.end(), &session);
}

void Server::remove_session(Session& session) {
  sessions_.erase(session.registry_position);
  check_drained();
}

void Server::begin_shutdown(const std::string& reason) {
  if (stopping_) return;
  stopping_ = true;
  context_.stats.stopping = true;
  context_.log.info(reason + ": no new connections; " + std::to_string(sessions_.size()) +
                    " open connection(s) get up to " + std::to_string(config().shutdown_grace.count()) +
                    " ms to finish");
  listener_.close();
  for (auto& hook : context_.shutdown_hooks) hook();
  for (auto it = sessions_.begin(); it != sessions_.end();) (*it++)->begin_shutdown();
  check_drained();
}

void Server::end_grace(const std::string& reason) {
  if (!sessions_.empty())
    context_.log.warn("grace period over: cutting " + std::to_string(sessions_.size()) + " connection(s) short (" +
                      reason + ")");
  for (auto it = sessions_.begin(); it != sessions_.end();) (*it++)->end_grace(reason);
}

void Server::check_drained() {
  if (!stopping_ || !sessions_.empty()) return;
  sweep_timer_.cancel();
  if (on_drained_) {
    auto callback = std::move(on_drained_);
    on_drained_ = nullptr;
    callback();
  }
}

}  // namespace looplab::backend
