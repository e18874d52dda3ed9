#include "io/animation.h"

#include <gif_lib.h>
#include <libimagequant.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include "runtime/error.h"
#include "runtime/limits.h"

namespace fs = std::filesystem;

namespace atelier {

AnimationFormat animation_format(const fs::path& file) {
  std::string ext = file.extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".gif") return AnimationFormat::Gif;
  if (ext == ".webp") return AnimationFormat::WebP;
  if (ext == ".mp4") return AnimationFormat::Mp4;
  throw Error(ErrorKind::InvalidArgument, "can't tell the animation format of " + file.string() + ": use .gif, .webp or .mp4");
}

const char* to_string(AnimationFormat f) {
  switch (f) {
    case AnimationFormat::Gif: return "GIF";
    case AnimationFormat::WebP: return "WebP";
    case AnimationFormat::Mp4: return "MP4";
  }
  return "?";
}

namespace {

struct Cancelled {};

// Frames as RGB at the animation's size (w x h).
cv::Mat prepared(const Image& img, int w, int h, bool smooth) {
  if (img.channels != 3 && img.channels != 4) throw Error(ErrorKind::InvalidArgument, "frames must be RGB or RGBA");
  cv::Mat m(img.height, img.width, img.channels == 3 ? CV_8UC3 : CV_8UC4, const_cast<uint8_t*>(img.pixels.data()));
  cv::Mat rgb;
  if (img.channels == 4) cv::cvtColor(m, rgb, cv::COLOR_RGBA2RGB);
  else rgb = m;
  // Every frame at the animation's size. Enlarged as asked (nearest keeps the pixels of a small
  // model's frame crisp); shrunk by area averaging, which any other choice would alias.
  if (rgb.cols != w || rgb.rows != h) {
    const bool enlarging = int64_t(w) * h >= int64_t(rgb.cols) * rgb.rows;
    cv::Mat r;
    cv::resize(rgb, r, cv::Size(w, h), 0, 0, !enlarging ? cv::INTER_AREA : smooth ? cv::INTER_CUBIC : cv::INTER_NEAREST);
    return r;
  }
  return rgb.clone();
}

// giflib's write errors come from stdio: errno says why (a full disk, a size limit).
std::string gif_error(int err, int errnum) {
  if ((err == E_GIF_ERR_WRITE_FAILED || err == E_GIF_ERR_CLOSE_FAILED || err == E_GIF_ERR_OPEN_FAILED || err == E_GIF_ERR_DISK_IS_FULL) &&
      errnum != 0)
    return write_error_text(errnum);
  return GifErrorString(err);
}

void gif_check(int status, int err, const fs::path& f) {
  if (status == GIF_ERROR) {
    const int errnum = errno;
    throw Error(ErrorKind::InvalidArgument, "writing " + f.string() + " failed: " + gif_error(err, errnum));
  }
}

// Whether the folder takes data: 1 MiB written and synced to a probe file (then removed). The
// reason in words when it does not (a full disk, a quota, a file size limit), else empty.
std::string space_problem(const fs::path& folder) {
  const fs::path probe = folder / (".atelier-space-probe-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return write_error_text(errno);
  std::vector<char> zeros(1 << 16, 0);
  int err = 0;
  for (int i = 0; i < 16 && err == 0; ++i) {
    size_t done = 0;
    while (done < zeros.size()) {
      const ssize_t n = ::write(fd, zeros.data() + done, zeros.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        err = errno;
        break;
      }
      done += size_t(n);
    }
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  ::close(fd);
  ::unlink(probe.c_str());
  return err == 0 ? std::string() : write_error_text(err);
}

fs::path folder_of(const fs::path& file) { return file.parent_path().empty() ? fs::path(".") : file.parent_path(); }

// What a writer is handed: the frames, prepared one at a time at the animation's size (so a long
// animation at a large scale holds one enlarged frame, not all of them), and where to write.
struct Job {
  const std::vector<Image>& frames;
  int w, h;
  bool smooth;
  fs::path tmp, file;
  cv::Mat frame(size_t i) const { return prepared(frames[i], w, h, smooth); }
};

void write_gif(const Job& job, const AnimationOptions& o, const std::function<bool(int, int)>& progress) {
  const fs::path& tmp = job.tmp;
  int err = 0;
  errno = 0;
  GifFileType* gif = EGifOpenFileName(tmp.c_str(), false, &err);
  if (!gif) {
    const int errnum = errno;
    throw Error(ErrorKind::InvalidArgument, "can't write " + job.file.string() + ": " + gif_error(err, errnum));
  }
  struct Closer {
    GifFileType* g;
    ~Closer() {
      int e = 0;
      if (g) EGifCloseFile(g, &e);
    }
  } closer{gif};
  const int w = job.w, h = job.h;
  EGifSetGifVersion(gif, true);
  gif_check(EGifPutScreenDesc(gif, w, h, 8, 0, nullptr), gif->Error, job.file);
  if (o.loop) {
    const unsigned char app[] = "NETSCAPE2.0";
    const unsigned char loop[] = {1, 0, 0};  // sub-block 1, repeat count 0: forever
    gif_check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), gif->Error, job.file);
    gif_check(EGifPutExtensionBlock(gif, 11, app), gif->Error, job.file);
    gif_check(EGifPutExtensionBlock(gif, 3, loop), gif->Error, job.file);
    gif_check(EGifPutExtensionTrailer(gif), gif->Error, job.file);
  }
  const int delay = std::max(2, int(std::lround(100.0 / o.fps)));  // hundredths of a second
  // The last frame's own time plus the hold (a GIF delay is at most 65535 hundredths).
  const int last_delay = int(std::min<long>(65535, delay + std::lround(o.hold_last * 100.0)));
  liq_attr* attr = liq_attr_create();
  struct AttrCloser {
    liq_attr* a;
    ~AttrCloser() { liq_attr_destroy(a); }
  } attr_closer{attr};
  liq_set_speed(attr, 4);
  std::vector<uint8_t> rgba(size_t(w) * size_t(h) * 4), indices(size_t(w) * size_t(h));
  const size_t n = job.frames.size();
  for (size_t f = 0; f < n; ++f) {
    const cv::Mat m = job.frame(f);
    for (size_t i = 0; i < size_t(w) * size_t(h); ++i) {
      std::memcpy(&rgba[i * 4], m.ptr<uint8_t>() + i * 3, 3);
      rgba[i * 4 + 3] = 255;
    }
    liq_image* image = liq_image_create_rgba(attr, rgba.data(), w, h, 0);
    liq_result* res = nullptr;
    if (!image || liq_image_quantize(image, attr, &res) != LIQ_OK) {
      if (image) liq_image_destroy(image);
      throw Error(ErrorKind::Internal, "libimagequant could not make a palette for frame " + std::to_string(f));
    }
    liq_set_dithering_level(res, 0.5f);
    liq_write_remapped_image(res, image, indices.data(), indices.size());
    const liq_palette* pal = liq_get_palette(res);
    GifColorType colours[256] = {};
    for (unsigned i = 0; i < pal->count; ++i) colours[i] = {pal->entries[i].r, pal->entries[i].g, pal->entries[i].b};
    int bits = 1;
    while ((1 << bits) < int(pal->count)) ++bits;
    ColorMapObject* map = GifMakeMapObject(1 << bits, colours);
    liq_result_destroy(res);
    liq_image_destroy(image);
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = f + 1 == n ? last_delay : delay;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    errno = 0;
    int status = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext);
    if (status != GIF_ERROR) status = EGifPutImageDesc(gif, 0, 0, w, h, false, map);
    for (int y = 0; status != GIF_ERROR && y < h; ++y) status = EGifPutLine(gif, &indices[size_t(y) * size_t(w)], w);
    const int errnum = errno;
    GifFreeMapObject(map);
    if (status == GIF_ERROR) {
      errno = errnum;
      gif_check(status, gif->Error, job.file);
    }
    if (progress && !progress(int(f) + 1, int(n))) throw Cancelled{};
  }
  closer.g = nullptr;
  errno = 0;
  if (EGifCloseFile(gif, &err) == GIF_ERROR) {
    const int errnum = errno;
    throw Error(ErrorKind::InvalidArgument, "writing " + job.file.string() + " failed: " + gif_error(err, errnum));
  }
}

