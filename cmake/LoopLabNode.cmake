# Node as the runner of the wasm build's programs (the wasm tests in the native build's CTest).
# LOOPLAB_NODE_WASM is the command line to put before a .js: the node found on PATH (or given as
# -DNODE_EXECUTABLE=...) and the flags scripts/node-wasm-flags.sh says that Node needs, asked once
# per configure. Configure runs again when that script or the node binary changes.
include_guard(GLOBAL)

if(EMSCRIPTEN OR NOT LOOPLAB_WASM_DIR)
  return()
endif()

find_program(NODE_EXECUTABLE node REQUIRED)
set(flags_script "${CMAKE_SOURCE_DIR}/scripts/node-wasm-flags.sh")
execute_process(COMMAND "${flags_script}" "${NODE_EXECUTABLE}"
  OUTPUT_VARIABLE flags ERROR_VARIABLE error RESULT_VARIABLE status OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${error}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
set(LOOPLAB_NODE_WASM "${NODE_EXECUTABLE}" ${flags})
list(JOIN LOOPLAB_NODE_WASM " " shown)
message(STATUS "wasm programs run under: ${shown}")
set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${flags_script}" "${NODE_EXECUTABLE}")
