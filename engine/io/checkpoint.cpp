#include "io/detail/checkpoint.h"

#include <caffe2/serialize/inline_container.h>
#include <fcntl.h>
#include <nlohmann/json.hpp>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <set>

#include "io/detail/pickle.h"
#include "io/detail/zip_index.h"
#include "io/output_file.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/model_paths.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::io {

namespace {

// A read-only memory map that lives as long as the tensors viewing it.
struct Mapping {
  void* addr = MAP_FAILED;
  size_t size = 0;
  ~Mapping() {
    if (addr != MAP_FAILED) munmap(addr, size);
  }
};

std::shared_ptr<Mapping> map_file(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::NotFound, "can't open " + file.string() + ": " + std::strerror(errno));
  struct stat st{};
  fstat(fd, &st);
  auto m = std::make_shared<Mapping>();
  m->size = size_t(st.st_size);
  if (m->size > 0) m->addr = mmap(nullptr, m->size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m->size > 0 && m->addr == MAP_FAILED) throw Error(ErrorKind::BadFile, "can't map " + file.string());
  return m;
}

struct DType {
  at::ScalarType type;
  size_t bytes;
};

DType safetensors_dtype(const std::string& name, const std::string& where) {
  if (name == "F32") return {at::kFloat, 4};
  if (name == "F16") return {at::kHalf, 2};
  if (name == "BF16") return {at::kBFloat16, 2};
  if (name == "F64") return {at::kDouble, 8};
  if (name == "I64") return {at::kLong, 8};
  if (name == "I32") return {at::kInt, 4};
  if (name == "I16") return {at::kShort, 2};
  if (name == "I8") return {at::kChar, 1};
  if (name == "U8") return {at::kByte, 1};
  if (name == "BOOL") return {at::kBool, 1};
  throw Error(ErrorKind::Unsupported, where + ": dtype " + name + " is not supported");
}

const char* safetensors_name(at::ScalarType t) {
  switch (t) {
    case at::kFloat: return "F32";
    case at::kHalf: return "F16";
    case at::kBFloat16: return "BF16";
    case at::kLong: return "I64";
    case at::kInt: return "I32";
    default: throw Error(ErrorKind::Unsupported, "can't write a tensor of this dtype as safetensors");
  }
}

}  // namespace

