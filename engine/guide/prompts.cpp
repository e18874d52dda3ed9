#include "guide/prompts.h"

#include <charconv>
#include <cmath>
#include <sstream>

#include "runtime/error.h"
#include "runtime/parse.h"

namespace atelier::guide {

namespace {
std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\n\r"), b = s.find_last_not_of(" \t\n\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

enum class Number { Finite, NotFinite, None };

// A weight or stop: a finite number (std::from_chars: "0.5" whatever the locale), something
// written as a number that is not finite ("inf", "nan", "1e999"), or text.
Number number(const std::string& s, double* out) {
  const std::string t = trim(s);
  if (auto v = parse_double(t)) {
    *out = *v;
    return Number::Finite;
  }
  std::string_view u = t;
  if (!u.empty() && u.front() == '+') u.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(u.data(), u.data() + u.size(), v);
  if (!u.empty() && end == u.data() + u.size() && (ec == std::errc::result_out_of_range || (ec == std::errc() && !std::isfinite(v))))
    return Number::NotFinite;
  return Number::None;
}
}  // namespace

std::vector<Prompt> parse_prompts(const std::string& spec) {
  std::vector<Prompt> out;
  std::stringstream in(spec);
  std::string part;
  while (std::getline(in, part, '|')) {
    part = trim(part);
    if (part.empty()) continue;
    // Up to two numbers from the right: [text, weight] or [text, weight, stop].
    std::vector<double> nums;
    std::string text = part;
    for (int i = 0; i < 2; ++i) {
      const auto colon = text.rfind(':');
      double v = 0;
      if (colon == std::string::npos) break;
      const Number kind = number(text.substr(colon + 1), &v);
      if (kind == Number::NotFinite)
        throw Error(ErrorKind::InvalidArgument, "the prompt '" + shown(part, 60) + "' has a weight or stop of '" +
                                                    shown(trim(text.substr(colon + 1))) + "': weights and stops must be finite numbers");
      if (kind == Number::None) break;
      nums.insert(nums.begin(), v);
      text = text.substr(0, colon);
    }
    Prompt p;
    p.text = trim(text);
    if (p.text.empty()) throw Error(ErrorKind::InvalidArgument, "the prompt part '" + part + "' has no text");
    if (!nums.empty()) p.weight = nums[0];
    if (nums.size() > 1) p.stop = nums[1];
    out.push_back(p);
  }
  if (out.empty()) throw Error(ErrorKind::InvalidArgument, "type a prompt: text, or several as \"text:weight | text:weight\"");
  return out;
}

std::string format_prompts(const std::vector<Prompt>& prompts) {
  std::string s;
  for (const auto& p : prompts) {
    if (!s.empty()) s += " | ";
    s += p.text;
    std::ostringstream w;
    if (p.weight != 1.0 || std::isfinite(p.stop)) w << ':' << p.weight;
    if (std::isfinite(p.stop)) w << ':' << p.stop;
    s += w.str();
  }
  return s;
}

}  // namespace atelier::guide
