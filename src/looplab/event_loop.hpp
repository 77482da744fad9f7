// The event loop: asyncio's BaseEventLoop with a ready queue (call_soon), a timer heap
// (call_later / call_at) and I/O completions, on a virtual or a real clock, recording a trace.
// run_once() is CPython's _run_once; read it in event_loop.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "looplab/callback.hpp"
#include "looplab/clock.hpp"
#include "looplab/coroutine.hpp"
#include "looplab/executor.hpp"
#include "looplab/io.hpp"
#include "looplab/ready_queue.hpp"
#include "looplab/timer_heap.hpp"
#include "looplab/trace.hpp"

namespace looplab {

class TaskBase;
class WaitSite;
class Handle;
template <class T> class Coro;
template <class T> class Task;
namespace detail {
struct HandleState;
}

// What every task step and every callback a scenario schedules costs on the virtual clock
// by default: 10 microseconds, about what one turn of a lone sleep(0) poller costs CPython
// 3.11 on the 2-core machines LoopLab is built on (8 to 17 us measured; 4 us per step when
// many tasks share a turn). See step_cost below.
inline constexpr double kDefaultStepCost = 10e-6;
inline constexpr double kMaxStepCost = 1.0;

struct LoopOptions {
  std::size_t reserve_events = 1u << 16;  // trace capacity reserved up front
  std::size_t executor_workers = 5;       // CPython: min(32, cpu_count + 4); 5 on one core
  bool record_trace = true;
  // Also record the phases of every run_once (the selector's wait and its timeout, each
  // timer set, cancelled and fallen due): what the event-loop lesson shows. Off by default,
  // as it adds two events per timer and one per iteration.
  bool record_loop_phases = false;
  // The modelled cost of one step (seconds, 0 to kMaxStepCost), on the virtual clock only
  // (real time passes by itself). The loop owes it for every step; the clock pays what is
  // owed when the loop next waits (a wait for deadline D ends at max(D, now + owed)), when
  // a deadline falls within what is owed, and before a task resumes from sleep(0). So a
  // run whose steps are followed by waits keeps its exact times, while busy polling with
  // sleep(0) burns virtual time, a timer fires only once the work in front of it is done,
  // and sleep(1e-9) wakes a step cost later. Recorded in the trace (Trace::step_cost()).
  double step_cost = kDefaultStepCost;
  // The loop's own SimulatedIo (no driver given): at most this many HTTP requests on the
  // wire at once, the rest queued in order, as a browser queues requests to one host
  // beyond its connection limit (6 for HTTP/1.1 in Chromium). 0: no limit.
  std::size_t simulated_connections = 0;
};

class EventLoop {
 public:
  // `io` may be null: the loop then owns a SimulatedIo driver (fine on either clock).
  explicit EventLoop(Clock& clock, IoDriver* io = nullptr, LoopOptions options = {});
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // --- What scenario code uses (the free functions in looplab.hpp call these) ---

  // asyncio.run(main): runs `main` as a task (Task-1) until it finishes, then cancels the
  // tasks still pending, waits for them and for the executor, and returns main's result
  // (or rethrows its exception).
  template <class T> T run(Coro<T> main);
  // asyncio.create_task: the task takes its first step on a later iteration.
  template <class T> Task<T> create_task(Coro<T> coro, std::string_view name = {});

  double time() const { return vclock_ != nullptr ? vclock_->now() : clock_->now(); }
  // The modelled cost of a step (LoopOptions::step_cost); changing it applies from the next
  // step on and is recorded in the trace. Throws std::invalid_argument outside [0, 1] s.
  double step_cost() const { return step_cost_; }
  void set_step_cost(double seconds);
  TaskBase* current_task() const { return current_; }
  std::uint32_t iteration() const { return iteration_; }
  Trace& trace() { return trace_; }
  const Trace& trace() const { return trace_; }
  Clock& clock() { return *clock_; }
  Executor& executor() { return executor_; }

  // print(): records the line for the current task (and passes it to the print sink, if set).
  void print(std::string_view text);
  using PrintSink = std::function<void(double time, TaskId task, const std::string& text)>;
  void set_print_sink(PrintSink sink) { print_sink_ = std::move(sink); }
  // The current task is now on line `line` of the lesson's snippet (recorded when it changes).
  void mark_line(std::uint32_t line);

