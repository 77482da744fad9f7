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
#include <memory>
#include <span>
#include <string_view>

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

// One lesson on its page. The runtime calls draw() once per frame inside a
// window that fills the canvas; the lesson's UI is a function of its state.
class LessonPage {
 public:
  virtual ~LessonPage() = default;
  virtual void draw() = 0;
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
