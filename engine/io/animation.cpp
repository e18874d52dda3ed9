#include "io/animation.h"

#include <gif_lib.h>
#include <libimagequant.h>
#include <webp/demux.h>
#include <webp/encode.h>
#include <webp/mux.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "runtime/error.h"

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

// Frames as RGB at the output size (enlarged by options.scale, all the size of the first).
cv::Mat prepared(const Image& img, int w, int h, int scale) {
  if (img.channels != 3 && img.channels != 4) throw Error(ErrorKind::InvalidArgument, "frames must be RGB or RGBA");
  cv::Mat m(img.height, img.width, img.channels == 3 ? CV_8UC3 : CV_8UC4, const_cast<uint8_t*>(img.pixels.data()));
  cv::Mat rgb;
  if (img.channels == 4) cv::cvtColor(m, rgb, cv::COLOR_RGBA2RGB);
  else rgb = m;
  // Every frame at the animation's size: scaled up by `scale` (nearest: pixels stay crisp), or
  // fitted when a later frame differs from the first.
  if (rgb.cols != w || rgb.rows != h) {
    cv::Mat r;
    cv::resize(rgb, r, cv::Size(w, h), 0, 0, scale > 1 ? cv::INTER_NEAREST : cv::INTER_AREA);
    return r;
  }
  return rgb.clone();
}

void gif_check(int status, int err, const fs::path& f) {
  if (status == GIF_ERROR) throw Error(ErrorKind::InvalidArgument, "writing " + f.string() + " failed: " + GifErrorString(err));
}

void write_gif(const fs::path& tmp, const std::vector<cv::Mat>& frames, const AnimationOptions& o,
               const std::function<bool(int, int)>& progress) {
  int err = 0;
  GifFileType* gif = EGifOpenFileName(tmp.c_str(), false, &err);
  if (!gif) throw Error(ErrorKind::InvalidArgument, "can't write " + tmp.string() + ": " + GifErrorString(err));
  struct Closer {
    GifFileType* g;
    ~Closer() {
      int e = 0;
      if (g) EGifCloseFile(g, &e);
    }
  } closer{gif};
  const int w = frames[0].cols, h = frames[0].rows;
  EGifSetGifVersion(gif, true);
  gif_check(EGifPutScreenDesc(gif, w, h, 8, 0, nullptr), gif->Error, tmp);
  if (o.loop) {
    const unsigned char app[] = "NETSCAPE2.0";
    const unsigned char loop[] = {1, 0, 0};  // sub-block 1, repeat count 0: forever
    gif_check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE), gif->Error, tmp);
    gif_check(EGifPutExtensionBlock(gif, 11, app), gif->Error, tmp);
    gif_check(EGifPutExtensionBlock(gif, 3, loop), gif->Error, tmp);
    gif_check(EGifPutExtensionTrailer(gif), gif->Error, tmp);
  }
  const int delay = std::max(2, int(std::lround(100.0 / o.fps)));  // hundredths of a second
  liq_attr* attr = liq_attr_create();
  liq_set_speed(attr, 4);
  std::vector<uint8_t> rgba(size_t(w) * size_t(h) * 4), indices(size_t(w) * size_t(h));
  for (size_t f = 0; f < frames.size(); ++f) {
    const cv::Mat& m = frames[f];
    for (int i = 0; i < w * h; ++i) {
      std::memcpy(&rgba[size_t(i) * 4], m.ptr<uint8_t>() + i * 3, 3);
      rgba[size_t(i) * 4 + 3] = 255;
    }
    liq_image* image = liq_image_create_rgba(attr, rgba.data(), w, h, 0);
    liq_result* res = nullptr;
    if (!image || liq_image_quantize(image, attr, &res) != LIQ_OK) {
      if (image) liq_image_destroy(image);
      liq_attr_destroy(attr);
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
    gcb.DelayTime = delay;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    int status = EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, ext);
    if (status != GIF_ERROR) status = EGifPutImageDesc(gif, 0, 0, w, h, false, map);
    for (int y = 0; status != GIF_ERROR && y < h; ++y) status = EGifPutLine(gif, &indices[size_t(y) * size_t(w)], w);
    GifFreeMapObject(map);
    if (status == GIF_ERROR) {
      liq_attr_destroy(attr);
      gif_check(status, gif->Error, tmp);
    }
    if (progress && !progress(int(f) + 1, int(frames.size()))) {
      liq_attr_destroy(attr);
      throw Cancelled{};
    }
  }
  liq_attr_destroy(attr);
  closer.g = nullptr;
  if (EGifCloseFile(gif, &err) == GIF_ERROR) throw Error(ErrorKind::InvalidArgument, "writing " + tmp.string() + " failed: " + GifErrorString(err));
}

