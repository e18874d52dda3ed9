// A restricted unpickler: it rebuilds tensors and plain containers from a pickle and treats
// every other allowed class as an opaque value (its name, arguments and state), so Lightning
// checkpoints, state dicts and TorchScript archives all load, and nothing named in the file is
// imported or run. Only globals on an allow-list may be called; objects of a user's classes
// (Lightning keeps callbacks' states so) are kept opaque, except classes of modules that only
// mean running code (os, subprocess, builtins, ...); anything else is refused by name. It is iterative and
// budgeted (limits.h): values live in one arena (no recursion to free them, no leak from a
// cycle), the pickle's size, the values it creates and references, and the nesting and number
// of tensors collected are bounded. Private to the engine (it carries torch types).
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
using PickleRef = PickleValue*;  // owned by the UnpickleResult's arena

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
// Called once per key; a legacy file's view of a storage ((view key, offset, size) in its
// persistent id) is a slice of the tensor returned for the storage it views.
using StorageLoader = std::function<at::Tensor(const std::string& key, at::ScalarType dtype, int64_t numel)>;

struct UnpickleResult {
  std::shared_ptr<void> arena;  // owns every value
  PickleRef root = nullptr;
  std::vector<std::string> called;  // every callable the pickle asked for, resolved or not
  size_t end = 0;                   // bytes read, through the STOP opcode (torch.save's legacy files are pickles in a row)
};

// Throws Error(BadFile) on a malformed pickle or one past a budget, and Error(Unsupported) when
// the pickle names a global outside the allow-list (os.system, eval, subprocess, ...: anything a
// checkpoint does not need). source names the file. Reads up to the first STOP: data may go on
// (UnpickleResult::end says where the pickle ended).
UnpickleResult unpickle(std::string_view data, const StorageLoader& storages, const std::string& source);

// Every tensor in the value, keyed by its dotted path ("visual.conv1.weight"): dict keys,
// object attributes (TorchScript modules), list indices. A container reached by several paths
// is walked once (its first path); a tensor is named by every path that reaches it. Throws
// Error(BadFile) past limits::kMaxPickleDepth, kMaxTensorNames or kMaxKeyLength.
std::map<std::string, at::Tensor> collect_tensors(PickleRef root, const std::string& source = "the checkpoint");

// Whether a pickle may call this global ("module.name"): PyTorch's weights_only allow-list,
// TorchScript's helpers, Lightning's classes.
bool allowed_global(const std::string& name);
// Whether a pickle may create an object of this class (NEWOBJ: rebuilt here as an opaque value,
// never constructed): the allow-list, and classes of no module that only means running code.
bool instantiable(const std::string& name);

}  // namespace atelier::io
