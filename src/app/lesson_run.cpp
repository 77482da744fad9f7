#include "lesson_run.h"

#include "app_style.h"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace looplab::app {
namespace {

std::vector<LessonRun*>& live_runs() {
  static std::vector<LessonRun*> runs;
  return runs;
}

}  // namespace

const char* to_string(RunClock clock) { return clock == RunClock::real_clock ? "real" : "virtual"; }

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::idle: return "idle";
    case RunStatus::running: return "running";
    case RunStatus::finished: return "finished";
    case RunStatus::failed: return "failed";
  }
  return "idle";
}

LessonRun::LessonRun(FetchClient& fetch) : fetch_(fetch) { live_runs().push_back(this); }

LessonRun::~LessonRun() {
  reset();
  auto& runs = live_runs();
  runs.erase(std::remove(runs.begin(), runs.end(), this), runs.end());
}

void LessonRun::advance_all() {
  // A run may be reset while others advance: iterate over a copy.
  std::vector<LessonRun*> runs = live_runs();
  for (LessonRun* run : runs) run->advance();
}

void LessonRun::reset() {
  cancel_wakeup();
  main_ = looplab::Task<void>();
  loop_.reset();
  io_.reset();
  clock_impl_.reset();
  status_ = RunStatus::idle;
  finished_at_.reset();
  error_.clear();
  backend_failed_ = false;
}

void LessonRun::start(Scenario scenario, RunClock clock, looplab::LoopOptions options) {
  reset();
  ++run_number_;
  clock_ = clock;
  status_ = RunStatus::running;
  if (clock == RunClock::virtual_clock) {
    clock_impl_ = std::make_unique<looplab::VirtualClock>();
    loop_ = std::make_unique<looplab::EventLoop>(*clock_impl_, nullptr, options);
  } else {
    clock_impl_ = std::make_unique<looplab::RealClock>();
    io_ = std::make_unique<FetchIo>(fetch_);
    // A reply wakes the loop at once instead of at the next frame: measured times stay tight.
    io_->set_on_completion([this] { advance(); });
    loop_ = std::make_unique<looplab::EventLoop>(*clock_impl_, io_.get(), options);
  }
  try {
    looplab::CurrentLoopScope scope(*loop_);
    main_ = loop_->create_task(scenario(), "main");
    if (clock == RunClock::virtual_clock) {
      loop_->run_until_done(*main_.base());
      finish_if_over();
      loop_->shutdown();  // as asyncio.run does: cancel what is left
      return;
    }
  } catch (const std::exception& e) {
    status_ = RunStatus::failed;
    error_ = std::string("The scenario stopped: ") + e.what();
    return;
  }
  advance();
}

void LessonRun::advance() {
  if (status_ != RunStatus::running || clock_ != RunClock::real_clock || advancing_ || !loop_) return;
  advancing_ = true;
  double next = std::numeric_limits<double>::infinity();
  try {
    looplab::CurrentLoopScope scope(*loop_);
    next = loop_->run_ready();
  } catch (const std::exception& e) {
    status_ = RunStatus::failed;
    error_ = std::string("The scenario stopped: ") + e.what();
  }
  advancing_ = false;
  finish_if_over();
  if (status_ == RunStatus::running) schedule_wakeup(next);
}

void LessonRun::finish_if_over() {
  if (status_ != RunStatus::running || !loop_) return;
  if (io_ && io_->transport_failures() > 0) {
    // Stop here: the rest of the run would only pile up more of the same failure.
    status_ = RunStatus::failed;
    backend_failed_ = true;
    finished_at_ = loop_->time();
    error_ = "The backend stopped answering during the run. " + io_->first_failure();
    cancel_wakeup();
    return;
  }
  if (!main_ || !main_.done()) return;
  const looplab::Trace& trace = loop_->trace();
  std::uint32_t finished = trace.tasks()[main_.id()].finished_event;
  finished_at_ = finished != looplab::kNoEvent ? trace.events()[finished].time : loop_->time();
  if (main_.cancelled() || main_.exception()) {
    status_ = RunStatus::failed;
    error_ = "The scenario stopped: " + looplab::error_text(main_.exception());
  } else {
    status_ = RunStatus::finished;
  }
  cancel_wakeup();
}

double LessonRun::elapsed_seconds() const {
  if (finished_at_) return *finished_at_;
  return loop_ ? loop_->time() : 0.0;
}

void LessonRun::schedule_wakeup(double deadline) {
  cancel_wakeup();
  if (!std::isfinite(deadline)) return;  // the next thing to happen is a reply: on_completion
  double delay_ms = std::max(0.0, (deadline - loop_->time()) * 1000.0);
  wakeup_ = emscripten_set_timeout(&LessonRun::on_wakeup, delay_ms, this);
}

void LessonRun::cancel_wakeup() {
  if (wakeup_ != 0) emscripten_clear_timeout(wakeup_);
  wakeup_ = 0;
}

void LessonRun::on_wakeup(void* self) {
  auto* run = static_cast<LessonRun*>(self);
  run->wakeup_ = 0;
  run->advance();
}

nlohmann::json LessonRun::state() const {
  const looplab::Trace* t = trace();
  return {
      {"status", to_string(status_)},
      {"clock", to_string(clock_)},
      {"run_number", run_number_},
      {"elapsed_seconds", elapsed_seconds()},
      {"error", error_},
      {"backend_failed", backend_failed_},
      {"events", t ? t->size() : 0},
      {"tasks", t && !t->tasks().empty() ? t->tasks().size() - 1 : 0},
  };
}

LessonRun::Offer LessonRun::draw_status() const {
  const AppPalette& palette = app_palette();
  Offer offer = Offer::none;
  switch (status_) {
    case RunStatus::idle:
      ImGui::TextColored(palette.text_muted, "Not run yet. Press Run (or Space).");
      break;
    case RunStatus::running:
      ImGui::TextColored(palette.pending, "Running on the %s clock... %.2f s", to_string(clock_), elapsed_seconds());
      break;
    case RunStatus::finished:
      ImGui::TextColored(palette.good, "Finished in %.3f s on the %s clock.", elapsed_seconds(), to_string(clock_));
      break;
    case RunStatus::failed:
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(palette.bad, "%s", error_.c_str());
      if (backend_failed_) {
        ImGui::TextColored(palette.text_muted, "The page still works: the same run on the virtual clock needs no server.");
        if (ImGui::Button("Run it on the virtual clock instead")) offer = Offer::rerun_on_virtual_clock;
      }
      ImGui::PopTextWrapPos();
      break;
  }
  return offer;
}

}  // namespace looplab::app
