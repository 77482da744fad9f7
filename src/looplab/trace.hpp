// The trace: everything a view needs to redraw a run at any moment, recorded by the loop.
// Views (timeline, stepping, ready queue at the playhead, export) read only this.
//
// Events are fixed-size PODs (24 bytes) appended in the order things happened; strings
// (task names, printed lines, error texts) live once in a side table and events refer to
// them by StringId. Times are seconds since the loop started, on its clock (virtual or real).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "looplab/trace_allocator.hpp"

namespace looplab {

using TaskId = std::uint32_t;    // 0: no task (the loop itself, or code outside any task)
using StringId = std::uint32_t;  // index into Trace::text(); 0 is the empty string
using ObjectId = std::uint32_t;  // a queue, lock, event or semaphore; 0: none
using IoOpId = std::uint32_t;    // an I/O operation; 0: none
using TimerNumber = std::uint32_t;  // a timer in Trace::timers() (loop phases recorded); 0: none
using GeneratorId = std::uint32_t;  // a Python generator object in Trace::generators(); 0: none

inline constexpr std::uint32_t kNoEvent = 0xffffffffu;

// What a task is doing. A task is in exactly one state from creation until it finishes.
enum class TaskState : std::uint8_t {
  ready,              // in the ready queue, waiting for the loop to run it
  running,            // its code is executing on the loop
  waiting_timer,      // asyncio.sleep(d > 0)
  waiting_io,         // awaiting an I/O operation (detail: IoOpId)
  waiting_queue,      // Queue.put on a full queue / Queue.get on an empty one / Queue.join
  waiting_lock,       // Lock.acquire
  waiting_event,      // Event.wait
  waiting_semaphore,  // Semaphore.acquire
  waiting_task,       // awaiting another task or a combinator of tasks (related: a task;
                      //   detail: the gather / wait / as_completed / shield / TaskGroup /
                      //   wait_for object, 0 when awaiting the task itself)
  waiting_executor,   // submitted to the executor, every worker busy
  in_executor,        // its work runs on an executor worker (detail: lane, from 0)
  waiting_condition,  // Condition.wait (detail: the condition)
  waiting_barrier,    // Barrier.wait (detail: the barrier)
  waiting_future,     // awaiting a plain asyncio.Future (detail: the future)
  blocked,            // holding the loop: time.sleep or a blocking call inside async def
  done,               // finished with a result
  failed,             // finished with an exception (the finished event carries its text)
  cancelled,          // finished by cancellation
  destroyed,          // still pending when asyncio.run ended: destroyed with the loop
                      //   (CPython: "Task was destroyed but it is pending!")
};
inline constexpr int kTaskStateCount = 19;
const char* to_string(TaskState state);
inline bool is_finished(TaskState s) { return s >= TaskState::done; }
inline bool is_waiting(TaskState s) { return s >= TaskState::waiting_timer && s <= TaskState::waiting_future; }

// Why a task became ready: the arrow a timeline draws from the waker to the woken.
enum class WakeCause : std::uint8_t {
  none,
  created,      // create_task scheduled its first step
  yielded,      // sleep(0): it gave the loop a turn
  timer,        // its sleep's timer fired
  io,           // its I/O operation completed (related: the IoOpId)
  task_done,    // the task it awaited finished (related: that task)
  queue,        // a put/get/task_done by `related` made room / an item / completion
  lock,         // `related` released the lock
  event,        // `related` set the event
  semaphore,    // `related` released the semaphore
  executor,     // its executor work finished
  gather,       // the gather it awaited completed
  timeout,      // the timeout of its wait_for / asyncio.timeout / wait expired (detail: which)
  cancelled,    // it was cancelled (related: by whom; detail: the message's StringId, if any)
  unblocked,    // a blocking call it made inside async def returned
  condition,    // `related` notified the condition it waited on
  barrier,      // the barrier it waited at filled (related: the task that arrived last)
  future,       // the future it awaited got its result (related: who set it)
  wait,         // the asyncio.wait it awaited returned (detail: the wait)
  as_completed, // one of the tasks it awaits through as_completed finished (related: that task)
  task_group,   // every task of the TaskGroup it waited for finished (detail: the group)
  aborted,      // its TaskGroup cancelled it (related: the task whose failure did; detail: the group)
};
inline constexpr int kWakeCauseCount = 22;
const char* to_string(WakeCause cause);

enum class EventKind : std::uint8_t {
  task_created,    // task; related = parent task (0: created outside any task); detail = name
  state,           // task enters `state`; related = other task involved (waker, awaited task);
                   //   detail = object (ObjectId, IoOpId, executor lane); cause = why (for ready)
  task_finished,   // task ends in `state` (done, failed, cancelled); detail = error text if failed
  print,           // task printed the line `detail` (a StringId)
  line,            // task is now on line `detail` of the lesson's snippet
  iteration,       // the loop starts an iteration; related = its number (from 1); detail = how
                   //   many callbacks were ready when it began (exactly those run in it)
  io_sent,         // task started I/O op `related`; detail = its description
  io_answered,     // op `related` (started by task) completed; detail = result summary
  never_awaited,   // task (0: none) dropped coroutine `detail` (its name) without awaiting it
  error_unretrieved,  // the last reference to failed task `task` went away with its exception
                      //   never retrieved; related = the task running then (0: none); detail = error text
  // The phases of run_once, recorded only with LoopOptions::record_loop_phases:
  timer_set,       // task (0: the loop) set timer `related` (Trace::timers(): its deadline)
  timer_cancelled, // timer `related` was cancelled before it fell due
  timer_due,       // timer `related` fell due: moved from the heap to the ready queue (soonest first)
  select,          // the selector's wait ended (Trace::waits()[related]: when it began, its
                   //   timeout); detail = I/O and executor completions it brought
  callback,        // a callback from call_soon/call_later or a done callback ran; related =
                   //   the task that scheduled it; detail = its name
  error_in_callback,  // that callback raised; related as above; detail = error text
  error_at_shutdown,  // leftover task `task` raised while asyncio.run cancelled it; detail = error text
  generator,       // task's code stepped generator `related`; detail = the step, an index into
                   //   Trace::generator_steps() (what happened, on which line, the value in or out)
};
inline constexpr int kEventKindCount = 18;
const char* to_string(EventKind kind);

struct TraceEvent {
  double time = 0;         // seconds since the loop started
  TaskId task = 0;
  std::uint32_t related = 0;
  std::uint32_t detail = 0;
  EventKind kind = EventKind::state;
  TaskState state = TaskState::ready;
  WakeCause cause = WakeCause::none;
  std::uint8_t reserved = 0;
};
static_assert(sizeof(TraceEvent) == 24, "trace events are meant to stay compact");

// What a trace object is: a synchronisation primitive, a plain future, or one use of a
// combinator (each gather(), wait(), TaskGroup... is an object, so views can name it).
enum class ObjectKind : std::uint8_t {
  queue, lock, event, semaphore, condition, barrier, future,
  gather, wait, as_completed, shield, task_group, timeout, wait_for,
};
inline constexpr int kObjectKindCount = 14;
const char* to_string(ObjectKind kind);

struct TaskInfo {
  StringId name = 0;                     // 0: asyncio's default name, Task-<number>
  std::uint32_t number = 0;              // for default names

