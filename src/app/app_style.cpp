#include "app_style.h"

namespace looplab::app {

const AppPalette& app_palette() {
  static const AppPalette palette{
      ImVec4(0.105f, 0.118f, 0.145f, 1.0f),
      ImVec4(0.62f, 0.66f, 0.72f, 1.0f),
      ImVec4(0.40f, 0.80f, 0.55f, 1.0f),
      ImVec4(0.96f, 0.45f, 0.40f, 1.0f),
      ImVec4(0.98f, 0.76f, 0.30f, 1.0f),
  };
  return palette;
}

void apply_app_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameRounding = 5.0f;
  style.GrabRounding = 5.0f;
  style.ChildRounding = 6.0f;
  style.PopupRounding = 6.0f;
  style.FramePadding = ImVec2(10.0f, 6.0f);
  style.ItemSpacing = ImVec2(10.0f, 8.0f);
  style.WindowPadding = ImVec2(16.0f, 14.0f);

  ImVec4* c = style.Colors;
  const ImVec4 accent(0.33f, 0.56f, 0.95f, 1.0f);
  c[ImGuiCol_WindowBg] = app_palette().canvas_background;
  c[ImGuiCol_ChildBg] = ImVec4(0.13f, 0.145f, 0.18f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
  c[ImGuiCol_TextDisabled] = app_palette().text_muted;
  c[ImGuiCol_FrameBg] = ImVec4(0.17f, 0.19f, 0.235f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.21f, 0.235f, 0.29f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.24f, 0.27f, 0.33f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.24f, 0.42f, 0.80f, 1.0f);
  c[ImGuiCol_ButtonHovered] = accent;
  c[ImGuiCol_ButtonActive] = ImVec4(0.22f, 0.38f, 0.72f, 1.0f);
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.50f, 0.68f, 1.0f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_Header] = ImVec4(0.22f, 0.30f, 0.45f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.36f, 0.55f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.28f, 0.40f, 0.62f, 1.0f);
  c[ImGuiCol_Separator] = ImVec4(0.25f, 0.28f, 0.33f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.25f, 0.28f, 0.33f, 1.0f);
}

}  // namespace looplab::app
