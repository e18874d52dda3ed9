# Builds the .deb from an already built tree and checks what is in it.
#   cmake -DBUILD_DIR=<build dir> [-DEXPECTED_VERSION=x.y.z] [-DCONFIG=<config>] -P check_deb.cmake
# The package goes to <build dir>/packaging-test, apart from the normal <build dir>/package.
cmake_minimum_required(VERSION 3.25)

if(NOT BUILD_DIR)
  message(FATAL_ERROR "check_deb: pass -DBUILD_DIR=<the configured and built build directory>")
endif()
set(config_file "${BUILD_DIR}/CPackConfig.cmake")
if(NOT EXISTS "${config_file}")
  message(FATAL_ERROR "check_deb: ${config_file} does not exist: configure and build the full "
                      "Qt build (not ATELIER_TORCH_ONLY) in ${BUILD_DIR} first")
endif()
find_program(DPKG_DEB dpkg-deb)
if(NOT DPKG_DEB)
  message(FATAL_ERROR "check_deb: dpkg-deb not found (install dpkg-dev: packaging/install-deps.sh)")
endif()

set(out_dir "${BUILD_DIR}/packaging-test")
file(REMOVE_RECURSE "${out_dir}")
set(cpack_args -G DEB --config "${config_file}" -B "${out_dir}")
if(CONFIG)
  list(APPEND cpack_args -C "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_CPACK_COMMAND}" ${cpack_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_deb: cpack failed (${rc}):\n${out}")
endif()

file(GLOB debs "${out_dir}/*.deb")
list(LENGTH debs n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "check_deb: expected one .deb in ${out_dir}, found ${n}:\n${out}")
endif()
message(STATUS "check_deb: built ${debs}")

# Contents: the last field of each `dpkg-deb -c` line is the path ("./usr/...", links "-> x").
execute_process(COMMAND "${DPKG_DEB}" -c "${debs}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE listing ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_deb: dpkg-deb -c failed (${rc}): ${err}")
endif()
string(REPLACE "\n" ";" lines "${listing}")
set(paths "")
foreach(line IN LISTS lines)
  if(line MATCHES " (\\./.*)$")
    string(REGEX REPLACE " -> .*$" "" path "${CMAKE_MATCH_1}")
    string(REGEX REPLACE "/$" "" path "${path}")
    list(APPEND paths "${path}")
  endif()
endforeach()

set(missing "")
foreach(expected IN ITEMS
    ./usr/bin/clip-atelier
    ./usr/bin/clip-atelier-cli
    ./usr/share/applications/clip-atelier.desktop
    ./usr/share/metainfo/io.github.clip_atelier.ClipAtelier.metainfo.xml
    ./usr/share/icons/hicolor/scalable/apps/clip-atelier.svg
    ./usr/share/clip-atelier/photos/cat.png
    ./usr/share/clip-atelier/catalog.json
    ./usr/share/clip-atelier/imagenet/classes.txt
    ./usr/share/clip-atelier/imagenet/LICENSE
    ./usr/share/clip-atelier/photos/LICENSES.md
    # the embedded models, each with its card (data, licence, figures)
    ./usr/share/clip-atelier/models/mini-clip/model.safetensors
    ./usr/share/clip-atelier/models/mini-clip/vocab.txt.gz
    ./usr/share/clip-atelier/models/mini-clip/README.md
    ./usr/share/clip-atelier/models/mini-vqgan/model.safetensors
    ./usr/share/clip-atelier/models/mini-vqgan/model.yaml
    ./usr/share/clip-atelier/models/mini-vqgan/README.md
    ./usr/share/clip-atelier/models/gan-emoji/model.safetensors
    ./usr/share/clip-atelier/models/gan-emoji/README.md
    ./usr/share/clip-atelier/models/gan-fashion/model.safetensors
    ./usr/share/clip-atelier/models/gan-fashion/README.md
    ./usr/share/doc/clip-atelier/copyright)
  if(NOT expected IN_LIST paths)
    list(APPEND missing "${expected}")
  endif()
endforeach()
if(missing)
  list(JOIN missing "\n  " missing)
  message(FATAL_ERROR "check_deb: missing from ${debs}:\n  ${missing}\nIt holds:\n${listing}")
endif()

# Control fields: the name, the version and the dependencies dpkg-shlibdeps found.
execute_process(COMMAND "${DPKG_DEB}" -f "${debs}" Package Version Depends
                RESULT_VARIABLE rc OUTPUT_VARIABLE fields ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_deb: dpkg-deb -f failed (${rc}): ${err}")
endif()
message(STATUS "check_deb: control fields:\n${fields}")
if(NOT fields MATCHES "Package: clip-atelier\n")
  message(FATAL_ERROR "check_deb: the package is not named clip-atelier:\n${fields}")
endif()
if(EXPECTED_VERSION AND NOT fields MATCHES "Version: ${EXPECTED_VERSION}")
  message(FATAL_ERROR "check_deb: expected Version ${EXPECTED_VERSION}:\n${fields}")
endif()
if(NOT fields MATCHES "Depends:[^\n]*(libtorch|libc10)")
  message(FATAL_ERROR "check_deb: Depends does not name libtorch (dpkg-shlibdeps):\n${fields}")
endif()
# The fast BLAS, as a plain dependency (not an alternative apt could skip), and not the pthread build.
if(NOT fields MATCHES "Depends: ([^\n]*, )?libopenblas0-openmp(,|\n)")
  message(FATAL_ERROR "check_deb: Depends does not name libopenblas0-openmp:\n${fields}")
endif()
if(fields MATCHES "libopenblas0-pthread")
  message(FATAL_ERROR "check_deb: the package pulls libopenblas0-pthread, whose threads fight LibTorch's:\n${fields}")
endif()

# What it ships, checked as installed: the desktop file and the AppStream metadata validate, and
# the translations are in the program (qt_add_translations embeds them as resources, whose names
# rcc stores as UTF-16: `strings -e b` finds them).
set(root "${out_dir}/root")
execute_process(COMMAND "${DPKG_DEB}" -x "${debs}" "${root}" RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_deb: dpkg-deb -x failed (${rc}): ${err}")
endif()
find_program(DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(APPSTREAMCLI appstreamcli)
find_program(STRINGS strings)
if(NOT DESKTOP_FILE_VALIDATE OR NOT APPSTREAMCLI OR NOT STRINGS)
  message(FATAL_ERROR "check_deb: desktop-file-validate, appstreamcli or strings missing (packaging/install-deps.sh)")
endif()
execute_process(COMMAND "${DESKTOP_FILE_VALIDATE}" --no-hints "${root}/usr/share/applications/clip-atelier.desktop"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out STREQUAL "")
  message(FATAL_ERROR "check_deb: the packaged desktop file does not validate:\n${out}")
endif()
execute_process(COMMAND "${APPSTREAMCLI}" validate --no-net --strict
                        "${root}/usr/share/metainfo/io.github.clip_atelier.ClipAtelier.metainfo.xml"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "check_deb: the packaged metainfo does not validate:\n${out}")
endif()
execute_process(COMMAND "${STRINGS}" -e b "${root}/usr/bin/clip-atelier"
                RESULT_VARIABLE rc OUTPUT_VARIABLE resources ERROR_VARIABLE err)
foreach(lang IN ITEMS de es)
  if(NOT resources MATCHES "clip-atelier_${lang}\\.qm")
    message(FATAL_ERROR "check_deb: the program in the package has no ${lang} translation (clip-atelier_${lang}.qm)")
  endif()
endforeach()
message(STATUS "check_deb: ${debs} is complete")
