#include "server.hpp"

#include <algorithm>

#include "session.hpp"

namespace looplab::backend {
namespace {

// Connections past --max-connections get this and are closed. Keep-alive is off, so
// well-behaved clients retry later on a fresh connection.
constexpr std::string_view over_capacity_reply =
    "HTTP/1.1 503 Service Unavailable\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n"
    "Content-Length: 90\r\n"
    "\r\n"
    "The server is at its connection limit (--max-connections); try again in a moment, please.\n";
static_assert(over_capacity_reply.size() - over_capacity_reply.find("\r\n\r\n") - 4 == 90);

// Refusing costs a socket too: past this many refusals in progress, new connections
// are closed without a reply rather than risk running out of file descriptors.
constexpr std::size_t max_refusing_at_once = 512;

}  // namespace

Server::Server(ServerContext& context, ServerStats& stats, Router& router, AccessLog& access_log)
    : context_(context),
      stats_(stats),
      router_(router),
      access_log_(access_log),
      listener_(context.io, context.log),
      sweep_timer_(context.io) {}

void Server::listen() { listener_.bind(context_.config.listen_addresses, context_.config.port); }

void Server::start() {
  listener_.start([this](tcp::socket socket) { on_accepted(std::move(socket)); });
  asio::co_spawn(context_.io, sweep_timeouts(), asio::detached);
  context_.log.info("listening on " + listener_.urls() + " (max " + std::to_string(config().max_connections) +
                    " connections, max delay " + std::to_string(static_cast<long long>(config().max_delay_seconds)) +
                    " s" + (config().site ? ", pages from " + config().site->string() : std::string(", no --site")) +
                    ")");
}

void Server::on_accepted(tcp::socket socket) {
  if (stopping_) return;  // the socket closes as it goes out of scope
  if (stats_.open_connections >= config().max_connections) {
    ++stats_.connections_refused;
    if (refusing_ < max_refusing_at_once) asio::co_spawn(context_.io, refuse(std::move(socket)), asio::detached);
    return;
  }
  std::make_shared<Session>(std::move(socket), *this)->start();
}

Awaitable<void> Server::refuse(tcp::socket socket) {
  ++refusing_;
  error_code ec;
  asio::steady_timer linger(context_.io, std::chrono::seconds(2));
  // Closing with an unread request in the buffer would send a reset that can destroy
  // the 503 before the client reads it: say it, half-close, then drain until the client closes.
  linger.async_wait([&socket](const error_code& timer_ec) {
    if (!timer_ec) {
      error_code ignored;
      socket.close(ignored);
    }
  });
  co_await asio::async_write(socket, asio::buffer(over_capacity_reply), use_awaitable_with(ec));
  if (!ec) socket.shutdown(tcp::socket::shutdown_send, ec);
  char sink[1024];
  while (!ec) co_await socket.async_read_some(asio::buffer(sink), use_awaitable_with(ec));
  linger.cancel();
  // The timer's handler may still be queued and refers to the socket: let it run first.
  asio::steady_timer settle(context_.io, std::chrono::steady_clock::duration::zero());
  co_await settle.async_wait(use_awaitable_with(ec));
  access_log_.record({"-", "-", "-", 503, 90, {}});
  --refusing_;
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
  stats_.open_connections = sessions_.size();
}

void Server::remove_session(Session& session) {
  sessions_.erase(session.registry_position);
  stats_.open_connections = sessions_.size();
  check_drained();
}

void Server::begin_shutdown(const std::string& reason) {
  if (stopping_) return;
  stopping_ = true;
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
