#include "concurrency/concurrency_endpoint.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <boost/asio/read_until.hpp>
#include <nlohmann/json.hpp>

#include "concurrency/concurrency_request.hpp"
#include "concurrency/native_run.hpp"
#include "concurrency/worker_process.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"

#ifndef LOOPLAB_CONCURRENCY_SCRIPT
#define LOOPLAB_CONCURRENCY_SCRIPT "concurrency_worker.py"
#endif

namespace looplab::backend {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto batch_every = std::chrono::milliseconds(50);
constexpr std::size_t events_per_message = 300;  // about 15 KB of JSON
constexpr std::size_t longest_script_line = 1 << 20;  // 50 ms of events from 4,000 workers fit easily
const char* const cpu_note_python =
    "GIL time derived from each worker's CPU time: cpu is the thread's CPU clock over a thread's or a pool job's "
    "work, and over a coroutine's is_prime calls; a thread's wall time in is_prime beyond its cpu waited for the GIL";
const char* const cpu_note_native = "native C++ threads, no GIL: cpu is each thread's CPU clock";

std::string client_of(std::string_view remote) {
  auto colon = remote.rfind(':');
  return std::string(colon == std::string_view::npos ? remote : remote.substr(0, colon));
}

std::string start_message(const ConcurrencyRequest& request, unsigned cores, std::string_view python,
                          std::string_view note) {
  return nlohmann::json{{"variant", request.variant},     {"workload", request.workload},
                        {"workers", request.workers},     {"processes", request.processes},
                        {"cores", cores},                 {"python", python},
                        {"cpu_note", note}}
      .dump();
}

std::string stopped_message(std::string_view reason, std::string_view sentence) {
  return nlohmann::json{{"reason", reason}, {"sentence", sentence}}.dump();
}

std::string done_message(double wall_seconds, std::uint64_t workers) {
  return nlohmann::json{{"reason", "done"}, {"wall_seconds", wall_seconds}, {"workers", workers}}.dump();
}

std::string workers_message(const nlohmann::json& events) { return nlohmann::json{{"events", events}}.dump(); }

std::string limit_sentence(std::chrono::seconds limit) {
  return "The run was stopped after " + std::to_string(limit.count()) +
         " seconds, the longest one run may take (--concurrency-time-limit); its processes were killed.";
}

std::vector<std::string> script_arguments(const ConcurrencyRequest& r, const ConcurrencySettings& s,
                                          const std::string& host, std::uint16_t port) {
  return {"-I", s.script, "--variant", r.variant, "--workload", r.workload, "--workers", std::to_string(r.workers),
          "--processes", std::to_string(r.processes), "--seconds", r.seconds_text, "--prime", std::to_string(r.prime),
          "--requests", std::to_string(r.requests), "--host", host, "--port", std::to_string(port)};
}

// The Python variants: start the script, turn its lines into messages, kill its
// process group on every way out (done, client gone, shutdown, the time limit).
// `ticket` is the run's admission: it lives in the coroutine's frame, so the client may
// start its next run as soon as this one's last message is out.
Awaitable<void> stream_python(MessageStream& out, ConcurrencyRequest request, ConcurrencySettings settings,
                              std::string host, std::uint16_t port, [[maybe_unused]] std::shared_ptr<void> ticket) {
  auto executor = co_await asio::this_coro::executor;
  std::shared_ptr<WorkerProcess> process;
  std::string not_started;
  try {
    process = std::make_shared<WorkerProcess>(executor, settings.python,
                                              script_arguments(request, settings, host, port));
  } catch (const std::exception& e) {
    not_started = e.what();
  }
  if (!process) {  // (no co_await inside a catch block)
    co_await out.send("end", stopped_message("failed", not_started));
    co_return;
  }
  auto subscription = out.cancel().subscribe([process] { process->kill_group(); });
  auto limit_hit = std::make_shared<bool>(false);
  asio::steady_timer limit(executor, settings.time_limit);
  limit.async_wait([process, limit_hit](error_code ec) {
    if (ec) return;
    *limit_hit = true;
    process->kill_group();
  });

  std::string buffer, failure;
  double wall_seconds = -1;
  bool started = false;
  for (;;) {
    error_code ec;
    std::size_t length = co_await asio::async_read_until(
        process->output(), asio::dynamic_buffer(buffer, longest_script_line), '\n', use_awaitable_with(ec));
    if (ec) break;  // EOF: the script and all its processes are gone (or were killed)
    auto line = nlohmann::json::parse(buffer.substr(0, length), nullptr, false);
    buffer.erase(0, length);
    std::string type = line.is_object() ? line.value("type", std::string()) : std::string();
    bool sent = true;
    if (type == "hello" && !started) {
      started = true;
      std::string message = start_message(request, settings.cores, line.value("python", std::string("?")), cpu_note_python);
      sent = co_await out.send("start", message);
    } else if (type == "workers" && line.contains("events")) {
      // In slices: one message must fit the stream's send queue (--stream-queue-limit, 32 KiB).
      const auto& events = line["events"];
      for (std::size_t from = 0; sent && events.is_array() && from < events.size(); from += events_per_message) {
        auto end = events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), from + events_per_message));
        std::string message = workers_message(nlohmann::json(events.begin() + static_cast<std::ptrdiff_t>(from), end));
        sent = co_await out.send("workers", message);
      }
    } else if (type == "done") {
      wall_seconds = line.value("wall_seconds", 0.0);
    } else if (type == "failed") {
      failure = line.value("sentence", std::string("The worker script failed."));
    }
    if (!sent) co_return;  // the stream is ending: the process dies with `process`
  }
  limit.cancel();
  if (out.cancel().cancelled()) co_return;
  // The pipe closed, so every process of the group is gone; collect the script's status.
  for (int tries = 0; !process->try_reap() && tries < 400; ++tries) {
    if (tries == 200) process->kill_group();
    if (!co_await out.pause(std::chrono::milliseconds(5))) co_return;
  }
  if (*limit_hit) {
    co_await out.send("end", stopped_message("limit", limit_sentence(settings.time_limit)));
  } else if (wall_seconds >= 0) {
    std::string done = done_message(wall_seconds, request.workers);
    co_await out.send("end", done);
  } else {
    if (failure.empty())
      failure = "The worker script ended without finishing its run (exit status " +
                std::to_string(process->exit_status()) + ").";
    co_await out.send("end", stopped_message("failed", failure));
  }
}

