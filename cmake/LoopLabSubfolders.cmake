# looplab_add_subfolders(): adds every subfolder that has a CMakeLists.txt, in name order,
# so a new lesson, test area or core part is a new folder, not an edit of its parent.
function(looplab_add_subfolders)
  # CONFIGURE_DEPENDS: a folder added to an existing build is found by the next build.
  file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/*")
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY "${child}" AND EXISTS "${child}/CMakeLists.txt")
      add_subdirectory("${child}")
    endif()
  endforeach()
endfunction()
