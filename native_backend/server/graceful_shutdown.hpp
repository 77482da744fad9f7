#pragma once
// SIGINT/SIGTERM: stop accepting, let in-flight requests finish within the grace period,
// cut what is still waiting at its end, then let the event loop run out (exit 0).
// A second signal stops at once. Lives on loop 0; the server reaches the other loops.
#include "http/asio_beast.hpp"
#include "ops/logger.hpp"
#include "server/event_loops.hpp"

namespace looplab::backend {

class Server;
class AccessLog;

class GracefulShutdown {
 public:
  GracefulShutdown(EventLoops& loops, Server& server, AccessLog& access_log, Logger& log,
                   std::chrono::milliseconds grace);
  void arm();

 private:
  void on_signal(int signal_number);
  void finish();

  EventLoops& loops_;
  Server& server_;
  AccessLog& access_log_;
  Logger& log_;
  std::chrono::milliseconds grace_;
  asio::signal_set signals_;
  asio::steady_timer grace_timer_;
  bool shutting_down_ = false;
};

}  // namespace looplab::backend
