#include "clip/tokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "clip/text_clean.h"
#include "clip/detail/utf8.h"
#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::clip {

namespace {

constexpr const char* kStart = "<|startoftext|>";
constexpr const char* kEnd = "<|endoftext|>";
// The reference reads merges[1 : 49152 - 256 - 2 + 1]: at most 48894 merges after the header.
constexpr size_t kMaxMerges = 49152 - 256 - 2;

// GPT-2's reversible map from bytes to printable characters (as UTF-8 strings), in the
// reference's order: the printable bytes first, then the rest mapped to 256 + n.
std::vector<std::pair<int, std::string>> bytes_to_unicode() {
  std::vector<int> bs;
  for (int b = '!'; b <= '~'; ++b) bs.push_back(b);
  for (int b = 0xA1; b <= 0xAC; ++b) bs.push_back(b);
  for (int b = 0xAE; b <= 0xFF; ++b) bs.push_back(b);
  std::vector<int> cs = bs;
  int n = 0;
  for (int b = 0; b < 256; ++b) {
    if (std::find(bs.begin(), bs.end(), b) == bs.end()) {
      bs.push_back(b);
      cs.push_back(256 + n++);
    }
  }
  std::vector<std::pair<int, std::string>> out;
  for (size_t i = 0; i < bs.size(); ++i) {
    std::string s;
    int c = cs[i];
    if (c < 0x80) {
      s.push_back(char(c));
    } else {  // all below 0x800: two UTF-8 bytes
      s.push_back(char(0xC0 | (c >> 6)));
      s.push_back(char(0x80 | (c & 0x3F)));
    }
    out.emplace_back(bs[i], s);
  }
  return out;
}


std::string mib(uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// The lines of a text, without their line breaks ("\n" or "\r\n"), one at a time: nothing is
// copied, so a file of millions of empty lines costs nothing.
class Lines {
 public:
  explicit Lines(std::string_view text) : rest_(text) {}
  bool next(std::string_view& line) {
    if (rest_.empty()) return false;
    const size_t end = rest_.find('\n');
    line = rest_.substr(0, end);
    rest_.remove_prefix(end == std::string_view::npos ? rest_.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number_;
    return true;
  }
  size_t number() const { return number_; }  // of the last line returned, from 1

 private:
  std::string_view rest_;
  size_t number_ = 0;
};

std::pair<std::string, std::string> parse_merge(std::string_view line, const fs::path& file, size_t number) {
  auto space = line.find(' ');
  if (space == std::string::npos || space == 0 || space + 1 >= line.size() || line.find(' ', space + 1) != std::string::npos)
    throw Error(ErrorKind::BadFile, file.string() + ", line " + std::to_string(number) +
                                        ": a merge is two symbols separated by one space, found '" + shown(line) + "'");
  return {std::string(line.substr(0, space)), std::string(line.substr(space + 1))};
}

// Refuses JSON nested deeper than the limit before a parser sees it (strings skipped).
void check_json_depth(std::string_view text, const fs::path& file) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limits::kMaxConfigDepth)
        throw Error(ErrorKind::BadFile, file.string() + ": nested deeper than " + std::to_string(limits::kMaxConfigDepth) +
                                            " levels (the limit), at byte " + std::to_string(i));
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

// Splits a UTF-8 string into its characters.

pcre2_code* word_pattern() {
  static pcre2_code* pattern = [] {
    const char* re = R"(<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)";
    int err = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* p = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(re), PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &offset, nullptr);
    if (!p) throw Error(ErrorKind::Internal, "the tokenizer's pattern does not compile");
    return p;
  }();
  return pattern;
}

// The reference's re.findall(pat, clean_text): the words of an already cleaned text.
std::vector<std::string> split_clean(const std::string& clean) {
  std::vector<std::string> words;
  pcre2_code* pattern = word_pattern();
  pcre2_match_data* match = pcre2_match_data_create_from_pattern(pattern, nullptr);
  auto subject = reinterpret_cast<PCRE2_SPTR>(clean.data());
  PCRE2_SIZE offset = 0;
  while (offset < clean.size()) {
    if (pcre2_match(pattern, subject, clean.size(), offset, 0, match, nullptr) < 0) break;
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(match);
    words.push_back(clean.substr(ov[0], ov[1] - ov[0]));
    offset = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
  }
  pcre2_match_data_free(match);
  return words;
}

}  // namespace

std::string read_vocabulary_bytes(const fs::path& path) {
  const int fd = open_regular_file(path, "the vocabulary file");
  gzFile f = gzdopen(fd, "rb");  // takes the descriptor; reads plain files as they are
  if (!f) {
    ::close(fd);
    throw Error(ErrorKind::BadFile, "can't read the vocabulary file " + path.string());
  }
  std::string data;
  char buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) {
    if (data.size() + size_t(n) > limits::kMaxVocabBytes) {  // checked as it inflates, not after
      gzclose(f);
      throw Error(ErrorKind::BadFile, "the vocabulary file " + path.string() + " holds more than " + mib(limits::kMaxVocabBytes) +
                                          " of text (the limit; OpenAI's vocabulary is 1.6 MB)");
    }
    data.append(buf, size_t(n));
  }
  int err = 0;
  const char* msg = gzerror(f, &err);
  bool failed = n < 0 || (err != Z_OK && err != Z_STREAM_END);
  std::string what = failed ? std::string(msg) : std::string();
  gzclose(f);
  if (failed) throw Error(ErrorKind::BadFile, "the vocabulary file " + path.string() + " is damaged: " + what);
  return data;
}

