// The sequential-awaits lesson on looplab_core (seed 002): N hellos, each printing
// "hello", sleeping, then "goodbye"; awaited one after another or gathered; the sleep is
// asyncio.sleep, time.sleep (it holds the loop), or `await time.sleep(...)` (a TypeError
// once the blocking sleep has returned None).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "looplab/task.hpp"

namespace looplab::sequential_awaits {

enum class Arrangement : std::uint8_t { in_a_row, gathered };
enum class SleepKind : std::uint8_t { asyncio_sleep, time_sleep, await_time_sleep };

struct Settings {
  Arrangement how = Arrangement::in_a_row;
  SleepKind sleep = SleepKind::asyncio_sleep;
  int hellos = 2;
  double seconds = 1;
};

// What CPython raises for `await time.sleep(1)`: time.sleep returns None, and None is
// not awaitable. what() is the traceback's last line.
struct NoneNotAwaitable : std::runtime_error {
  NoneNotAwaitable() : std::runtime_error("TypeError: object NoneType can't be used in 'await' expression") {}
};

struct Lines {
  std::uint32_t hello = 0, sleeping = 0, goodbye = 0, awaits = 0, elapsed = 0;
};

std::string render_snippet(const Settings& s);
Lines lines_in(std::string_view snippet);

// asyncio.run(main()) for these settings.
Coro<void> scenario_main(Settings s, Lines lines);

}  // namespace looplab::sequential_awaits