  // --- Driving the loop ---

  // One iteration, as CPython's _run_once: wait for I/O or the next timer, move due timers
  // to the ready queue, then run exactly the callbacks that were ready when it began.
  // With may_wait false it never waits and returns false when nothing was due yet.
  bool run_once(bool may_wait = true);
  // For a real-clock loop driven by frames (the browser): runs every iteration that needs
  // no waiting, then returns the loop time of the next known deadline (+inf if none).
  // At most `max_iterations`, so a scenario that never stops yielding cannot freeze a frame.
  double run_ready(std::size_t max_iterations = 100000);
  // Runs until `task` has finished. Throws std::runtime_error if nothing could ever wake it.
  void run_until_done(TaskBase& task);
  // Nothing ready, no timer, no I/O or executor work in flight, no blocking call pending.
  bool idle();

  // loop.call_soon(fn) / call_later(delay, fn) / call_at(when, fn): `fn` runs on the loop,
  // outside any task, and the trace records it under `name`. The handle can cancel it
  // (handle.hpp). An exception escaping `fn` is recorded (CPython: "Exception in callback").
  Handle call_soon(std::function<void()> fn, std::string_view name = "callback");
  Handle call_later(double delay, std::function<void()> fn, std::string_view name = "callback");
  Handle call_at(double when, std::function<void()> fn, std::string_view name = "callback");

  // --- For the primitives (sleep, queue, I/O awaitables...) ---

  // The allocation-free forms of call_soon / call_at / call_later the primitives use: a
  // plain function pointer and its arguments, no handle, nothing recorded but the timer's
  // phases (LoopOptions::record_loop_phases).
  void schedule(Callback cb) { ready_.push(cb); }
  TimerId schedule_at(double when, Callback cb) { return arm_timer(when, cb); }
  TimerId schedule_later(double delay, Callback cb) { return arm_timer(time() + delay, cb); }
  bool cancel_timer(TimerId id);

  // Callbacks with state (a user's done callback, a call_soon handle): `fn` is kept until
  // handle_callback(id) runs or drop_handle(id) forgets it. `keep_alive`, if given, is a
  // task held until then (a done callback's task, as the scheduled handle holds it). An
  // empty `name` is a primitive's own callback: like schedule(), not recorded, no step cost.
  std::uint32_t add_handle(std::function<void()> fn, std::string_view name, TaskBase* keep_alive = nullptr);
  Callback handle_callback(std::uint32_t id) { return Callback{&run_handle_thunk, this, id}; }
  bool drop_handle(std::uint32_t id);

  // The current task suspends at `h` on `site` (may be null), entering `state`.
  void suspend_current(coro::coroutine_handle<> h, WaitSite* site, TaskState state,
                       std::uint32_t related = 0, std::uint32_t detail = 0);
  // Queues `task`'s next step (asyncio: call_soon(task.__wakeup)), recording why; `detail`
  // names the object that woke it (a gather, a TaskGroup, a future...), if any.
  void schedule_step(TaskBase& task, WakeCause cause, std::uint32_t related = 0, std::uint32_t detail = 0);
  TaskId current_task_id() const;

  // A blocking call inside async def: the current task suspends at `h` holding the loop;
  // nothing else runs until `deadline` (block) or until op `op` completes (blocking I/O).
  void hold_until(coro::coroutine_handle<> h, double deadline);
  void hold_for_io(coro::coroutine_handle<> h, IoOpId op);

  // Starts an I/O operation for the current task; `on_done` is queued when it completes.
  IoOpId start_io(const IoRequest& request, bool blocking, Callback on_done);
  // The result of a completed operation (moved out: call once).
  IoResult take_io_result(IoOpId op);
  void cancel_io(IoOpId op);

  // Object registration for the trace (queues, locks, events, semaphores).
  ObjectId register_object(ObjectKind kind, std::string_view name);