  TaskId parent = 0;                     // the task that created it (0: none)
  std::uint32_t created_event = kNoEvent;
  std::uint32_t finished_event = kNoEvent;
};

struct ObjectInfo {
  ObjectKind kind;
  StringId name;
};

struct IoOpInfo {
  TaskId task = 0;             // who started it
  StringId description = 0;   // "GET /slow?seconds=2", "SELECT ... (3 rows)"
  std::uint32_t sent_event = kNoEvent;
  std::uint32_t answered_event = kNoEvent;
  bool blocking = false;       // started by a blocking call that held the loop
  // Its result, once answered (answered_event set): what the views, verdicts, export and
  // tests read, so none of them has to parse printed lines.
  bool ok = false;             // false: the transport failed (`error` says why)
  std::int32_t status = 0;     // HTTP status; 0 for a query
  std::uint32_t rows = 0;      // rows a query returned
  StringId reply = 0;          // the answer's body (at most kMaxReplyChars of it)
  StringId error = 0;
  double until_first = std::numeric_limits<double>::quiet_NaN();  // the other side's time split
  double transfer = std::numeric_limits<double>::quiet_NaN();     //   (IoTimeSplit), NaN: not said
  double queued = std::numeric_limits<double>::quiet_NaN();       // waited in the client before it left
};

// A timer of the heap (asyncio's _scheduled), when loop phases are recorded.
struct TimerInfo {
  double deadline = 0;
  TaskId task = 0;  // the task that set it (its sleep, its wait_for); 0: the loop
  std::uint32_t set_event = kNoEvent;
  std::uint32_t end_event = kNoEvent;  // its timer_due or timer_cancelled event
};

// One wait of the selector (the start of a run_once), when loop phases are recorded.
struct LoopWait {
  double began = 0;    // when the loop began to wait (the select event's time: when it ended)
  double timeout = 0;  // what the selector was given: 0 when callbacks were ready; +inf: no deadline
};

// What one step of a generator did (looplab/generator.hpp drives them).
enum class GeneratorStepKind : std::uint8_t {
  created,    // the generator function was called: a frame exists, no line of it has run
  resumed,    // next/send entered the frame (value: what was sent in; line: where it resumes, 0: at the top)
  suspended,  // it paused at a yield on `line` (value: what it yielded)
  returned,   // it finished: its caller got StopIteration (value: the return value)
  raised,     // it finished with an exception (value: the error text)
  refused,    // the call was refused without entering the frame, or a frame that yielded
              //   refused to close (value: the error text)
  closed,     // close() finished it
};
inline constexpr int kGeneratorStepKindCount = 7;
const char* to_string(GeneratorStepKind kind);

// How a resumed step was asked for.
// throw: gen.throw(error) (value: the error's text); drop: the last reference went, and
// Python closed it on its way out (as gen.close() does).
enum class GeneratorCall : std::uint8_t { none, next, send, delegated, close, throw_in, drop };
inline constexpr int kGeneratorCallCount = 7;
const char* to_string(GeneratorCall call);

struct GeneratorInfo {
  StringId name = 0;       // the generator function's name
  TaskId task = 0;         // the task that created it
  std::uint32_t def_line = 0;  // the line of its `def` in the lesson's snippet
  std::uint32_t created_event = kNoEvent;
};

struct GeneratorStep {
  GeneratorId generator = 0;
  GeneratorStepKind kind = GeneratorStepKind::created;
  GeneratorCall call = GeneratorCall::none;
  std::uint32_t line = 0;
  StringId value = 0;      // repr of the value in or out, or the error text
};

struct IoResult;
// Replies longer than this are kept cut, with a note of their full size: a trace stays bounded.
inline constexpr std::size_t kMaxReplyChars = 4096;

// The events in recording order (a std::vector with an allocator for big buffers).
using TraceEvents = std::vector<TraceEvent, TraceAllocator<TraceEvent>>;

class Trace {
 public:
  explicit Trace(std::size_t reserve_events = 1u << 16);