void write_webp(const Job& job, const AnimationOptions& o, const std::function<bool(int, int)>& progress) {
  const int w = job.w, h = job.h;
  WebPAnimEncoderOptions eo;
  WebPAnimEncoderOptionsInit(&eo);
  eo.anim_params.loop_count = o.loop ? 0 : 1;
  WebPAnimEncoder* enc = WebPAnimEncoderNew(w, h, &eo);
  if (!enc) throw Error(ErrorKind::Internal, "libwebp could not start an animation");
  struct Closer {
    WebPAnimEncoder* e;
    ~Closer() { WebPAnimEncoderDelete(e); }
  } closer{enc};
  WebPConfig config;
  WebPConfigInit(&config);
  config.quality = float(o.quality);
  const int step_ms = std::max(1, int(std::lround(1000.0 / o.fps)));
  int t = 0;
  const size_t n = job.frames.size();
  for (size_t f = 0; f < n; ++f, t += step_ms) {
    const cv::Mat m = job.frame(f);
    WebPPicture pic;
    WebPPictureInit(&pic);
    pic.width = w;
    pic.height = h;
    pic.use_argb = 1;
    if (!WebPPictureImportRGB(&pic, m.ptr<uint8_t>(), w * 3)) throw Error(ErrorKind::Internal, "libwebp: out of memory");
    const int ok = WebPAnimEncoderAdd(enc, &pic, t, &config);
    WebPPictureFree(&pic);
    if (!ok) throw Error(ErrorKind::Internal, std::string("libwebp: ") + WebPAnimEncoderGetError(enc));
    if (progress && !progress(int(f) + 1, int(n))) throw Cancelled{};
  }
  // The end time closes the last frame: its own step plus the hold.
  WebPAnimEncoderAdd(enc, nullptr, t + int(std::lround(o.hold_last * 1000.0)), nullptr);
  WebPData data;
  WebPDataInit(&data);
  if (!WebPAnimEncoderAssemble(enc, &data)) throw Error(ErrorKind::Internal, std::string("libwebp: ") + WebPAnimEncoderGetError(enc));
  struct DataCloser {
    WebPData* d;
    ~DataCloser() { WebPDataClear(d); }
  } data_closer{&data};
  write_bytes(job.tmp, job.file, data.bytes, data.size);
}

