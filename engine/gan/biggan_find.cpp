// BigGAN-deep's lookups around the generator: the models in the model folders, their configs
// alone (for listings), the ImageNet class names and queries over them, and latents from .npy
// files (a header parsed here, bounded and checked, nothing evaluated).
#include <algorithm>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <set>
#include <string>

#include "gan/biggan.h"
#include "gan/detail/biggan.h"
#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace fs = std::filesystem;

namespace atelier::gan {

namespace {

const std::string kWeights = "pytorch_model.bin", kConfig = "config.json";
const std::string kPrefixedSuffix = "-" + kWeights;  // NAME-pytorch_model.bin, as the reference's URLs name it
constexpr int64_t kImagenetClasses = 1000;
constexpr uint64_t kMaxClassesBytes = 1 << 20;  // the real list: 21 kB
constexpr uint64_t kMaxNpyBytes = 64ull << 20;  // 1,024 latents of 16,384 numbers
constexpr uint64_t kMaxNpyHeader = 64 << 10;    // numpy's own reader stops at 10,000 bytes
constexpr int64_t kMaxLatents = 1024;           // as gan sample --count

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n"), last = s.find_last_not_of(" \t\r\n");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

// The model's name as BigGan::load gives it: NAME of NAME-pytorch_model.bin, else the folder's.
std::string name_of(const fs::path& weights) {
  const std::string file = weights.filename().string();
  return ends_with(file, kPrefixedSuffix) ? file.substr(0, file.size() - kPrefixedSuffix.size())
                                          : weights.parent_path().filename().string();
}

std::vector<std::string> read_classes(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec))
    throw Error(ErrorKind::NotFound, "the ImageNet class names are missing: " + file.string() +
                                         " (resources/imagenet/classes.txt, installed with the program) is not there");
  const std::string text = read_regular_file(file, kMaxClassesBytes, "the ImageNet class names");
  std::vector<std::string> names;
  size_t start = 0;
  while (start < text.size()) {  // a final newline ends the last line; it does not start another
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    names.push_back(trim(text.substr(start, end - start)));
    if (names.back().empty())
      throw Error(ErrorKind::BadFile, file.string() + ", line " + std::to_string(names.size()) +
                                          " is empty: the file holds the " + std::to_string(kImagenetClasses) +
                                          " ImageNet class names, one a line");
    start = end + 1;
  }
  if (int64_t(names.size()) != kImagenetClasses)
    throw Error(ErrorKind::BadFile, file.string() + " holds " + std::to_string(names.size()) + " names, not the " +
                                        std::to_string(kImagenetClasses) + " ImageNet classes");
  return names;
}

// A whole number ("207", "-3", "+5"): its value, or nullopt when the text is not one; a number too
// large for int64 gives INT64_MAX (out of every range).
std::optional<int64_t> whole_number(const std::string& s) {
  const size_t digits = s.find_first_not_of("+-") == 1 ? 1 : 0;
  if (s.size() <= digits || s.find_first_not_of("0123456789", digits) != std::string::npos) return std::nullopt;
  int64_t v = 0;
  const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
  const auto [end, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return INT64_MAX;
  return end == s.data() + s.size() ? std::optional<int64_t>(v) : std::nullopt;
}

std::string listed(const std::vector<std::string>& names, const std::vector<int64_t>& indices) {
  std::string out;
  for (size_t i = 0; i < indices.size() && i < 10; ++i)
    out += (i ? ", " : "") + std::to_string(indices[i]) + " '" + names[size_t(indices[i])] + "'";
  if (indices.size() > 10) out += " and " + std::to_string(indices.size() - 10) + " more";
  return out;
}

uint32_t little_endian(const std::string& b, size_t at, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + size_t(i)]);
  return v;
}

// The .npy header: a Python dict literal of 'descr' (a string), 'fortran_order' (True or False)
// and 'shape' (a tuple of whole numbers), as numpy writes it; anything else is refused.
struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

