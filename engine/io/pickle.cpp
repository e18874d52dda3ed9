#include "io/detail/pickle.h"

#include <cstring>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace atelier::io {

namespace {

using Kind = PickleValue::Kind;

struct Arena {
  std::deque<PickleValue> values;
};

const std::unordered_set<std::string>& allowed_exact() {
  // What PyTorch's weights_only unpickler allows, the TorchScript archive's helpers, and the
  // plain values Lightning keeps beside a state dict. Naming one of them runs nothing here.
  static const std::unordered_set<std::string> kNames = {
      "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
      "torch._utils._rebuild_parameter_with_state", "torch._tensor._rebuild_from_type_v2", "torch._utils._rebuild_qtensor",
      "torch._utils._rebuild_sparse_tensor", "torch.nn.parameter.Parameter", "torch.Tensor", "torch.Size", "torch.device",
      "torch.serialization._get_layout", "torch.strided", "torch.sparse_coo", "torch.storage.UntypedStorage",
      "torch.storage.TypedStorage", "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_tensorlist",
      "torch.jit._pickle.build_doublelist", "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensor_from_id",
      "torch.jit._pickle.restore_type_tag", "collections.OrderedDict", "collections.Counter", "collections.defaultdict",
      "builtins.set", "builtins.frozenset", "builtins.bytearray", "builtins.complex", "builtins.dict", "builtins.list",
      "builtins.tuple", "builtins.int", "builtins.float", "builtins.bool", "builtins.slice", "builtins.range",
      "__builtin__.set", "__builtin__.frozenset", "__builtin__.bytearray", "__builtin__.complex", "__builtin__.dict",
      "__builtin__.list", "__builtin__.tuple", "__builtin__.int", "__builtin__.float", "__builtin__.bool", "__builtin__.slice",
      "_codecs.encode", "argparse.Namespace", "pathlib.PosixPath", "pathlib.WindowsPath",
      "numpy.dtype", "numpy.ndarray", "numpy.core.multiarray.scalar", "numpy.core.multiarray._reconstruct",
      "numpy._core.multiarray.scalar", "numpy._core.multiarray._reconstruct"};
  return kNames;
}

}  // namespace

bool instantiable(const std::string& name) {
  if (allowed_global(name)) return true;
  // An object of a class of the user's (rebuilt as an opaque value, never constructed here),
  // but not one of the modules that only mean running code.
  static const char* kRefused[] = {"os.", "posix.", "nt.", "subprocess.", "sys.", "shutil.", "socket.", "pty.", "importlib.",
                                   "runpy.", "pickle.", "marshal.", "ctypes.", "code.", "codeop.", "webbrowser.", "timeit.",
                                   "multiprocessing.", "asyncio.", "signal.", "builtins.", "__builtin__.", "functools.",
                                   "operator.", "types.", "torch.", "numpy.", "io.", "tempfile.", "pdb.", "threading."};
  for (const char* m : kRefused)
    if (name.rfind(m, 0) == 0) return false;
  return true;
}

bool allowed_global(const std::string& name) {
  if (allowed_exact().count(name)) return true;
  // TorchScript's classes and Lightning's callbacks and configurations: opaque values here.
  for (const char* prefix : {"__torch__.", "pytorch_lightning.", "lightning.", "lightning_fabric.", "omegaconf."})
    if (name.rfind(prefix, 0) == 0) return true;
  // torch's dtypes (torch.float32) and storage classes (torch.FloatStorage).
  if (name.rfind("torch.", 0) == 0 && name.find('.', 6) == std::string::npos) {
    const std::string rest = name.substr(6);
    static const std::unordered_set<std::string> kDtypes = {
        "float32", "float", "float16", "half", "bfloat16", "float64", "double", "int64", "long", "int32", "int",
        "int16", "short", "int8", "uint8", "bool", "complex64", "complex128", "cfloat", "cdouble"};
    if (kDtypes.count(rest)) return true;
    if (rest.size() > 7 && rest.compare(rest.size() - 7, 7, "Storage") == 0) return true;
  }
  return false;
}

