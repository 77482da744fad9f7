# Emscripten 3.1.6 settings (see ../shared/TOOLCHAIN.md for why each is here).
# Native wasm exceptions: gather() propagates task errors, and JS-emulated
# exceptions would slow every call down; -mtail-call gives coroutines symmetric transfer.
add_compile_options(-fwasm-exceptions -mtail-call -Wno-deprecated-experimental-coroutine)
add_link_options(-fwasm-exceptions -mtail-call -sALLOW_MEMORY_GROWTH=1)

# Host headers break the wasm build, so header-only libraries from /usr/include
# are reached through a folder that holds only links to them.
set(LOOPLAB_WASM_INCLUDE "${CMAKE_BINARY_DIR}/wasm-include")
file(MAKE_DIRECTORY "${LOOPLAB_WASM_INCLUDE}")
foreach(lib nlohmann doctest)
  if(NOT EXISTS "${LOOPLAB_WASM_INCLUDE}/${lib}")
    file(CREATE_LINK "/usr/include/${lib}" "${LOOPLAB_WASM_INCLUDE}/${lib}" SYMBOLIC)
  endif()
endforeach()
include_directories(SYSTEM "${LOOPLAB_WASM_INCLUDE}")

# SDL2 built once by scripts/build-sdl2-wasm.sh into a version-keyed cache.
set(LOOPLAB_SDL2_WASM_DIR "" CACHE PATH "Cached SDL2-for-wasm build (lib/, include/)")
