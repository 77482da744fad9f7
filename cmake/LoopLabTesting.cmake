# looplab_add_test(NAME <name> SOURCES <files...> [LIBS <targets...>] [PORTABLE] [LABELS <labels...>])
#
# Registers a compiled test once and runs it in every build that can:
#   <name>        natively,
#   <name>.asan   the same test from the sanitizer build (when LOOPLAB_ASAN_DIR is set),
#   <name>.wasm   the wasm build of it under Node (PORTABLE tests, when LOOPLAB_WASM_DIR is set).
# The native build's CTest is the single place every test runs from.
include(LoopLabNode)

function(looplab_add_test)
  cmake_parse_arguments(T "PORTABLE" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
  if(EMSCRIPTEN AND NOT T_PORTABLE)
    return()
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS})
  if(EMSCRIPTEN)
    target_link_options(${T_NAME} PRIVATE -sENVIRONMENT=node -sEXIT_RUNTIME=1)
    return()
  endif()
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "unit;${T_LABELS}")
  file(RELATIVE_PATH rel "${CMAKE_BINARY_DIR}" "${CMAKE_CURRENT_BINARY_DIR}")
  if(LOOPLAB_ASAN_DIR)
    add_test(NAME ${T_NAME}.asan COMMAND "${LOOPLAB_ASAN_DIR}/${rel}/${T_NAME}")
    set_tests_properties(${T_NAME}.asan PROPERTIES LABELS "asan;${T_LABELS}"
      ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  endif()
  if(LOOPLAB_WASM_DIR AND T_PORTABLE)
    add_test(NAME ${T_NAME}.wasm COMMAND ${LOOPLAB_NODE_WASM} "${LOOPLAB_WASM_DIR}/${rel}/${T_NAME}.js")
    set_tests_properties(${T_NAME}.wasm PROPERTIES LABELS "wasm;${T_LABELS}")
  endif()
endfunction()
