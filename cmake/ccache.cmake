# Use ccache when it is installed. With a precompiled header, ccache only hits when it is told
# to ignore the PCH's defines and the headers' timestamps (measured: TOOLCHAIN.md). Paths under the
# source folder are hashed relative to it (CCACHE_BASEDIR) and the working directory is left out
# of the hash, so that another clone of the project (CI's clean clone) hits the same cache.
find_program(ATELIER_CCACHE ccache)
if(ATELIER_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      /usr/bin/env
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      CCACHE_BASEDIR=${PROJECT_SOURCE_DIR} CCACHE_NOHASHDIR=1
      ${ATELIER_CCACHE})
endif()
