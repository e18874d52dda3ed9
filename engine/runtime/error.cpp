#include "runtime/error.h"

#include <c10/util/Exception.h>

#include <exception>

namespace atelier {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument: return "invalid argument";
    case ErrorKind::NotFound: return "not found";
    case ErrorKind::BadFile: return "bad file";
    case ErrorKind::Unsupported: return "unsupported";
    case ErrorKind::Device: return "device error";
    case ErrorKind::Internal: return "internal error";
    case ErrorKind::Cancelled: return "cancelled";
    case ErrorKind::Io: return "input/output error";
  }
  return "error";
}

std::string describe_current_exception() {
  try {
    throw;
  } catch (const Error& e) {
    return e.what();
  } catch (const c10::Error& e) {
    // what() carries a C++ backtrace that means nothing to a user; keep the first line.
    std::string msg = e.what_without_backtrace();
    if (auto nl = msg.find('\n'); nl != std::string::npos) msg.resize(nl);
    return "LibTorch: " + msg;
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

ErrorKind current_exception_kind() {
  try {
    throw;
  } catch (const Error& e) {
    return e.kind();
  } catch (const std::bad_alloc&) {
    return ErrorKind::Device;
  } catch (...) {
    return ErrorKind::Internal;
  }
}

}  // namespace atelier
