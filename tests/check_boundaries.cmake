# Checks the architecture's boundaries on the sources (run by ctest with -P).
#   engine/            : no Qt header
#   widgets/, app/     : no torch header (ATen, c10, torch)
#   widgets/           : no engine header either (runtime/, clip/, train/, ... or atelier/version.h):
#                        the app hands the widgets what the engine knows
#   engine public *.h  : no torch header (everything outside a detail/ folder, and not pch.h)
#   cli/               : no Qt header, nothing of app/ or widgets/
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

# The engine's headers are included by their folder ("train/clip_trainer.h"): every folder of
# engine/ counts, so a new one is covered too; and its generated atelier/version.h, or a path
# that names engine/ itself.
file(GLOB engine_entries LIST_DIRECTORIES true RELATIVE "${SOURCE_DIR}/engine" "${SOURCE_DIR}/engine/*")
set(engine_dirs "")
foreach(entry IN LISTS engine_entries)
  if(IS_DIRECTORY "${SOURCE_DIR}/engine/${entry}")
    list(APPEND engine_dirs "${entry}")
  endif()
endforeach()
if(NOT engine_dirs)
  message(FATAL_ERROR "no folders found in ${SOURCE_DIR}/engine")
endif()
list(JOIN engine_dirs "|" engine_dir_names)
set(engine_include "^[ \t]*#[ \t]*include[ \t]*[<\"](([.][.]/)*engine/|atelier/|(${engine_dir_names})/)")
scan(widgets "*" "${engine_include}" "an engine header in widgets")

# The CLI is the GUI's sibling: no Qt, and nothing of app/ or widgets/.
scan(cli "*" "${qt_include}" "Qt in the CLI")
scan(cli "*" "^[ \t]*#[ \t]*include[ \t]*[<\"]([.][.]/)*(app|widgets)/" "the GUI in the CLI")

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
message(STATUS "boundaries: engine has no Qt, widgets/app and engine headers have no torch, widgets no engine header, the CLI has no Qt and no GUI")