namespace {

at::ScalarType storage_dtype(const std::string& name, const std::string& source) {
  static const std::unordered_map<std::string, at::ScalarType> kTypes = {
      {"torch.FloatStorage", at::kFloat},   {"torch.HalfStorage", at::kHalf},   {"torch.BFloat16Storage", at::kBFloat16},
      {"torch.DoubleStorage", at::kDouble}, {"torch.LongStorage", at::kLong},   {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort},   {"torch.CharStorage", at::kChar},   {"torch.ByteStorage", at::kByte},
      {"torch.BoolStorage", at::kBool}};
  auto it = kTypes.find(name);
  if (it == kTypes.end()) throw Error(ErrorKind::Unsupported, source + ": tensors stored as " + name + " are not supported");
  return it->second;
}

class Machine {
 public:
  Machine(std::string_view data, const StorageLoader& storages, const std::string& source)
      : data_(data), storages_(storages), source_(source), arena_(std::make_shared<Arena>()) {
    if (data.size() > limits::kMaxPickleBytes)
      throw Error(ErrorKind::BadFile, source_ + ": its pickle is " + std::to_string(data.size() >> 20) + " MB, over the limit of " +
                                          std::to_string(limits::kMaxPickleBytes >> 20) + " MB (real checkpoints' are under 2 MB)");
    none_ = make(Kind::None);
  }

