// Test helper: the message of the atelier::Error a call throws, or "(no error)".
#pragma once
#include <functional>
#include <string>

#include "runtime/error.h"

inline std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const atelier::Error& e) {
    return e.what();
  }
  return "(no error)";
}
