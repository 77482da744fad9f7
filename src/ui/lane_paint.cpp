#include "ui/lane_paint.h"

#include <algorithm>
#include <cmath>

#include "ui/draw_batch.h"
#include "ui/state_style.h"

namespace looplab::ui {

namespace {

constexpr ImU32 ink_dark = IM_COL32(0, 0, 0, 150);
constexpr ImU32 ink_light = IM_COL32(255, 255, 255, 170);

ImU32 colour(std::uint32_t rgba) { return to_imgui_color(rgba); }

// How many steps of `step` from `from` stay below `to`, at most (room to reserve).
int steps_below(float from, float to, float step) {
  return to > from ? static_cast<int>((to - from) / step) + 2 : 0;
}

// The state's pattern over a bar. Marks lying wholly outside the visible part of the bar
// are skipped (a bar may start or end up to 50 px off screen); the rest are written in
// batches, exactly as AddLine / AddRectFilled would write them.
void draw_pattern(ImDrawList* dl, ImVec2 a, ImVec2 b, Pattern pattern, ImU32 ink) {
  if (b.x - a.x < 5) return;
  dl->PushClipRect(a, b, true);
  const float h = b.y - a.y;
  // A line's quad reaches 1.5 px either side of it (a 1 px line plus its fringe), and half a pixel right.
  const float seen_from = dl->GetClipRectMin().x - 2;
  const float seen_to = dl->GetClipRectMax().x + 2;
  switch (pattern) {
    case Pattern::solid:
    case Pattern::thin:
      break;
    case Pattern::dots: {
      const int rows = steps_below(a.y + 3, b.y - 1, 5);
      RectBatch dots(dl, ink, rows * steps_below(a.x + 2, b.x, 6));
      for (float y = a.y + 3; y < b.y - 1; y += 5)
        for (float x = a.x + 2 + std::fmod(y, 10.0f) * 0.5f; x < b.x; x += 6)
          if (x + 1.6f >= seen_from && x <= seen_to) dots.add({x, y}, {x + 1.6f, y + 1.6f});
      break;
    }
    case Pattern::horizontal: {
      LineBatch lines(dl, ink, 1.0f, 2);
      lines.add({a.x, a.y + h * 0.35f}, {b.x, a.y + h * 0.35f});
      lines.add({a.x, a.y + h * 0.65f}, {b.x, a.y + h * 0.65f});
      break;
    }
    case Pattern::queue: {
      LineBatch lines(dl, ink, 1.0f, steps_below(a.x + 3, b.x, 5));
      for (float x = a.x + 3; x < b.x; x += 5)
        if (x >= seen_from && x <= seen_to) lines.add({x, a.y + h * 0.3f}, {x, a.y + h * 0.7f});
      break;
    }
    case Pattern::ticks: {
      LineBatch lines(dl, ink, 1.0f, steps_below(a.x + 4, b.x, 8));
      for (float x = a.x + 4; x < b.x; x += 8)
        if (x >= seen_from && x <= seen_to) lines.add({x, a.y}, {x, a.y + h * 0.4f});
      break;
    }
    case Pattern::hatched: {
      LineBatch lines(dl, ink, 1.5f, steps_below(a.x - h, b.x, 6));
      for (float x = a.x - h; x < b.x; x += 6)
        if (x + h >= seen_from && x <= seen_to) lines.add({x, b.y}, {x + h, a.y});
      break;
    }
    case Pattern::back_hatched: {
      LineBatch lines(dl, ink, 1.0f, steps_below(a.x - h, b.x, 6));
      for (float x = a.x - h; x < b.x; x += 6)
        if (x + h >= seen_from && x <= seen_to) lines.add({x, a.y}, {x + h, b.y});
      break;
    }
    case Pattern::cross_hatched: {
      LineBatch lines(dl, ink, 1.0f, 2 * steps_below(a.x - h, b.x, 8));
      for (float x = a.x - h; x < b.x; x += 8) {
        if (x + h < seen_from || x > seen_to) continue;
        lines.add({x, b.y}, {x + h, a.y});
        lines.add({x, a.y}, {x + h, b.y});
      }
      break;
    }
  }
  dl->PopClipRect();
}


}  // namespace

// A bar for one mark; also used by the legend's swatches.
void draw_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, LaneState state, bool folded, bool many) {
  const StateStyle& s = style_of(state);
  if (s.pattern == Pattern::thin) {
    const float mid = (a.y + b.y) * 0.5f;
    dl->AddRectFilled({a.x, mid - 2}, {b.x, mid + 2}, colour(s.rgba));
    return;
  }
  if (many) {
    dl->AddRectFilled(a, b, colour(folded_rgba));
    // A zigzag along the top says "many things here, zoom in".
    LineBatch zigzag(dl, IM_COL32(0, 0, 0, 160), 1.0f, steps_below(a.x, b.x - 2, 4));
    for (float x = a.x; x < b.x - 2; x += 4) zigzag.add({x, a.y + 2}, {x + 2, a.y});
    return;
  }
  dl->AddRectFilled(a, b, colour(s.rgba));
  draw_pattern(dl, a, b, s.pattern, s.light_ink ? ink_light : ink_dark);
  if (s.outline_rgba != 0) dl->AddRect(a, b, colour(s.outline_rgba), 0.0f, 0, 1.5f);
  if (folded) dl->AddRect(a, b, IM_COL32(255, 255, 255, 140));
  const ImVec2 text_size = ImGui::CalcTextSize(s.short_label.data(), s.short_label.data() + s.short_label.size());
  // The word goes at the visible start of the bar, so a bar that began off screen still says what it is.
  const float visible_left = std::max(a.x, dl->GetClipRectMin().x);
  const float visible_right = std::min(b.x, dl->GetClipRectMax().x);
  if (visible_right - visible_left > text_size.x + 8 && b.y - a.y >= text_size.y - 2) {
    const ImVec2 at{visible_left + 4, (a.y + b.y - text_size.y) * 0.5f};
    // A backing so the word stays readable over the pattern.
    dl->AddRectFilled({at.x - 2, at.y}, {at.x + text_size.x + 2, at.y + text_size.y}, colour(s.rgba));
    dl->AddText(at, s.light_ink ? IM_COL32_WHITE : IM_COL32_BLACK, s.short_label.data(),
                s.short_label.data() + s.short_label.size());
  }
}

}  // namespace looplab::ui
