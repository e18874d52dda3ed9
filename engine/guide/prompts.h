// Prompts in the field's syntax (VQGAN-CLIP's): "a red barn:1 | a storm:0.5 | blurry:-1".
// Each part is "text[:weight[:stop]]"; a negative weight pushes the image away from the text;
// stop, when given, is the distance below which a prompt stops pulling.
#pragma once
#include <limits>
#include <string>
#include <vector>

namespace atelier::guide {

struct Prompt {
  std::string text;
  double weight = 1.0;
  double stop = -std::numeric_limits<double>::infinity();
  bool operator==(const Prompt&) const = default;
};

// Splits on '|'; a trailing ":number" (at most two) is a weight, then a stop. Text keeps any
// other colons ("a clock at 10:30" stays whole only if written "a clock at 10:30:1"; say so in
// the UI). Numbers are read as std::from_chars reads them (a '.' whatever the locale). Throws
// Error(InvalidArgument) on an empty prompt list, a part with no text, or a weight or stop that
// is written as a number but is not finite ("inf", "nan", "1e999"), naming the prompt.
std::vector<Prompt> parse_prompts(const std::string& spec);
std::string format_prompts(const std::vector<Prompt>& prompts);

}  // namespace atelier::guide
