#include "ui/python_stderr.h"

namespace looplab::ui {

std::string python_stderr_line(const Trace& trace, const TraceEvent& e) {
  switch (e.kind) {
    case EventKind::never_awaited: return "RuntimeWarning: coroutine '" + trace.text(e.detail) + "' was never awaited";
    case EventKind::task_finished:
      // Only main's exception reaches the top: asyncio.run re-raises it. Other tasks' go to
      // whoever awaits them, or to "exception never retrieved".
      if (e.task == 1 && e.state == TaskState::failed) return trace.text(e.detail);
      return {};
    default: return {};
  }
}

}  // namespace looplab::ui