struct Tokenizer::Impl {
  std::string source;
  std::string byte_encoder[256];
  std::unordered_map<std::string, int64_t> encoder;
  std::vector<std::string> decoder;
  std::unordered_map<std::string, int> ranks;  // "first second" -> rank
  int64_t start = 0, end = 0;
  mutable std::mutex cache_mutex;
  mutable std::unordered_map<std::string, std::vector<std::string>> cache;

  void init_common() {
    for (auto& [b, s] : bytes_to_unicode()) byte_encoder[b] = s;
    auto find = [&](const char* name) {
      auto it = encoder.find(name);
      if (it == encoder.end()) throw Error(ErrorKind::BadFile, source + ": the vocabulary has no " + std::string(name) + " token");
      return it->second;
    };
    start = find(kStart);
    end = find(kEnd);
    decoder.assign(encoder.size(), {});
    for (auto& [tok, id] : encoder) {
      if (id < 0 || size_t(id) >= decoder.size())
        throw Error(ErrorKind::BadFile, source + ": token id " + std::to_string(id) + " is out of range");
      decoder[size_t(id)] = tok;
    }
  }

  std::vector<std::string> bpe(const std::string& token) const {
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = cache.find(token); it != cache.end()) return it->second;
    }
    std::vector<std::string> word = utf8_chars(token);
    if (word.empty()) return word;
    word.back() += "</w>";
    while (word.size() > 1) {
      // The adjacent pair with the lowest rank.
      int best = -1;
      size_t at = 0;
      for (size_t i = 0; i + 1 < word.size(); ++i) {
        auto it = ranks.find(word[i] + ' ' + word[i + 1]);
        if (it != ranks.end() && (best < 0 || it->second < best)) {
          best = it->second;
          at = i;
        }
      }
      if (best < 0) break;
      const std::string first = word[at], second = word[at + 1];
      std::vector<std::string> merged;
      for (size_t i = 0; i < word.size();) {
        if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
          merged.push_back(first + second);
          i += 2;
        } else {
          merged.push_back(word[i++]);
        }
      }
      word.swap(merged);
    }
    std::lock_guard lock(cache_mutex);
    cache.emplace(token, word);
    return word;
  }
};

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::from_merges_file(const fs::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->source = path.string();
  const std::string data = read_vocabulary_bytes(path);
  Lines lines(data);
  std::string_view line;
  if (!lines.next(line) || !lines.next(line)) throw Error(ErrorKind::BadFile, path.string() + " holds no merges");
  // The reference reads lines 2 to 48895: the rest of a longer file is never looked at.
  std::vector<std::pair<std::string, std::string>> merges;
  do {
    if (line.empty()) continue;
    merges.push_back(parse_merge(line, path, lines.number()));
  } while (merges.size() < kMaxMerges && lines.next(line));
  std::vector<std::string> vocab;
  for (auto& [b, s] : bytes_to_unicode()) vocab.push_back(s);
  for (size_t i = 0; i < 256; ++i) vocab.push_back(vocab[i] + "</w>");
  for (size_t r = 0; r < merges.size(); ++r) {
    vocab.push_back(merges[r].first + merges[r].second);
    impl->ranks.emplace(merges[r].first + ' ' + merges[r].second, int(r));
  }
  vocab.push_back(kStart);
  vocab.push_back(kEnd);
  for (size_t i = 0; i < vocab.size(); ++i) impl->encoder[vocab[i]] = int64_t(i);  // later duplicates win, as in dict(zip())
  impl->init_common();
  return Tokenizer(std::move(impl));
}

Tokenizer Tokenizer::from_hf_files(const fs::path& vocab_json, const fs::path& merges_txt) {
  auto impl = std::make_unique<Impl>();
  impl->source = vocab_json.parent_path().string();
  const std::string text = read_vocabulary_bytes(vocab_json);
  check_json_depth(text, vocab_json);
  nlohmann::json vocab;
  try {
    vocab = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::BadFile, vocab_json.string() + " is not valid JSON: " + e.what());
  }
  if (!vocab.is_object()) throw Error(ErrorKind::BadFile, vocab_json.string() + " is not a JSON object of token ids");
  if (vocab.size() > size_t(limits::kMaxVocabulary))
    throw Error(ErrorKind::BadFile, vocab_json.string() + " holds " + std::to_string(vocab.size()) + " tokens, more than the limit of " +
                                        std::to_string(limits::kMaxVocabulary));
  for (auto& [tok, id] : vocab.items()) {
    if (!id.is_number_integer())
      throw Error(ErrorKind::BadFile, vocab_json.string() + ": the id of '" + shown(tok) + "' is not an integer");
    const int64_t value = id.get<int64_t>();
    if (value < 0 || value >= limits::kMaxVocabulary)
      throw Error(ErrorKind::BadFile, vocab_json.string() + ": the id " + std::to_string(value) + " of '" + shown(tok) +
                                          "' is outside 0 to " + std::to_string(limits::kMaxVocabulary - 1));
    impl->encoder[tok] = value;
  }
  const std::string merges = read_vocabulary_bytes(merges_txt);
  Lines lines(merges);
  std::string_view line;
  int rank = 0;
  while (lines.next(line)) {
    if (line.empty() || (lines.number() == 1 && line.rfind("#version", 0) == 0)) continue;
    if (rank >= limits::kMaxVocabulary)
      throw Error(ErrorKind::BadFile, merges_txt.string() + " holds more than " + std::to_string(limits::kMaxVocabulary) +
                                          " merges (the limit)");
    auto [a, b] = parse_merge(line, merges_txt, lines.number());
    impl->ranks.emplace(a + ' ' + b, rank++);
  }
  impl->init_common();
  return Tokenizer(std::move(impl));
}