  UnpickleResult run() {
    for (;;) {
      uint8_t op = byte();
      switch (op) {
        case 0x80: byte(); break;                  // PROTO
        case 0x95: bytes(8); break;                // FRAME: framing only
        case '.': {                                // STOP
          if (stack_.empty()) fail("ends with an empty stack");
          return {arena_, stack_.back(), called_, pos_};
        }
        case '(': marks_.push_back(stack_.size()); break;  // MARK
        case '0': pop(); break;                            // POP
        case '1': pop_mark(); break;                       // POP_MARK
        case '2': push(top()); break;                      // DUP
        case 'N': push(none_); break;
        case 0x88: case 0x89: {                            // NEWTRUE, NEWFALSE
          auto v = make(Kind::Bool);
          v->b = op == 0x88;
          push(v);
          break;
        }
        case 'J': push_int(int32_t(le(4))); break;         // BININT
        case 'K': push_int(int64_t(le(1))); break;         // BININT1
        case 'M': push_int(int64_t(le(2))); break;         // BININT2
        case 0x8a: push_int(long_le(byte())); break;       // LONG1
        case 0x8b: push_int(long_le(size_t(le(4)))); break;  // LONG4
        case 'I': text_int(); break;                        // INT (protocol 0)
        case 'G': {                                         // BINFLOAT, big-endian
          uint64_t bits = 0;
          for (uint8_t b : bytes(8)) bits = (bits << 8) | b;
          auto v = make(Kind::Float);
          std::memcpy(&v->f, &bits, 8);
          push(v);
          break;
        }
        case 'X': push_str(Kind::String, le(4)); break;     // BINUNICODE
        case 0x8c: push_str(Kind::String, byte()); break;   // SHORT_BINUNICODE
        case 0x8d: push_str(Kind::String, le(8)); break;    // BINUNICODE8
        case 'T': push_str(Kind::Bytes, le(4)); break;      // BINSTRING
        case 'U': push_str(Kind::Bytes, byte()); break;     // SHORT_BINSTRING
        case 'B': push_str(Kind::Bytes, le(4)); break;      // BINBYTES
        case 'C': push_str(Kind::Bytes, byte()); break;     // SHORT_BINBYTES
        case 0x8e: push_str(Kind::Bytes, le(8)); break;     // BINBYTES8
        case 0x96: push_str(Kind::Bytes, le(8)); break;     // BYTEARRAY8
        case ')': push(make(Kind::Tuple)); break;           // EMPTY_TUPLE
        case 0x85: case 0x86: case 0x87: {                  // TUPLE1..3
          size_t n = op - 0x84;
          auto t = make(Kind::Tuple);
          if (stack_.size() < n || (!marks_.empty() && stack_.size() - n < marks_.back())) fail("TUPLE past a mark");
          t->items.assign(stack_.end() - long(n), stack_.end());
          stack_.resize(stack_.size() - n);
          push(t);
          break;
        }
        case 't': {                                         // TUPLE
          auto t = make(Kind::Tuple);
          t->items = pop_mark();
          push(t);
          break;
        }
        case ']': push(make(Kind::List)); break;            // EMPTY_LIST
        case 'l': {                                         // LIST
          auto l = make(Kind::List);
          l->items = pop_mark();
          push(l);
          break;
        }
        case 'a': {                                         // APPEND
          auto v = pop();
          expect(top(), Kind::List, "APPEND")->items.push_back(v);
          break;
        }
        case 'e': {                                         // APPENDS
          auto items = pop_mark();
          auto& list = expect(top(), Kind::List, "APPENDS")->items;
          list.insert(list.end(), items.begin(), items.end());
          break;
        }
        case '}': push(make(Kind::Dict)); break;            // EMPTY_DICT
        case 'd': {                                         // DICT
          auto items = pop_mark();
          auto d = make(Kind::Dict);
          set_items(d, items);
          push(d);
          break;
        }
        case 's': {                                         // SETITEM
          auto v = pop();
          auto k = pop();
          expect(top(), Kind::Dict, "SETITEM")->dict.emplace_back(k, v);
          break;
        }
        case 'u': {                                         // SETITEMS
          auto items = pop_mark();
          set_items(expect(top(), Kind::Dict, "SETITEMS"), items);
          break;
        }
        case 0x8f: push(make(Kind::Set)); break;            // EMPTY_SET
        case 0x90: {                                        // ADDITEMS
          auto items = pop_mark();
          auto& set = expect(top(), Kind::Set, "ADDITEMS")->items;
          set.insert(set.end(), items.begin(), items.end());
          break;
        }
        case 0x91: {                                        // FROZENSET
          auto s = make(Kind::Set);
          s->items = pop_mark();
          push(s);
          break;
        }
        case 'q': memo_[uint32_t(byte())] = top(); break;   // BINPUT
        case 'r': memo_[uint32_t(le(4))] = top(); break;    // LONG_BINPUT
        case 0x94: memo_[uint32_t(memo_.size())] = top(); break;  // MEMOIZE
        case 'p': memo_[memo_index(line())] = top(); break;  // PUT
        case 'h': push(memo(byte())); break;                // BINGET
        case 'j': push(memo(uint32_t(le(4)))); break;       // LONG_BINGET
        case 'g': push(memo(memo_index(line()))); break;    // GET
        case 'c': {                                         // GLOBAL "module\nname\n"
          std::string module = line();
          std::string name = line();
          push_global(module + "." + name);
          break;
        }
        case 0x93: {                                        // STACK_GLOBAL
          auto name = pop();
          auto module = pop();
          if (module->kind != Kind::String || name->kind != Kind::String) fail("STACK_GLOBAL without two strings");
          push_global(module->s + "." + name->s);
          break;
        }
        case 'R': {                                         // REDUCE
          auto args = pop();
          auto callable = pop();
          push(call(callable, args));
          break;
        }
        case 0x81: {                                        // NEWOBJ
          auto args = pop();
          auto cls = pop();
          push(call(cls, args, true));
          break;
        }
        case 0x92: {                                        // NEWOBJ_EX
          pop();  // kwargs
          auto args = pop();
          auto cls = pop();
          push(call(cls, args, true));
          break;
        }
        case 'b': {                                         // BUILD
          auto state = pop();
          build(top(), state);
          break;
        }
        case 'Q': push(persistent(pop())); break;           // BINPERSID
        default: {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", op);
          throw Error(ErrorKind::Unsupported, source_ + ": its pickle uses opcode " + hex +
                                                  " at byte " + std::to_string(pos_ - 1) + ", which checkpoints don't need");
        }
      }
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::BadFile, source_ + ": damaged pickle (" + what + " at byte " + std::to_string(pos_) + ")");
  }
  uint8_t byte() {
    if (pos_ >= data_.size()) fail("unexpected end");
    return uint8_t(data_[pos_++]);
  }
  std::string_view bytes(size_t n) {
    if (n > data_.size() - pos_) fail("a length past the end");
    auto v = data_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  uint64_t le(size_t n) {
    uint64_t v = 0;
    auto b = bytes(n);
    for (size_t i = 0; i < n; ++i) v |= uint64_t(uint8_t(b[i])) << (8 * i);
    return v;
  }
  int64_t long_le(size_t n) {
    if (n > 8) fail("an integer wider than 64 bits");
    if (n == 0) return 0;
    uint64_t v = le(n);
    if (n < 8 && (v >> (8 * n - 1)) & 1) v |= ~uint64_t(0) << (8 * n);  // sign-extend
    return int64_t(v);
  }
  std::string line() {
    size_t end = data_.find('\n', pos_);
    if (end == std::string_view::npos) fail("an unterminated line");
    std::string s(data_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }
  void text_int() {
    std::string s = line();
    if (s == "00" || s == "01") {
      auto v = make(Kind::Bool);
      v->b = s == "01";
      push(v);
      return;
    }
    const auto v = parse_int(s);
    if (!v) fail("a malformed INT");
    push_int(*v);
  }
  uint32_t memo_index(const std::string& text) const {
    const auto v = parse_int(text);
    if (!v || *v < 0 || *v > int64_t(UINT32_MAX)) fail("a malformed memo index");
    return uint32_t(*v);
  }
  // Every value comes from here: counted against the budget, owned by the arena.
  PickleRef make(Kind k) {
    if (++objects_ > limits::kMaxPickleObjects)
      throw Error(ErrorKind::BadFile, source_ + ": its pickle creates more than " + std::to_string(limits::kMaxPickleObjects) +
                                          " values, past what any checkpoint needs");
    PickleValue& v = arena_->values.emplace_back();
    v.kind = k;
    return &v;
  }
  void push(PickleRef v) {
    if (++pushes_ > limits::kMaxPickleRefs)
      throw Error(ErrorKind::BadFile, source_ + ": its pickle pushes more than " + std::to_string(limits::kMaxPickleRefs) +
                                          " values, past what any checkpoint needs");
    stack_.push_back(v);
  }
  void push_int(int64_t i) {
    auto v = make(Kind::Int);
    v->i = i;
    push(v);
  }
  void push_str(Kind k, uint64_t n) {
    auto v = make(k);
    v->s = std::string(bytes(size_t(n)));
    push(v);
  }
  void push_global(const std::string& name) {
    auto g = make(Kind::Global);
    g->s = name;
    push(g);
  }
  PickleRef pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) fail("a pop past a mark");
    auto v = stack_.back();
    stack_.pop_back();
    return v;
  }
  const PickleRef& top() const {
    if (stack_.empty()) fail("an empty stack");
    return stack_.back();
  }
  std::vector<PickleRef> pop_mark() {
    if (marks_.empty()) fail("no mark");
    size_t m = marks_.back();
    marks_.pop_back();
    std::vector<PickleRef> items(stack_.begin() + long(m), stack_.end());
    stack_.resize(m);
    return items;
  }
  PickleRef memo(uint32_t i) const {
    auto it = memo_.find(i);
    if (it == memo_.end()) fail("a memo entry that was never stored");
    return it->second;
  }
  PickleValue* expect(PickleRef v, Kind k, const char* op) const {
    if (v->kind != k) fail(std::string(op) + " on the wrong kind of value");
    return v;
  }
  void set_items(PickleValue* d, const std::vector<PickleRef>& items) {
    if (items.size() % 2) fail("an odd number of dict items");
    for (size_t i = 0; i < items.size(); i += 2) d->dict.emplace_back(items[i], items[i + 1]);
  }

