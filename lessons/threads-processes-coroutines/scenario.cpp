#include "scenario.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <vector>

#include "app/python_format.h"
#include "app/scenario_kit.h"
#include "looplab/looplab.hpp"
#include "threads_processes_coroutines_embedded.h"
#include "ui/parameter_rules.h"
#include "ui/snippet_lines.h"

namespace looplab::tpc {

namespace embedded = looplab::threads_processes_coroutines::embedded;

std::string_view word_of(Variant v) {
  switch (v) {
    case Variant::threads: return "threads";
    case Variant::pool: return "pool";
    case Variant::asyncio: return "asyncio";
    case Variant::loops: return "loops";
    case Variant::native: return "native";
  }
  return "?";
}

std::string_view word_of(Workload w) {
  switch (w) {
    case Workload::sleep: return "sleep";
    case Workload::http: return "http";
    case Workload::prime: return "prime";
    case Workload::sleep_prime: return "sleep-prime";
    case Workload::mix: return "mix";
  }
  return "?";
}

std::string_view title_of(Variant v) {
  switch (v) {
    case Variant::threads: return "threading";
    case Variant::pool: return "multiprocessing.Pool";
    case Variant::asyncio: return "asyncio";
    case Variant::loops: return "processes, a loop each";
    case Variant::native: return "native C++ threads (contrast)";
  }
  return "?";
}

std::int64_t prime_steps(std::int64_t p) {
  if (p < 2) return 0;
  for (std::int64_t f = 2; f * f <= p; ++f)
    if (p % f == 0) return p - p / f;  // from p - 1 down to p / f, its largest proper divisor
  return p - 1;
}

double prime_seconds(const Settings& s) {
  const double python = static_cast<double>(prime_steps(s.prime)) * model_costs.per_iteration;
  return s.variant == Variant::native ? python / model_costs.native_speedup : python;
}

bool uses_processes(const Settings& s) { return s.variant == Variant::pool || s.variant == Variant::loops; }

int processes_of(const Settings& s) { return uses_processes(s) ? std::max(1, std::min(s.workers, s.cores)) : 0; }

LoopOptions loop_options(const Settings& s) {
  LoopOptions o;
  o.executor_workers = s.variant == Variant::threads ? 1 : static_cast<std::size_t>(std::max(1, s.cores));
  o.reserve_events = 1u << 18;
  return o;
}

std::string check(const Settings& s) {
  if (s.workers < 1 || s.workers > max_workers)
    return "Workers: from 1 to " + app::grouped(max_workers) + " (the backend starts at most that many threads).";
  if (s.cores < 1 || s.cores > max_cores) return "Cores: from 1 to " + std::to_string(max_cores) + ".";
  if (s.prime < 2 || s.prime > max_prime) return "is_prime's number: from 2 to " + app::grouped(max_prime) + ".";
  if (s.requests < 1 || s.requests > max_requests) return "Requests in the mix: from 1 to " + std::to_string(max_requests) + ".";
  const int calls = s.workload == Workload::mix ? 2 : s.workload == Workload::http || s.workload == Workload::sleep ? 0 : 1;
  if (s.variant == Variant::threads && s.workers * calls * prime_seconds(s) / model_costs.gil_slice > max_cpu_slices)
    return "The model hands the GIL over in 50 ms slices, at most " + app::grouped(max_cpu_slices) +
           " of them: fewer threads or a smaller number for is_prime.";
  if (s.variant == Variant::native && (s.workload == Workload::http || s.workload == Workload::mix))
    return "The native contrast row runs the CPU work and the sleeps only: pick sleep, prime or sleep then is_prime.";
  return "";
}

// --- The snippet ---

namespace {

bool is_async(const Settings& s) { return s.variant == Variant::asyncio || s.variant == Variant::loops; }

std::string work_body(const Settings& s) {
  if (s.variant == Variant::native) {
    switch (s.workload) {
      case Workload::sleep: return "  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));";
      case Workload::sleep_prime:
        return "  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));\n  is_prime(prime);";
      default: return "  is_prime(prime);";
    }
  }
  const bool a = is_async(s);
  const std::string nap = a ? "    await asyncio.sleep(SECONDS)" : "    time.sleep(SECONDS)";
  const std::string open = a ? "    async with aiohttp.ClientSession() as session:\n" : "    with requests.Session() as session:\n";
  switch (s.workload) {
    case Workload::sleep: return nap;
    case Workload::prime: return "    is_prime(PRIME)";
    case Workload::sleep_prime: return nap + "\n    is_prime(PRIME)";
    case Workload::http:
      return open + (a ? "        async with session.get(URL) as reply:\n            await reply.read()"
                       : "        session.get(URL).content");
    case Workload::mix:
      return "    is_prime(PRIME)\n" + open +
             (a ? "        await asyncio.gather(*(session.get(URL) for _ in range(REQUESTS)))\n"
                : "        [session.get(URL).content for _ in range(REQUESTS)]\n") +
             "    is_prime(PRIME)";
  }
  return "";
}

void replace_once(std::string& text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  if (at == std::string::npos)
    throw std::logic_error("threads-processes-coroutines: the snippet lost '" + std::string(from) + "'");
  text.replace(at, from.size(), to);
}

}  // namespace

std::string snippet_file(const Settings& s) {
  return s.variant == Variant::native ? "native.cpp" : std::string(word_of(s.variant)) + ".py";
}

std::string render_snippet(const Settings& s) {
  const std::string n = std::to_string(s.workers), prime = std::to_string(s.prime);
  if (s.variant == Variant::native) {
    std::string text(embedded::native_cpp);
    replace_once(text, "workers = 4000", "workers = " + n);
    replace_once(text, "seconds = 3", "seconds = " + app::python_float(s.sleep_seconds));
    replace_once(text, "prime = 16769823", "prime = " + prime);
    replace_once(text, "WORK", work_body(s));
    return text;
  }
  std::string text(is_async(s) ? embedded::async_work_py : embedded::sync_work_py);
  replace_once(text, "WORKERS = 4000", "WORKERS = " + n);
  replace_once(text, "SECONDS = 3", "SECONDS = " + app::python_float(s.sleep_seconds));
  replace_once(text, "PRIME = 16769823", "PRIME = " + prime);
  replace_once(text, "REQUESTS = 10", "REQUESTS = " + std::to_string(s.requests));
  replace_once(text, "seconds=0.126", "seconds=" + ui::short_number(s.request_seconds));
  replace_once(text, "\nWORK\n", "\n" + work_body(s) + "\n");
  switch (s.variant) {
    case Variant::threads: text = "import threading\n" + text + std::string(embedded::threads_main_py); break;
    case Variant::pool: text = "import multiprocessing\n" + text + std::string(embedded::pool_main_py); break;
    case Variant::asyncio: text += embedded::asyncio_main_py; break;
    case Variant::loops: {
      std::string main(embedded::loops_main_py);
      replace_once(main, "PROCESSES = 5", "PROCESSES = " + std::to_string(processes_of(s)));
      text = "import multiprocessing\n" + text + main;
      break;
    }
    case Variant::native: break;
  }
  return text;
}

Lines lines_in(const Settings& s, std::string_view snippet) {
  using ui::line_containing;
  const std::string file = snippet_file(s);
  const bool native = s.variant == Variant::native;
  Lines l;
  l.sleep = line_containing(snippet, native ? "sleep_for(" : "sleep(SECONDS)", file, /*optional=*/true);
  l.request = line_containing(snippet, "session.get(URL", file, true);
  l.prime = line_containing(snippet, native ? "--divisor" : "divisor -= 1", file);
  switch (s.variant) {
    case Variant::threads: l.start = line_containing(snippet, "thread.start()", file); break;
    case Variant::pool: l.start = line_containing(snippet, "pool.map(", file); break;
    case Variant::asyncio: l.start = line_containing(snippet, "asyncio.gather(*(work()", file); break;
    case Variant::loops: l.start = line_containing(snippet, "pool.map(", file); break;
    case Variant::native: l.start = line_containing(snippet, "emplace_back(work)", file); break;
  }
  l.join = s.variant == Variant::threads ? line_containing(snippet, "thread.join()", file)
           : native                      ? line_containing(snippet, "thread.join()", file)
                                         : l.start;
  l.elapsed = line_containing(snippet, "Time elapsed", file);
  return l;
}

// --- The model's run ---

namespace {

// What one run shares: the costs for its settings and, for processes with loops, each
// process's loop (a lock: its coroutines compute one at a time, the others' loops are free).
struct Shared {
  Settings s;
  Lines lines;
  double cpu = 0;            // one is_prime
  double pool_ready_at = 0;  // the processes have started
  std::vector<std::unique_ptr<Lock>> process_loops;
  std::unique_ptr<Semaphore> free_processes;  // the pool's processes taking jobs
};

// CPU work: on the loop itself (coroutines), else on the executor's lanes (the GIL for
// threads, the cores for processes and native threads) in slices, so that workers take
// turns as CPython's switch interval makes them.
Coro<void> compute(std::shared_ptr<Shared> sh, int process, double seconds) {
  mark_line(sh->lines.prime);
  if (sh->s.variant == Variant::asyncio) {
    co_await block(seconds);
    co_return;
  }
  Lock* own_loop = sh->s.variant == Variant::loops ? sh->process_loops[static_cast<std::size_t>(process)].get() : nullptr;
  if (own_loop) co_await own_loop->acquire();
  const double slice = sh->s.variant == Variant::threads ? model_costs.gil_slice : std::max(seconds, 1e-9);
  double left = seconds;
  while (left > 1e-12) {
    const double now = std::min(slice, left);
    co_await to_thread(now);
    left -= now;
  }
  if (own_loop) own_loop->release();
}

Coro<void> request(std::shared_ptr<Shared> sh, int process) {
  const bool on_loop = sh->s.variant == Variant::asyncio || sh->s.variant == Variant::loops;
  co_await compute(sh, process, on_loop ? model_costs.aiohttp_cpu : model_costs.requests_cpu);
  mark_line(sh->lines.request);
  const IoResult reply = co_await io(http_request("/delay-me?seconds=" + ui::short_number(sh->s.request_seconds),
                                                  sh->s.request_seconds));
  if (!reply.ok) throw IoError("a request failed: " + reply.error);
}

Coro<void> workload(std::shared_ptr<Shared> sh, int process) {
  const Settings& s = sh->s;
  switch (s.workload) {
    case Workload::sleep:
      mark_line(sh->lines.sleep);
      co_await sleep(s.sleep_seconds);
      break;
    case Workload::http: co_await request(sh, process); break;
    case Workload::prime: co_await compute(sh, process, sh->cpu); break;
    case Workload::sleep_prime:
      mark_line(sh->lines.sleep);
      co_await sleep(s.sleep_seconds);
      co_await compute(sh, process, sh->cpu);
      break;
    case Workload::mix: {
      co_await compute(sh, process, sh->cpu);
      if (s.variant == Variant::loops) {
        std::vector<Coro<void>> asks;
        for (int i = 0; i < s.requests; ++i) asks.push_back(request(sh, process));
        co_await gather(std::move(asks));
      } else {
        for (int i = 0; i < s.requests; ++i) co_await request(sh, process);
      }
      co_await compute(sh, process, sh->cpu);
      break;
    }
  }
}

// A job of the pool: submitted at once, run when a process is free.
Coro<void> pool_job(std::shared_ptr<Shared> sh) {
  co_await sleep(sh->pool_ready_at);
  co_await sh->free_processes->acquire();
  try {
    co_await workload(sh, 0);
  } catch (...) {
    sh->free_processes->release();
    throw;
  }
  sh->free_processes->release();
}

// A coroutine in one of the processes that run a loop each.
Coro<void> loop_coroutine(std::shared_ptr<Shared> sh, int process) {
  co_await sleep(sh->pool_ready_at);
  co_await workload(sh, process);
}

std::string worker_name(Variant v, int i) {
  const char* prefix = v == Variant::threads ? "T" : v == Variant::pool ? "J" : v == Variant::native ? "N" : "C";
  return prefix + std::to_string(i);
}

}  // namespace

Coro<void> scenario_main(Settings s, Lines lines) {
  const std::string problem = check(s);
  if (!problem.empty()) throw std::invalid_argument(problem);
  auto sh = std::make_shared<Shared>();
  sh->s = s;
  sh->lines = lines;
  sh->cpu = prime_seconds(s);
  if (uses_processes(s)) {
    sh->pool_ready_at = model_costs.pool_start;
    const int p = processes_of(s);
    sh->free_processes = std::make_unique<Semaphore>(p, "free processes");
    for (int i = 0; i < p; ++i) sh->process_loops.push_back(std::make_unique<Lock>("P" + std::to_string(i + 1) + "'s loop"));
  }
  EventLoop& loop = running_loop();
  const double started = loop.time();
  mark_line(lines.start);
  std::vector<Task<void>> workers;
  workers.reserve(static_cast<std::size_t>(s.workers));
  for (int i = 1; i <= s.workers; ++i) {
    Coro<void> body = s.variant == Variant::pool    ? pool_job(sh)
                      : s.variant == Variant::loops ? loop_coroutine(sh, (i - 1) % processes_of(s))
                                                    : workload(sh, 0);
    workers.push_back(loop.create_task(std::move(body), worker_name(s.variant, i)));
    // Starting a thread is the main thread's work: the next one starts after it.
    if (s.variant == Variant::threads) co_await sleep(model_costs.thread_start);
    if (s.variant == Variant::native) co_await sleep(model_costs.thread_start / model_costs.native_speedup);
  }
  mark_line(lines.join);
  co_await gather(std::move(workers));
  mark_line(lines.elapsed);
  print(app::elapsed_text(loop.time() - started));
}

}  // namespace looplab::tpc
