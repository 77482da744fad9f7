# looplab_add_lesson(ID <id> META lesson.json SOURCES <files...> [PROSE prose.md] [LIBS <targets...>])
#
# Called from lessons/<id>/CMakeLists.txt (after include(LoopLabLessons)). Links the
# lesson's sources into the one wasm module (target `looplab`, src/app) and records it,
# so web/CMakeLists.txt generates its entry in the lesson table, its page (prose.md
# turned into HTML by cmark) and its line on the start page.
#
# lesson.json: {"id": "...", "title": "...", "summary": "one line", "needs_backend": true|false,
#               "order": <number, optional: position on the start page>}
# The sources define looplab_make_lesson_<cid> (see src/app/lesson.h), <cid> = id with '-' -> '_'.
include_guard(GLOBAL)

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
  cmake_parse_arguments(L "" "ID;META;PROSE" "SOURCES;LIBS" ${ARGN})
  if(NOT L_ID OR NOT L_META OR NOT L_SOURCES)
    message(FATAL_ERROR "looplab_add_lesson needs ID, META and SOURCES (in ${CMAKE_CURRENT_SOURCE_DIR})")
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
  if(NOT TARGET looplab)
    return()  # no wasm module in this build (native, or wasm without SDL2)
  endif()

  string(REPLACE "-" "_" cid "${L_ID}")
  add_library(lesson_${cid} STATIC ${L_SOURCES})
  target_link_libraries(lesson_${cid} PUBLIC looplab_app ${L_LIBS})
  target_link_libraries(looplab PRIVATE lesson_${cid})

  set(prose "")
  if(L_PROSE)
    get_filename_component(prose "${L_PROSE}" ABSOLUTE)
  endif()
  set_property(GLOBAL APPEND PROPERTY LOOPLAB_LESSONS "${L_ID}")
  set_property(GLOBAL PROPERTY LOOPLAB_LESSON_${cid}_META "${meta}")
  set_property(GLOBAL PROPERTY LOOPLAB_LESSON_${cid}_PROSE "${prose}")
endfunction()
