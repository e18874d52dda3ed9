// Animations of a job's frames: GIF (giflib, palettes by libimagequant), animated WebP
// (libwebpmux) and MP4 (OpenCV's FFmpeg backend, MPEG-4 part 2). Every write goes to a
// temporary file beside the target and is renamed into place when complete.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier {

enum class AnimationFormat { Gif, WebP, Mp4 };

// By the file's extension (.gif, .webp, .mp4); throws Error(InvalidArgument) listing the choices.
AnimationFormat animation_format(const std::filesystem::path& file);
const char* to_string(AnimationFormat format);

struct AnimationOptions {
  double fps = 12.0;
  int scale = 1;      // enlargement, for small models' 32-64 px frames (when width and height are 0)
  // The animation's size in pixels; 0 and 0: the first frame's size times scale. MP4 rounds odd
  // sides up (its encoder needs even ones).
  int width = 0, height = 0;
  // Enlarging: false keeps pixels crisp (nearest neighbour), true interpolates (bicubic).
  // Shrinking always averages areas: dropping pixels would alias.
  bool smooth = false;
  // Seconds the last frame stays on after its own 1/fps, so a loop rests on the result: GIF and
  // WebP lengthen that frame's duration, MP4 (one rate for all frames) repeats it. 0 to 600.
  double hold_last = 0;
  bool loop = true;   // GIF and WebP: play forever
  int quality = 90;   // WebP (0-100); MP4 uses the codec's default
};

// Before a run: the extension is one of the three (animation_format) and the folder takes a new
// file (check_output_folder). Throws Error naming the path.
void check_animation_output(const std::filesystem::path& file);

// progress(done, total) after each frame; returning false cancels the write (nothing is left).
// Frames are enlarged one at a time (a frame at scale is bounded as an image: check_image_size).
// A write that fails says why: a full disk, a quota or a size limit (errno) is told apart from a
// missing FFmpeg backend; the temporary ".partial-NAME" is removed on every failure.
void write_animation(const std::filesystem::path& file, const std::vector<Image>& frames, const AnimationOptions& options = {},
                     const std::function<bool(int, int)>& progress = {});

// Decodes the file with the format's own decoder and counts its frames (0 when unreadable).
int count_animation_frames(const std::filesystem::path& file);
// What an animation file holds: its frames, their size and how long each is shown, in
// milliseconds (GIF: its hundredths of a second; MP4: 1000 / its rate for every frame); 0s and
// no durations when it can't be read.
struct AnimationInfo {
  int frames = 0, width = 0, height = 0;
  std::vector<int> durations_ms;
};
AnimationInfo read_animation_info(const std::filesystem::path& file);

}  // namespace atelier
