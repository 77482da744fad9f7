// The coroutines lesson on looplab_core: anyfunc called, awaited, made a task and awaited,
// or made a task and left alone, as the four mains of coroutines.py.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "looplab/task.hpp"

namespace looplab::coroutines {

enum class Mode : std::uint8_t {
  call_only,           // r = anyfunc(): a coroutine object, never awaited
  await_it,            // print(await r): runs inside main's own task
  task_then_await,     // create_task(r), then print(await task)
  task_never_awaited,  // create_task(anyfunc()), and main returns
};

struct Settings {
  Mode mode = Mode::call_only;
  double sleep = 0;  // anyfunc awaits asyncio.sleep(sleep) first (0: the seed's bare return)
  int value = 1;     // what anyfunc returns
};

// The snippet's lines the tasks are on, found by their text (0: not in this mode's snippet).
struct Lines {
  std::uint32_t sleeping = 0, returning = 0;  // in anyfunc
  std::uint32_t call = 0, create_task = 0, type = 0, awaiting = 0;  // in main
};

// The Python type names print(type(x)) shows for what main holds.
inline constexpr std::string_view coroutine_type = "<class 'coroutine'>";
inline constexpr std::string_view task_type = "<class '_asyncio.Task'>";
// The name the never-awaited warning gives the coroutine.
inline constexpr const char* coroutine_name = "anyfunc";

// coroutines.py as it would run with these settings.
std::string render_snippet(const Settings& s);
Lines lines_in(std::string_view snippet);

// asyncio.run(main()) for these settings.
Coro<void> scenario_main(Settings s, Lines lines);

}  // namespace looplab::coroutines
