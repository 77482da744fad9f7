// The words a view shows for a span of a task's life: what it waits for ("TaskGroup
// 'downloads': its 3 tasks", "shielded: Task-4", "condition 'ready'") and why it became
// ready ("Task-2 notified the condition", "its TaskGroup cancelled it: Task-5 failed").
// Every TaskState and WakeCause has its words here, so the timeline, step panel and
// exports name each primitive as asyncio does.
#pragma once

#include <string>

#include "looplab/trace.hpp"
#include "looplab/trace_index.hpp"

namespace looplab {

// For a waiting or blocked span: what it waits on. For a ready span: why it was woken.
// Empty for running and finished spans.
std::string describe_span(const Trace& trace, const StateSpan& span);
// The name of object `id` as a reader would call it: "queue 'jobs'", "gather()", "TaskGroup 'tg'".
std::string object_words(const Trace& trace, ObjectId id);

}  // namespace looplab