StateDict read_safetensors(const fs::path& file) {
  auto map = map_file(file);
  const std::string src = file.string();
  auto bad = [&](const std::string& what) { return Error(ErrorKind::BadFile, src + ": " + what); };
  if (map->size < 8) throw bad("too short to be safetensors");
  auto base = static_cast<const uint8_t*>(map->addr);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | base[i];
  if (n > map->size - 8 || n > (100u << 20)) throw bad("its header length (" + std::to_string(n) + ") runs past the end of the file");
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(reinterpret_cast<const char*>(base + 8), reinterpret_cast<const char*>(base + 8 + n));
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("its header is not valid JSON (") + e.what() + ")");
  }
  if (!header.is_object()) throw bad("its header is not a JSON object");
  const uint8_t* data = base + 8 + n;
  const uint64_t data_size = map->size - 8 - n;
  StateDict out;
  std::vector<std::pair<uint64_t, uint64_t>> ranges;
  for (auto& [name, info] : header.items()) {
    if (name == "__metadata__") continue;
    if (name.size() > limits::kMaxKeyLength)
      throw bad("a tensor name of " + std::to_string(name.size()) + " characters (" + shown(name) + "), over the limit of " +
                std::to_string(limits::kMaxKeyLength));
    const std::string where = src + ", tensor '" + name + "'";
    try {
      DType dt = safetensors_dtype(info.at("dtype").get<std::string>(), where);
      // Whole numbers only: nlohmann's conversion of 9.2e19 (a float) to an integer is undefined.
      const std::string tensor_name = name;  // (a structured binding can't be captured in C++17, the fuzz build's)
      auto whole = [&](const nlohmann::json& list, const char* field) {
        if (!list.is_array()) throw bad("tensor '" + tensor_name + "' has a " + field + " that is not a list");
        std::vector<uint64_t> out;
        for (const auto& v : list) {
          if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
            throw bad("tensor '" + tensor_name + "' has a " + field + " entry that is not a whole number from 0 up (" + shown(v.dump()) + ")");
          out.push_back(v.get<uint64_t>());
        }
        return out;
      };
      std::vector<int64_t> shape;
      for (uint64_t d : whole(info.at("shape"), "shape")) {
        if (d > uint64_t(INT64_MAX)) throw bad("tensor '" + name + "' has a shape larger than the file");
        shape.push_back(int64_t(d));
      }
      auto offsets = whole(info.at("data_offsets"), "data_offsets");
      if (offsets.size() != 2 || offsets[0] > offsets[1] || offsets[1] > data_size)
        throw bad("tensor '" + name + "' has data offsets outside the file");
      uint64_t numel = 1;
      for (int64_t d : shape) {
        if (d < 0) throw bad("tensor '" + name + "' has a negative dimension");
        if (__builtin_mul_overflow(numel, uint64_t(d), &numel)) throw bad("tensor '" + name + "' has a shape larger than the file");
      }
      uint64_t bytes = 0;
      if (__builtin_mul_overflow(numel, uint64_t(dt.bytes), &bytes))
        throw bad("tensor '" + name + "' has a shape larger than the file");
      if (bytes != offsets[1] - offsets[0])
        throw bad("tensor '" + name + "' has " + std::to_string(offsets[1] - offsets[0]) + " bytes for a shape that needs " +
                  std::to_string(bytes));
      ranges.emplace_back(offsets[0], offsets[1]);
      // A view of the mapping that keeps it alive; copied when converted to float later.
      auto keep = new std::shared_ptr<Mapping>(map);
      at::Tensor t = at::from_blob(const_cast<uint8_t*>(data + offsets[0]), shape,
                                   [keep](void*) { delete keep; }, at::TensorOptions().dtype(dt.type));
      out.emplace(name, t);
    } catch (const nlohmann::json::exception& e) {
      throw bad("tensor '" + name + "' has a malformed header entry (" + e.what() + ")");
    }
  }
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i)
    if (ranges[i].first < ranges[i - 1].second) throw bad("two tensors overlap in the file");
  return out;
}

std::map<std::string, std::string> read_safetensors_metadata(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::NotFound, "can't open " + file.string());
  uint8_t len[8] = {};
  in.read(reinterpret_cast<char*>(len), 8);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | len[i];
  std::error_code ec;
  if (!in || n > fs::file_size(file, ec) - 8 || n > (100u << 20)) throw Error(ErrorKind::BadFile, file.string() + ": not a safetensors file");
  std::string text(size_t(n), '\0');
  in.read(text.data(), std::streamsize(n));
  std::map<std::string, std::string> out;
  try {
    auto header = nlohmann::json::parse(text);
    if (header.contains("__metadata__") && header["__metadata__"].is_object())
      for (auto& [k, v] : header["__metadata__"].items())
        if (v.is_string()) out[k] = v.get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::BadFile, file.string() + ": its header is not valid JSON (" + e.what() + ")");
  }
  return out;
}

namespace {
StateDict read_torch_zip_unguarded(const fs::path& file, std::string* kind);

// The tensors a checkpoint's pickle holds; of a Lightning checkpoint, its "state_dict" (kind then
// "lightning" when given).
StateDict weights_of(StateDict all, const std::string& src, std::string* kind) {
  StateDict inner;
  for (auto& [k, v] : all)
    if (k.rfind("state_dict.", 0) == 0) inner.emplace(k.substr(11), v);
  if (!inner.empty()) {
    if (kind) *kind = "lightning";
    return inner;
  }
  if (all.empty()) throw Error(ErrorKind::BadFile, src + " holds no tensors");
  return all;
}
}  // namespace

StateDict read_torch_zip(const fs::path& file, std::string* kind) {
  try {
    return read_torch_zip_unguarded(file, kind);
  } catch (const c10::Error& e) {  // miniz's and LibTorch's own checks, e.g. a record shorter than declared
    const std::string msg = e.what_without_backtrace();
    throw Error(ErrorKind::BadFile, file.string() + " is a damaged PyTorch zip file (" + msg.substr(0, msg.find('\n')) + ")");
  }
}

