// A restricted unpickler: it rebuilds tensors and plain containers from a pickle and treats
// every other class as an opaque value (its name, arguments and state), so Lightning checkpoints,
// state dicts and TorchScript archives all load, and nothing named in the file is imported or
// run. Private to the engine (it carries torch types).
#pragma once
#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::io {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

struct PickleValue {
  enum class Kind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Set, Tensor, Global, Object, Mark };
  Kind kind = Kind::None;
  bool b = false;
  int64_t i = 0;
  double f = 0.0;
  std::string s;                                   // String, Bytes, Global ("module.name"), Object (class)
  std::vector<PickleRef> items;                    // Tuple, List, Set; Object: its arguments
  std::vector<std::pair<PickleRef, PickleRef>> dict;  // Dict; Object: its state when a dict
  PickleRef state;                                 // Object: its state when not a dict
  at::Tensor tensor;
};

// Supplies a storage's bytes: (record key, dtype, element count) -> a 1-D tensor of that dtype.
using StorageLoader = std::function<at::Tensor(const std::string& key, at::ScalarType dtype, int64_t numel)>;

struct UnpickleResult {
  PickleRef root;
  std::vector<std::string> called;  // every callable the pickle asked for, resolved or not
};

// Throws Error(BadFile) on a malformed pickle and Error(Unsupported) when the pickle asks for a
// callable that can only mean running code (os.system, eval, subprocess, ...). source names the file.
UnpickleResult unpickle(std::string_view data, const StorageLoader& storages, const std::string& source);

// Every tensor in the value, keyed by its dotted path ("visual.conv1.weight"): dict keys,
// object attributes (TorchScript modules), list indices.
std::map<std::string, at::Tensor> collect_tensors(const PickleRef& root);

}  // namespace atelier::io
