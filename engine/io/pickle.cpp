#include "io/detail/pickle.h"

#include <cstring>
#include <set>
#include <unordered_map>

#include "runtime/error.h"

namespace atelier::io {

namespace {

using Kind = PickleValue::Kind;

PickleRef make(Kind k) {
  auto v = std::make_shared<PickleValue>();
  v->kind = k;
  return v;
}

// Callables a checkpoint has no business naming: loading one of these files in Python would run code.
bool dangerous(const std::string& name) {
  static const char* kModules[] = {"os.", "posix.", "nt.", "subprocess.", "sys.", "shutil.", "socket.", "pty.",
                                   "importlib.", "runpy.", "pickle.", "marshal.", "ctypes.", "code.", "webbrowser.",
                                   "multiprocessing.", "asyncio.", "signal."};
  for (const char* m : kModules)
    if (name.rfind(m, 0) == 0) return true;
  static const std::set<std::string> kBuiltins = {
      "builtins.eval", "builtins.exec", "builtins.compile", "builtins.__import__", "builtins.open",
      "builtins.getattr", "builtins.setattr", "builtins.delattr", "builtins.input", "builtins.globals",
      "builtins.locals", "builtins.vars", "builtins.breakpoint", "builtins.apply", "__builtin__.eval",
      "__builtin__.exec", "__builtin__.__import__", "__builtin__.getattr", "__builtin__.open"};
  return kBuiltins.count(name) > 0;
}

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
      : data_(data), storages_(storages), source_(source) {}

  UnpickleResult run() {
    for (;;) {
      uint8_t op = byte();
      switch (op) {
        case 0x80: byte(); break;                  // PROTO
        case 0x95: bytes(8); break;                // FRAME: framing only
        case '.': {                                // STOP
          if (stack_.empty()) fail("ends with an empty stack");
          return {stack_.back(), called_};
        }
        case '(': marks_.push_back(stack_.size()); break;  // MARK
        case '0': pop(); break;                            // POP
        case '1': pop_mark(); break;                       // POP_MARK
        case '2': push(top()); break;                      // DUP
        case 'N': push(make(Kind::None)); break;
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
          if (stack_.size() < n) fail("TUPLE on a short stack");
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
        case 'p': memo_[uint32_t(std::stoul(line()))] = top(); break;  // PUT
        case 'h': push(memo(byte())); break;                // BINGET
        case 'j': push(memo(uint32_t(le(4)))); break;       // LONG_BINGET
        case 'g': push(memo(uint32_t(std::stoul(line())))); break;  // GET
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
          push(call(cls, args));
          break;
        }
        case 0x92: {                                        // NEWOBJ_EX
          pop();  // kwargs
          auto args = pop();
          auto cls = pop();
          push(call(cls, args));
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
    try {
      push_int(std::stoll(s));
    } catch (...) {
      fail("a malformed INT");
    }
  }
  void push(PickleRef v) {
    if (stack_.size() > (1u << 24)) fail("a runaway stack");
    stack_.push_back(std::move(v));
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
  PickleValue* expect(const PickleRef& v, Kind k, const char* op) const {
    if (v->kind != k) fail(std::string(op) + " on the wrong kind of value");
    return v.get();
  }
  void set_items(PickleValue* d, const std::vector<PickleRef>& items) {
    if (items.size() % 2) fail("an odd number of dict items");
    for (size_t i = 0; i < items.size(); i += 2) d->dict.emplace_back(items[i], items[i + 1]);
  }
  void set_items(const PickleRef& d, const std::vector<PickleRef>& items) { set_items(d.get(), items); }

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
    // ('storage', <storage class>, key, location, numel)
    if (pid->kind != Kind::Tuple || pid->items.size() < 5 || pid->items[0]->s != "storage")
      fail("a persistent id that is not a storage");
    const std::string& type = pid->items[1]->s;
    const std::string key = pid->items[2]->kind == Kind::String ? pid->items[2]->s : std::to_string(pid->items[2]->i);
    int64_t numel = int_arg(pid->items[4], "a storage's size");
    if (numel < 0) fail("a negative storage size");
    auto it = storage_cache_.find(key);
    if (it == storage_cache_.end()) {
      auto v = make(Kind::Tensor);
      v->tensor = storages_(key, storage_dtype(type, source_), numel);
      it = storage_cache_.emplace(key, v).first;
    }
    return it->second;
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
      numel *= size[d];
      if (size[d] > 0) last += (size[d] - 1) * stride[d];
    }
    if (offset < 0 || (numel > 0 && last >= storage->tensor.numel()))
      throw Error(ErrorKind::BadFile, source_ + ": a tensor reaches past the end of its storage");
    auto v = make(Kind::Tensor);
    v->tensor = storage->tensor.as_strided(size, stride, offset);
    return v;
  }

  PickleRef call(const PickleRef& callable, const PickleRef& args) {
    if (callable->kind != Kind::Global) {
      auto o = make(Kind::Object);  // calling an object: keep it opaque
      o->s = "<call>";
      o->items = args->items;
      return o;
    }
    const std::string& name = callable->s;
    called_.push_back(name);
    if (dangerous(name))
      throw Error(ErrorKind::Unsupported, source_ + " asks to run " + name +
                                              " when loaded; a checkpoint never needs that, so it is refused");
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

  void build(const PickleRef& obj, const PickleRef& state) {
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
  std::vector<PickleRef> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint32_t, PickleRef> memo_;
  std::unordered_map<std::string, PickleRef> storage_cache_;
  std::vector<std::string> called_;
};

void collect(const PickleRef& v, const std::string& prefix, std::map<std::string, at::Tensor>& out,
             std::set<const PickleValue*>& seen) {
  if (!v || !seen.insert(v.get()).second) return;
  auto join = [&](const std::string& name) { return prefix.empty() ? name : prefix + "." + name; };
  auto key_name = [](const PickleRef& k) -> std::string {
    if (k->kind == Kind::String) return k->s;
    if (k->kind == Kind::Int) return std::to_string(k->i);
    return {};
  };
  switch (v->kind) {
    case Kind::Tensor: out.emplace(prefix, v->tensor); break;
    case Kind::Dict:
    case Kind::Object:
      for (auto& [k, val] : v->dict) {
        std::string name = key_name(k);
        if (!name.empty()) collect(val, join(name), out, seen);
      }
      if (v->kind == Kind::Object && v->state) collect(v->state, prefix, out, seen);
      break;
    case Kind::List:
    case Kind::Tuple:
      for (size_t i = 0; i < v->items.size(); ++i) collect(v->items[i], join(std::to_string(i)), out, seen);
      break;
    default: break;
  }
  seen.erase(v.get());  // a shared tensor may be reached by two names: keep both
}

}  // namespace

UnpickleResult unpickle(std::string_view data, const StorageLoader& storages, const std::string& source) {
  return Machine(data, storages, source).run();
}

std::map<std::string, at::Tensor> collect_tensors(const PickleRef& root) {
  std::map<std::string, at::Tensor> out;
  std::set<const PickleValue*> seen;
  collect(root, "", out, seen);
  return out;
}

}  // namespace atelier::io
