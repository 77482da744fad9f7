#pragma once
// The window, WebGL2 context and Dear ImGui set-up for one canvas: crisp on
// high-DPI screens (backing store = CSS size x devicePixelRatio, fonts
// rasterised at that ratio) and following the canvas as the page resizes.
#include "webgl_renderer.h"

#include <string>
#include <vector>

struct SDL_Window;
struct ImFont;

namespace looplab::app {

struct Fonts {
  ImFont* ui = nullptr;    // proportional text (the default font)
  ImFont* mono = nullptr;  // code, console lines, numbers that should align
};

class Platform {
 public:
  // Returns false with a sentence in `error` when WebGL2 or SDL is unavailable.
  bool init(std::string& error);

  // Polls events and starts an ImGui frame. Call once per browser frame.
  void begin_frame();
  // Renders the ImGui frame into the canvas.
  void end_frame();

  const Fonts& fonts() const { return fonts_; }
  float pixel_ratio() const { return pixel_ratio_; }
  int css_width() const { return css_w_; }
  int css_height() const { return css_h_; }
  long frame_count() const { return frames_; }
  // Frames that changed nothing on screen and so were not drawn (see end_frame).
  long frames_skipped() const { return frames_skipped_; }

 private:
  void follow_canvas_size();
  void load_fonts();

  SDL_Window* window_ = nullptr;
  WebGlRenderer renderer_;
  void* gl_context_ = nullptr;
  Fonts fonts_;
  std::vector<unsigned char> sans_ttf_, mono_ttf_;  // the page's TTFs; empty if not delivered
  float pixel_ratio_ = 1.0f;
  float font_ratio_ = 0.0f;  // the ratio the current font atlas was built for
  int css_w_ = 0, css_h_ = 0;
  long frames_ = 0;
  long frames_skipped_ = 0;
  unsigned long long drawn_fingerprint_ = 0;
  float drawn_ratio_ = 0;
};

// Fonts of the running app, for widgets that want the monospace face.
const Fonts& app_fonts();

}  // namespace looplab::app