NpyHeader parse_npy_header(const std::string& h, const std::string& where) {
  size_t i = 0;
  auto fail = [&](const std::string& why) {
    return Error(ErrorKind::BadFile,
                 where + ": its .npy header is not numpy's (" + why + " at character " + std::to_string(i) + ")");
  };
  auto skip = [&] {
    while (i < h.size() && (h[i] == ' ' || h[i] == '\n' || h[i] == '\t')) ++i;
  };
  auto expect = [&](char c) {
    skip();
    if (i >= h.size() || h[i] != c) throw fail(std::string("expected '") + c + "'");
    ++i;
  };
  auto string = [&] {
    skip();
    if (i >= h.size() || (h[i] != '\'' && h[i] != '"')) throw fail("expected a quoted string");
    const char quote = h[i++];
    const size_t end = h.find(quote, i);
    if (end == std::string::npos || end - i > 64 || h.find('\\', i) < end) throw fail("a string too long or unterminated");
    std::string s = h.substr(i, end - i);
    i = end + 1;
    return s;
  };
  NpyHeader out;
  std::set<std::string> seen;
  expect('{');
  for (skip(); i < h.size() && h[i] != '}'; skip()) {
    const std::string key = string();
    if (!seen.insert(key).second) throw fail("'" + key + "' twice");
    expect(':');
    skip();
    if (key == "descr") {
      out.descr = string();
    } else if (key == "fortran_order") {
      if (h.compare(i, 4, "True") == 0) {
        out.fortran_order = true;
        i += 4;
      } else if (h.compare(i, 5, "False") == 0) {
        i += 5;
      } else {
        throw fail("fortran_order is neither True nor False");
      }
    } else if (key == "shape") {
      expect('(');
      for (skip(); i < h.size() && h[i] != ')'; skip()) {
        const size_t start = i;
        while (i < h.size() && std::isdigit(static_cast<unsigned char>(h[i])) && i - start < 12) ++i;
        if (i == start || (i < h.size() && std::isdigit(static_cast<unsigned char>(h[i]))))
          throw fail("a dimension is not a whole number below 10^12");
        if (out.shape.size() == 8) throw fail("more than 8 dimensions");
        out.shape.push_back(std::stoll(h.substr(start, i - start)));
        skip();
        if (i < h.size() && h[i] == ',')
          ++i;
        else if (i < h.size() && h[i] != ')')
          throw fail("expected ',' or ')' in the shape");
      }
      expect(')');
    } else {
      throw fail("an unexpected key '" + key + "'");
    }
    skip();
    if (i < h.size() && h[i] == ',')
      ++i;
    else if (i < h.size() && h[i] != '}')
      throw fail("expected ',' or '}'");
  }
  expect('}');
  skip();
  if (i != h.size()) throw fail("text after the dict");
  for (const char* key : {"descr", "fortran_order", "shape"})
    if (!seen.count(key)) throw fail(std::string("no '") + key + "'");
  return out;
}

}  // namespace