std::string events_message(const std::vector<WorkerEvent>& events, std::size_t from, std::size_t to) {
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t i = from; i < to; ++i) {
    const auto& e = events[i];
    nlohmann::json item{{"w", e.worker}, {"kind", std::string(e.start ? "start" : "end")}, {"t", e.t}};
    if (!e.start) item["cpu"] = e.cpu;
    list.push_back(std::move(item));
  }
  return nlohmann::json{{"events", std::move(list)}}.dump();
}

// The native variant: its threads report into NativeRun; every 50 ms the new events go out.
// Leaving early destroys the run, which stops and joins its threads within about a millisecond.
Awaitable<void> stream_native(MessageStream& out, ConcurrencyRequest request, ConcurrencySettings settings,
                              [[maybe_unused]] std::shared_ptr<void> ticket) {
  if (!co_await out.send("start", start_message(request, settings.cores, "none", cpu_note_native))) co_return;
  std::unique_ptr<NativeRun> run;
  std::string refused;
  try {
    run = std::make_unique<NativeRun>(request);
  } catch (const std::system_error& e) {
    refused = std::string("The system refused a thread: ") + e.what() + ".";
  }
  if (!run) {
    co_await out.send("end", stopped_message("failed", refused));
    co_return;
  }
  const auto deadline = Clock::now() + settings.time_limit;
  for (;;) {
    bool finished = run->finished();  // before taking: nothing reported after it is missed
    auto events = run->take_events();
    for (std::size_t from = 0; from < events.size(); from += events_per_message) {
      std::string message = events_message(events, from, std::min(events.size(), from + events_per_message));
      if (!co_await out.send("workers", message)) co_return;
    }
    if (finished) break;
    if (Clock::now() >= deadline) {
      run.reset();
      co_await out.send("end", stopped_message("limit", limit_sentence(settings.time_limit)));
      co_return;
    }
    if (!co_await out.pause(batch_every)) co_return;
  }
  double wall_seconds = run->seconds_since_start();
  std::string done = done_message(wall_seconds, request.workers);
  co_await out.send("end", done);
}

}  // namespace

