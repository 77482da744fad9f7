#include "looplab/event_loop.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "looplab/simulated_io.hpp"
#include "looplab/task.hpp"

namespace looplab {
namespace {
thread_local EventLoop* running = nullptr;
constexpr double kForever = std::numeric_limits<double>::infinity();
}  // namespace

EventLoop* current_loop() { return running; }

EventLoop& running_loop() {
  if (running == nullptr) throw std::logic_error("no running event loop");
  return *running;
}

CurrentLoopScope::CurrentLoopScope(EventLoop& loop) : previous_(running) { running = &loop; }
CurrentLoopScope::~CurrentLoopScope() { running = previous_; }

EventLoop::EventLoop(Clock& clock, IoDriver* io, LoopOptions options)
    : clock_(&clock),
      vclock_(dynamic_cast<VirtualClock*>(&clock)),
      io_(io),
      trace_(options.reserve_events),
      executor_(options.executor_workers) {
  if (io_ == nullptr) {
    owned_io_ = std::make_unique<SimulatedIo>(options.simulated_connections);
    io_ = owned_io_.get();
  }
  trace_.set_enabled(options.record_trace);
  trace_.set_clock_name(clock.name());
  record_phases_ = options.record_trace && options.record_loop_phases;
  set_step_cost(options.step_cost);
  io_slots_.emplace_back();  // IoOpId 0 means "none"
}

EventLoop::~EventLoop() {
  // Tasks still pending when a loop that did not end with run() goes away (one a page
  // drove with run_ready) are destroyed with their frames, silently.
  tearing_down_ = true;
  std::vector<TaskBase*> pending;
  pending.swap(live_tasks_);
  for (TaskBase* task : pending) task->release();
  for (TaskBase* task : destroyed_) task->release();
  handles_.clear();  // the done callbacks' tasks, while the trace still exists
}

void EventLoop::set_step_cost(double seconds) {
  if (!(seconds >= 0 && seconds <= kMaxStepCost))
    throw std::invalid_argument("the step cost must be between 0 and 1 second (got " + std::to_string(seconds) + ")");
  step_cost_ = seconds;
  trace_.set_step_cost(seconds);
}

// What runs a few callbacks from now is known, so the loop starts fetching what it will
// touch (ReadyQueue::prefetch). With many tasks (100,000 timers falling due in one turn)
// each callback's object, task and frame are cold, and waiting for them one at a time was
// most of a step; far enough ahead for memory to answer, near enough to stay in cache.
constexpr std::size_t kPrefetchAhead = 6;

// One iteration, in the order of CPython's BaseEventLoop._run_once.
bool EventLoop::run_once(bool may_wait) {
  CurrentLoopScope scope(*this);
  // Releasing a hold resumes its task, which may at once hold the loop again.
  while (hold_.task != nullptr)
    if (!release_hold(may_wait)) return false;  // still held

  if (todo_ == 0) {
    // 0. The clock catches up with the work owed when a deadline falls within it (see
    //    LoopOptions::step_cost); otherwise the selector's wait below pays it, so the wait
    //    keeps the timeout asyncio would compute (what the loop phases record).
    if (owed_ > 0 && next_deadline() <= time() + owed_) pay_owed();
    // 1. How long may we wait? Not at all if callbacks are ready; else until the next timer,
    //    known I/O completion or executor event.
    double timeout = ready_.empty() ? std::max(0.0, next_deadline() - time()) : 0.0;
    // The wait begins when the last iteration ended, with the timeout it had then (a page
    // that drives the loop frame by frame asks many times without waiting: one wait).
    if (record_phases_ && wait_began_ < 0) {
      wait_began_ = time();
      wait_timeout_ = timeout;
    }
    if (!may_wait) timeout = 0;
    // 2. Wait for I/O (the selector), turning completions into ready callbacks.
    wait_for_events(timeout);
    // 3. Move the timers that are due to the ready queue.
    queue_due_timers();
    if (ready_.empty()) return false;
    // 4. This iteration runs exactly the callbacks ready now; what they schedule waits.
    todo_ = ready_.size();
    ++iteration_;
    trace_.record(time(), EventKind::iteration, 0, iteration_, static_cast<std::uint32_t>(todo_));
  }
  // 5. Run them. A blocking call holds the loop in the middle of an iteration.
  while (todo_ > 0) {
    --todo_;
    ready_.prefetch(kPrefetchAhead);
    ready_.pop()();
    while (hold_.task != nullptr)
      if (!release_hold(may_wait)) return true;
  }
  return true;
}

double EventLoop::next_deadline() {
  return std::min({timers_.next_deadline(), io_->next_completion_time(), executor_.next_event_time()});
}

void EventLoop::wait_until(double deadline) {
  if (vclock_ != nullptr) {
    deadline = std::max(deadline, vclock_->now() + owed_);
    owed_ = 0;
  }
  clock_->wait_until(deadline);
}

void EventLoop::wait_for_events(double timeout) {
  if (timeout > 0) {
    const double deadline = time() + timeout;
    const bool unknown_io = io_->in_flight() > 0 && io_->next_completion_time() == kForever;
    if (unknown_io) {
      // Real I/O: wait on it, but no longer than the next timer.
      io_->poll(time(), timeout, completed_);
      if (completed_.empty() && vclock_ != nullptr && std::isfinite(deadline)) wait_until(deadline);
    } else if (std::isfinite(deadline)) {
      wait_until(deadline);
    }
  }
  const std::size_t ready_before = ready_.size();
  collect_completions(0);
  if (record_phases_) record_wait(completed_.size() + (ready_.size() - ready_before));
  for (IoCompletion& c : completed_) deliver(c);
  completed_.clear();
}

void EventLoop::record_wait(std::size_t completions) {
  // Only a wait after which an iteration runs: one that ends empty-handed is still going on.
  const bool iteration_follows = !completed_.empty() || !ready_.empty() || timers_.next_deadline() <= time();
  if (wait_began_ < 0 || !iteration_follows) return;
  trace_.record_wait(time(), wait_began_, wait_timeout_, static_cast<std::uint32_t>(completions));
  wait_began_ = -1;
}

TimerId EventLoop::arm_timer(double when, Callback cb) {
  const TimerId id = timers_.push(when, cb);
  if (record_phases_) {
    if (timer_numbers_.size() <= id.slot) timer_numbers_.resize(id.slot + 1, 0);
    timer_numbers_[id.slot] = trace_.record_timer_set(time(), current_task_id(), when);
  }
  return id;
}

bool EventLoop::cancel_timer(TimerId id) {
  if (!timers_.cancel(id)) return false;
  if (record_phases_ && id.slot < timer_numbers_.size() && timer_numbers_[id.slot] != 0) {
    trace_.record_timer_end(time(), timer_numbers_[id.slot], EventKind::timer_cancelled);
    timer_numbers_[id.slot] = 0;
  }
  return true;
}

void EventLoop::collect_completions(double max_wait) {
  io_->poll(time(), max_wait, completed_);
  executor_.collect(time(), last_event_time(), finished_work_, trace_);
  for (const Callback& cb : finished_work_) ready_.push(cb);
  finished_work_.clear();
}

void EventLoop::deliver(IoCompletion& completion) {
  if (completion.op >= io_slots_.size()) return;
  IoSlot& slot = io_slots_[completion.op];
  if (!slot.pending) return;  // cancelled: nobody wants it
  slot.pending = false;
  slot.result = std::move(completion.result);
  if (slot.read_reply && slot.result.ok) slot.read_reply(slot.result);
  trace_.record_io_answered(time(), completion.op, slot.result);
  if (slot.on_done) ready_.push(slot.on_done);
}

void EventLoop::queue_due_timers() {
  const double now = time();
  Callback cb;
  std::uint32_t slot = 0;
  // Soonest first, as CPython pops its heap; the trace says which timer each callback was.
  while (timers_.pop_due(now, cb, record_phases_ ? &slot : nullptr)) {
    if (record_phases_ && slot < timer_numbers_.size() && timer_numbers_[slot] != 0) {
      trace_.record_timer_end(now, timer_numbers_[slot], EventKind::timer_due);
      timer_numbers_[slot] = 0;
    }
    ready_.push(cb);
  }
}

bool EventLoop::release_hold(bool may_wait) {
  if (hold_.op == 0) {
    if (time() < hold_.deadline) {
      if (!may_wait && vclock_ == nullptr) return false;
      wait_until(hold_.deadline);
    }
  } else {
    // A blocking client call: only its own answer can end the hold. Other completions stay
    // in completed_ until the next I/O phase, as a selector would see them then.
    for (;;) {
      auto mine = std::find_if(completed_.begin(), completed_.end(),
                               [&](const IoCompletion& c) { return c.op == hold_.op; });
      if (mine != completed_.end()) {
        IoCompletion c = std::move(*mine);
        completed_.erase(mine);
        deliver(c);
        break;
      }
      const double known = io_->next_completion_time();
      if (!may_wait) {
        if (vclock_ == nullptr || !std::isfinite(known)) {
          io_->poll(time(), 0, completed_);
          if (std::none_of(completed_.begin(), completed_.end(),
                           [&](const IoCompletion& c) { return c.op == hold_.op; }))
            return false;
          continue;
        }
      }
      if (std::isfinite(known)) {
        wait_until(known);
        io_->poll(time(), 0, completed_);
      } else if (io_->in_flight() > 0) {
        io_->poll(time(), kForever, completed_);
      } else {
        throw std::logic_error("a blocking call waits for I/O the driver does not know about");
      }
    }
  }
  // Lane starts that happened while the loop was held, before the holder records anything.
  executor_.collect(time(), last_event_time(), finished_work_, trace_);
  for (const Callback& cb : finished_work_) ready_.push(cb);  // call_soon_threadsafe: after this iteration
  finished_work_.clear();

  TaskBase* task = hold_.task;
  hold_ = Hold{};
  task->step();
  return true;
}

double EventLoop::run_ready(std::size_t max_iterations) {
  for (std::size_t i = 0; i < max_iterations && run_once(false); ++i) {
  }
  return next_deadline();
}

void EventLoop::run_until_done(TaskBase& task) {
  while (!task.done()) {
    if (idle())
      throw std::runtime_error("deadlock: task '" + task.name() +
                               "' waits for something that can never happen (nothing is ready, "
                               "no timer is set and no I/O is in flight)");
    run_once(true);
  }
}

bool EventLoop::idle() {
  return ready_.empty() && todo_ == 0 && hold_.task == nullptr && timers_.empty() &&
         io_->in_flight() == 0 && executor_.busy() == 0 && completed_.empty();
}

void EventLoop::suspend_current(coro::coroutine_handle<> h, WaitSite* site, TaskState state,
                                std::uint32_t related, std::uint32_t detail) {
  current_->suspend(h, site);
  trace_.record(time(), EventKind::state, current_->id(), related, detail, state);
}

TaskId EventLoop::current_task_id() const { return current_ != nullptr ? current_->id() : 0; }

void EventLoop::hold_until(coro::coroutine_handle<> h, double deadline) {
  hold_ = Hold{current_, h, deadline, 0};
  suspend_current(h, nullptr, TaskState::blocked);
}

void EventLoop::hold_for_io(coro::coroutine_handle<> h, IoOpId op) {
  hold_ = Hold{current_, h, 0, op};
  suspend_current(h, nullptr, TaskState::blocked, 0, op);
}

IoOpId EventLoop::start_io(const IoRequest& request, bool blocking, Callback on_done) {
  std::string description = request.kind == IoKind::http_request ? "GET " + request.target : request.target;
  IoOpId op = trace_.add_io_op(current_task_id(), description, blocking);
  if (io_slots_.size() <= op) io_slots_.resize(op + 1);
  io_slots_[op] = IoSlot{on_done, IoResult{}, true, request.read_reply};
  trace_.record_io_sent(time(), op);
  io_->start(op, request, time());
  return op;
}

IoResult EventLoop::take_io_result(IoOpId op) { return std::move(io_slots_.at(op).result); }

void EventLoop::cancel_io(IoOpId op) {
  if (op == 0 || op >= io_slots_.size() || !io_slots_[op].pending) return;
  io_slots_[op].pending = false;
  io_slots_[op].on_done = Callback{};
  io_->cancel(op);
}

ObjectId EventLoop::register_object(ObjectKind kind, std::string_view name) {
  return trace_.add_object(kind, name);
}

TaskId EventLoop::register_task(TaskBase& task, std::string_view name) {
  const std::uint32_t number = name.empty() ? ++unnamed_tasks_ : 0;
  task.id_ = trace_.add_task(time(), current_task_id(), name, number);
  task.retain();  // the loop's reference, until the task finishes
  task.live_index = live_tasks_.size();
  live_tasks_.push_back(&task);
  schedule_step(task, WakeCause::created, current_task_id());
  return task.id_;
}

void EventLoop::task_finished(TaskBase& task) {
  TaskBase* last = live_tasks_.back();
  live_tasks_[task.live_index] = last;
  last->live_index = task.live_index;
  live_tasks_.pop_back();
  task.release();
}

void EventLoop::print(std::string_view text) {
  const StringId id = trace_.add_text(text);
  trace_.record(time(), EventKind::print, current_task_id(), 0, id);
  if (print_sink_) print_sink_(time(), current_task_id(), std::string(text));
}

void EventLoop::mark_line(std::uint32_t line) {
  if (current_ != nullptr) {
    if (current_->line() == line) return;
    current_->set_line(line);
  }
  trace_.record(time(), EventKind::line, current_task_id(), 0, line);
}

void EventLoop::report_never_awaited(const char* coroutine_name) {
  if (tearing_down_) return;
  trace_.record(time(), EventKind::never_awaited, current_task_id(), 0, trace_.intern(coroutine_name));
}

double EventLoop::last_event_time() const {
  return trace_.events().empty() ? 0.0 : trace_.events().back().time;
}

}  // namespace looplab
