# looplab_add_subfolders(): adds every subfolder that has a CMakeLists.txt, in name order,
# so a new lesson, test area or core part is a new folder, not an edit of its parent.
function(looplab_add_subfolders)
  file(GLOB children LIST_DIRECTORIES true "${CMAKE_CURRENT_SOURCE_DIR}/*")
  list(SORT children)
  foreach(child IN LISTS children)
    if(IS_DIRECTORY "${child}" AND EXISTS "${child}/CMakeLists.txt")
      add_subdirectory("${child}")
    endif()
  endforeach()
endfunction()
