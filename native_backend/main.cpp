// looplab-backend: the delay API, /healthz and the built pages. See README.md.
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>

#include "ops/access_log.hpp"
#include "server/config.hpp"
#include "endpoints.hpp"
#include "server/graceful_shutdown.hpp"
#include "server/open_file_limit.hpp"
#include "server/server.hpp"

using namespace looplab::backend;

namespace {

void write_port_file(const std::filesystem::path& file, std::uint16_t port) {
  // Written whole under a temporary name, then renamed: a test polling for the file
  // never reads half a number.
  std::filesystem::path temporary = file;
  temporary += ".tmp";
  {
    std::ofstream out(temporary);
    out << port << '\n';
    if (!out) throw std::runtime_error("cannot write the port file " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace

int main(int argc, char** argv) {
  // A log reader that went away must not kill the server: writes to it fail with
  // EPIPE instead, and the log sinks count the lines they could not write.
  std::signal(SIGPIPE, SIG_IGN);
  Logger log;
  ConfigParser parser;
  add_component_options(parser);
  ConfigOutcome outcome = parser.parse(argc, argv);
  if (!outcome.config) {
    auto& stream = outcome.exit_code == 0 ? std::cout : std::cerr;
    stream << outcome.message;
    return outcome.exit_code;
  }
  const ServerConfig& config = *outcome.config;

  OpenFileLimit files = raise_open_file_limit();
  if (!files.problem.empty()) log.warn("could not raise the open-file limit: " + files.problem);
  if (files.soft < config.max_connections + 64)
    log.warn("the open-file limit (" + std::to_string(files.soft) + ") is below --max-connections (" +
             std::to_string(config.max_connections) + "); connections past the limit will be refused");

  try {
    // First made, last destroyed: everything below may hold handlers, timers or
    // sockets of these loops. run() joins the threads, so the pools and endpoints are
    // destroyed after every loop has stopped.
    EventLoops loops(config.threads);
    HealthRegistry health;
    ServerStats stats;
    // A few slots past the cap answer the liveness probe (see connection_slots.hpp).
    ConnectionSlots slots(config.max_connections, 16);
    AccessLog access_log(STDOUT_FILENO, config.access_log, config.access_log_rate);
    ServerContext context{loops,  config, outcome.variables, log, access_log, health, stats,
                          slots,  std::chrono::steady_clock::now(), {}};
    Router router;
    register_endpoints(router, context);
    Server server(context, slots, router);
    server.listen();
    stats.listening_port = server.port();
    GracefulShutdown shutdown(loops, server, access_log, log, config.shutdown_grace);
    shutdown.arm();
    server.start();
    if (config.port_file) write_port_file(*config.port_file, server.port());
    loops.run();
    access_log.flush();
  } catch (const std::exception& e) {
    log.error(e.what());
    log.flush();
    return 1;
  }
  log.flush();
  return 0;
}