  const PickleRef& arg(const PickleRef& args, size_t i, const std::string& fn) const {
    if (args->kind != Kind::Tuple || args->items.size() <= i) fail(fn + " with too few arguments");
    return args->items[i];
  }
  int64_t int_arg(const PickleRef& v, const std::string& what) const {
    if (v->kind != Kind::Int) fail(what + " is not an integer");
    return v->i;
  }
  std::vector<int64_t> ints(const PickleRef& v, const std::string& what) const {
    if (v->kind != Kind::Tuple && v->kind != Kind::List) fail(what + " is not a tuple");
    std::vector<int64_t> out;
    for (auto& x : v->items) out.push_back(int_arg(x, what));
    return out;
  }

  PickleRef persistent(const PickleRef& pid) {
    // ('storage', <storage class>, key, location, numel): the zip format's. The legacy format
    // adds a sixth item, None or (view key, offset, size): a slice of the storage (pre-1.0 files).
    if (pid->kind != Kind::Tuple || pid->items.size() < 5 || pid->items[0]->s != "storage")
      fail("a persistent id that is not a storage");
    if (pid->items[1]->kind != Kind::Global) fail("a storage without its class");
    const std::string& type = pid->items[1]->s;
    const std::string key = storage_key(pid->items[2]);
    int64_t numel = int_arg(pid->items[4], "a storage's size");
    if (numel < 0) fail("a negative storage size");
    auto it = storage_cache_.find(key);
    if (it == storage_cache_.end()) {
      auto v = make(Kind::Tensor);
      v->tensor = storages_(key, storage_dtype(type, source_), numel);
      it = storage_cache_.emplace(key, v).first;
    }
    if (pid->items.size() < 6 || pid->items[5]->kind == Kind::None) return it->second;
    // A view: one key space with the storages, as torch.load keeps them (a view named like a
    // storage is that storage).
    const PickleRef& view = pid->items[5];
    if (view->kind != Kind::Tuple || view->items.size() != 3) fail("a storage view that is not (key, offset, size)");
    const std::string view_key = storage_key(view->items[0]);
    auto found = storage_cache_.find(view_key);
    if (found != storage_cache_.end()) return found->second;
    const int64_t offset = int_arg(view->items[1], "a storage view's offset"), size = int_arg(view->items[2], "a storage view's size");
    const at::Tensor& root = it->second->tensor;
    if (offset < 0 || size < 0 || offset > root.numel() || size > root.numel() - offset)
      throw Error(ErrorKind::BadFile, source_ + ": a view of " + std::to_string(size) + " elements at " + std::to_string(offset) +
                                          " reaches past the end of its storage of " + std::to_string(root.numel()));
    auto v = make(Kind::Tensor);
    v->tensor = root.narrow(0, offset, size);  // shares the storage: filled when the storage is
    return storage_cache_.emplace(view_key, v).first->second;
  }

