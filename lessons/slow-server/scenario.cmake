# The slow-server scenario without any UI: the C++ scenario on looplab_core, its Python
# snippets and the seed's figures (embedded), the run summary and the verdict rules.
# Shared by the lesson (wasm) and its native tests (tests/ui), hence a file both include.
include_guard(GLOBAL)
set(_slow_server_dir "${CMAKE_CURRENT_LIST_DIR}")
include(LoopLabEmbedText)

set(_gen "${CMAKE_BINARY_DIR}/generated/slow_server")
looplab_embed_text("${_gen}/slow_server_embedded.cpp" "${_gen}/slow_server_embedded.h" looplab::slow_server::embedded
  "sync_py=${_slow_server_dir}/snippets/sync.py"
  "async_py=${_slow_server_dir}/snippets/async.py"
  "fake_async_py=${_slow_server_dir}/snippets/fake_async.py"
  "published_json=${_slow_server_dir}/published.json")

add_library(slow_server_scenario STATIC
  "${_slow_server_dir}/scenario.cpp"
  "${_slow_server_dir}/snippets.cpp"
  "${_slow_server_dir}/published.cpp"
  "${_slow_server_dir}/run_summary.cpp"
  "${_slow_server_dir}/verdict_rules.cpp"
  "${_gen}/slow_server_embedded.cpp")
target_include_directories(slow_server_scenario PUBLIC "${_slow_server_dir}" "${_gen}")
target_link_libraries(slow_server_scenario PUBLIC looplab_core looplab_ui_logic)
target_compile_options(slow_server_scenario PRIVATE -Wall -Wextra)