std::vector<fs::path> find_biggans() {
  std::vector<std::pair<std::string, fs::path>> found;
  std::set<std::string> names;
  std::vector<ModelDir> dirs;
  try {
    dirs = model_search_paths();
  } catch (const std::exception&) {
    return {};  // the home folder's caches unreadable: nothing can be listed
  }
  for (const ModelDir& dir : dirs) {
    std::vector<ModelFile> files;
    try {
      files = find_models({dir});  // one folder at a time: an unreadable one costs only itself
    } catch (const std::exception&) {
      continue;
    }
    for (const ModelFile& f : files) {
      const std::string file = f.path.filename().string();
      if (file != kWeights && !ends_with(file, kPrefixedSuffix)) continue;
      // A model folder stands for itself (BigGan::load takes either); NAME-pytorch_model.bin for itself.
      const fs::path model = file == kWeights ? f.path.parent_path() : f.path;
      try {
        if (!is_biggan_folder(model)) continue;
      } catch (const std::exception&) {
        continue;
      }
      const std::string name = name_of(f.path);
      if (names.insert(name).second) found.emplace_back(name, model);
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> out;
  for (auto& [name, path] : found) out.push_back(std::move(path));
  return out;
}

BigGanInfo read_biggan_info(const fs::path& given) {
  const auto [weights, config_file] = existing_biggan_files(given);
  const BigGanConfig config = BigGanConfig::read(config_file);
  BigGanInfo info;
  info.name = name_of(weights);
  info.path = weights.string();
  info.architecture = config.describe();
  info.resolution = config.resolution();
  info.z_dim = config.z_dim;
  info.num_classes = config.num_classes;
  return info;
}

const std::vector<std::string>& imagenet_classes() {
  // Read by the first caller (others wait: a function-local static); when it throws, the next call reads again.
  static const std::vector<std::string> names = read_classes(data_dir() / "imagenet" / "classes.txt");
  return names;
}

int64_t find_imagenet_class(const std::string& query) {
  const std::string q = lower(trim(query));
  if (q.empty()) throw Error(ErrorKind::InvalidArgument, "no class given: a number 0 to 999 or an ImageNet class name");
  if (const auto n = whole_number(q)) {
    if (*n < 0 || *n >= kImagenetClasses)
      throw Error(ErrorKind::InvalidArgument, "class " + q + " is out of range: ImageNet's classes are numbered 0 to 999");
    return *n;
  }
  const auto& names = imagenet_classes();
  std::vector<int64_t> exact, containing;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string name = lower(names[i]);
    if (name == q) exact.push_back(int64_t(i));
    if (name.find(q) != std::string::npos) containing.push_back(int64_t(i));
  }
  if (exact.size() == 1) return exact.front();
  if (exact.empty() && containing.size() == 1) return containing.front();
  if (!exact.empty() || !containing.empty()) {
    const auto& candidates = exact.empty() ? containing : exact;
    throw Error(ErrorKind::InvalidArgument, "'" + query + "' matches " + std::to_string(candidates.size()) +
                                                " ImageNet classes: " + listed(names, candidates) +
                                                "; give more of the name, or its number");
  }
  // None: names sharing a word of three letters or more with the query, as suggestions.
  std::vector<int64_t> near;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string name = lower(names[i]);
    size_t start = 0;
    while (start < q.size()) {
      size_t end = q.find_first_of(" -_,'", start);
      if (end == std::string::npos) end = q.size();
      if (end - start >= 3 && name.find(q.substr(start, end - start)) != std::string::npos) {
        near.push_back(int64_t(i));
        break;
      }
      start = end + 1;
    }
  }
  throw Error(ErrorKind::InvalidArgument,
              "no ImageNet class is named or contains '" + query + "'" +
                  (near.empty() ? std::string() : "; names with a word of it: " + listed(names, near)) +
                  " (clip-atelier-cli gan classes lists them all)");
}

int64_t find_biggan_class(const std::string& query, int64_t num_classes) {
  const std::string q = trim(query);
  const std::string range = std::to_string(num_classes) + " classes (0 to " + std::to_string(num_classes - 1) + ")";
  if (const auto n = whole_number(q)) {
    if (*n < 0 || *n >= num_classes)
      throw Error(ErrorKind::InvalidArgument, "class " + q + " is out of range: this model has " + range);
    return *n;
  }
  if (num_classes != kImagenetClasses)
    throw Error(ErrorKind::InvalidArgument, "'" + query + "' is not a class number: class names are ImageNet's and apply to " +
                                                "1000-class models; this one has " + range);
  return find_imagenet_class(q);
}

std::string biggan_class_name(int64_t index, int64_t num_classes) {
  if (num_classes == kImagenetClasses && index >= 0 && index < kImagenetClasses) {
    try {
      return imagenet_classes()[size_t(index)];
    } catch (const std::exception&) {
      // The names are missing or damaged: the number alone.
    }
  }
  return "class " + std::to_string(index);
}