  std::string storage_key(const PickleRef& v) const {
    if (v->kind == Kind::String || v->kind == Kind::Bytes) return v->s;
    if (v->kind == Kind::Int) return std::to_string(v->i);
    fail("a storage key that is neither text nor a number");
  }

  PickleRef rebuild_tensor(const PickleRef& args) {
    const auto& storage = arg(args, 0, "_rebuild_tensor");
    if (storage->kind != Kind::Tensor) fail("_rebuild_tensor without a storage");
    int64_t offset = int_arg(arg(args, 1, "_rebuild_tensor"), "a tensor's offset");
    auto size = ints(arg(args, 2, "_rebuild_tensor"), "a tensor's size");
    auto stride = ints(arg(args, 3, "_rebuild_tensor"), "a tensor's stride");
    if (size.size() != stride.size()) fail("a tensor whose size and stride differ in length");
    int64_t last = offset, numel = 1;
    for (size_t d = 0; d < size.size(); ++d) {
      if (size[d] < 0 || stride[d] < 0) fail("a negative size or stride");
      int64_t reach = 0;
      if (__builtin_mul_overflow(numel, size[d], &numel) ||
          (size[d] > 0 && (__builtin_mul_overflow(size[d] - 1, stride[d], &reach) || __builtin_add_overflow(last, reach, &last))))
        fail("a tensor whose size overflows");
    }
    if (offset < 0 || (numel > 0 && last >= storage->tensor.numel()))
      throw Error(ErrorKind::BadFile, source_ + ": a tensor reaches past the end of its storage");
    // A tensor's elements are its storage's, each at most once: no 4096-wide model declared
    // over a few bytes by strides of 0 (an expanded view keeps its storage's count).
    if (numel > std::max<int64_t>(storage->tensor.numel(), 1))
      throw Error(ErrorKind::BadFile, source_ + ": a tensor of " + std::to_string(numel) + " elements over a storage of " +
                                          std::to_string(storage->tensor.numel()) + " (its strides repeat elements)");
    auto v = make(Kind::Tensor);
    // as_strided's offset counts from the start of the memory: a legacy view starts inside it.
    v->tensor = storage->tensor.as_strided(size, stride, storage->tensor.storage_offset() + offset);
    return v;
  }

