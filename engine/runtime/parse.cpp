#include "runtime/parse.h"

#include <charconv>
#include <cmath>

#include "runtime/error.h"
#include "runtime/limits.h"

namespace atelier {

std::optional<int64_t> parse_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.size() > 24) return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.size() > 64) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string shown(std::string_view text, size_t max_chars) {
  if (text.size() <= max_chars) return std::string(text);
  return std::string(text.substr(0, max_chars)) + "... (" + std::to_string(text.size()) + " characters)";
}

int64_t require_int(std::string_view text, const std::string& where) {
  if (auto v = parse_int(text)) return *v;
  throw Error(ErrorKind::BadFile, where + ": '" + shown(text) + "' is not an integer");
}

double require_double(std::string_view text, const std::string& where) {
  if (auto v = parse_double(text)) return *v;
  throw Error(ErrorKind::BadFile, where + ": '" + shown(text) + "' is not a finite number");
}

std::vector<std::string_view> split_key(std::string_view key) {
  std::vector<std::string_view> parts;
  for (size_t start = 0;;) {
    const size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

std::optional<int64_t> key_index(std::string_view part) {
  if (part.empty() || part.size() > size_t(limits::kMaxIndexDigits)) return std::nullopt;
  for (char c : part)
    if (c < '0' || c > '9') return std::nullopt;
  return parse_int(part);
}

}  // namespace atelier
