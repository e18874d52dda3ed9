#include "clip/text_clean.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "runtime/error.h"

namespace atelier::clip {

namespace {

struct EntityEntry {
  const char* name;
  const char* value;
};
struct CodeMapEntry {
  char32_t code;
  const char* value;
};
#include "clip/text_tables.inc"

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = utf8proc_ssize_t(s.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n < 0) throw Error(ErrorKind::InvalidArgument, "the prompt is not valid UTF-8 text");
    out.push_back(char32_t(cp));
    p += n;
    left -= n;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(utf8proc_int32_t(cp), buf);
  out.append(reinterpret_cast<char*>(buf), size_t(n));
}

std::string encode(const std::u32string& s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

std::u32string nfc(const std::u32string& s) {
  std::string utf8 = encode(s);
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> norm(
      utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(utf8.c_str())), &std::free);
  if (!norm) throw Error(ErrorKind::InvalidArgument, "the prompt could not be normalised (NFC)");
  return decode(reinterpret_cast<const char*>(norm.get()));
}

template <size_t N>
std::unordered_map<char32_t, std::u32string> code_map(const CodeMapEntry (&table)[N]) {
  std::unordered_map<char32_t, std::u32string> m;
  for (const auto& e : table) m.emplace(e.code, decode(e.value));
  return m;
}

template <size_t N>
std::unordered_map<std::u32string, std::u32string> entity_map(const EntityEntry (&table)[N]) {
  std::unordered_map<std::u32string, std::u32string> m;
  for (const auto& e : table) m.emplace(decode(e.name), decode(e.value));
  return m;
}

struct Tables {
  std::unordered_map<std::u32string, std::u32string> html5 = entity_map(kHtml5Entities);
  std::unordered_map<std::u32string, std::u32string> ftfy = entity_map(kFtfyEntities);
  std::unordered_map<char32_t, std::u32string> invalid_charrefs = code_map(kInvalidCharrefs);
  std::unordered_map<char32_t, std::u32string> ligatures = code_map(kLigatures);
  std::unordered_map<char32_t, std::u32string> width = code_map(kWidthMap);
  std::unordered_map<char32_t, std::u32string> c1 = code_map(kC1Controls);
};

const Tables& tables() {
  static const Tables t;
  return t;
}

bool is_ascii_alnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }
bool is_hex(char32_t c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Python's str.isspace() / the regex module's \s on str.
bool is_space(char32_t c) {
  return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

// A numeric character reference's value, as html.unescape decodes it.
std::u32string numeric_ref(unsigned long long num) {
  const auto& t = tables();
  if (auto it = t.invalid_charrefs.find(char32_t(std::min<unsigned long long>(num, 0x110000))); it != t.invalid_charrefs.end())
    return it->second;
  if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) return U"\uFFFD";
  if (std::find(std::begin(kInvalidCodepoints), std::end(kInvalidCodepoints), char32_t(num)) != std::end(kInvalidCodepoints))
    return U"";
  return std::u32string(1, char32_t(num));
}

// ftfy.fixes.unescape_html: only complete "&name;" / "&#123;" references of at most 24 characters.
std::u32string ftfy_unescape(const std::u32string& s) {
  const auto& t = tables();
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '&') {
      size_t j = i + 1;
      if (j < s.size() && s[j] == '#') ++j;
      size_t k = j;
      while (k < s.size() && k - j < 25 && is_ascii_alnum(s[k])) ++k;
      if (k > j && k - j <= 24 && k < s.size() && s[k] == ';') {
        std::u32string ref = s.substr(i, k + 1 - i);
        if (auto it = t.ftfy.find(ref); it != t.ftfy.end()) {
          out += it->second;
          i = k + 1;
          continue;
        }
        if (s[i + 1] == '#') {
          // html.unescape on the reference alone; kept as is unless it consumed the ';'.
          std::u32string decoded = decode(html_unescape(encode(ref)));
          out += decoded.find(U';') == std::u32string::npos ? decoded : ref;
          i = k + 1;
          continue;
        }
        out += ref;
        i = k + 1;
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

std::u32string map_chars(const std::u32string& s, const std::unordered_map<char32_t, std::u32string>& m) {
  std::u32string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (auto it = m.find(c); it != m.end())
      out += it->second;
    else
      out.push_back(c);
  }
  return out;
}

bool is_control(char32_t c) {
  return c <= 0x08 || c == 0x0b || (c >= 0x0e && c <= 0x1f) || c == 0x7f || (c >= 0x206a && c <= 0x206f) ||
         c == 0xfeff || (c >= 0xfff9 && c <= 0xfffc);
}

// One segment (a line with its line break) through ftfy's fixers until nothing changes.
std::u32string fix_segment(std::u32string text, bool unescape) {
  const auto& t = tables();
  for (;;) {
    const std::u32string before = text;
    if (unescape) text = ftfy_unescape(text);
    text = map_chars(text, t.c1);         // fix_c1_controls
    text = map_chars(text, t.ligatures);  // fix_latin_ligatures
    text = map_chars(text, t.width);      // fix_character_width
    for (char32_t& c : text) {            // uncurl_quotes
      if (c == 0x02bc || (c >= 0x2018 && c <= 0x201b)) c = '\'';
      else if (c >= 0x201c && c <= 0x201f) c = '"';
    }
    std::u32string lines;  // fix_line_breaks
    for (size_t i = 0; i < text.size(); ++i) {
      char32_t c = text[i];
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      lines.push_back(c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85 ? U'\n' : c);
    }
    text.swap(lines);
    std::u32string kept;  // remove_terminal_escapes, remove_control_chars
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == 0x1b && i + 1 < text.size() && text[i + 1] == '[') {
        size_t j = i + 2;
        while (j < text.size() && (is_digit(text[j]) || text[j] == ';')) ++j;
        if (j < text.size() && ((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z'))) {
          i = j;
          continue;
        }
      }
      if (!is_control(text[i])) kept.push_back(text[i]);
    }
    text = nfc(kept);
    if (text == before) return text;
  }
}

}  // namespace

std::string ftfy_fix_text(std::string_view utf8) {
  const std::u32string text = decode(utf8);
  std::u32string out;
  bool unescape = true;  // "auto": off from the first segment that contains '<'
  size_t pos = 0;
  while (pos < text.size()) {
    size_t brk = text.find(U'\n', pos);
    brk = brk == std::u32string::npos ? text.size() : brk + 1;
    std::u32string segment = text.substr(pos, brk - pos);
    if (segment.find(U'<') != std::u32string::npos) unescape = false;
    out += fix_segment(std::move(segment), unescape);
    pos = brk;
  }
  return encode(out);
}

std::string html_unescape(std::string_view utf8) {
  const auto& t = tables();
  const std::u32string s = decode(utf8);
  std::u32string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&' || i + 1 >= s.size()) {
      out.push_back(s[i++]);
      continue;
    }
    size_t j = i + 1;
    if (s[j] == '#') {
      size_t k = j + 1;
      bool hex = k < s.size() && (s[k] == 'x' || s[k] == 'X');
      if (hex) ++k;
      size_t digits = k;
      while (k < s.size() && (hex ? is_hex(s[k]) : is_digit(s[k]))) ++k;
      if (k == digits) {
        out.push_back(s[i++]);
        continue;
      }
      unsigned long long num = 0;
      for (size_t d = digits; d < k; ++d) {
        num = num * (hex ? 16 : 10) + (is_digit(s[d]) ? s[d] - '0' : (s[d] | 0x20) - 'a' + 10);
        num = std::min(num, 0x110000ULL);  // saturate: anything larger is invalid anyway
      }
      if (k < s.size() && s[k] == ';') ++k;
      out += numeric_ref(num);
      i = k;
      continue;
    }
    // Named: [^\t\n\f <&#;]{1,32};? and the longest known prefix.
    size_t k = j;
    while (k < s.size() && k - j < 32 && std::u32string_view(U"\t\n\f <&#;").find(s[k]) == std::u32string_view::npos) ++k;
    if (k == j) {
      out.push_back(s[i++]);
      continue;
    }
    if (k < s.size() && s[k] == ';') ++k;
    std::u32string name = s.substr(j, k - j);
    if (auto it = t.html5.find(name); it != t.html5.end()) {
      out += it->second;
    } else {
      bool found = false;
      for (size_t len = name.size() - 1; len > 1; --len) {
        if (auto p = t.html5.find(name.substr(0, len)); p != t.html5.end()) {
          out += p->second + name.substr(len);
          found = true;
          break;
        }
      }
      if (!found) out += U"&" + name;
    }
    i = k;
  }
  return encode(out);
}