void add_concurrency_options(ConfigParser& parser) {
  po::options_description group("Concurrency runs (/runs/concurrency, lesson threads-processes-coroutines)");
  group.add_options()("concurrency-python", po::value<std::string>()->default_value("/usr/bin/python3"),
                      "the Python that runs the worker script")(
      "concurrency-script", po::value<std::string>()->default_value(LOOPLAB_CONCURRENCY_SCRIPT),
      "the worker script (concurrency_worker.py)")(
      "concurrency-time-limit", po::value<int>()->default_value(60),
      "seconds one run may take before it is stopped (1 to 600)")(
      "concurrency-max-runs", po::value<int>()->default_value(2),
      "runs at once for all clients together, 1 to 64; past it 503 and Retry-After");
  parser.add_options(group);
}

ConcurrencySettings read_concurrency_settings(ServerContext& context) {
  const auto& options = context.options;
  ConcurrencySettings settings;
  settings.python = options["concurrency-python"].as<std::string>();
  settings.script = options["concurrency-script"].as<std::string>();
  int limit = options["concurrency-time-limit"].as<int>();
  if (limit < 1 || limit > 600)
    throw std::runtime_error("--concurrency-time-limit must be a whole number of seconds from 1 to 600 (got " +
                             std::to_string(limit) + ")");
  settings.time_limit = std::chrono::seconds(limit);
  int runs = options["concurrency-max-runs"].as<int>();
  if (runs < 1 || runs > 64)
    throw std::runtime_error("--concurrency-max-runs must be a whole number from 1 to 64 (got " +
                             std::to_string(runs) + ")");
  settings.max_runs = static_cast<std::size_t>(runs);
  settings.cores = std::max(1u, std::thread::hardware_concurrency());
  settings.process_cap = 2 * settings.cores;
  return settings;
}

std::string own_loopback_host(const ServerConfig& config) {
  const auto& addresses = config.listen_addresses;
  auto has = [&](std::string_view a) { return std::find(addresses.begin(), addresses.end(), a) != addresses.end(); };
  if (addresses.empty() || has("127.0.0.1") || has("0.0.0.0")) return "127.0.0.1";
  if (has("::1") || has("::")) return "::1";
  return addresses.front();
}

Awaitable<Response> ConcurrencyEndpoint::handle(const Request& request, RequestContext& context) {
  auto parsed = parse_concurrency_query(split_target(request.target()).second, settings_.process_cap);
  if (!parsed.ok) co_return error_response(request, http::status::bad_request, parsed.error);
  auto admitted = admission_->admit(client_of(context.remote));
  if (admitted.refusal == RunAdmission::Refusal::client_busy) {
    auto reply = error_response(request, http::status::too_many_requests,
                                "You already have a run going: one run per client at a time, so that one learner "
                                "cannot fill the machine's cores. Wait for it to end, or close it, then start this one.");
    reply.set(http::field::retry_after, "5");
    co_return reply;
  }
  if (admitted.refusal == RunAdmission::Refusal::at_cap) {
    auto reply = error_response(request, http::status::service_unavailable,
                                "The server is running " + std::to_string(settings_.max_runs) +
                                    " runs for other learners, as many as it runs at once (--concurrency-max-runs); "
                                    "try again in a few seconds.");
    reply.set(http::field::retry_after, "5");
    co_return reply;
  }
  // Moved into the producer's coroutine when the stream starts (see stream_python).
  auto ticket = std::make_shared<std::shared_ptr<void>>(std::move(admitted.ticket));
  auto run = parsed.value;
  auto settings = settings_;
  if (!runs_in_python(run)) {
    co_return stream(request, [ticket, run, settings](MessageStream& out) -> Awaitable<void> {
      return stream_native(out, run, settings, std::move(*ticket));
    });
  }
  co_return stream(request, [ticket, run, settings, host = own_host_,
                             port = stats_.listening_port.load()](MessageStream& out) -> Awaitable<void> {
    return stream_python(out, run, settings, host, port, std::move(*ticket));
  });
}

}  // namespace looplab::backend
