// Prompt schedules (story mode, keyframed prompts): the prompts change over the steps, their
// weights blended linearly from one keyframe to the next.
//
// The text: keyframes separated by ';' or new lines, each "STEP: prompts", the prompts in the
// usual syntax (prompts.h, '|' between the prompts of one keyframe):
//
//   0: a forest | fog:0.5; 150: a city
//   300: a city at night | stars:0.3
//
// STEP is a whole number of steps done (0 = the first step), the keyframes in increasing order.
// Empty keyframes (";;", blank lines) and lines starting with '#' (comments) are skipped. The
// '|' of the prompt syntax can't separate keyframes: a prompt that reads "150: a city" (a whole
// number, a colon, then text) is refused with the way to write it, so "0: a forest | 150: a city"
// fails instead of becoming one keyframe with a prompt "150: a city".
//
// At step s between keyframe k (step a) and k + 1 (step b), with t = (s - a) / (b - a), every
// prompt of k has its weight w x (1 - t) and every prompt of k + 1 its weight w x t; after the
// last keyframe its prompts alone; before the first (when it is not at 0) the first's alone. A
// prompt (same text and stop) in both keyframes is one prompt whose weights add. The loop encodes
// each distinct text once, and reports the keyframe in effect (the last at or before the step) as
// the named value kKeyframeName at the end of Progress::losses.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "guide/prompts.h"

namespace atelier::guide {

inline constexpr size_t kMaxKeyframes = 1000;
inline constexpr uint64_t kMaxScheduleBytes = 1 << 20;  // a schedule's text or file
inline constexpr int64_t kMaxKeyframeStep = 100'000'000;

// Progress::losses of a scheduled run ends with (kKeyframeName, the keyframe's index from 0).
inline constexpr std::string_view kKeyframeName = "schedule: keyframe";

struct Keyframe {
  int64_t step = 0;
  std::vector<Prompt> prompts;
  bool operator==(const Keyframe&) const = default;
};

// Error(InvalidArgument) saying which keyframe and why: no keyframe, a keyframe without "STEP:",
// a step that is not a whole number from 0 to kMaxKeyframeStep or not after the one before, a
// keyframe without prompts, a prompt that looks like a keyframe (above), parse_prompts' own
// errors, more than kMaxKeyframes keyframes or kMaxScheduleBytes of text.
std::vector<Keyframe> parse_schedule(const std::string& text);
std::string format_schedule(const std::vector<Keyframe>& keyframes);  // "0: a | b:0.5; 150: c"

// The index of the keyframe in effect at step s (steps done): the last at or before s, 0 before
// the first. keyframes must not be empty.
size_t keyframe_at(const std::vector<Keyframe>& keyframes, int64_t step);
// The prompts at step s with their blended weights (above): keyframe k's then those of k + 1
// that k lacks, in their keyframes' order.
std::vector<Prompt> prompts_at(const std::vector<Keyframe>& keyframes, int64_t step);

}  // namespace atelier::guide