std::string python_lower(std::string_view utf8) {
  const std::u32string s = decode(utf8);
  auto cased = [](char32_t c) {
    return utf8proc_tolower(utf8proc_int32_t(c)) != utf8proc_int32_t(c) ||
           utf8proc_toupper(utf8proc_int32_t(c)) != utf8proc_int32_t(c);
  };
  std::u32string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == 0x130) {  // İ: the full lower-case mapping is two characters
      out += U"i\u0307";
    } else if (c == 0x3a3) {  // Σ: final form at the end of a word
      bool before = i > 0 && cased(s[i - 1]);
      bool after = i + 1 < s.size() && cased(s[i + 1]);
      out.push_back(before && !after ? 0x3c2 : 0x3c3);
    } else {
      out.push_back(char32_t(utf8proc_tolower(utf8proc_int32_t(c))));
    }
  }
  return encode(out);
}

std::string clean_prompt(std::string_view text) {
  // basic_clean: ftfy.fix_text, html.unescape twice, strip.
  std::string s = html_unescape(html_unescape(ftfy_fix_text(text)));
  // whitespace_clean: runs of \s become one space, then strip.
  const std::u32string u = decode(s);
  std::u32string collapsed;
  bool space = false;
  for (char32_t c : u) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !collapsed.empty()) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
  }
  return python_lower(encode(collapsed));
}

}  // namespace atelier::clip
