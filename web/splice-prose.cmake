# cmake -DSHELL=<page shell> -DOUT=<page> [-DCMARK=<cmark> -DPROSE_MD=<prose.md>] -P splice-prose.cmake
# Turns the lesson's prose into HTML with cmark and puts it where the shell says <!--looplab:prose-->.
file(READ "${SHELL}" shell)
set(prose "")
if(PROSE_MD)
  execute_process(COMMAND "${CMARK}" --smart --to html "${PROSE_MD}"
    OUTPUT_VARIABLE prose ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmark could not convert ${PROSE_MD}: ${err}")
  endif()
endif()
string(FIND "${shell}" "<!--looplab:prose-->" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${SHELL} has no <!--looplab:prose--> marker")
endif()
string(REPLACE "<!--looplab:prose-->" "${prose}" page "${shell}")
file(WRITE "${OUT}" "${page}")
