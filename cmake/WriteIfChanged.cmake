# write_if_changed(FILE CONTENT): writes CONTENT to FILE unless it holds exactly that already, so that a
# generated source that did not change does not trigger a rebuild. Used by the build-time generators.
function(write_if_changed file content)
  if(EXISTS ${file})
    file(READ ${file} _old)
    if(_old STREQUAL content)
      return()
    endif()
  endif()
  file(WRITE ${file} "${content}")
endfunction()
