// The threads-processes-coroutines lesson on looplab_core (seed 002): the same work done by
// N threads, a process pool, N coroutines on one loop, processes each running a loop, and
// native C++ threads for contrast. On the virtual clock each worker is a task whose waits
// are the model's: sleeps and replies are timers and simulated I/O, the CPU work queues for
// a lane of the executor, which stands for the GIL (threads: one lane) or for the cores
// (processes, native threads: one lane per core); coroutines compute on the loop itself.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "looplab/event_loop.hpp"
#include "looplab/task.hpp"

namespace looplab::tpc {

enum class Variant : std::uint8_t { threads, pool, asyncio, loops, native };
enum class Workload : std::uint8_t { sleep, http, prime, sleep_prime, mix };
inline constexpr std::array<Variant, 5> all_variants{Variant::threads, Variant::pool, Variant::asyncio, Variant::loops,
                                                     Variant::native};

// The words of the backend's API (TPC-API.md): "threads", "sleep-prime"...
std::string_view word_of(Variant v);
std::string_view word_of(Workload w);
std::string_view title_of(Variant v);  // "threading", "multiprocessing.Pool"...

struct Settings {
  Variant variant = Variant::asyncio;
  Workload workload = Workload::sleep;
  int workers = 4000;            // threads, jobs or coroutines
  double sleep_seconds = 3;      // each sleep
  double request_seconds = 0.126;  // each request's round trip (the seed's site, as its figures give it)
  std::int64_t prime = 16769823;   // is_prime(P)
  int requests = 10;             // the mix's requests per worker
  int cores = 10;                // the modelled machine's cores (the seed's had 10)
};

inline constexpr int max_workers = 4000;
inline constexpr int max_requests = 100;
inline constexpr int max_cores = 64;
inline constexpr std::int64_t max_prime = 100'000'000;
inline constexpr std::int64_t seed_prime = 16769823;
inline constexpr int max_cpu_slices = 100'000;  // keeps a model run's trace bounded

// The model's costs, read off seed 002's own figures (its machine, its site).
struct Costs {
  double per_iteration = 1.0 / 11'179'882;  // is_prime(16769823) took about 1 s: 11,179,882 steps
  double thread_start = 0.325e-3;  // 4,000 threads started in about 1.3 s
  double pool_start = 1.0;         // the pool's processes ready (5 x (sleep + is_prime) took 3 s)
  double requests_cpu = 0.024;     // requests.get's own Python work, GIL held (200 threads took 5 s)
  double aiohttp_cpu = 0.003;      // aiohttp's per request, on the loop (200 took under 1 s)
  double gil_slice = 0.05;         // CPU work handed over in slices: CPython switches threads every 5 ms
  double native_speedup = 40;      // the same loop compiled: about 40 x CPython's speed
};
inline constexpr Costs model_costs{};

// How many steps is_prime(p) takes as the seed wrote it: it counts down from p - 1 and stops
// at the first divisor, p's largest proper divisor (1 for a prime).
std::int64_t prime_steps(std::int64_t p);
double prime_seconds(const Settings& s);  // on CPython (native: divided by native_speedup)

// Processes: the pool's size (Pool() takes one per core) or the processes running loops.
int processes_of(const Settings& s);
bool uses_processes(const Settings& s);
// The executor lanes the model needs: 1 (the GIL) for threads, the cores otherwise.
LoopOptions loop_options(const Settings& s);
// A sentence for settings that do not make sense together ("" when they do).
std::string check(const Settings& s);

struct Lines {
  std::uint32_t start = 0;   // starting the workers
  std::uint32_t sleep = 0;   // the sleep
  std::uint32_t request = 0; // the request
  std::uint32_t prime = 0;   // is_prime's loop
  std::uint32_t join = 0;    // waiting for them all
  std::uint32_t elapsed = 0;
};

std::string snippet_file(const Settings& s);  // "threads.py", "pool.py", ..., "native.cpp"
std::string render_snippet(const Settings& s);
Lines lines_in(const Settings& s, std::string_view snippet);

// The run for these settings: one task per worker ("T1", "J1", "C1"; native "N1"), main
// waiting for them all, then printing the time elapsed.
Coro<void> scenario_main(Settings s, Lines lines);

}  // namespace looplab::tpc