void write_mp4(const Job& job, const AnimationOptions& o, const std::function<bool(int, int)>& progress) {
  // MPEG-4 part 2 ("mp4v"): encoded by FFmpeg's own encoder, so no optional codec library is needed.
  const cv::Size size(job.w, job.h);
  const fs::path folder = folder_of(job.file);
  cv::VideoWriter writer(job.tmp.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), o.fps, size, true);
  if (!writer.isOpened()) {
    // Say what really failed: the disk (full, a quota, a size limit) before the codec.
    if (const std::string space = space_problem(folder); !space.empty())
      throw Error(ErrorKind::InvalidArgument, "can't write " + job.file.string() + ": " + space);
    if (!cv::videoio_registry::hasBackend(cv::CAP_FFMPEG))
      throw Error(ErrorKind::Unsupported, "can't write " + job.file.string() +
                                              ": this OpenCV has no FFmpeg backend, which MP4 needs (is its FFmpeg backend installed? "
                                              "Export as .gif or .webp instead)");
    throw Error(ErrorKind::Unsupported, "OpenCV's FFmpeg backend could not open an MP4 (mp4v) writer for " + job.file.string());
  }
  cv::Mat bgr;
  const size_t n = job.frames.size();
  for (size_t f = 0; f < n; ++f) {
    cv::cvtColor(job.frame(f), bgr, cv::COLOR_RGB2BGR);
    writer.write(bgr);
    // One rate for every frame: the hold is the last frame again, as often as it lasts.
    if (f + 1 == n)
      for (long k = std::lround(o.hold_last * o.fps); k > 0; --k) writer.write(bgr);
    if (progress && !progress(int(f) + 1, int(n))) throw Cancelled{};
  }
  writer.release();
  // VideoWriter::write reports nothing: a file whose container can't be read back was cut short.
  cv::VideoCapture check(job.tmp.string(), cv::CAP_FFMPEG);
  if (!check.isOpened() || check.get(cv::CAP_PROP_FRAME_COUNT) < 1) {
    const std::string space = space_problem(folder);
    throw Error(ErrorKind::InvalidArgument, "writing " + job.file.string() + " failed: " +
                                                (space.empty() ? std::string("the MP4 encoder did not finish the file") : space));
  }
}

}  // namespace

void check_animation_output(const fs::path& file) {
  animation_format(file);
  check_output_folder(file);
}

