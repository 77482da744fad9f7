// The executor lesson on looplab_core (seeds 002, 004): blocking work inside async code,
// run inline (it holds the loop) or handed to a thread pool (run_in_executor, or the
// force_async decorator), so the loop stays free. Two parts: compute_pi(800) with two
// greetings gathered beside it, and five AsyncCats whose synchronous _have_free_time
// (a 2 s time.sleep) runs unchanged on the executor.
#pragma once

#include <cstdint>
#include <string>

#include "looplab/event_loop.hpp"
#include "looplab/task.hpp"

namespace looplab::executor {

enum class Part : std::uint8_t { pi, cats };
enum class Mode : std::uint8_t { inline_call, executor };

struct Settings {
  Part part = Part::pi;
  Mode mode = Mode::executor;
  int decimals = 800;        // compute_pi(decimals)
  double pi_seconds = 1;     // what compute_pi costs on the modelled machine
  int cats = 5;
  double cat_sleep = 2;      // each cat's time.sleep
  int workers = 5;           // the pool's max_workers
};

inline constexpr int max_cats = 1000;
inline constexpr int max_workers = 32;  // ThreadPoolExecutor's default cap
inline constexpr std::string_view first_greeting = "hello while pi is computed";
inline constexpr std::string_view second_greeting = "hello again";

LoopOptions loop_options(const Settings& s);

struct Lines {
  std::uint32_t work = 0;    // the blocking call, or the await handing it to the pool
  std::uint32_t result = 0;  // print(digits), or the cat's "wake"
  std::uint32_t greet = 0;   // pi: the greetings' print
  std::uint32_t gather = 0;
  std::uint32_t elapsed = 0; // cats: "Time elapsed"
};

// The part's snippet as it would run with these settings.
std::string render_snippet(const Settings& s);
std::string snippet_file(const Settings& s);  // "pi.py" / "cats.py"
Lines lines_in(const Settings& s, std::string_view snippet);

// asyncio.run(main()) for these settings.
Coro<void> scenario_main(Settings s, Lines lines);

}  // namespace looplab::executor
