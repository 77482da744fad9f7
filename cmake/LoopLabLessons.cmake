# looplab_add_lesson(ID <id> META lesson.json PAGE <page sources...>
#                    [PROSE prose.md]
#                    [SOURCES <scenario sources...>]   the lesson without any UI: built natively too
#                    [EMBED <name=file>...]            texts as std::string_view in looplab::<cid>::embedded
#                    [TESTS <doctest sources...>]      unit tests: natively, under ASan, as wasm under Node
#                    [BROWSER_TESTS <script.mjs>...]   against the real backend and the built site
#                    [BROWSER_NEEDS <targets...>]      the browser tests run only where these exist
#                    [BROWSER_ENV <VAR=value>...])     extra environment for them
#
# Called from lessons/<id>/CMakeLists.txt (after include(LoopLabLessons)); paths are
# relative to the lesson's folder. Everything a lesson is comes from its folder: in every
# build the scenario library lesson_<cid>_scenario and the tests; in the wasm build the
# page, linked into the one module (target `looplab`, src/app), recorded so that
# web/CMakeLists.txt generates its entry in the lesson table, its page (prose.md turned
# into HTML by cmark) and its line on the start page.
#
# lesson.json: {"id": "...", "title": "...", "summary": "one line", "needs_backend": true|false,
#               "order": <number, optional: position on the start page>}
# The page sources define looplab_make_lesson_<cid> (see src/app/lesson.h), <cid> = id with '-' -> '_'.
include_guard(GLOBAL)
include(LoopLabEmbedText)
include(LoopLabBrowserTests)

function(looplab_read_lesson_meta meta_file out_prefix)
  file(READ "${meta_file}" json)
  foreach(key id title summary needs_backend)
    string(JSON value ERROR_VARIABLE err GET "${json}" ${key})
    if(err)
      message(FATAL_ERROR "${meta_file}: needs a \"${key}\" field (${err})")
    endif()
    set(${out_prefix}_${key} "${value}" PARENT_SCOPE)
  endforeach()
  string(JSON order ERROR_VARIABLE err GET "${json}" order)
  if(err)
    set(order 1000)
  endif()
  set(${out_prefix}_order "${order}" PARENT_SCOPE)
endfunction()

function(looplab_add_lesson)
  cmake_parse_arguments(L "" "ID;META;PROSE" "PAGE;SOURCES;EMBED;TESTS;BROWSER_TESTS;BROWSER_NEEDS;BROWSER_ENV" ${ARGN})
  if(NOT L_ID OR NOT L_META OR NOT L_PAGE)
    message(FATAL_ERROR "looplab_add_lesson needs ID, META and PAGE (in ${CMAKE_CURRENT_SOURCE_DIR})")
  endif()
  if(NOT L_ID MATCHES "^[a-z][a-z0-9-]*$")
    message(FATAL_ERROR "lesson id '${L_ID}': use lower-case letters, digits and '-' (it becomes a file name)")
  endif()
  get_filename_component(meta "${L_META}" ABSOLUTE)
  looplab_read_lesson_meta("${meta}" M)
  if(NOT M_id STREQUAL L_ID)
    message(FATAL_ERROR "${meta}: id is '${M_id}' but the CMakeLists.txt says '${L_ID}'")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${meta}")
  if(NOT TARGET looplab_lesson_kit)
    return()  # a build without the scheduler: nothing a lesson can run on
  endif()
  string(REPLACE "-" "_" cid "${L_ID}")

  # --- The scenario: no UI, in every build ---
  set(scenario_sources ${L_SOURCES})
  set(gen "${CMAKE_BINARY_DIR}/generated/lessons/${cid}")
  if(L_EMBED)
    set(pairs "")
    foreach(pair IN LISTS L_EMBED)
      string(REPLACE "=" ";" parts "${pair}")
      list(GET parts 0 name)
      list(GET parts 1 file)
      get_filename_component(file "${file}" ABSOLUTE)
      list(APPEND pairs "${name}=${file}")
    endforeach()
    looplab_embed_text("${gen}/${cid}_embedded.cpp" "${gen}/${cid}_embedded.h" looplab::${cid}::embedded ${pairs})
    list(APPEND scenario_sources "${gen}/${cid}_embedded.cpp")
  endif()
  set(scenario lesson_${cid}_scenario)
  if(scenario_sources)
    add_library(${scenario} STATIC ${scenario_sources})
    target_include_directories(${scenario} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}" "${gen}")
    target_link_libraries(${scenario} PUBLIC looplab_lesson_kit)
    target_compile_options(${scenario} PRIVATE -Wall -Wextra)
    if(EMSCRIPTEN)
      looplab_optimize_for_size(${scenario})
    endif()
  else()
    add_library(${scenario} INTERFACE)
    target_include_directories(${scenario} INTERFACE "${CMAKE_CURRENT_SOURCE_DIR}")
    target_link_libraries(${scenario} INTERFACE looplab_lesson_kit)
  endif()

  # --- Its tests ---
  if(L_TESTS)
    looplab_add_test(NAME ${cid}_lesson_test PORTABLE
      SOURCES ${L_TESTS} "${CMAKE_SOURCE_DIR}/tests/support/doctest_main.cpp"
      LIBS ${scenario}
      LABELS lessons)
  endif()
  set(browser_ok TRUE)
  foreach(needed IN LISTS L_BROWSER_NEEDS)
    if(NOT TARGET ${needed})
      set(browser_ok FALSE)
    endif()
  endforeach()
  if(browser_ok)
    foreach(script IN LISTS L_BROWSER_TESTS)
      get_filename_component(script_path "${script}" ABSOLUTE)
      get_filename_component(script_dir "${script_path}" DIRECTORY)
      get_filename_component(script_name "${script_path}" NAME)
      string(REGEX REPLACE "\\.test\\.mjs$|\\.mjs$" "" test_name "${script_name}")
      looplab_add_browser_test(${test_name} "${script_name}" DIR "${script_dir}" ENV ${L_BROWSER_ENV})
    endforeach()
  endif()

  # --- The page: the wasm build's module only ---
  if(NOT TARGET looplab)
    return()  # no wasm module in this build (native, or wasm without SDL2)
  endif()
  add_library(lesson_${cid} STATIC ${L_PAGE})
  target_link_libraries(lesson_${cid} PUBLIC looplab_app ${scenario})
  target_compile_options(lesson_${cid} PRIVATE -Wall -Wextra)
  looplab_optimize_for_size(lesson_${cid})
  target_link_libraries(looplab PRIVATE lesson_${cid})

  set(prose "")
  if(L_PROSE)
    get_filename_component(prose "${L_PROSE}" ABSOLUTE)
  endif()
  set_property(GLOBAL APPEND PROPERTY LOOPLAB_LESSONS "${L_ID}")
  set_property(GLOBAL PROPERTY LOOPLAB_LESSON_${cid}_META "${meta}")
  set_property(GLOBAL PROPERTY LOOPLAB_LESSON_${cid}_PROSE "${prose}")
endfunction()
