# looplab_add_browser_test(<name> <script.mjs> [DIR <folder>] [ENV <VAR=value>...])
#
# A browser test: Debian's Chromium driven by playwright-core (tests/browser/node_modules)
# against the real backend and the built site. Registered in the native build, which knows
# both (the wasm build's site comes from LOOPLAB_WASM_DIR). The test is named browser.<name>.
include_guard(GLOBAL)

function(looplab_add_browser_test name script)
  cmake_parse_arguments(B "" "DIR" "ENV" ${ARGN})
  if(EMSCRIPTEN OR NOT LOOPLAB_WASM_DIR)
    return()
  endif()
  find_program(NODE_EXECUTABLE node REQUIRED)
  if(NOT B_DIR)
    set(B_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  add_test(NAME browser.${name}
    COMMAND "${NODE_EXECUTABLE}" "${B_DIR}/${script}"
    WORKING_DIRECTORY "${B_DIR}")
  set_tests_properties(browser.${name} PROPERTIES
    LABELS "browser"
    TIMEOUT 240
    # Each test starts its own backend on a free port. They measure real time on a
    # 2-core machine, so nothing else runs beside them.
    RUN_SERIAL TRUE
    ENVIRONMENT "LOOPLAB_BACKEND=${CMAKE_BINARY_DIR}/native_backend/looplab-backend;LOOPLAB_SITE=${LOOPLAB_WASM_DIR}/site;LOOPLAB_ARTIFACTS=${CMAKE_SOURCE_DIR}/artifacts")
  foreach(env IN LISTS B_ENV)
    set_property(TEST browser.${name} APPEND PROPERTY ENVIRONMENT "${env}")
  endforeach()
endfunction()