  // --- Recording (the event loop calls these) ---
  bool enabled() const { return enabled_; }
  // With recording off, only the side tables (tasks, strings) grow; for overhead measurements.
  void set_enabled(bool on) { enabled_ = on; }
  void set_clock_name(std::string_view name) { clock_name_ = name; }
  // The loop's modelled cost per step (LoopOptions::step_cost), so views and exports know it.
  void set_step_cost(double seconds) { step_cost_ = seconds; }
  StringId intern(std::string_view s);    // deduplicated: names
  StringId add_text(std::string_view s);  // not deduplicated: printed lines, error texts
  // Records task_created. An empty name means asyncio's default, Task-<default_number>.
  TaskId add_task(double time, TaskId parent, std::string_view name, std::uint32_t default_number);
  ObjectId add_object(ObjectKind kind, std::string_view name);
  IoOpId add_io_op(TaskId task, std::string_view description, bool blocking);
  void record(const TraceEvent& e) {
    if (enabled_) events_.push_back(e);
  }
  void record(double time, EventKind kind, TaskId task, std::uint32_t related = 0, std::uint32_t detail = 0,
              TaskState state = TaskState::ready, WakeCause cause = WakeCause::none) {
    if (enabled_) events_.push_back(TraceEvent{time, task, related, detail, kind, state, cause, 0});
  }
  // Records the event and notes its index in the task's or op's side table.
  void record_task_finished(double time, TaskId task, TaskState how, StringId error);
  void record_io_sent(double time, IoOpId op);
  // Records the answer and keeps its structured result in the op's side table.
  void record_io_answered(double time, IoOpId op, const IoResult& result);
  // Loop phases: a timer set (returns its number), ended (timer_due or timer_cancelled), a wait.
  TimerNumber record_timer_set(double time, TaskId task, double deadline);
  void record_timer_end(double time, TimerNumber timer, EventKind how);
  void record_wait(double time, double began, double timeout, std::uint32_t completions);
  // Generators: one created, and each step (a `generator` event pointing at the step).
  GeneratorId add_generator(double time, TaskId task, std::string_view name, std::uint32_t def_line);
  void record_generator_step(double time, TaskId task, const GeneratorStep& step);

