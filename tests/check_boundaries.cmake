# Checks the architecture's boundaries on the sources (run by ctest with -P).
#   engine/            : no Qt header
#   widgets/, app/     : no torch header (ATen, c10, torch)
#   engine public *.h  : no torch header (everything outside a detail/ folder, and not pch.h)
#   clip-atelier-cli   : does not link Qt
set(failures "")

function(scan dir glob pattern what)
  file(GLOB_RECURSE files "${SOURCE_DIR}/${dir}/${glob}")
  foreach(f IN LISTS files)
    if(f MATCHES "/detail/" AND what STREQUAL "torch in a public engine header")
      continue()
    endif()
    if(f MATCHES "/pch\\.h$")
      continue()
    endif()
    file(STRINGS "${f}" hits REGEX "${pattern}")
    if(hits)
      string(REPLACE "${SOURCE_DIR}/" "" rel "${f}")
      list(APPEND failures "${rel}: ${what}: ${hits}")
    endif()
  endforeach()
  set(failures "${failures}" PARENT_SCOPE)
endfunction()

set(qt_include "^[ \t]*#[ \t]*include[ \t]*[<\"](Q[A-Za-z]+|Qt[A-Za-z]*/)")
set(torch_include "^[ \t]*#[ \t]*include[ \t]*[<\"](torch/|ATen/|c10/|caffe2/)")
scan(engine "*" "${qt_include}" "Qt in the engine")
scan(widgets "*" "${torch_include}" "torch in widgets")
scan(app "*" "${torch_include}" "torch in app")
scan(engine "*.h" "${torch_include}" "torch in a public engine header")

if(CLI)
  # Its own NEEDED entries: what it links, not what its libraries pull in (ldd would list the
  # Qt 5 that Debian's OpenCV brings along).
  execute_process(COMMAND readelf -d "${CLI}" OUTPUT_VARIABLE libs RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    list(APPEND failures "readelf -d ${CLI} failed")
  elseif(libs MATCHES "NEEDED[^\n]*libQt")
    list(APPEND failures "clip-atelier-cli links Qt")
  endif()
endif()

if(failures)
  list(JOIN failures "\n  " text)
  message(FATAL_ERROR "Boundary violations:\n  ${text}")
endif()
message(STATUS "boundaries: engine has no Qt, widgets/app and engine headers have no torch, the CLI has no Qt")
