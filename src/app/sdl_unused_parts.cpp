// SDL2 functions replaced at link time (-Wl,--wrap, see CMakeLists.txt), so that the
// large parts of SDL only they reach stay out of the page's module.
//
// The pixel-format converter: the page draws only through WebGL2 and never converts an SDL
// surface (no colour cursor made from pixels, no window icon). Yet the Emscripten video
// driver's table points at its colour-cursor maker, which calls the converter, and through
// it SDL links every software blitter it has: about 180 KB of code, 26 KB gzipped, never
// run. Should SDL ever call it, it fails the way SDL reports any error, and the caller
// (SDL_CreateColorCursor, SDL_SetWindowIcon) gives up cleanly.
//
// Opening a game controller: Dear ImGui's SDL backend calls it only with gamepad
// navigation on (ImGuiConfigFlags_NavEnableGamepad, which the page never sets), and it
// links SDL's game-controller layer and mapping code: 8.5 KB gzipped. It answers "no
// controller", as SDL does when none is plugged in.
//
// Run-length encoding of surfaces: an optional speed-up of SDL's software blits, which SDL
// tries only when asked (SDL_SetSurfaceRLE) and otherwise falls back from to the plain
// blitter. The page blits no SDL surface at all, yet SDL_FreeSurface and the blit mapper
// reach the encoder, the decoder and the two RLE blitters: about 16 KB of code, 5 KB
// gzipped. The encoder answers "not encoded" (SDL then blits unencoded, as on a surface
// that cannot be encoded), so no surface ever carries SDL_RLEACCEL and the decoder, which
// SDL calls only on such a surface, has nothing to undo.
#include <SDL.h>

extern "C" SDL_Surface* __wrap_SDL_ConvertSurfaceFormat(SDL_Surface*, Uint32, Uint32) {
  SDL_SetError("LoopLab's page is built without SDL's surface conversion (it draws with WebGL2 only)");
  return nullptr;
}

extern "C" SDL_GameController* __wrap_SDL_GameControllerOpen(int) {
  SDL_SetError("LoopLab's page is built without game controllers");
  return nullptr;
}

extern "C" int __wrap_SDL_RLESurface(SDL_Surface*) { return -1; }

extern "C" void __wrap_SDL_UnRLESurface(SDL_Surface* surface, int) {
  surface->flags &= ~SDL_RLEACCEL;  // never set: __wrap_SDL_RLESurface encodes nothing
}