Tokenizer Tokenizer::load(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    if (fs::exists(path / "vocab.json", ec) && fs::exists(path / "merges.txt", ec))
      return from_hf_files(path / "vocab.json", path / "merges.txt");
    if (fs::exists(path / "bpe_simple_vocab_16e6.txt.gz", ec)) return from_merges_file(path / "bpe_simple_vocab_16e6.txt.gz");
    throw Error(ErrorKind::NotFound, "no vocabulary in " + path.string() +
                                         ": expected bpe_simple_vocab_16e6.txt.gz, or vocab.json and merges.txt");
  }
  if (path.filename() == "vocab.json") return from_hf_files(path, path.parent_path() / "merges.txt");
  return from_merges_file(path);
}

std::vector<int64_t> Tokenizer::encode(std::string_view text) const {
  std::vector<int64_t> ids;
  for (const std::string& word : split_clean(clean_prompt(text))) {
    if (word == kStart || word == kEnd) {
      ids.push_back(word == kStart ? impl_->start : impl_->end);
      continue;
    }
    std::string mapped;
    for (unsigned char b : word) mapped += impl_->byte_encoder[b];
    for (const std::string& piece : impl_->bpe(mapped)) {
      auto it = impl_->encoder.find(piece);
      if (it == impl_->encoder.end()) throw Error(ErrorKind::BadFile, impl_->source + ": the vocabulary has no token '" + piece + "'");
      ids.push_back(it->second);
    }
  }
  return ids;
}

std::vector<std::string> Tokenizer::words(std::string_view text) {
  static const auto table = bytes_to_unicode();
  std::string byte_map[256];
  for (auto& [b, s] : table) byte_map[b] = s;
  std::vector<std::string> out;
  for (const std::string& word : split_clean(clean_prompt(text))) {
    std::string mapped;
    for (unsigned char b : word) mapped += byte_map[b];
    out.push_back(mapped);
  }
  return out;
}

std::vector<int64_t> Tokenizer::tokenize(std::string_view text, int context, bool truncate) const {
  if (context < 2 || context > limits::kMaxContext)
    throw Error(ErrorKind::InvalidArgument, "a context of " + std::to_string(context) + " tokens can't be used: it must be from 2 (the "
                                            "start and end tokens) to " + std::to_string(limits::kMaxContext));
  std::vector<int64_t> ids{impl_->start};
  auto body = encode(text);
  ids.insert(ids.end(), body.begin(), body.end());
  ids.push_back(impl_->end);
  if (ids.size() > size_t(context)) {
    if (!truncate)
      throw Error(ErrorKind::InvalidArgument,
                  "the prompt is " + std::to_string(ids.size()) + " tokens long (with its start and end tokens); the model reads at most " +
                      std::to_string(context) + ". Shorten it, or ask for truncation.");
    ids.resize(size_t(context));
    ids.back() = impl_->end;
  }
  ids.resize(size_t(context), 0);
  return ids;
}

std::string Tokenizer::decode(const std::vector<int64_t>& ids) const {
  std::unordered_map<std::string, unsigned char> byte_decoder;
  for (int b = 0; b < 256; ++b) byte_decoder[impl_->byte_encoder[b]] = static_cast<unsigned char>(b);
  std::string text;
  for (int64_t id : ids) {
    if (id < 0 || size_t(id) >= impl_->decoder.size()) continue;
    text += impl_->decoder[size_t(id)];
  }
  std::string out;
  for (const std::string& ch : utf8_chars(text)) {
    if (auto it = byte_decoder.find(ch); it != byte_decoder.end())
      out.push_back(char(it->second));
    else
      out += ch;  // "<|startoftext|>"'s characters and the like are kept as they are
  }
  for (size_t p; (p = out.find("</w>")) != std::string::npos;) out.replace(p, 4, " ");
  return out;
}

int64_t Tokenizer::start_token() const { return impl_->start; }
int64_t Tokenizer::end_token() const { return impl_->end; }
size_t Tokenizer::vocab_size() const { return impl_->decoder.size(); }
std::string Tokenizer::source() const { return impl_->source; }

}  // namespace atelier::clip