void write_webp(const fs::path& tmp, const std::vector<cv::Mat>& frames, const AnimationOptions& o,
                const std::function<bool(int, int)>& progress) {
  const int w = frames[0].cols, h = frames[0].rows;
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
  for (size_t f = 0; f < frames.size(); ++f, t += step_ms) {
    WebPPicture pic;
    WebPPictureInit(&pic);
    pic.width = w;
    pic.height = h;
    pic.use_argb = 1;
    if (!WebPPictureImportRGB(&pic, frames[f].ptr<uint8_t>(), w * 3)) throw Error(ErrorKind::Internal, "libwebp: out of memory");
    const int ok = WebPAnimEncoderAdd(enc, &pic, t, &config);
    WebPPictureFree(&pic);
    if (!ok) throw Error(ErrorKind::Internal, std::string("libwebp: ") + WebPAnimEncoderGetError(enc));
    if (progress && !progress(int(f) + 1, int(frames.size()))) throw Cancelled{};
  }
  WebPAnimEncoderAdd(enc, nullptr, t, nullptr);
  WebPData data;
  WebPDataInit(&data);
  if (!WebPAnimEncoderAssemble(enc, &data)) throw Error(ErrorKind::Internal, std::string("libwebp: ") + WebPAnimEncoderGetError(enc));
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.bytes), std::streamsize(data.size));
  WebPDataClear(&data);
  out.close();
  if (!out) throw Error(ErrorKind::InvalidArgument, "writing " + tmp.string() + " failed (disk full?)");
}

void write_mp4(const fs::path& tmp, const std::vector<cv::Mat>& frames, const AnimationOptions& o,
               const std::function<bool(int, int)>& progress) {
  // MPEG-4 part 2 ("mp4v"): encoded by FFmpeg's own encoder, so no optional codec library is needed.
  const cv::Size size(frames[0].cols, frames[0].rows);
  cv::VideoWriter writer(tmp.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('m', 'p', '4', 'v'), o.fps, size, true);
  if (!writer.isOpened())
    throw Error(ErrorKind::Unsupported, "OpenCV could not open an MP4 writer for " + tmp.string() + " (is its FFmpeg backend installed?)");
  cv::Mat bgr;
  for (size_t f = 0; f < frames.size(); ++f) {
    cv::cvtColor(frames[f], bgr, cv::COLOR_RGB2BGR);
    writer.write(bgr);
    if (progress && !progress(int(f) + 1, int(frames.size()))) throw Cancelled{};
  }
  writer.release();
}

}  // namespace

void write_animation(const fs::path& file, const std::vector<Image>& frames, const AnimationOptions& o,
                     const std::function<bool(int, int)>& progress) {
  const AnimationFormat format = animation_format(file);
  if (frames.empty()) throw Error(ErrorKind::InvalidArgument, "an animation needs at least one frame");
  if (o.fps <= 0 || o.fps > 240) throw Error(ErrorKind::InvalidArgument, "frames per second must be in (0, 240]");
  const int scale = std::clamp(o.scale, 1, 64);
  int w = frames[0].width * scale, h = frames[0].height * scale;
  if (format == AnimationFormat::Mp4) {  // the encoder wants even sides
    w += w % 2;
    h += h % 2;
  }
  std::vector<cv::Mat> prepared_frames;
  for (const Image& img : frames) prepared_frames.push_back(prepared(img, w, h, scale));
  // The temporary keeps the extension: OpenCV picks the container by it.
  const fs::path tmp = file.parent_path() / (".partial-" + file.filename().string());
  std::error_code ec;
  if (!file.parent_path().empty() && !fs::is_directory(file.parent_path(), ec))
    throw Error(ErrorKind::NotFound, "can't write " + file.string() + ": no folder " + file.parent_path().string());
  {
    std::ofstream probe(tmp, std::ios::binary | std::ios::trunc);
    if (!probe) throw Error(ErrorKind::InvalidArgument, "can't write in " + file.parent_path().string() + ": " + std::strerror(errno));
  }
  try {
    switch (format) {
      case AnimationFormat::Gif: write_gif(tmp, prepared_frames, o, progress); break;
      case AnimationFormat::WebP: write_webp(tmp, prepared_frames, o, progress); break;
      case AnimationFormat::Mp4: write_mp4(tmp, prepared_frames, o, progress); break;
    }
    if (fs::file_size(tmp, ec) == 0 || ec) throw Error(ErrorKind::Internal, "the " + std::string(to_string(format)) + " encoder wrote nothing");
  } catch (const Cancelled&) {
    fs::remove(tmp, ec);
    throw Error(ErrorKind::Cancelled, "export of " + file.string() + " cancelled");
  } catch (...) {
    fs::remove(tmp, ec);
    throw;
  }
  fs::rename(tmp, file, ec);
  if (ec) {
    fs::remove(tmp);
    throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": " + ec.message());
  }
}

int count_animation_frames(const fs::path& file) { return read_animation_info(file).frames; }

AnimationInfo read_animation_info(const fs::path& file) {
  switch (animation_format(file)) {
    case AnimationFormat::Gif: {
      int err = 0;
      GifFileType* gif = DGifOpenFileName(file.c_str(), &err);
      if (!gif) return {};
      AnimationInfo info;
      if (DGifSlurp(gif) == GIF_OK) info = {gif->ImageCount, gif->SWidth, gif->SHeight};
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
      int ts;
      while (WebPAnimDecoderHasMoreFrames(dec) && WebPAnimDecoderGetNext(dec, &buf, &ts)) ++info.frames;
      WebPAnimDecoderDelete(dec);
      return info;
    }
    case AnimationFormat::Mp4: {
      cv::VideoCapture cap(file.string(), cv::CAP_FFMPEG);
      if (!cap.isOpened()) return {};
      AnimationInfo info;
      cv::Mat m;
      while (cap.read(m)) {
        ++info.frames;
        info.width = m.cols;
        info.height = m.rows;
      }
      return info;
    }
  }
  return {};
}

}  // namespace atelier