  // --- Reading ---
  const TraceEvents& events() const { return events_; }
  std::size_t size() const { return events_.size(); }
  const std::string& text(StringId id) const { return strings_[id]; }
  std::size_t string_count() const { return strings_.size(); }
  // Indexed by TaskId; entry 0 stands for the loop itself.
  const std::vector<TaskInfo>& tasks() const { return tasks_; }
  std::string task_name(TaskId id) const;
  // Indexed by ObjectId / IoOpId; entry 0 is unused.
  const std::vector<ObjectInfo>& objects() const { return objects_; }
  const std::vector<IoOpInfo>& io_ops() const { return io_ops_; }
  // Indexed by TimerNumber (entry 0 unused) / by the select event's `related`.
  const std::vector<TimerInfo>& timers() const { return timers_; }
  const std::vector<LoopWait>& waits() const { return waits_; }
  // Indexed by GeneratorId (entry 0 unused) / by the generator event's `detail`.
  const std::vector<GeneratorInfo>& generators() const { return generators_; }
  const std::vector<GeneratorStep>& generator_steps() const { return generator_steps_; }
  const std::string& clock_name() const { return clock_name_; }
  double step_cost() const { return step_cost_; }

  // Memory held by the trace: events, side tables and string bytes.
  std::size_t bytes_used() const;
  double bytes_per_event() const { return events_.empty() ? 0.0 : double(bytes_used()) / double(events_.size()); }

 private:
  bool enabled_ = true;
  std::string clock_name_ = "virtual";
  double step_cost_ = 0;
  TraceEvents events_;
  std::vector<std::string> strings_;
  std::unordered_map<std::string, StringId> interned_;
  std::size_t string_bytes_ = 0;
  std::vector<TaskInfo> tasks_;
  std::vector<ObjectInfo> objects_;
  std::vector<IoOpInfo> io_ops_;
  std::vector<TimerInfo> timers_;
  std::vector<LoopWait> waits_;
  std::vector<GeneratorInfo> generators_;
  std::vector<GeneratorStep> generator_steps_;
  friend Trace trace_from_json(const nlohmann::json& doc);
};

}  // namespace looplab
