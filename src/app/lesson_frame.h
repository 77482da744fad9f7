#pragma once
// The lesson frame: everything a lesson page has in common, so that a lesson supplies only
// what is its own. The frame owns the run (virtual or real clock), the view model, the
// timeline, stepping and the playhead, the standard layout (controls | verdict; timeline
// with arrows, legend and help; code | the loop at the playhead | console), Run / Reset,
// the offer to rerun on the virtual clock when the backend is gone, "download trace", the
// controls drawn from the declared parameters, the permalink, touch and keyboard, and the
// window.looplab state and actions every lesson shares. See src/app/README.md for a worked
// example.
#include "app/lesson.h"
#include "app/lesson_parameters.h"
#include "app/lesson_run.h"
#include "looplab/looplab.hpp"
#include "ui/step_index.h"
#include "ui/step_panel.h"
#include "ui/text_wrap.h"
#include "ui/timeline_widget.h"
#include "ui/trace_view_model.h"
#include "ui/verdict.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace looplab::app {

// The Python the run stands for, as it would run with the run's values.
struct Snippet {
  std::string file;    // "async.py"
  std::string source;  // its text
  std::string note = "the equivalent Python; highlighted: where each task is";
};

// A number for window.looplab.state() (lesson_state()): NaN ("not yet") and infinities as null.
nlohmann::json number_or_null(double value);

// A run that has ended (finished or failed), as the lesson's verdict builder sees it.
struct EndedRun {
  const Trace& trace;
  const ParameterSet& values;  // what it was started with
  bool virtual_clock = true;
  bool finished = false;       // main finished without an exception (not failed, not stopped)
  std::uint64_t number = 0;    // LessonRun::run_number()
};

class LessonFrame : public LessonPage {
 public:
  LessonFrame(LessonHost& host, ParameterSet parameters);
  ~LessonFrame() override;

  // --- LessonPage: all of it done here ---
  void draw() final;
  std::vector<Parameter> parameters() const final { return params_.as_text(); }
  std::string set_parameter(std::string_view name, std::string_view value) final;
  std::string run() final;
  void reset() final;
  const LessonRun* current_run() const final { return &run_; }
  nlohmann::json extra_state() const final { return lesson_state(); }
  nlohmann::json parameter_list() const final { return params_.describe(); }
  nlohmann::json frame_state() const final;
  bool page_scrolls() const final { return layout_columns_ == 1; }

 protected:
  // --- What a lesson supplies ---
  // asyncio.run(main()) for these values: the run's Task-1, named "main".
  virtual Coro<void> scenario(const ParameterSet& values) = 0;
  // The snippet for these values (before a run the values in force, after it the run's).
  virtual Snippet snippet(const ParameterSet& values) const = 0;
  // The verdict on a run that has just ended; called once per run.
  virtual ui::Verdict verdict(const EndedRun& run) = 0;

  // --- Optional ---
  // Whether a parameter means anything for the values in force (a setting of another part
  // of the lesson does not): the controls leave out those that do not, so Run stays in view.
  virtual bool parameter_applies(const ParameterSpec& spec, const ParameterSet& values) const {
    (void)spec;
    (void)values;
    return true;
  }
  // A line or two under the parameters: what the values in force amount to.
  virtual void draw_controls_note(const ParameterSet& values) { (void)values; }
  // Panels of the lesson's own, above the timeline and below the code | loop | console row.
  virtual void draw_above_timeline() {}
  virtual void draw_below_panels() {}
  // How long the model expects a run to take: a live run grows into that window instead
  // of scrolling by. NaN: unknown.
  virtual double expected_seconds(const ParameterSet& values) const {
    (void)values;
    return NAN;
  }
  // The lesson's own section of window.looplab.state().lesson.extra.
  virtual nlohmann::json lesson_state() const { return nlohmann::json::object(); }
  // The run's loop settings (LoopOptions: the modelled per-step cost, the executor's
  // workers...), on both clocks; a lesson that lets learners set the step cost returns it here.
  virtual LoopOptions loop_options(const ParameterSet& values) const {
    (void)values;
    return {};
  }

  // --- What the frame lends its lesson ---
  const ParameterSet& values() const { return params_; }
  // The values of the run shown (before any run: the values in force).
  const ParameterSet& shown_values() const { return has_run() ? run_values_ : params_; }
  bool has_run() const { return run_.trace() != nullptr; }
  const LessonRun& lesson_run() const { return run_; }
  const Trace* trace() const { return run_.trace(); }
  const ui::TimelineModel& model() const { return view_.model(); }
  ui::Cursor playhead() const { return timeline_.playhead; }
  // Moves the playhead as the step buttons do (a lesson that steps by its own units).
  void set_playhead(ui::Cursor at) { timeline_.playhead = at; }
  LessonHost& host() const { return host_; }
  // The page's own origin ("http://127.0.0.1:8000"), as the seed's clients print their URLs.
  std::string page_origin() const;
  // The run whose end the verdict has taken in (0: none yet).
  std::uint64_t verdict_run() const { return verdict_run_; }

 private:
  // Drawing (frame_layout.cpp).
  void draw_controls();
  void draw_parameter(std::size_t index, bool group_heading);
  void draw_run_buttons();
  void draw_timeline_row();
  void draw_code();
  void draw_loop();
  void draw_console();
  void report_content_height();
  float panel_text_width() const;
  float panel_height(float text_height, float min, float max) const;

  void follow_run();
  void forget_views();
  void register_actions();
  nlohmann::json move_playhead(const nlohmann::json& args);
  void apply_touch();

  LessonHost& host_;
  ParameterSet params_;
  ParameterSet run_values_;
  LessonRun run_;
  std::uint64_t seen_run_ = 0;
  std::uint64_t verdict_run_ = 0;
  ui::TraceViewModel view_;
  ui::TimelineView timeline_;
  ui::StepIndex steps_;
  ui::StepPanelState step_state_;
  ui::Verdict verdict_;
  bool console_hide_future_ = false;
  bool legend_open_ = true;
  bool help_open_ = false;
  ui::WrappedRows console_rows_, console_fit_rows_;
  float content_height_ = 0;  // of the last frame's layout, CSS px
  float code_text_height_ = 0; // of the code panel's text when last drawn
  int layout_columns_ = 0;     // 1 on a phone, 2 or 3 on wider canvases
  int reported_columns_ = 0;
  float run_button_[4] = {0, 0, 0, 0};  // x0, y0, x1, y1
  bool touch_layout_ = false;  // bigger controls for fingers
};

}  // namespace looplab::app
