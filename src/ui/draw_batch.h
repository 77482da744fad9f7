// Many small lines or rectangles of one colour written into an ImDrawList under one
// reservation. Each writes exactly the vertices and indices ImDrawList::AddLine or
// AddRectFilled would (so the picture does not change), without their per-call work: a
// path built and stroked, a reservation, a scratch buffer. The timeline's state patterns
// are thousands of such marks a frame at 4,000 lanes.
#pragma once

#include <imgui.h>

namespace looplab::ui {

// Lines of one colour and thickness. Takes ImGui's own AddLine path when the list draws
// lines some other way than with the font atlas's baked anti-aliased line texture (lines
// of a fractional thickness, or anti-aliasing switched off).
class LineBatch {
 public:
  // Room for up to `max_lines`; more still draw, through AddLine.
  LineBatch(ImDrawList* dl, ImU32 col, float thickness, int max_lines);
  ~LineBatch();  // gives back the room not used
  LineBatch(const LineBatch&) = delete;
  LineBatch& operator=(const LineBatch&) = delete;

  // As dl->AddLine(p1, p2, col, thickness).
  void add(ImVec2 p1, ImVec2 p2);

 private:
  ImDrawList* dl_;
  ImU32 col_;
  float thickness_;
  int room_ = 0;        // reserved lines not written yet
  float half_ = 0;      // half the drawn width, fringe included
  ImVec2 uv0_, uv1_;    // the baked line's two edges in the atlas
};

// Filled rectangles without rounding, as dl->AddRectFilled(a, b, col).
class RectBatch {
 public:
  RectBatch(ImDrawList* dl, ImU32 col, int max_rects);
  ~RectBatch();
  RectBatch(const RectBatch&) = delete;
  RectBatch& operator=(const RectBatch&) = delete;

  void add(ImVec2 a, ImVec2 b);

 private:
  ImDrawList* dl_;
  ImU32 col_;
  int room_ = 0;
};

}  // namespace looplab::ui
