#include "platform.h"

#include "app_style.h"
#include "touch_input.h"

#include <SDL.h>
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

// The TTFs web/looplab-page.js downloaded before main() runs (Module.looplabFonts[which],
// null if one could not be fetched), handed over as bytes: the module has no file system.
EM_JS(int, js_font_size, (int which), {
  const f = Module.looplabFonts && Module.looplabFonts[which];
  return f ? f.length : 0;
});
EM_JS(void, js_font_copy, (int which, unsigned char* dst), { HEAPU8.set(Module.looplabFonts[which], dst); });

namespace looplab::app {
namespace {

enum FontSlot { kSansFont = 0, kMonoFont = 1 };  // Module.looplabFonts's order

constexpr float kFontCssPixels = 15.0f;
// The longest side of the canvas's backing store: what every WebGL2 implementation seen on
// phones allows (MAX_RENDERBUFFER_SIZE is 8192 or more).
constexpr int kMaxBackingPixels = 8192;

const Fonts* g_fonts = nullptr;

std::vector<unsigned char> page_font(FontSlot which) {
  std::vector<unsigned char> bytes(static_cast<std::size_t>(js_font_size(which)));
  if (!bytes.empty()) js_font_copy(which, bytes.data());
  return bytes;
}

}  // namespace

const Fonts& app_fonts() {
  static const Fonts none;
  return g_fonts ? *g_fonts : none;
}

bool Platform::init(std::string& error) {
  // Keys go to ImGui only while the canvas has focus, so the page's own
  // inputs and shortcuts keep working.
  SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = std::string("SDL could not start: ") + SDL_GetError();
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);

  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  css_w_ = std::max(1, static_cast<int>(css_w));
  css_h_ = std::max(1, static_cast<int>(css_h));
  window_ = SDL_CreateWindow("LoopLab", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, css_w_, css_h_,
                             SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!window_) {
    error = std::string("could not create the canvas window: ") + SDL_GetError();
    return false;
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) {
    error = "this browser gave no WebGL2 context (" + std::string(SDL_GetError()) +
            "); the lesson text still works, the interactive part needs WebGL2";
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  TouchInput::instance().install();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout comes from the page, not from a saved file
  apply_app_style();
  ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
  pixel_ratio_ = static_cast<float>(emscripten_get_device_pixel_ratio());
  sans_ttf_ = page_font(kSansFont);
  mono_ttf_ = page_font(kMonoFont);
  load_fonts();
  if (!renderer_.init()) {
    error = "WebGL2 refused the canvas's shaders; the lesson text still works";
    return false;
  }
  g_fonts = &fonts_;
  return true;
}

void Platform::load_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;  // rasterised at the device ratio already: no need to oversample
  config.OversampleV = 1;
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193,
                                   0x2212, 0x2212, 0x2248, 0x2248, 0x2264, 0x2265, 0x25A0, 0x25CF, 0};
  float size = std::round(kFontCssPixels * pixel_ratio_);
  config.FontDataOwnedByAtlas = false;  // the bytes stay ours: the atlas is rebuilt when the ratio changes
  auto add = [&](std::vector<unsigned char>& ttf) {
    return ttf.empty() ? nullptr
                       : io.Fonts->AddFontFromMemoryTTF(ttf.data(), static_cast<int>(ttf.size()), size, &config, ranges);
  };
  fonts_.ui = add(sans_ttf_);
  fonts_.mono = add(mono_ttf_);
  if (!fonts_.ui) {
    // The page could not deliver the TTF: ImGui's built-in bitmap font still reads, if less crisply.
    ImFontConfig fallback;
    fallback.SizePixels = std::round(13.0f * pixel_ratio_);
    fonts_.ui = io.Fonts->AddFontDefault(&fallback);
  }
  if (!fonts_.mono) fonts_.mono = fonts_.ui;
  // ImGui lays out in CSS pixels; the atlas holds device pixels.
  io.FontGlobalScale = 1.0f / pixel_ratio_;
  font_ratio_ = pixel_ratio_;
}