namespace {
StateDict read_torch_zip_unguarded(const fs::path& file, std::string* kind) {
  const std::string src = file.string();
  // What each record inflates to, from the zip's directory, before miniz inflates anything (the
  // reader's constructor already inflates its version record): at most kZipInflateRatio times
  // the archive (plus slack) for all records together, the pickle at most kMaxPickleBytes.
  auto map = map_file(file);
  const auto index = read_zip_index(std::string_view(static_cast<const char*>(map->addr), map->size), src);
  const uint64_t cap = uint64_t(map->size) * limits::kZipInflateRatio + limits::kZipInflateSlack;
  uint64_t total = 0;
  for (const auto& [name, entry] : index)
    if (__builtin_add_overflow(total, entry.uncompressed, &total) || total > cap)
      throw Error(ErrorKind::BadFile, src + ": its records inflate to more than a zip of " + std::to_string(map->size) +
                                          " bytes can hold (" + shown(name) + " reaches past " + std::to_string(cap) + " bytes)");
  std::unique_ptr<caffe2::serialize::PyTorchStreamReader> zip;
  try {
    zip = std::make_unique<caffe2::serialize::PyTorchStreamReader>(src);
  } catch (const c10::Error& e) {
    std::string msg = e.what_without_backtrace();
    throw Error(ErrorKind::BadFile, src + " is not a readable PyTorch zip file (" + msg.substr(0, msg.find('\n')) + ")");
  }
  if (!zip->hasRecord("data.pkl")) throw Error(ErrorKind::BadFile, src + " is a zip file without data.pkl: not a PyTorch checkpoint");
  const std::string prefix = index.empty() ? std::string() : index.begin()->first.substr(0, index.begin()->first.find('/') + 1);
  uint64_t budget = cap;
  auto declared = [&](const std::string& record, uint64_t cap) {
    auto it = index.find(prefix + record);
    if (it == index.end()) throw Error(ErrorKind::BadFile, src + ": the record " + record + " is not in the zip's directory");
    const uint64_t size = it->second.uncompressed;
    if (size > cap || size > budget)
      throw Error(ErrorKind::BadFile, src + ": the record " + record + " inflates to " + std::to_string(size) +
                                          " bytes, more than a checkpoint of " + std::to_string(map->size) + " bytes can hold (limit " +
                                          std::to_string(std::min(cap, budget)) + ")");
    budget -= size;
    return size;
  };
  declared("data.pkl", limits::kMaxPickleBytes);
  auto [pkl, pkl_size] = zip->getRecord("data.pkl");
  StorageLoader storages = [&](const std::string& key, at::ScalarType dtype, int64_t numel) {
    const std::string record = "data/" + key;
    if (!zip->hasRecord(record)) throw Error(ErrorKind::BadFile, src + ": the storage " + record + " is missing");
    const uint64_t need = uint64_t(numel) * c10::elementSize(dtype);
    if (numel < 0 || need / c10::elementSize(dtype) != uint64_t(numel))
      throw Error(ErrorKind::BadFile, src + ": the storage " + record + " declares an impossible size");
    const uint64_t size = declared(record, UINT64_MAX);
    if (size < need)
      throw Error(ErrorKind::BadFile, src + ": the storage " + record + " has " + std::to_string(size) + " bytes, " +
                                          std::to_string(need) + " are needed");
    auto [ptr, got] = zip->getRecord(record);
    if (got < need) throw Error(ErrorKind::BadFile, src + ": the storage " + record + " is shorter than its directory says");
    at::Tensor t = at::empty({numel}, at::TensorOptions().dtype(dtype));
    if (need > 0) std::memcpy(t.data_ptr(), ptr.get(), need);
    return t;
  };
  UnpickleResult result;
  try {
    result = unpickle(std::string_view(static_cast<const char*>(pkl.get()), pkl_size), storages, src);
  } catch (const c10::Error& e) {
    std::string msg = e.what_without_backtrace();
    throw Error(ErrorKind::BadFile, src + ": " + msg.substr(0, msg.find('\n')));
  }
  if (kind) *kind = zip->hasRecord("constants.pkl") ? "torchscript" : "state-dict";
  return weights_of(collect_tensors(result.root, src), src, kind);
}

}  // namespace

