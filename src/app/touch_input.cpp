#include "app/touch_input.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <cfloat>

namespace looplab::app {

TouchInput& TouchInput::instance() {
  static TouchInput input;
  return input;
}

void TouchInput::touch(Phase phase, int id, float x, float y, double t) {
  touched_ = true;
  if (phase == Phase::start) ++counts_.touches;
  if (phase == Phase::end) ++counts_.ends;
  if (phase == Phase::start || phase == Phase::end) {
    counts_.last_x = x;
    counts_.last_y = y;
  }
  switch (phase) {
    case Phase::start: recognizer_.down(id, x, y, t); break;
    case Phase::move: recognizer_.move(id, x, y, t); break;
    case Phase::end: recognizer_.up(id, x, y, t); break;
    case Phase::cancel: recognizer_.cancel(id); break;
  }
}

void TouchInput::install() {
  coarse_pointer_ = EM_ASM_INT({ return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0; }) != 0;
  // A null callback removes every handler of that event on the canvas: SDL's. The page's
  // own listeners (web/looplab-page.js) hand the fingers to looplab_touch instead.
  emscripten_set_touchstart_callback("#canvas", nullptr, 0, nullptr);
  emscripten_set_touchmove_callback("#canvas", nullptr, 0, nullptr);
  emscripten_set_touchend_callback("#canvas", nullptr, 0, nullptr);
  emscripten_set_touchcancel_callback("#canvas", nullptr, 0, nullptr);
}

void TouchInput::begin_frame() {
  frame_ = recognizer_.take();
  counts_.taps += frame_.taps;
  counts_.pans += frame_.pan_dx != 0;
  counts_.zooms += frame_.zoom != 1;
  counts_.pointer_presses += frame_.pointer_down && !was_down_;
  was_down_ = frame_.pointer && frame_.pointer_down;
  ImGuiIO& io = ImGui::GetIO();
  if (frame_.pointer) {
    io.MousePos = ImVec2(frame_.pointer_x, frame_.pointer_y);
    io.MouseDown[0] = frame_.pointer_down;
    was_pointer_ = true;
  } else if (was_pointer_) {
    // The finger is gone: so is the pointer (no hover left behind on a touch screen).
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
    was_pointer_ = false;
  }
}

}  // namespace looplab::app

// One changed finger, from the page's touch listeners: phase 0 start, 1 move, 2 end,
// 3 cancel; canvas CSS px; the event's own timestamp in ms.
extern "C" EMSCRIPTEN_KEEPALIVE void looplab_touch(int phase, int id, float x, float y, double timestamp_ms) {
  using looplab::app::TouchInput;
  if (phase < 0 || phase > 3) return;
  TouchInput::instance().touch(static_cast<TouchInput::Phase>(phase), id, x, y, timestamp_ms / 1000.0);
}
