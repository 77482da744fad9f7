#include "ui/draw_batch.h"

#include <imgui_internal.h>  // ImDrawListSharedData (the atlas's line UVs), ImRsqrt

#include <algorithm>

namespace looplab::ui {

namespace {

bool invisible(ImU32 col) { return (col & IM_COL32_A_MASK) == 0; }

}  // namespace

// The conditions and arithmetic below are ImDrawList::AddPolyline's (imgui_draw.cpp, 1.86)
// for an open two-point line on its textured path, operation for operation, so that every
// vertex comes out bit for bit the same.
LineBatch::LineBatch(ImDrawList* dl, ImU32 col, float thickness, int max_lines)
    : dl_(dl), col_(col), thickness_(thickness) {
  if (max_lines <= 0 || invisible(col)) return;
  const float drawn = std::max(thickness, 1.0f);
  const int whole = static_cast<int>(drawn);
  const bool textured = (dl->Flags & ImDrawListFlags_AntiAliasedLines) &&
                        (dl->Flags & ImDrawListFlags_AntiAliasedLinesUseTex) &&
                        whole < IM_DRAWLIST_TEX_LINES_WIDTH_MAX && drawn - static_cast<float>(whole) <= 0.00001f &&
                        dl->_FringeScale == 1.0f;
  if (!textured) return;
  const ImVec4 uvs = dl->_Data->TexUvLines[whole];
  uv0_ = {uvs.x, uvs.y};
  uv1_ = {uvs.z, uvs.w};
  half_ = drawn * 0.5f + 1;
  room_ = max_lines;
  dl->PrimReserve(room_ * 6, room_ * 4);
}

LineBatch::~LineBatch() {
  if (room_ > 0) dl_->PrimUnreserve(room_ * 6, room_ * 4);
}

void LineBatch::add(ImVec2 p1, ImVec2 p2) {
  if (room_ == 0) {
    dl_->AddLine(p1, p2, col_, thickness_);
    return;
  }
  --room_;
  // AddLine's half-pixel offset.
  const float x1 = p1.x + 0.5f, y1 = p1.y + 0.5f;
  const float x2 = p2.x + 0.5f, y2 = p2.y + 0.5f;
  // The segment's unit normal (IM_NORMALIZE2F_OVER_ZERO).
  float dx = x2 - x1, dy = y2 - y1;
  const float d2 = dx * dx + dy * dy;
  if (d2 > 0.0f) {
    const float inv_len = ImRsqrt(d2);
    dx *= inv_len;
    dy *= inv_len;
  }
  const float nx = dy, ny = -dx;
  // The start uses the normal as is; the end the "averaged" one (IM_FIXNORMAL2F), which
  // rounding can leave a hair different.
  float mx = (nx + nx) * 0.5f, my = (ny + ny) * 0.5f;
  const float m2 = mx * mx + my * my;
  if (m2 > 0.000001f) {
    float inv_len2 = 1.0f / m2;
    if (inv_len2 > 100.0f) inv_len2 = 100.0f;
    mx *= inv_len2;
    my *= inv_len2;
  }
  mx *= half_;
  my *= half_;

  const ImDrawIdx idx = static_cast<ImDrawIdx>(dl_->_VtxCurrentIdx);
  ImDrawIdx* i = dl_->_IdxWritePtr;
  i[0] = static_cast<ImDrawIdx>(idx + 2); i[1] = idx; i[2] = static_cast<ImDrawIdx>(idx + 1);
  i[3] = static_cast<ImDrawIdx>(idx + 3); i[4] = static_cast<ImDrawIdx>(idx + 1); i[5] = static_cast<ImDrawIdx>(idx + 2);
  ImDrawVert* v = dl_->_VtxWritePtr;
  v[0].pos = {x1 + nx * half_, y1 + ny * half_}; v[0].uv = uv0_; v[0].col = col_;
  v[1].pos = {x1 - nx * half_, y1 - ny * half_}; v[1].uv = uv1_; v[1].col = col_;
  v[2].pos = {x2 + mx, y2 + my};                 v[2].uv = uv0_; v[2].col = col_;
  v[3].pos = {x2 - mx, y2 - my};                 v[3].uv = uv1_; v[3].col = col_;
  dl_->_VtxWritePtr += 4;
  dl_->_IdxWritePtr += 6;
  dl_->_VtxCurrentIdx += 4;
}

RectBatch::RectBatch(ImDrawList* dl, ImU32 col, int max_rects) : dl_(dl), col_(col) {
  if (max_rects <= 0 || invisible(col)) return;
  room_ = max_rects;
  dl->PrimReserve(room_ * 6, room_ * 4);
}

RectBatch::~RectBatch() {
  if (room_ > 0) dl_->PrimUnreserve(room_ * 6, room_ * 4);
}

void RectBatch::add(ImVec2 a, ImVec2 b) {
  if (room_ == 0) {
    dl_->AddRectFilled(a, b, col_);
    return;
  }
  --room_;
  dl_->PrimRect(a, b, col_);
}

}  // namespace looplab::ui
