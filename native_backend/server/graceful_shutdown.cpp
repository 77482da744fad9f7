#include "server/graceful_shutdown.hpp"

#include <csignal>
#include <cstring>

#include "ops/access_log.hpp"
#include "server/server.hpp"

namespace looplab::backend {
namespace {

// After the grace period, cancelled endpoints need a moment to write their 503.
constexpr auto last_words = std::chrono::milliseconds(1000);

}  // namespace

GracefulShutdown::GracefulShutdown(EventLoops& loops, Server& server, AccessLog& access_log, Logger& log,
                                   std::chrono::milliseconds grace)
    : loops_(loops),
      server_(server),
      access_log_(access_log),
      log_(log),
      grace_(grace),
      signals_(loops.main(), SIGINT, SIGTERM),
      grace_timer_(loops.main()) {}

void GracefulShutdown::arm() {
  server_.on_drained([this] { finish(); });
  signals_.async_wait([this](const error_code& ec, int signal_number) {
    if (!ec) on_signal(signal_number);
  });
}

void GracefulShutdown::on_signal(int signal_number) {
  std::string name = signal_number == SIGINT ? "SIGINT" : signal_number == SIGTERM ? "SIGTERM" : strsignal(signal_number);
  if (shutting_down_) {
    log_.warn("second " + name + ": stopping now without waiting for open requests");
    access_log_.flush();
    loops_.stop();
    return;
  }
  shutting_down_ = true;
  signals_.async_wait([this](const error_code& ec, int next) {
    if (!ec) on_signal(next);
  });
  grace_timer_.expires_after(grace_);
  grace_timer_.async_wait([this](const error_code& ec) {
    if (ec) return;
    server_.end_grace("server shutting down: the " + std::to_string(grace_.count()) + " ms grace period ended");
    grace_timer_.expires_after(last_words);
    grace_timer_.async_wait([this](const error_code& ec2) {
      if (ec2) return;
      log_.warn("connections still open after the grace period; stopping anyway");
      access_log_.flush();
      loops_.stop();
    });
  });
  server_.begin_shutdown("received " + name);
}

void GracefulShutdown::finish() {
  grace_timer_.cancel();
  error_code ignored;
  signals_.cancel(ignored);
  access_log_.flush();
  log_.info("all connections closed; stopped");
  loops_.release();
}

}  // namespace looplab::backend
