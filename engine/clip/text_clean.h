// The cleaning CLIP's reference tokenizer applies before splitting a prompt into words:
// ftfy.fix_text (without its mojibake repair), HTML entities unescaped twice, whitespace
// collapsed, lower case. UTF-8 in, UTF-8 out.
#pragma once
#include <string>
#include <string_view>

namespace atelier::clip {

// Throws Error(InvalidArgument) for text that is not valid UTF-8.
std::string clean_prompt(std::string_view text);

// The pieces, exposed for tests.
std::string ftfy_fix_text(std::string_view text);  // ftfy 6.1 defaults, minus fix_encoding
std::string html_unescape(std::string_view text);  // Python's html.unescape
std::string python_lower(std::string_view text);   // Python's str.lower()

}  // namespace atelier::clip
