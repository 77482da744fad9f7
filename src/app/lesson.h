#pragma once
// What a lesson is to the runtime. A lesson folder (lessons/<id>/) declares its
// id, title, one-line summary and whether it needs the backend in lesson.json,
// and provides, in its sources, one function
//
//   std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_<cid>(looplab::app::LessonHost&);
//
// where <cid> is the id with '-' replaced by '_' (slow-server -> slow_server).
// cmake/LoopLabLessons.cmake links the sources into the one wasm module and
// generates the table that all_lessons() returns: adding a lesson is adding a folder.
#include <nlohmann/json.hpp>

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace looplab::app {

class FetchClient;
class TestHook;

struct LessonInfo {
  std::string_view id;
  std::string_view title;
  std::string_view summary;  // one line: what the lesson teaches
  bool needs_backend = false;
};

// Services the runtime lends a lesson page for its lifetime.
struct LessonHost {
  const LessonInfo& info;
  FetchClient& fetch;  // real HTTP to the backend (same origin unless the page says otherwise)
  TestHook& hook;      // add state sections / actions for window.looplab
};

class LessonRun;

// A parameter as text: what the permalink (?name=value&...) and the test hook carry.
struct Parameter {
  std::string name;
  std::string value;
};

// One lesson on its page. The runtime calls draw() once per frame inside a window that
// fills the canvas; the lesson's UI is a function of its state (parameters, trace, playhead).
// Everything but draw() is optional; the runtime wires it to the URL, the keyboard
// (Space runs, R resets) and window.looplab.
class LessonPage {
 public:
  virtual ~LessonPage() = default;
  virtual void draw() = 0;

  // The parameters in force, in a stable order. The runtime keeps the page's URL in step.
  virtual std::vector<Parameter> parameters() const { return {}; }
  // Applies one parameter given as text (from the URL or the hook). Returns "" when applied,
  // otherwise the reason it was refused; the value in force then stays as it was.
  virtual std::string set_parameter(std::string_view name, std::string_view value) {
    (void)value;
    return "this lesson has no parameter named '" + std::string(name) + "'";
  }
  // Space / looplab.run(): starts a run with the parameters in force. Returns "" or why not.
  virtual std::string run() { return "this lesson has nothing to run"; }
  // R / looplab.reset(): back to the state before the first run.
  virtual void reset() {}
  // The run the page shows (its state and trace go to window.looplab), if any.
  virtual const LessonRun* current_run() const { return nullptr; }
  // Anything else the lesson wants tests to read (looplab.state().lesson.extra).
  virtual nlohmann::json extra_state() const { return nlohmann::json::object(); }
  // Every parameter with its kind and allowed values or range (looplab.state().lesson.parameters),
  // so a test can walk every mode of every lesson without knowing it.
  virtual nlohmann::json parameter_list() const { return nlohmann::json::array(); }
  // True when the page around the canvas scrolls instead of the canvas (a phone: the canvas
  // is as tall as the layout), so the canvas shows no scrollbar of its own.
  virtual bool page_scrolls() const { return false; }
  // What the lesson frame shows, as data (looplab.state().lesson.frame); null without a frame.
  virtual nlohmann::json frame_state() const { return nullptr; }
};

using LessonFactory = std::unique_ptr<LessonPage> (*)(LessonHost&);

struct Lesson {
  LessonInfo info;
  LessonFactory make;
};

// Every lesson linked into this module, in catalogue order (generated).
std::span<const Lesson> all_lessons();
// nullptr when no lesson has that id.
const Lesson* find_lesson(std::string_view id);

}  // namespace looplab::app