std::vector<Latent> read_latents_npy(const fs::path& file, int64_t z_dim) {
  static_assert(std::endian::native == std::endian::little, "the .npy data ('<f4') is copied as it is");
  const std::string where = file.string();
  const std::string b = read_regular_file(file, kMaxNpyBytes, "the latents file");
  if (b.size() < 10 || b.compare(0, 6, "\x93NUMPY") != 0)
    throw Error(ErrorKind::BadFile, where + " is not a NumPy .npy file (no \\x93NUMPY magic at its start)");
  const int major = static_cast<unsigned char>(b[6]), minor = static_cast<unsigned char>(b[7]);
  if (major < 1 || major > 3 || minor != 0)
    throw Error(ErrorKind::BadFile, where + ": .npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                                        " is not one numpy writes (1.0, 2.0 or 3.0)");
  const size_t start = major == 1 ? 10 : 12;
  if (b.size() < start) throw Error(ErrorKind::BadFile, where + " ends inside its .npy preamble");
  const uint64_t header_bytes = little_endian(b, 8, major == 1 ? 2 : 4);
  if (header_bytes > kMaxNpyHeader)
    throw Error(ErrorKind::BadFile, where + ": its .npy header claims " + std::to_string(header_bytes) + " bytes, beyond the " +
                                        std::to_string(kMaxNpyHeader) + " this reader takes");
  if (start + header_bytes > b.size())
    throw Error(ErrorKind::BadFile, where + ": its .npy header claims " + std::to_string(header_bytes) +
                                        " bytes; the file is truncated, with " + std::to_string(b.size() - start) +
                                        " after the preamble");
  const NpyHeader h = parse_npy_header(b.substr(start, header_bytes), where);

  auto shape_text = [&] {
    std::string s = "(";
    for (size_t i = 0; i < h.shape.size(); ++i) s += (i ? ", " : "") + std::to_string(h.shape[i]);
    return s + (h.shape.size() == 1 ? ",)" : ")");
  };
  const std::string expected = "[" + std::to_string(z_dim) + "] or [K, " + std::to_string(z_dim) + "]";
  if (h.descr != "<f4")
    throw Error(ErrorKind::InvalidArgument, where + " holds dtype '" + h.descr +
                                                "', not float32 ('<f4'): save it with numpy.save(f, z.astype(numpy.float32))");
  if (h.fortran_order) throw Error(ErrorKind::InvalidArgument, where + " is in Fortran order: save numpy.ascontiguousarray(z)");
  if (h.shape.empty() || h.shape.size() > 2)
    throw Error(ErrorKind::InvalidArgument, where + " has shape " + shape_text() + ": latents are " + expected);
  if (h.shape.back() != z_dim)
    throw Error(ErrorKind::InvalidArgument, where + " has shape " + shape_text() + ": this model's z has " +
                                                std::to_string(z_dim) + " numbers, so latents are " + expected);
  const int64_t rows = h.shape.size() == 2 ? h.shape[0] : 1;
  if (rows < 1 || rows > kMaxLatents)
    throw Error(ErrorKind::InvalidArgument,
                where + " has shape " + shape_text() + ": from 1 to " + std::to_string(kMaxLatents) + " latents, please");
  const uint64_t data = start + header_bytes, want = uint64_t(rows) * uint64_t(z_dim) * sizeof(float);
  if (b.size() - data != want)
    throw Error(ErrorKind::BadFile, where + ": its header says shape " + shape_text() + ", " + std::to_string(want) +
                                        " bytes of data, but " + std::to_string(b.size() - data) +
                                        (b.size() - data < want ? " remain (truncated)" : " follow"));
  std::vector<Latent> out(size_t(rows), Latent(size_t(z_dim), 0.0f));
  for (int64_t r = 0; r < rows; ++r) {
    std::memcpy(out[size_t(r)].data(), b.data() + data + uint64_t(r) * uint64_t(z_dim) * sizeof(float),
                size_t(z_dim) * sizeof(float));
    for (int64_t i = 0; i < z_dim; ++i)
      if (!std::isfinite(out[size_t(r)][size_t(i)]))
        throw Error(ErrorKind::InvalidArgument, where + ": latent " + std::to_string(r) + ", number " + std::to_string(i) +
                                                    " is " + (std::isnan(out[size_t(r)][size_t(i)]) ? "NaN" : "infinite") +
                                                    ": latents must be finite");
  }
  return out;
}

}  // namespace atelier::gan
