// One error type for the whole engine: a kind the caller can branch on and a message a person
// can act on. c10::Error and other exceptions are translated once, at the engine's edge.
#pragma once
#include <stdexcept>
#include <string>

namespace atelier {

enum class ErrorKind {
  InvalidArgument,  // a parameter or input the caller can fix
  NotFound,         // a file, model or device that is not there
  BadFile,          // a file that exists but can't be read as what it claims to be
  Unsupported,      // a valid request this build or model can't do
  Device,           // the compute device failed or is missing
  Internal,         // a bug: nothing the user did
  Cancelled,        // the user stopped it
  Io,               // the disk or the network failed (full disk, refused connection, timeout)
};

const char* to_string(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// Call inside a catch block: a readable one-line message for whatever is being handled
// (c10::Error without its C++ backtrace, atelier::Error as is, anything else named).
std::string describe_current_exception();
// Call inside a catch block: the kind of whatever is being handled (an atelier::Error's own kind;
// out of memory is Device; LibTorch's errors and anything else unknown are Internal).
ErrorKind current_exception_kind();

}  // namespace atelier
