// Strict parsing of numbers and keys read from files and options: the whole text or nothing
// (no "16x16garbage", no "3.2e1" read as 3), std::from_chars only (no locale, no exceptions
// without context, no std::regex on file content), and messages that say where and what.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atelier {

// The whole of text as a number, or nothing. Leading '+' is accepted; spaces are not.
std::optional<int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);  // finite values only

// As above, or Error(BadFile) naming where ("tiny.yaml, key ddconfig.ch") and the value
// (shortened when long).
int64_t require_int(std::string_view text, const std::string& where);
double require_double(std::string_view text, const std::string& where);

// A value shortened for a message: at most max_chars, with an ellipsis and its length.
std::string shown(std::string_view text, size_t max_chars = 40);

// A state dict key's parts ("visual.transformer.resblocks.3.attn" -> 5 parts).
std::vector<std::string_view> split_key(std::string_view key);
// A key part that is a layer index: digits only, at most limits::kMaxIndexDigits of them.
std::optional<int64_t> key_index(std::string_view part);

}  // namespace atelier
