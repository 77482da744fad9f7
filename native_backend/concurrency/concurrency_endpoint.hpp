#pragma once
// GET /runs/concurrency: the lesson threads-processes-coroutines run for real. Validates
// the request (concurrency_request.hpp), admits it (run_admission.hpp), then streams
// each worker's start and end while the worker script (concurrency_worker.py, on
// Debian's python3) or the native threads (native_run.hpp) do the work. The contract
// with the page is /work/coord/TPC-API.md; native_backend/README.md has the summary.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "concurrency/run_admission.hpp"
#include "streams/stream_component.hpp"

namespace looplab::backend {

struct ConcurrencySettings {
  std::string python = "/usr/bin/python3";
  std::string script;                 // concurrency_worker.py
  std::chrono::seconds time_limit{60};  // a run still going then is stopped: end reason "limit"
  std::size_t max_runs = 2;           // runs at once, all clients together
  std::uint64_t process_cap = 4;      // 2 x cores
  unsigned cores = 2;
};

// --concurrency-python, --concurrency-script, --concurrency-time-limit, --concurrency-max-runs.
void add_concurrency_options(ConfigParser& parser);
ConcurrencySettings read_concurrency_settings(ServerContext& context);
// Where the worker script reaches this server's /delay-me: 127.0.0.1 when it listens
// there or on every address, else ::1 likewise, else the first --listen address.
std::string own_loopback_host(const ServerConfig& config);

class ConcurrencyEndpoint final : public StreamEndpoint {
 public:
  ConcurrencyEndpoint(std::shared_ptr<const StreamComponent> streams, ConcurrencySettings settings,
                      const ServerStats& stats, std::string own_host)
      : StreamEndpoint(std::move(streams)),
        settings_(std::move(settings)),
        admission_(std::make_shared<RunAdmission>(settings_.max_runs)),
        stats_(stats),
        own_host_(std::move(own_host)) {}
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;

 private:
  ConcurrencySettings settings_;
  std::shared_ptr<RunAdmission> admission_;
  const ServerStats& stats_;  // the port this server listens on, for the http workloads
  std::string own_host_;
};

}  // namespace looplab::backend
