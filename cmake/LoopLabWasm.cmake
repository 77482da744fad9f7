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

if(LOOPLAB_SDL2_WASM_DIR)
  add_library(sdl2_wasm INTERFACE)
  target_include_directories(sdl2_wasm SYSTEM INTERFACE "${LOOPLAB_SDL2_WASM_DIR}/include")
  target_link_libraries(sdl2_wasm INTERFACE "${LOOPLAB_SDL2_WASM_DIR}/lib/libSDL2.a")

  # Dear ImGui 1.86 from Debian's source package, with the SDL2 + OpenGL ES 3 (WebGL2) backends.
  set(IMGUI_DIR "${LOOPLAB_THIRD_PARTY}/imgui-1.86+ds")
  add_library(imgui STATIC
    "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
    "${IMGUI_DIR}/imgui_widgets.cpp"
    "${IMGUI_DIR}/backends/imgui_impl_sdl.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
  target_compile_options(imgui PRIVATE -w -Oz)  # see looplab_optimize_for_size below
  # Except the draw lists: the timeline's thousands of rectangles and lines go through them.
  set_source_files_properties("${IMGUI_DIR}/imgui_draw.cpp" TARGET_DIRECTORY imgui PROPERTIES COMPILE_OPTIONS -O3)
  target_link_libraries(imgui PUBLIC sdl2_wasm)
  target_link_options(imgui INTERFACE -sUSE_WEBGL2=1 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2)
endif()

# The page's own code (the app runtime, the lesson frame, the widgets, the lessons, Dear
# ImGui) is built for size: one module carries every lesson, and most of it runs once per frame or less. The
# scheduler and the timeline's culling (looplab_core, looplab_ui_logic) stay at -O3: they
# are the hot paths the benchmarks measure (-Oz on the scheduler cost 25-35% of the wasm
# queue workload in ./bench/run scheduler).
function(looplab_optimize_for_size target)
  target_compile_options(${target} PRIVATE -Oz)
endfunction()

# The page's module is linked for size too: the link-time optimizer (wasm-opt) then shrinks
# rather than inlines, and emmalloc is a few KB smaller than dlmalloc. The code compiled at
# -O3 above keeps its inlining (done by the compiler, before the link). Measured with
# ./bench/run lesson-page: -20 KB gzip for -Oz, -2.5 KB for emmalloc; the 4,000-task frame
# time did not move beyond the run-to-run noise (A/B against an -O3, dlmalloc link).
function(looplab_link_for_size target)
  target_link_options(${target} PRIVATE -Oz -sMALLOC=emmalloc)
endfunction()
