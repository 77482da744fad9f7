#pragma once
// The running page: platform, fetch client, and what the canvas shows (the
// start page's backend check, or one lesson), drawn once per browser frame.
#include "backend_check.h"
#include "fetch_client.h"
#include "lesson.h"
#include "platform.h"

#include <memory>
#include <string>
#include <vector>

namespace looplab::app {

struct LaunchOptions {
  std::string lesson_id;    // empty: the start page
  std::string backend_url;  // empty: the page's own origin
};

// Reads `--lesson ID` and `--backend URL` (Module.arguments, set by the page).
LaunchOptions parse_launch_options(int argc, char** argv);

class App {
 public:
  explicit App(LaunchOptions options);
  bool start(std::string& error);
  void frame();

 private:
  void register_hook();
  void register_lesson_hook();
  void apply_url_parameters();
  void keep_url_in_step();
  void draw_url_problems();
  nlohmann::json frame_timing() const;  // over the last kFrameSamples frames
  nlohmann::json touch_state() const;   // what the fingers did (touch_input.h)
  void draw_start_page();
  void draw_unknown_lesson();

  LaunchOptions options_;
  Platform platform_;
  FetchClient fetch_;
  BackendCheck backend_check_;
  const Lesson* lesson_ = nullptr;
  std::unique_ptr<LessonHost> host_;
  std::unique_ptr<LessonPage> page_;
  std::vector<std::string> url_problems_;  // parameters in the link that were refused
  std::vector<Parameter> url_parameters_;  // what the address bar says now
  // CPU time of the last frames (ms), for the lesson-page benchmark: a ring of kFrameSamples.
  static constexpr int kFrameSamples = 120;
  double frame_ms_[kFrameSamples] = {};
  long frames_timed_ = 0;
};

}  // namespace looplab::app