  // instantiate: NEWOBJ (cls.__new__(cls) and later BUILD: what pickling a plain object gives,
  // e.g. a Lightning callback's state); else REDUCE, a call.
  PickleRef call(PickleRef callable, PickleRef args, bool instantiate = false) {
    if (callable->kind != Kind::Global) {
      auto o = make(Kind::Object);  // calling an object: keep it opaque
      o->s = "<call>";
      o->items = args->items;
      return o;
    }
    const std::string& name = callable->s;
    called_.push_back(name);
    // A class may be named (Lightning keys its callbacks' states by their classes); only the
    // allow-list may be called or instantiated, as loading the file in Python would.
    if (instantiate ? !instantiable(name) : !allowed_global(name))
      throw Error(ErrorKind::Unsupported, source_ + " asks to " + (instantiate ? "create a " : "call ") + shown(name, 80) +
                                              ", which a checkpoint never needs (loading it in Python could run code): refused, "
                                              "nothing was run");
    if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") return rebuild_tensor(args);
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state")
      return arg(args, 0, name);
    if (name == "torch._tensor._rebuild_from_type_v2") return call(arg(args, 0, name), arg(args, 2, name));
    if (name == "collections.OrderedDict" || name == "builtins.dict") {
      auto d = make(Kind::Dict);
      if (args->kind == Kind::Tuple && !args->items.empty() && args->items[0]->kind == Kind::List)
        for (auto& pair : args->items[0]->items)
          if (pair->kind == Kind::Tuple && pair->items.size() == 2) d->dict.emplace_back(pair->items[0], pair->items[1]);
      return d;
    }
    if (name == "_codecs.encode") {  // how protocol 2 stores bytes: encode(str, 'latin1')
      const auto& text = arg(args, 0, name);
      auto b = make(Kind::Bytes);
      // The str's code points are the bytes (latin-1); its UTF-8 is decoded back to them.
      for (size_t i = 0; i < text->s.size(); ++i) {
        unsigned char c = text->s[i];
        if (c < 0x80) b->s.push_back(char(c));
        else if (i + 1 < text->s.size()) b->s.push_back(char(((c & 0x03) << 6) | (text->s[++i] & 0x3f)));
      }
      return b;
    }
    auto o = make(Kind::Object);
    o->s = name;
    if (args->kind == Kind::Tuple) o->items = args->items;
    return o;
  }

