// SDL2's pixel-format converter, replaced at link time (-Wl,--wrap, see CMakeLists.txt).
// The page draws only through WebGL2: it never converts an SDL surface (no colour cursor
// made from pixels, no window icon). Yet the Emscripten video driver's table points at
// its colour-cursor maker, which calls the converter, and through it SDL links every
// software blitter it has: about 180 KB of code, 26 KB gzipped, never run. With the
// converter wrapped, nothing references SDL's own and the linker leaves the blitters out.
// Should SDL ever call it, it fails the way SDL reports any error, and the caller
// (SDL_CreateColorCursor, SDL_SetWindowIcon) gives up cleanly.
#include <SDL.h>

extern "C" SDL_Surface* __wrap_SDL_ConvertSurfaceFormat(SDL_Surface*, Uint32, Uint32) {
  SDL_SetError("LoopLab's page is built without SDL's surface conversion (it draws with WebGL2 only)");
  return nullptr;
}
