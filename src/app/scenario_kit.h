#pragma once
// The scaffolding every seed script shares, written once for every lesson's scenario:
//
//   print("=" * 10)                      co_await timed_run(
//   ... the work ...                         run_all(Arrangement::gathered, {work...}, {"R1", ...}, gather_line),
//   print("-" * 10)                          elapsed_line);
//   print(f"Time elapsed: {elapsed}")
//   print("=" * 10)
//
// and the two ways the seeds run a batch of work: one after another (plain calls awaited
// in turn), or handed to asyncio.gather (each wrapped in a task, in argument order).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "looplab/task.hpp"

namespace looplab::app {

inline constexpr std::string_view banner_rule = "==========";
inline constexpr std::string_view banner_half = "----------";

// "Time elapsed: 17.0" (python_elapsed).
std::string elapsed_text(double seconds);

// Prints the banner, runs `body`, then prints the half rule, "Time elapsed: ..." (measured
// on the loop's clock from before the banner) and the rule again. `elapsed_line` is the
// snippet line of that print (0: none). If `body` throws, nothing more is printed.
Coro<void> timed_run(Coro<void> body, std::uint32_t elapsed_line = 0);

enum class Arrangement : std::uint8_t { one_after_another, gathered };

// Makes one piece of work when it is due (a coroutine made early and never awaited would
// be reported as never awaited if an earlier one failed).
using Work = std::function<Coro<void>()>;

// one_after_another: each piece awaited in turn inside the calling task.
// gathered: every piece made a task named names[i] (asyncio's Task-<n> when names is
// shorter), in order, then awaited together with gather; `gather_line` (0: none) is marked
// first. A piece that fails fails the whole, as in asyncio.
Coro<void> run_all(Arrangement how, std::vector<Work> work, std::vector<std::string> names = {},
                   std::uint32_t gather_line = 0);

}  // namespace looplab::app
