# Project-wide warning flags, applied per target so third-party code is left alone.
function(atelier_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
