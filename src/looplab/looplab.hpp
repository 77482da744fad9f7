// Everything scenario code needs, and the free functions that mirror Python's module-level
// calls on the running loop: print, mark_line, loop_time.
#pragma once

#include <cstdint>
#include <string_view>

#include "looplab/as_completed.hpp"
#include "looplab/barrier.hpp"
#include "looplab/block.hpp"
#include "looplab/condition.hpp"
#include "looplab/errors.hpp"
#include "looplab/event.hpp"
#include "looplab/event_loop.hpp"
#include "looplab/future.hpp"
#include "looplab/gather.hpp"
#include "looplab/handle.hpp"
#include "looplab/io_await.hpp"
#include "looplab/lock.hpp"
#include "looplab/queue.hpp"
#include "looplab/semaphore.hpp"
#include "looplab/shield.hpp"
#include "looplab/sleep.hpp"
#include "looplab/task.hpp"
#include "looplab/task_group.hpp"
#include "looplab/timeout.hpp"
#include "looplab/to_thread.hpp"
#include "looplab/wait.hpp"
#include "looplab/wait_for.hpp"

namespace looplab {

// print(...) in the lesson's Python: recorded in the trace with the time and the task.
inline void print(std::string_view text) { running_loop().print(text); }
// The current task is on line `line` of the lesson's snippet.
inline void mark_line(std::uint32_t line) { running_loop().mark_line(line); }
// loop.time(): seconds since the loop started.
inline double loop_time() { return running_loop().time(); }

}  // namespace looplab
