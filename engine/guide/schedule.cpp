#include "guide/schedule.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "runtime/error.h"
#include "runtime/parse.h"

namespace atelier::guide {

namespace {

std::string trim(std::string_view s) {
  const auto a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

Error refuse(const std::string& why) { return Error(ErrorKind::InvalidArgument, why); }

// "150: a city": a whole number, a colon, then something that is not a number (a weight): what
// a keyframe written after a '|' instead of a ';' reads as once parse_prompts has had it.
bool looks_like_keyframe(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == 0) return false;
  size_t j = i;
  while (j < text.size() && text[j] == ' ') ++j;
  if (j >= text.size() || text[j] != ':') return false;
  const std::string rest = trim(std::string_view(text).substr(j + 1));
  return !rest.empty() && !parse_double(rest);
}

}  // namespace

std::vector<Keyframe> parse_schedule(const std::string& text) {
  if (text.size() > kMaxScheduleBytes)
    throw refuse("the schedule is " + std::to_string(text.size()) + " bytes; at most " + std::to_string(kMaxScheduleBytes) +
                 " are read");
  std::vector<Keyframe> out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (trim(line).rfind('#', 0) == 0) continue;  // a comment line
    std::istringstream parts(line);
    std::string part;
    while (std::getline(parts, part, ';')) {
      const std::string kf = trim(part);
      if (kf.empty()) continue;
      const auto colon = kf.find(':');
      const auto step = colon == std::string::npos ? std::nullopt : parse_int(trim(std::string_view(kf).substr(0, colon)));
      if (!step)
        throw refuse("the keyframe '" + shown(kf, 60) +
                     "' has no step: write each keyframe as STEP: prompts, separated by ';' or new lines " +
                     "(\"0: a forest | fog:0.5; 150: a city\")");
      if (*step < 0 || *step > kMaxKeyframeStep)
        throw refuse("the keyframe '" + shown(kf, 60) + "' is at step " + std::to_string(*step) + ": steps are 0 to " +
                     std::to_string(kMaxKeyframeStep));
      if (!out.empty() && *step <= out.back().step)
        throw refuse("the keyframe at step " + std::to_string(*step) + " comes after the one at step " +
                     std::to_string(out.back().step) + ": keyframes go in increasing steps, each step once");
      const std::string prompts = trim(std::string_view(kf).substr(colon + 1));
      if (prompts.find_first_not_of(" \t|") == std::string::npos)
        throw refuse("the keyframe at step " + std::to_string(*step) + " has no prompt");
      Keyframe k;
      k.step = *step;
      try {
        k.prompts = parse_prompts(prompts);
      } catch (const Error& e) {
        throw refuse("the keyframe at step " + std::to_string(*step) + ": " + e.what());
      }
      for (const Prompt& p : k.prompts)
        if (looks_like_keyframe(p.text))
          throw refuse(
              "the keyframe at step " + std::to_string(*step) + " has a prompt '" + shown(p.text, 60) +
              "' that reads as a keyframe: separate keyframes with ';' or a new line (\"0: a forest; 150: a city\"); '|' " +
              "separates the prompts of one keyframe");
      out.push_back(std::move(k));
      if (out.size() > kMaxKeyframes) throw refuse("the schedule has more than " + std::to_string(kMaxKeyframes) + " keyframes");
    }
  }
  if (out.empty())
    throw refuse(
        "the schedule has no keyframe: write STEP: prompts, separated by ';' or new lines (\"0: a forest; 150: a city\")");
  return out;
}

std::string format_schedule(const std::vector<Keyframe>& keyframes) {
  std::string s;
  for (const Keyframe& k : keyframes) s += (s.empty() ? "" : "; ") + std::to_string(k.step) + ": " + format_prompts(k.prompts);
  return s;
}

size_t keyframe_at(const std::vector<Keyframe>& keyframes, int64_t step) {
  // The first keyframe after the step; the one before it is in effect.
  const auto after =
      std::upper_bound(keyframes.begin(), keyframes.end(), step, [](int64_t s, const Keyframe& k) { return s < k.step; });
  return after == keyframes.begin() ? 0 : size_t(after - keyframes.begin()) - 1;
}

std::vector<Prompt> prompts_at(const std::vector<Keyframe>& keyframes, int64_t step) {
  if (keyframes.empty()) return {};
  const size_t k = keyframe_at(keyframes, step);
  if (step <= keyframes[k].step || k + 1 == keyframes.size()) return keyframes[k].prompts;  // at or before it, or the last
  const Keyframe &from = keyframes[k], &to = keyframes[k + 1];
  const double t = double(step - from.step) / double(to.step - from.step);
  std::vector<Prompt> out;
  auto add = [&](const Prompt& p, double scale) {
    for (Prompt& q : out)
      if (q.text == p.text && q.stop == p.stop) {
        q.weight += p.weight * scale;
        return;
      }
    out.push_back(p);
    out.back().weight = p.weight * scale;
  };
  for (const Prompt& p : from.prompts) add(p, 1.0 - t);
  for (const Prompt& p : to.prompts) add(p, t);
  return out;
}

}  // namespace atelier::guide
