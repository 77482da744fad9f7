#include "ui/touch_gestures.h"

#include <algorithm>
#include <cmath>

namespace looplab::ui {

namespace {
constexpr float far_away = -1e9f;  // where the pointer goes when a swipe turns out to be a scroll
}

void TouchGestures::set_areas(Area lanes, Area ruler) {
  lanes_ = lanes;
  ruler_ = ruler;
}

TouchGestures::Finger* TouchGestures::finger(int id) {
  auto it = std::find_if(fingers_.begin(), fingers_.end(), [&](const Finger& f) { return f.id == id; });
  return it == fingers_.end() ? nullptr : &*it;
}

float TouchGestures::spread() const {
  if (fingers_.size() < 2) return 0;
  return std::hypot(fingers_[0].x - fingers_[1].x, fingers_[0].y - fingers_[1].y);
}

void TouchGestures::down(int id, float x, float y, double t) {
  if (finger(id)) return;
  fingers_.push_back(Finger{id, x, y, x, y, t});
  if (fingers_.size() == 1) {
    dragging_ = false;
    if (lanes_.contains(x, y)) {
      mode_ = Mode::lanes;
      ++tally_.on_lanes;
    } else if (ruler_.contains(x, y)) {
      mode_ = Mode::ruler;
      ++tally_.on_ruler;
      out_.scrub_x = x;
    } else {
      mode_ = Mode::pointer;
      ++tally_.as_pointer;
      pointer_ = Pointer::pressed;
      press_latched_ = true;
      pointer_x_ = x;
      pointer_y_ = y;
    }
  } else if (fingers_.size() == 2 && (mode_ == Mode::lanes || mode_ == Mode::ruler)) {
    mode_ = Mode::pinch;
    last_spread_ = spread();
  }
}

void TouchGestures::move(int id, float x, float y, double) {
  Finger* f = finger(id);
  if (!f) return;
  const float prev_x = f->x;
  const float mid_before = fingers_.size() >= 2 ? (fingers_[0].x + fingers_[1].x) * 0.5f : 0;
  f->x = x;
  f->y = y;
  const bool first = f == &fingers_.front();
  const float dx = x - f->x0, dy = y - f->y0;
  const bool sideways = std::abs(dx) > slop && std::abs(dx) >= std::abs(dy);
  const bool vertical = std::abs(dy) > slop && std::abs(dy) > std::abs(dx);
  switch (mode_) {
    case Mode::lanes:
      if (!first) break;
      if (dragging_) {
        out_.pan_dx += x - prev_x;
      } else if (sideways) {
        dragging_ = true;
        out_.pan_dx += dx;  // the part inside the slop too: the run stays under the finger
      } else if (vertical) {
        mode_ = Mode::ignored;  // the page scrolls
      }
      break;
    case Mode::ruler:
      if (!first) break;
      if (!dragging_ && vertical) {
        mode_ = Mode::ignored;
        break;
      }
      dragging_ = dragging_ || sideways;
      out_.scrub_x = x;
      break;
    case Mode::pinch: {
      if (fingers_.size() < 2) break;
      const float s = spread();
      if (last_spread_ > 0 && s > 0) {
        out_.zoom *= s / last_spread_;
        out_.zoom_x = (fingers_[0].x + fingers_[1].x) * 0.5f;
        out_.pan_dx += out_.zoom_x - mid_before;
      }
      last_spread_ = s;
      break;
    }
    case Mode::pointer:
      if (!first) break;
      pointer_x_ = x;
      pointer_y_ = y;
      if (pointer_ == Pointer::pressed) {
        if (vertical) {
          end_pointer(false);
          mode_ = Mode::ignored;
        } else if (sideways) {
          pointer_ = Pointer::dragging;
        }
      }
      break;
    case Mode::idle:
    case Mode::ignored:
      break;
  }
}

void TouchGestures::up(int id, float x, float y, double t) {
  Finger* f = finger(id);
  if (!f) return;
  const bool first = f == &fingers_.front();
  if (first) {
    tally_.last_duration = t - f->t0;
    const bool still = std::abs(x - f->x0) <= slop && std::abs(y - f->y0) <= slop;
    switch (mode_) {
      case Mode::lanes:
        if (!dragging_ && still && t - f->t0 <= tap_seconds) {
          ++out_.taps;
        } else if (!dragging_) {
          ++(still ? tally_.too_slow : tally_.moved);
        }
        break;
      case Mode::ruler:
        out_.scrub_x = x;
        break;
      case Mode::pointer:
        pointer_x_ = x;
        pointer_y_ = y;
        end_pointer(true);
        break;
      default:
        break;
    }
  }
  fingers_.erase(fingers_.begin() + (f - fingers_.data()));
  if (fingers_.empty()) {
    mode_ = Mode::idle;
  } else if (mode_ == Mode::pinch || first) {
    mode_ = Mode::ignored;  // what is left of a gesture does nothing until every finger is up
  }
}

void TouchGestures::cancel(int id) {
  Finger* f = finger(id);
  if (!f) return;
  if (f == &fingers_.front() && mode_ == Mode::pointer) end_pointer(false);
  fingers_.erase(fingers_.begin() + (f - fingers_.data()));
  mode_ = fingers_.empty() ? Mode::idle : Mode::ignored;
}

void TouchGestures::end_pointer(bool click) {
  if (pointer_ == Pointer::none || pointer_ == Pointer::released) return;
  if (!click) {
    // Released far from where it was pressed: the control under the finger does not fire.
    press_latched_ = false;
    pointer_x_ = pointer_y_ = far_away;
  }
  pointer_ = Pointer::released;
}

Gestures TouchGestures::take() {
  Gestures g = out_;
  out_ = Gestures{};
  switch (pointer_) {
    case Pointer::none:
      break;
    case Pointer::pressed:
    case Pointer::dragging:
      g.pointer = true;
      g.pointer_down = true;
      press_latched_ = false;
      break;
    case Pointer::released:
      g.pointer = true;
      // A press and its release between two frames: the frame sees the press first.
      g.pointer_down = press_latched_;
      if (!press_latched_) pointer_ = Pointer::none;
      press_latched_ = false;
      break;
  }
  g.pointer_x = pointer_x_;
  g.pointer_y = pointer_y_;
  return g;
}

}  // namespace looplab::ui
