# The slow-query scenario without any UI (scenario, snippets, verdict), shared by the
# lesson (wasm) and its native test.
include_guard(GLOBAL)
set(_slow_query_dir "${CMAKE_CURRENT_LIST_DIR}")
include(LoopLabEmbedText)
set(_sq_gen "${CMAKE_BINARY_DIR}/generated/slow_query")
looplab_embed_text("${_sq_gen}/slow_query_embedded.cpp" "${_sq_gen}/slow_query_embedded.h" looplab::slow_query::embedded
  "sync_py=${_slow_query_dir}/snippets/sync.py"
  "async_py=${_slow_query_dir}/snippets/async.py")
add_library(slow_query_scenario STATIC
  "${_slow_query_dir}/scenario.cpp"
  "${_slow_query_dir}/snippets.cpp"
  "${_slow_query_dir}/verdict.cpp"
  "${_sq_gen}/slow_query_embedded.cpp")
target_include_directories(slow_query_scenario PUBLIC "${_slow_query_dir}" "${_sq_gen}")
target_link_libraries(slow_query_scenario PUBLIC looplab_core looplab_ui_logic)
target_compile_options(slow_query_scenario PRIVATE -Wall -Wextra)
