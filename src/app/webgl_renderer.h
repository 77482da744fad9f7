#pragma once
// Draws Dear ImGui's draw lists with WebGL2. It replaces imgui_impl_opengl3, which reads
// back about twenty pieces of GL state every frame to restore them afterwards; in a browser
// each read is a synchronous round trip to the GPU process (profiled: it was nearly all of
// a lesson page's main-thread time on a busy 2-core machine). This canvas has no other GL
// user, so this renderer sets the state it needs and never reads any back.
struct ImDrawData;

namespace looplab::app {

class WebGlRenderer {
 public:
  bool init();                   // shaders and buffers; false if WebGL2 refused them
  void rebuild_font_texture();   // after the font atlas changed
  void render(ImDrawData* draw_data);

 private:
  unsigned program_ = 0;
  int uniform_texture_ = -1;
  int uniform_projection_ = -1;
  unsigned vertex_array_ = 0;
  unsigned vertex_buffer_ = 0;
  unsigned index_buffer_ = 0;
  unsigned font_texture_ = 0;
};

}  // namespace looplab::app