namespace {
// torch.save's format before PyTorch 1.6 (serialization.py's _legacy_save): five pickles in a
// row (the magic number, the protocol version 1001, a dict of the writer's sizes, the object,
// the sorted list of storage keys), then each listed storage as a little-endian int64 element
// count followed by its bytes. The object's persistent ids declare the storages: they are
// allocated while it is read (all of them together at most what the file has left), filled
// after, and the tensors are views of them (offsets, strides) as _rebuild_tensor_v2 makes them.
StateDict read_torch_legacy_unguarded(const fs::path& file) {
  const std::string src = file.string();
  auto bad = [&](const std::string& what) { return Error(ErrorKind::BadFile, src + ": " + what); };
  auto map = map_file(file);
  if (map->size < 16) throw bad("too short to be a PyTorch checkpoint");
  const std::string_view all(static_cast<const char*>(map->addr), map->size);
  // The magic number 0x1950a86a20f9469cfc6c: a LONG1 of 10 bytes after PROTO (and FRAME from protocol 4).
  if (uint8_t(all[0]) != 0x80 || uint8_t(all[1]) < 2 || uint8_t(all[1]) > 5) throw bad("not a pickle: not a PyTorch checkpoint");
  size_t pos = 2;
  if (uint8_t(all[pos]) == 0x95) pos += 9;
  static const char kMagic[] = "\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.";
  if (all.substr(pos, sizeof kMagic - 1) != std::string_view(kMagic, sizeof kMagic - 1))
    throw bad("a pickle without torch.save's magic number: not a PyTorch checkpoint");
  pos += sizeof kMagic - 1;

  // The next pickle: at most kMaxPickleBytes of it are read.
  auto next = [&](const StorageLoader& storages, const std::string& what) {
    if (pos >= all.size()) throw bad("the file ends before " + what);
    UnpickleResult r = unpickle(all.substr(pos, std::min<size_t>(all.size() - pos, limits::kMaxPickleBytes)), storages, src);
    pos += r.end;
    return r;
  };
  const StorageLoader none = [&](const std::string&, at::ScalarType, int64_t) -> at::Tensor {
    throw bad("a storage outside the pickle of the weights");
  };
  const UnpickleResult version = next(none, "its protocol version");
  if (version.root->kind != PickleValue::Kind::Int || version.root->i != 1001)
    throw bad("not torch.save's legacy protocol (version 1001)");
  if (next(none, "its system information").root->kind != PickleValue::Kind::Dict) throw bad("its system information is not a dict");

  std::map<std::string, at::Tensor> storages;  // by key, as declared
  uint64_t declared = 0;
  const size_t start = pos;
  const StorageLoader declare = [&](const std::string& key, at::ScalarType dtype, int64_t numel) {
    const uint64_t room = all.size() - start, element = c10::elementSize(dtype);
    if (numel < 0 || uint64_t(numel) > room / element || declared + uint64_t(numel) * element > room)
      throw bad("the storage " + shown(key) + " declares " + std::to_string(numel) + " elements, more than the rest of the file (" +
                std::to_string(room) + " bytes) can hold");
    declared += uint64_t(numel) * element;
    at::Tensor t = at::empty({numel}, at::TensorOptions().dtype(dtype));
    storages.emplace(key, t);
    return t;
  };
  const UnpickleResult object = next(declare, "its weights");
  const UnpickleResult keys = next(none, "its list of storages");
  if (keys.root->kind != PickleValue::Kind::List) throw bad("its list of storages is not a list");

  std::set<std::string> filled;
  for (const PickleRef& k : keys.root->items) {
    // Text; Python 2's pickles hold bytes (read as the unpickler reads the persistent ids' keys).
    if (k->kind != PickleValue::Kind::String && k->kind != PickleValue::Kind::Bytes)
      throw bad("its list of storages holds something other than keys");
    auto it = storages.find(k->s);
    if (it == storages.end()) throw bad("the storage " + shown(k->s) + " is listed but no tensor uses it");
    if (!filled.insert(k->s).second) throw bad("the storage " + shown(k->s) + " is listed twice");
    at::Tensor& t = it->second;
    if (all.size() - pos < 8) throw bad("the file ends before the storage " + shown(k->s) + " (truncated)");
    int64_t count = 0;
    std::memcpy(&count, all.data() + pos, 8);  // little-endian, as the machines LibTorch runs on
    pos += 8;
    if (count != t.numel())
      throw bad("the storage " + shown(k->s) + " has " + std::to_string(count) + " elements in the file; its tensors declared " +
                std::to_string(t.numel()));
    const size_t bytes = size_t(t.numel()) * t.element_size();
    if (all.size() - pos < bytes)
      throw bad("the storage " + shown(k->s) + " needs " + std::to_string(bytes) + " bytes, the file has " +
                std::to_string(all.size() - pos) + " left (truncated)");
    if (bytes > 0) std::memcpy(t.data_ptr(), all.data() + pos, bytes);
    pos += bytes;
  }
  for (const auto& [key, t] : storages)
    if (!filled.count(key)) throw bad("the storage " + shown(key) + " has no data in the file");
  return weights_of(collect_tensors(object.root, src), src, nullptr);
}
}  // namespace