  void build(PickleRef obj, PickleRef state) {
    if (obj->kind != Kind::Object) return;  // e.g. a Parameter's hooks: nothing to keep
    PickleRef s = state;
    if (s->kind == Kind::Tuple && s->items.size() == 2 && s->items[0]->kind == Kind::Dict) s = s->items[0];  // (dict, slots)
    if (s->kind == Kind::Dict)
      obj->dict.insert(obj->dict.end(), s->dict.begin(), s->dict.end());
    else
      obj->state = s;
  }

  std::string_view data_;
  size_t pos_ = 0;
  const StorageLoader& storages_;
  const std::string& source_;
  std::shared_ptr<Arena> arena_;
  PickleRef none_ = nullptr;
  uint64_t objects_ = 0, pushes_ = 0;
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, PickleRef> memo_;
  std::unordered_map<std::string, PickleRef> storage_cache_;
  std::vector<std::string> called_;
};

std::string key_name(PickleRef k) {
  if (k->kind == Kind::String) return k->s;
  if (k->kind == Kind::Int) return std::to_string(k->i);
  return {};
}

bool walked(PickleRef v) {
  return v->kind == Kind::Dict || v->kind == Kind::Object || v->kind == Kind::List || v->kind == Kind::Tuple;
}

}  // namespace

UnpickleResult unpickle(std::string_view data, const StorageLoader& storages, const std::string& source) {
  return Machine(data, storages, source).run();
}

std::map<std::string, at::Tensor> collect_tensors(PickleRef root, const std::string& source) {
  std::map<std::string, at::Tensor> out;
  if (!root) return out;
  struct Item {
    PickleRef value;
    std::string name;
    int depth;
  };
  std::vector<Item> todo{{root, "", 0}};
  std::unordered_set<PickleRef> seen{root};  // containers: each walked once
  uint64_t named = 0;
  auto visit = [&](PickleRef v, const std::string& prefix, const std::string& key, int depth) {
    if (!v || (v->kind != Kind::Tensor && !walked(v))) return;
    std::string name = prefix.empty() ? key : prefix + "." + key;
    if (name.size() > limits::kMaxKeyLength)
      throw Error(ErrorKind::BadFile, source + ": a key of " + std::to_string(name.size()) + " characters (" + shown(name) +
                                          "), over the limit of " + std::to_string(limits::kMaxKeyLength));
    if (v->kind == Kind::Tensor) {
      if (++named > limits::kMaxTensorNames)
        throw Error(ErrorKind::BadFile, source + ": more than " + std::to_string(limits::kMaxTensorNames) + " tensors");
      out.emplace(std::move(name), v->tensor);
      return;
    }
    if (!seen.insert(v).second) return;
    if (depth > limits::kMaxPickleDepth)
      throw Error(ErrorKind::BadFile, source + ": values nested deeper than " + std::to_string(limits::kMaxPickleDepth) + " levels");
    todo.push_back({v, std::move(name), depth});
  };
  while (!todo.empty()) {
    Item item = std::move(todo.back());
    todo.pop_back();
    PickleRef v = item.value;
    if (v->kind == Kind::Dict || v->kind == Kind::Object) {
      for (auto& [k, val] : v->dict) {
        const std::string name = key_name(k);
        if (!name.empty()) visit(val, item.name, name, item.depth + 1);
      }
      // An object's non-dict state stands for the object itself: same name, same depth.
      if (v->kind == Kind::Object && v->state) {
        if (v->state->kind == Kind::Tensor) {
          if (!item.name.empty()) out.emplace(item.name, v->state->tensor);
        } else if (walked(v->state) && seen.insert(v->state).second) {
          todo.push_back({v->state, item.name, item.depth + 1});
        }
      }
    } else {
      for (size_t i = 0; i < v->items.size(); ++i) visit(v->items[i], item.name, std::to_string(i), item.depth + 1);
    }
  }
  return out;
}

}  // namespace atelier::io