  // Bookkeeping for tasks (task.hpp).
  TaskId register_task(TaskBase& task, std::string_view name);
  void task_finished(TaskBase& task);
  // Scenario code running while `task` runs (and the trace entries it makes) belongs to it.
  // The step costs step_cost; after a sleep(0) the clock first pays what the loop owes.
  void enter_task(TaskBase& task, bool after_yield = false);
  void leave_task();
  void report_never_awaited(const char* coroutine_name);
  // The end of asyncio.run, once main has finished: the rest of that loop turn, then the
  // leftovers cancelled and waited for, errors they raised reported, the executor waited
  // for, and the tasks still pending after all that destroyed (loop_shutdown.cpp).
  void shutdown();
  bool tearing_down() const { return tearing_down_; }

 private:
  struct Hold {
    TaskBase* task = nullptr;
    coro::coroutine_handle<> resume;
    double deadline = 0;
    IoOpId op = 0;
  };
  struct IoSlot {
    Callback on_done;
    IoResult result;
    bool pending = false;
    IoReplyReader read_reply = nullptr;
  };

  double next_deadline();
  TimerId arm_timer(double when, Callback cb);
  // The selector phase of the iteration about to start, when phases are recorded.
  void record_wait(std::size_t completions);
  // The virtual clock catches up with the work the loop owes (see LoopOptions::step_cost).
  void pay_owed() {
    if (vclock_ != nullptr && owed_ > 0) vclock_->wait_until(vclock_->now() + owed_);
    owed_ = 0;
  }
  // Waits until `deadline`, or until the work owed is done, whichever is later.
  void wait_until(double deadline);
  void wait_for_events(double timeout);
  static void run_handle_thunk(void* self, std::uintptr_t id);
  void run_handle(std::uint32_t id);
  Handle make_timer_handle(double when, std::function<void()> fn, std::string_view name);
  // asyncio.run's end, in CPython's order (loop_shutdown.cpp).
  void finish_main_turn();
  void cancel_leftovers();
  void run_turns(int turns);
  void destroy_pending();
  void collect_completions(double max_wait);
  void deliver(IoCompletion& completion);
  void queue_due_timers();
  bool release_hold(bool may_wait);
  double last_event_time() const;
  bool tearing_down_ = false;

  Clock* clock_;
  VirtualClock* vclock_;  // the same clock when virtual: time() without a virtual call
  std::unique_ptr<IoDriver> owned_io_;
  IoDriver* io_;
  Trace trace_;
  ReadyQueue ready_;
  TimerHeap timers_;
  Executor executor_;
  std::size_t todo_ = 0;  // callbacks of the current iteration not run yet
  std::uint32_t iteration_ = 0;
  TaskBase* current_ = nullptr;
  Hold hold_;
  std::vector<IoSlot> io_slots_;        // indexed by IoOpId
  std::vector<IoCompletion> completed_; // polled, not yet turned into callbacks
  std::vector<Callback> finished_work_; // executor completions, likewise
  std::vector<TaskBase*> live_tasks_;   // created and not finished, owned by the loop
  std::vector<TaskBase*> destroyed_;    // destroyed while pending: kept until the loop goes
  std::uint32_t unnamed_tasks_ = 0;     // for asyncio's default names, Task-<n>
  PrintSink print_sink_;
  // Loop phases (LoopOptions::record_loop_phases): the trace's timer number of each heap
  // slot's timer, and when the loop began its current wait and with what timeout.
  bool record_phases_ = false;
  std::vector<TimerNumber> timer_numbers_;
  double wait_began_ = -1, wait_timeout_ = 0;  // wait_began_ < 0: no wait begun
  double step_cost_ = kDefaultStepCost;
  double owed_ = 0;                     // step costs not yet paid on the virtual clock
  std::unordered_map<std::uint32_t, std::shared_ptr<detail::HandleState>> handles_;
  std::uint32_t next_handle_ = 1;
};

// The loop running on this thread (asyncio.get_running_loop()); null outside of one.
EventLoop* current_loop();
EventLoop& running_loop();  // throws std::logic_error when no loop runs

// Makes `loop` current for its lifetime (nested scopes restore the previous one).
class CurrentLoopScope {
 public:
  explicit CurrentLoopScope(EventLoop& loop);
  ~CurrentLoopScope();
  CurrentLoopScope(const CurrentLoopScope&) = delete;
  CurrentLoopScope& operator=(const CurrentLoopScope&) = delete;

 private:
  EventLoop* previous_;
};

}  // namespace looplab