StateDict read_torch_legacy(const fs::path& file) {
  try {
    return read_torch_legacy_unguarded(file);
  } catch (const c10::Error& e) {  // LibTorch's own checks (a view of a storage, say)
    const std::string msg = e.what_without_backtrace();
    throw Error(ErrorKind::BadFile, file.string() + " is a damaged PyTorch checkpoint (" + msg.substr(0, msg.find('\n')) + ")");
  }
}

StateDict read_state_dict(const fs::path& file, std::string* kind) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw Error(ErrorKind::NotFound, "no such file: " + file.string());
  const std::string format = sniff_format(file);
  if (format == "safetensors") {
    if (kind) *kind = "safetensors";
    return read_safetensors(file);
  }
  if (format == "pytorch-zip") return read_torch_zip(file, kind);
  if (format == "pickle") {  // torch.save's legacy format, else refused (no magic number)
    if (kind) *kind = "legacy";
    return read_torch_legacy(file);
  }
  throw Error(ErrorKind::BadFile, file.string() + " is neither a PyTorch checkpoint nor a safetensors file");
}

void write_safetensors(const fs::path& file, const StateDict& tensors, const std::map<std::string, std::string>& metadata) {
  nlohmann::json header = nlohmann::json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  std::vector<at::Tensor> ordered;
  uint64_t offset = 0;
  for (auto& [name, t] : tensors) {
    at::Tensor c = t.detach().to(at::kCPU).contiguous();
    const uint64_t n = uint64_t(c.numel()) * c.element_size();
    header[name] = {{"dtype", safetensors_name(c.scalar_type())}, {"shape", c.sizes().vec()}, {"data_offsets", {offset, offset + n}}};
    offset += n;
    ordered.push_back(c);
  }
  std::string h = header.dump();
  h.append((8 - h.size() % 8) % 8, ' ');
  // Written beside the target and renamed: the file appears whole or not at all.
  const fs::path tmp = file.string() + ".partial";
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorKind::InvalidArgument, "can't write " + tmp.string() + ": " + write_error_text(errno));
    uint64_t n = h.size();
    for (int i = 0; i < 8; ++i) out.put(char((n >> (8 * i)) & 0xff));
    out.write(h.data(), std::streamsize(h.size()));
    for (auto& c : ordered) out.write(static_cast<const char*>(c.data_ptr()), std::streamsize(c.numel() * c.element_size()));
    out.flush();
    const int err = errno;
    if (!out) {
      out.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      throw Error(ErrorKind::InvalidArgument, "writing " + file.string() + " failed: " + write_error_text(err));
    }
  }
  commit_file(tmp, file);
}

}  // namespace atelier::io
