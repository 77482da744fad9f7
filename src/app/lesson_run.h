#pragma once
// One run of a lesson's scenario on the scheduler, on the clock the learner chose:
//  - virtual: the loop runs to the end at once (simulated I/O), deterministic, scrub-able;
//  - real: requests are real fetches to the backend (FetchIo), the loop advances from the
//    browser's frame callback, from each reply, and from a timer at its next deadline, so the
//    trace grows live and every time in it is measured.
// If the backend stops answering mid-run, the run stops with a sentence saying so, and the
// lesson can offer the same run on the virtual clock (draw_status()).
#include "fetch_client.h"
#include "fetch_io.h"

#include "looplab/looplab.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace looplab::app {

enum class RunClock { virtual_clock, real_clock };
const char* to_string(RunClock clock);  // "virtual", "real"

enum class RunStatus { idle, running, finished, failed };
const char* to_string(RunStatus status);  // "idle", "running", "finished", "failed"

class LessonRun {
 public:
  // The scenario's main coroutine (asyncio.run(main())): it becomes Task-1.
  using Scenario = std::function<looplab::Coro<void>()>;

  explicit LessonRun(FetchClient& fetch);
  ~LessonRun();
  LessonRun(const LessonRun&) = delete;
  LessonRun& operator=(const LessonRun&) = delete;

  // Forgets any previous run and starts this one. On the virtual clock it has finished
  // (or failed) when start() returns.
  void start(Scenario scenario, RunClock clock, looplab::LoopOptions options = {});
  // Forgets the run (back to idle, no trace).
  void reset();
  // Advances a real-clock run; the runtime calls it every frame for every live run.
  void advance();

  RunStatus status() const { return status_; }
  bool running() const { return status_ == RunStatus::running; }
  RunClock clock() const { return clock_; }
  // Counts runs started, so views can tell a new trace from a grown one.
  std::uint64_t run_number() const { return run_number_; }
  // Null before the first run. Grows while a real run is going on.
  const looplab::Trace* trace() const { return loop_ ? &loop_->trace() : nullptr; }
  // Loop time of the run so far, or when Task-1 finished.
  double elapsed_seconds() const;
  // Why the run failed (empty otherwise).
  const std::string& error() const { return error_; }
  // The run stopped because the backend did not answer.
  bool backend_failed() const { return backend_failed_; }

  // For window.looplab: {status, clock, run_number, elapsed_seconds, error, backend_failed, events, tasks}.
  nlohmann::json state() const;

  enum class Offer { none, rerun_on_virtual_clock };
  // A one-line status of the run; after a backend failure, the message and a button to run
  // the same scenario on the virtual clock. Returns what the learner chose.
  Offer draw_status() const;

  // Every LessonRun alive, advanced by the runtime once per frame.
  static void advance_all();

 private:
  void finish_if_over();
  void schedule_wakeup(double deadline);
  void cancel_wakeup();
  static void on_wakeup(void* self);

  FetchClient& fetch_;
  // Destroyed in reverse order: the main task's handle, then the loop, then what it uses.
  std::unique_ptr<looplab::Clock> clock_impl_;
  std::unique_ptr<FetchIo> io_;
  std::unique_ptr<looplab::EventLoop> loop_;
  looplab::Task<void> main_;

  RunClock clock_ = RunClock::virtual_clock;
  RunStatus status_ = RunStatus::idle;
  std::uint64_t run_number_ = 0;
  std::optional<double> finished_at_;
  std::string error_;
  bool backend_failed_ = false;
  bool advancing_ = false;
  long wakeup_ = 0;  // emscripten timeout id, 0: none
};

}  // namespace looplab::app
