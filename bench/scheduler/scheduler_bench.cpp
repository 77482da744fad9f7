// One scheduler workload per run, with the trace on: prints `key=value` figures on one line.
//   a: 1,000 tasks each doing 1,000 sleep(0)              steps = sleep(0) resumptions
//   b: 100,000 tasks each sleeping a random time (< 0.5 s) steps = task steps (start + wake-up)
//   c: a producer and a consumer move 1,000,000 items through a Queue(maxsize=100)  steps = items
// The same workloads in cpython_bench.py; ./bench/run scheduler runs both and compares.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#if defined(__EMSCRIPTEN__)
#include <emscripten.h>
#else
#include <sys/resource.h>
#endif

#include "looplab/looplab.hpp"

using namespace looplab;

namespace {

// The same generator as cpython_bench.py, so both sides sleep the same times.
struct Lcg {
  std::uint64_t state;
  double uniform() {
    state = (1103515245ull * state + 12345ull) % (1ull << 31);
    return static_cast<double>(state) / static_cast<double>(1ull << 31);
  }
};

Coro<void> spinner(int yields) {
  for (int i = 0; i < yields; ++i) co_await sleep(0);
}

Coro<void> workload_a(int tasks, int yields) {
  std::vector<Coro<void>> all;
  all.reserve(static_cast<std::size_t>(tasks));
  for (int i = 0; i < tasks; ++i) all.push_back(spinner(yields));
  co_await gather(std::move(all));
}

Coro<void> nap(double seconds) { co_await sleep(seconds); }

Coro<void> workload_b(int tasks) {
  Lcg rng{12345};
  std::vector<Coro<void>> all;
  all.reserve(static_cast<std::size_t>(tasks));
  for (int i = 0; i < tasks; ++i) all.push_back(nap(0.5 * rng.uniform()));
  co_await gather(std::move(all));
}

Coro<void> producer(Queue<int>& q, int items) {
  for (int i = 0; i < items; ++i) co_await q.put(i);
}

Coro<void> consumer(Queue<int>& q, int items, long long& checksum) {
  for (int i = 0; i < items; ++i) checksum += co_await q.get();
}

Coro<void> workload_c(int items, long long& checksum) {
  Queue<int> q(100);
  co_await gather(producer(q, items), consumer(q, items, checksum));
}

double peak_memory_mb() {
#if defined(__EMSCRIPTEN__)
  // Linear memory only grows, so its size now is its peak.
  return static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / 1e6;
#else
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1e3;
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const std::string which = argc > 1 ? argv[1] : "";
  const double scale = argc > 2 ? std::atof(argv[2]) : 1.0;
  // A third argument `notrace` measures the loop alone, to see what the trace costs.
  const bool trace_on = !(argc > 3 && std::string(argv[3]) == "notrace");
  if (which != "a" && which != "b" && which != "c") {
    std::fprintf(stderr, "usage: %s a|b|c [scale]\n", argv[0]);
    return 2;
  }
  const int tasks_a = static_cast<int>(1000 * scale), yields_a = 1000;
  const int tasks_b = static_cast<int>(100000 * scale);
  const int items_c = static_cast<int>(1000000 * scale);

  LoopOptions options;
  options.reserve_events = which == "a"   ? static_cast<std::size_t>(tasks_a) * yields_a * 2 + 16 * tasks_a
                           : which == "b" ? static_cast<std::size_t>(tasks_b) * 11
                                          : 1u << 20;
  options.record_trace = trace_on;
  VirtualClock clock;
  EventLoop loop(clock, nullptr, options);
  long long checksum = 0;
  double steps = 0;

  const auto start = std::chrono::steady_clock::now();
  if (which == "a") {
    loop.run(workload_a(tasks_a, yields_a));
    steps = static_cast<double>(tasks_a) * yields_a;
  } else if (which == "b") {
    loop.run(workload_b(tasks_b));
    steps = 2.0 * tasks_b;
  } else {
    loop.run(workload_c(items_c, checksum));
    steps = items_c;
    const long long expected = static_cast<long long>(items_c) * (items_c - 1) / 2;
    if (checksum != expected) {
      std::fprintf(stderr, "queue lost items: checksum %lld, expected %lld\n", checksum, expected);
      return 1;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const Trace& trace = loop.trace();
  std::printf("workload=%s steps=%.0f seconds=%.4f steps_s=%.0f loop_time=%.3f events=%zu trace_bytes=%zu "
              "bytes_per_event=%.2f peak_mb=%.1f\n",
              which.c_str(), steps, seconds, steps / seconds, loop.time(), trace.size(), trace.bytes_used(),
              trace.bytes_per_event(), peak_memory_mb());
  return 0;
}
