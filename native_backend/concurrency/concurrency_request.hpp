#pragma once
// The parameters of GET /runs/concurrency (see /work/coord/TPC-API.md and the README):
// which variant runs which workload on how many workers. Everything the worker script
// is started with comes from here, checked, never from the client as text.
#include <cstdint>
#include <string>
#include <string_view>

namespace looplab::backend {

inline constexpr std::uint64_t max_concurrency_workers = 4000;  // threads or coroutines in one run
inline constexpr double max_concurrency_seconds = 10;           // one sleep or one /delay-me wait
inline constexpr std::uint64_t default_prime = 16769823;        // the seed's number
inline constexpr std::uint64_t max_prime = 100000000;           // about 6 s of CPython per is_prime
inline constexpr std::uint64_t max_concurrency_requests = 100;  // the mix's requests per worker

struct ConcurrencyRequest {
  std::string variant;   // threads | pool | asyncio | loops | native
  std::string workload;  // sleep | http | prime | sleep-prime | mix
  std::uint64_t workers = 0;
  std::uint64_t processes = 1;  // pool and loops: min(workers, process cap); else 1
  double seconds = 0;           // sleep and http; missing = 1
  std::string seconds_text = "1";
  std::uint64_t prime = default_prime;
  std::uint64_t requests = 10;
};

struct ConcurrencyParseResult {
  bool ok = false;
  ConcurrencyRequest value;
  std::string error;  // a sentence saying what was wrong and what is allowed
};

// `process_cap` is the most processes one run may start (2 x cores).
ConcurrencyParseResult parse_concurrency_query(std::string_view raw_query, std::uint64_t process_cap);

bool runs_in_python(const ConcurrencyRequest& request);

}  // namespace looplab::backend
