// The stated limits on what files and options may ask of the program. Every reader and option
// checks against these before it allocates, and its message names the limit. One place, so the
// README's reliability section, the tests and the code agree.
#pragma once
#include <cstddef>
#include <cstdint>

namespace atelier::limits {

// ---- checkpoints --------------------------------------------------------------------------
inline constexpr uint64_t kMaxPickleBytes = 256ull << 20;  // a data.pkl (real ones: under 2 MB)
inline constexpr uint64_t kMaxPickleObjects = 4'000'000;   // values a pickle may create
inline constexpr uint64_t kMaxPickleRefs = 16'000'000;     // values on the stack and in containers
inline constexpr int kMaxPickleDepth = 256;                // nesting of containers a tensor may sit in
inline constexpr uint64_t kMaxTensorNames = 200'000;       // tensors (with names) in one checkpoint
inline constexpr uint64_t kZipInflateRatio = 16;           // a record inflates to at most this times the archive
inline constexpr uint64_t kZipInflateSlack = 64ull << 20;  // ... plus this
inline constexpr uint64_t kMaxKeyLength = 1024;            // a state dict key
inline constexpr int kMaxIndexDigits = 9;                  // a layer index in a key ("layers.12.")

// ---- model architectures (checked before anything is allocated) -------------------------
inline constexpr int64_t kMaxWidth = 8192;         // transformer width, embedding size
inline constexpr int64_t kMaxLayers = 128;         // transformer blocks per tower
inline constexpr int64_t kMaxContext = 4096;       // text context length (CLIP's is 77)
inline constexpr int64_t kMaxVocabulary = 1'000'000;
inline constexpr int64_t kMaxInputResolution = 2048;  // CLIP's image side
inline constexpr int64_t kMaxChannels = 4096;         // a VQGAN or GAN convolution's channels
inline constexpr int64_t kMaxResBlocks = 16;          // VQGAN blocks per level
inline constexpr int64_t kMaxLevels = 8;              // VQGAN resolution levels (ch_mult's length)
inline constexpr int64_t kMaxCodebook = 1 << 20;      // VQGAN codebook entries
inline constexpr uint64_t kMaxParameters = 4'000'000'000ull;  // a model's parameter count
inline constexpr int64_t kMaxAttentionPositions = 8192;      // a VQGAN's attention: 8192^2 floats = 256 MB a map

// ---- text files ---------------------------------------------------------------------------
inline constexpr uint64_t kMaxVocabBytes = 64ull << 20;   // a BPE vocabulary, inflated (OpenAI's: 1.6 MB)
inline constexpr uint64_t kMaxConfigBytes = 4ull << 20;   // a YAML or JSON model config
inline constexpr int kMaxConfigDepth = 64;                // nesting in a YAML or JSON config

// ---- drawings -------------------------------------------------------------------------------
inline constexpr double kMaxSvgCoordinate = 1e6;  // |x|, |y| and stroke widths read from an SVG

// ---- images ---------------------------------------------------------------------------------
inline constexpr uint64_t kMaxImagePixels = 64ull << 20;  // 64 MP (8192 x 8192) before decoding
inline constexpr int kMaxImageSide = 32768;
inline constexpr int kMaxAspect = 32;                     // the longer side over the shorter

// ---- options ------------------------------------------------------------------------------
inline constexpr int kMaxThreadsPerCore = 4;
inline constexpr int kMaxThreads = 256;
inline constexpr uint64_t kMaxOutputPixels = 256ull << 20;  // all images one command writes at once
inline constexpr int kMaxSizeOptionSide = 4096;             // a side of a WxH option (generate, vqgan decode-random)
// CLIP + VQGAN (generate --size): the decoder's activations are kept for the backward pass, so the
// area is bounded (VQGAN-CLIP's usual sizes are at most 1024 wide; this stops typos, not big runs).
inline constexpr uint64_t kMaxGuidePixels = 1024 * 1024;
// One VQGAN encode + decode without gradients (vqgan reconstruct downscales to it, decode-random
// refuses more; --max-pixels raises it). Measured on the shipped model, 1024 x 768 peaked at
// 2.1 GB; the f16 models' widest level (128 channels at full resolution) costs 128 MiB per
// activation at 512 x 512, a few of them alive at once: about 0.7-1 GB at this area.
inline constexpr uint64_t kMaxVqganPixels = 512 * 512;

}  // namespace atelier::limits