void write_animation(const fs::path& file, const std::vector<Image>& frames, const AnimationOptions& o,
                     const std::function<bool(int, int)>& progress) {
  const AnimationFormat format = animation_format(file);
  if (frames.empty()) throw Error(ErrorKind::InvalidArgument, "an animation needs at least one frame");
  if (!(o.fps > 0 && o.fps <= 240)) throw Error(ErrorKind::InvalidArgument, "frames per second must be in (0, 240]");
  if (!(o.quality >= 0 && o.quality <= 100)) throw Error(ErrorKind::InvalidArgument, "the quality must be 0 to 100");
  if (!(o.hold_last >= 0 && o.hold_last <= 600)) throw Error(ErrorKind::InvalidArgument, "the last frame's hold must be 0 to 600 seconds");
  if (o.width < 0 || o.height < 0 || (o.width == 0) != (o.height == 0))
    throw Error(ErrorKind::InvalidArgument, "an animation's size needs both a width and a height");
  for (const Image& img : frames)
    if (img.width <= 0 || img.height <= 0 || (img.channels != 3 && img.channels != 4) ||
        img.pixels.size() != size_t(img.width) * size_t(img.height) * size_t(img.channels))
      throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": an empty or malformed frame");
  const int scale = std::clamp(o.scale, 1, 64);
  const bool sized = o.width > 0;
  int64_t w64 = sized ? int64_t(o.width) : int64_t(frames[0].width) * scale;
  int64_t h64 = sized ? int64_t(o.height) : int64_t(frames[0].height) * scale;
  if (format == AnimationFormat::Mp4) w64 += w64 % 2, h64 += h64 % 2;
  // One enlarged frame is what a writer holds at a time; its size is bounded as an image's.
  check_image_size(w64, h64, "a frame of " + file.string() + " (" + std::to_string(frames[0].width) + " x " +
                                 std::to_string(frames[0].height) +
                                 (sized ? " at " + std::to_string(w64) + " x " + std::to_string(h64) : " at scale " + std::to_string(scale)) +
                                 ")");
  if (format == AnimationFormat::Gif && (w64 > 65535 || h64 > 65535))
    throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": GIF frames are at most 65535 pixels a side");
  if (format == AnimationFormat::WebP && (w64 > 16383 || h64 > 16383))
    throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": WebP frames are at most 16383 pixels a side");
  // The temporary keeps the extension: OpenCV picks the container by it.
  const fs::path tmp = file.parent_path() / (".partial-" + file.filename().string());
  std::error_code ec;
  if (!file.parent_path().empty() && !fs::is_directory(file.parent_path(), ec))
    throw Error(ErrorKind::NotFound, "can't write " + file.string() + ": no folder " + file.parent_path().string());
  if (fs::is_directory(file, ec)) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": it is a folder");
  {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
      const int errnum = errno;
      throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + " in " + folder_of(file).string() + ": " + write_error_text(errnum));
    }
    ::close(fd);
  }
  const Job job{frames, int(w64), int(h64), o.smooth, tmp, file};
  try {
    switch (format) {
      case AnimationFormat::Gif: write_gif(job, o, progress); break;
      case AnimationFormat::WebP: write_webp(job, o, progress); break;
      case AnimationFormat::Mp4: write_mp4(job, o, progress); break;
    }
    if (fs::file_size(tmp, ec) == 0 || ec) throw Error(ErrorKind::Internal, "the " + std::string(to_string(format)) + " encoder wrote nothing");
  } catch (const Cancelled&) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::Cancelled, "export of " + file.string() + " cancelled");
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  commit_file(tmp, file);
}

int count_animation_frames(const fs::path& file) { return read_animation_info(file).frames; }

AnimationInfo read_animation_info(const fs::path& file) {
  switch (animation_format(file)) {
    case AnimationFormat::Gif: {
      int err = 0;
      GifFileType* gif = DGifOpenFileName(file.c_str(), &err);
      if (!gif) return {};
      AnimationInfo info;
      if (DGifSlurp(gif) == GIF_OK) {
        info = {gif->ImageCount, gif->SWidth, gif->SHeight, {}};
        for (int i = 0; i < gif->ImageCount; ++i) {
          GraphicsControlBlock gcb{};
          info.durations_ms.push_back(DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK ? gcb.DelayTime * 10 : 0);
        }
      }
      DGifCloseFile(gif, &err);
      return info;
    }
    case AnimationFormat::WebP: {
      std::ifstream in(file, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      WebPData data{reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()};
      WebPAnimDecoderOptions opts;
      WebPAnimDecoderOptionsInit(&opts);
      WebPAnimDecoder* dec = WebPAnimDecoderNew(&data, &opts);
      if (!dec) return {};
      AnimationInfo info;
      WebPAnimInfo anim;
      if (WebPAnimDecoderGetInfo(dec, &anim)) info.width = int(anim.canvas_width), info.height = int(anim.canvas_height);
      uint8_t* buf;
      int ts, previous = 0;  // the decoder gives each frame's end time
      while (WebPAnimDecoderHasMoreFrames(dec) && WebPAnimDecoderGetNext(dec, &buf, &ts)) {
        ++info.frames;
        info.durations_ms.push_back(ts - previous);
        previous = ts;
      }
      WebPAnimDecoderDelete(dec);
      return info;
    }
    case AnimationFormat::Mp4: {
      cv::VideoCapture cap(file.string(), cv::CAP_FFMPEG);
      if (!cap.isOpened()) return {};
      AnimationInfo info;
      const double fps = cap.get(cv::CAP_PROP_FPS);
      cv::Mat m;
      while (cap.read(m)) {
        ++info.frames;
        info.width = m.cols;
        info.height = m.rows;
        info.durations_ms.push_back(fps > 0 ? int(std::lround(1000.0 / fps)) : 0);
      }
      return info;
    }
  }
  return {};
}

}  // namespace atelier