void Platform::follow_canvas_size() {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  int w = std::max(1, static_cast<int>(css_w));
  int h = std::max(1, static_cast<int>(css_h));
  // A phone shows the whole lesson in one tall canvas: past the GPU's limit the browser
  // would shrink the drawing buffer behind our back (blurred, misplaced), so the ratio gives.
  float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  ratio = std::min(ratio, static_cast<float>(kMaxBackingPixels) / static_cast<float>(std::max(w, h)));
  // In quarter steps, so a canvas that keeps growing does not rebuild the fonts every frame.
  if (ratio < static_cast<float>(emscripten_get_device_pixel_ratio())) ratio = std::floor(ratio * 4.0f) / 4.0f;
  ratio = std::max(ratio, 0.5f);
  if (w != css_w_ || h != css_h_ || ratio != pixel_ratio_) {
    // The page layout (not only the window) can resize the canvas: SDL only
    // hears about window resizes, so tell it, and it resizes the backing store.
    css_w_ = w;
    css_h_ = h;
    pixel_ratio_ = ratio;
    SDL_SetWindowSize(window_, w, h);
    emscripten_set_canvas_element_size("#canvas", static_cast<int>(std::lround(w * ratio)),
                                       static_cast<int>(std::lround(h * ratio)));
    drawn_fingerprint_ = 0;  // a resized canvas is blank: draw it again
  }
  if (font_ratio_ != pixel_ratio_) {
    load_fonts();
    renderer_.rebuild_font_texture();
  }
}

void Platform::begin_frame() {
  SDL_Event event;
  while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
  follow_canvas_size();
  ImGui_ImplSDL2_NewFrame();
  TouchInput::instance().begin_frame();  // a finger acting as the mouse overrides SDL's
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(css_w_), static_cast<float>(css_h_));
  io.DisplayFramebufferScale = ImVec2(pixel_ratio_, pixel_ratio_);
  // Two browser frames can share a timestamp (headless virtual time); ImGui needs a positive step.
  io.DeltaTime = std::clamp(io.DeltaTime, 1.0f / 1000.0f, 0.25f);
  ImGui::NewFrame();
}

namespace {

// Mixes 8 bytes at a time: a frame's vertices are hashed in a fraction of what drawing them costs.
std::uint64_t mix(std::uint64_t h, const void* data, std::size_t bytes) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint64_t word = 0;
  for (std::size_t i = 0; i + 8 <= bytes; i += 8) {
    std::memcpy(&word, p + i, 8);
    h = (h ^ word) * 0x100000001b3ull;
    h ^= h >> 29;
  }
  for (std::size_t i = bytes & ~std::size_t{7}; i < bytes; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}

// Everything that decides what a frame puts on the canvas.
std::uint64_t fingerprint(const ImDrawData* dd, int fb_w, int fb_h) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  const int size[2] = {fb_w, fb_h};
  h = mix(h, size, sizeof size);
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    h = mix(h, list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
    h = mix(h, list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      h = mix(h, &cmd.ClipRect, sizeof cmd.ClipRect);
      const std::uintptr_t texture = reinterpret_cast<std::uintptr_t>(cmd.TextureId);
      const unsigned counts[3] = {cmd.ElemCount, cmd.IdxOffset, cmd.VtxOffset};
      h = mix(h, &texture, sizeof texture);
      h = mix(h, counts, sizeof counts);
    }
  }
  return h;
}

}  // namespace

void Platform::end_frame() {
  ImGui::Render();
  int fb_w = static_cast<int>(std::lround(css_w_ * pixel_ratio_));
  int fb_h = static_cast<int>(std::lround(css_h_ * pixel_ratio_));
  ++frames_;
  // A frame that would draw exactly what is on the canvas already is not drawn: the browser
  // keeps showing the last one. An idle page then costs the GPU nothing (a phone's tall
  // canvas is millions of pixels), and the main thread stays free for input and replies.
  const std::uint64_t print = fingerprint(ImGui::GetDrawData(), fb_w, fb_h);
  if (print == drawn_fingerprint_ && font_ratio_ == drawn_ratio_) {
    ++frames_skipped_;
    return;
  }
  drawn_fingerprint_ = print;
  drawn_ratio_ = font_ratio_;
  glViewport(0, 0, fb_w, fb_h);
  const ImVec4 clear = app_palette().canvas_background;
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  renderer_.render(ImGui::GetDrawData());
}

}  // namespace looplab::app
