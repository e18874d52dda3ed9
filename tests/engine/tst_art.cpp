// The art tools of issue 21 that plug into the one guidance loop: the drawers that need no VQGAN
// (pixel art, the FFT image), motion between frames (zoom, rotation, shift, taken back to the
// latent), smoothing against flicker, and the higher-resolution pass. On the shipped mini-CLIP and
// mini-VQGAN. Every check measures the pixels here (blocks, colours, OpenCV's resize of the
// previous frame), never the CLIP that guided.
#include <QTest>

#include <ATen/Parallel.h>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <memory>
#include <set>

#include "clip/clip.h"
#include "common/errors.h"
#include "gan/gan.h"
#include "guide/constraints.h"
#include "guide/drawers.h"
#include "guide/guide.h"
#include "runtime/job.h"
#include "runtime/model_paths.h"
#include "vqgan/vqgan.h"

using namespace atelier;

namespace {

struct Run {
  guide::GuideResult result;
  std::vector<Frame> frames;
};

Image toImage(const Frame& f) { return Image{f.width, f.height, 3, f.rgb}; }

cv::Mat mat(const Image& im) { return cv::Mat(im.height, im.width, CV_8UC3, const_cast<uint8_t*>(im.pixels.data())).clone(); }

// Mean |difference| of two same-sized 8-bit images, in 8-bit levels.
double meanDiff(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat d;
  cv::absdiff(a, b, d);
  const cv::Scalar m = cv::mean(d);
  return (m[0] + m[1] + m[2]) / 3;
}

// The frame zoomed by `zoom` about its centre (OpenCV, bilinear, edges repeated): what the next
// frame shows before any optimisation. A pixel x of the result shows the frame at
// c + (x - c) / zoom, c the centre ((side - 1) / 2 in pixel indices).
cv::Mat zoomed(const Image& frame, double zoom) {
  const double cx = (frame.width - 1) / 2.0, cy = (frame.height - 1) / 2.0;
  const cv::Mat m = (cv::Mat_<double>(2, 3) << zoom, 0, (1 - zoom) * cx, 0, zoom, (1 - zoom) * cy);
  cv::Mat out;
  cv::warpAffine(mat(frame), out, m, cv::Size(frame.width, frame.height), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

// The fraction of pixels whose red channel leads the others by 40 levels, and likewise blue.
double share(const Image& im, int channel) {
  int64_t n = 0;
  for (size_t i = 0; i < im.pixels.size(); i += 3) {
    const int c = im.pixels[i + size_t(channel)], o1 = im.pixels[i + size_t((channel + 1) % 3)], o2 = im.pixels[i + size_t((channel + 2) % 3)];
    n += c > o1 + 40 && c > o2 + 40;
  }
  return double(n) / double(im.pixels.size() / 3);
}

}  // namespace

class TestArt : public QObject {
  Q_OBJECT
  std::unique_ptr<clip::Clip> m_clip;
  std::unique_ptr<vqgan::Vqgan> m_vqgan;

  static guide::GuideOptions small(int side = 64) {
    guide::GuideOptions o;
    o.prompts = "a red circle";
    o.steps = 12;
    o.cutn = 4;
    o.seed = 5;
    o.width = o.height = side;
    return o;
  }

  Run drawer(guide::Drawer d, const guide::GuideOptions& o) {
    Run run;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { run.frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    run.result = guide::run_drawer_guidance(*m_clip, d, o, &ctx);
    return run;
  }
  Run vqgan(const guide::GuideOptions& o) {
    Run run;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { run.frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    run.result = guide::run_vqgan_guidance(*m_clip, *m_vqgan, o, &ctx);
    return run;
  }

 private Q_SLOTS:
  void initTestCase() {
    at::set_num_threads(2);
    m_clip = std::make_unique<clip::Clip>(clip::Clip::load(find_default_clip()));
    const auto [ckpt, yaml] = vqgan::find_vqgan();
    QVERIFY2(!ckpt.empty(), "the shipped mini-VQGAN is missing");
    m_vqgan = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(ckpt, yaml));
  }

  // Pixel art: every cell one flat block, and the blocks at the grid's full resolution (every
  // boundary between cells is crossed by a colour change somewhere); with a palette, only its
  // colours. Same seed, same picture.
  void pixelArtIsTheGridsBlocks() {
    guide::GuideOptions o = small(64);
    o.grid_width = 16, o.grid_height = 8;  // blocks of 4 x 8 pixels
    const Run run = drawer(guide::Drawer::Pixel, o);
    const Image& im = run.result.image;
    QCOMPARE(im.width, 64);
    QCOMPARE(run.result.latent.size(), size_t(3 * 16 * 8));
    auto at = [&](int x, int y, int c) { return im.pixels[(size_t(y) * 64 + size_t(x)) * 3 + size_t(c)]; };
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x)
        for (int c = 0; c < 3; ++c) QCOMPARE(at(x, y, c), at(x / 4 * 4, y / 8 * 8, c));
    for (int bx = 1; bx < 16; ++bx) {
      bool changes = false;
      for (int y = 0; y < 64 && !changes; ++y)
        for (int c = 0; c < 3; ++c) changes = changes || at(bx * 4, y, c) != at(bx * 4 - 1, y, c);
      QVERIFY2(changes, qPrintable(QStringLiteral("no colour changes across the boundary before column %1").arg(bx)));
    }
    QVERIFY(drawer(guide::Drawer::Pixel, o).result.image.pixels == im.pixels);

    o.pixel_palette = "#ff0000,#ffffff,#000000";
    const Image pal = drawer(guide::Drawer::Pixel, o).result.image;
    std::set<std::array<int, 3>> colours;
    for (size_t i = 0; i < pal.pixels.size(); i += 3) colours.insert({pal.pixels[i], pal.pixels[i + 1], pal.pixels[i + 2]});
    for (const auto& c : colours)
      QVERIFY2((c == std::array<int, 3>{255, 0, 0} || c == std::array<int, 3>{255, 255, 255} || c == std::array<int, 3>{0, 0, 0}),
               "a cell shows a colour outside the palette");
    QVERIFY(colours.size() >= 2);

    o.grid_width = 24;  // does not divide 64
    QVERIFY_THROWS_EXCEPTION(Error, drawer(guide::Drawer::Pixel, o));
  }

  // The drawers paint the prompt's colour: "a red ..." leaves more red-led pixels than "a blue
  // ..." from the same start, and the other way round (colours counted here, not by CLIP).
  void drawersPaintThePromptsColour_data() {
    QTest::addColumn<int>("drawer");
    QTest::newRow("fft") << int(guide::Drawer::Fft);
    QTest::newRow("pixel") << int(guide::Drawer::Pixel);
  }
  void drawersPaintThePromptsColour() {
    QFETCH(int, drawer);
    guide::GuideOptions o = small(64);
    o.steps = 60;
    o.cutn = 8;
    o.grid_width = o.grid_height = 16;
    o.prompts = "a red circle";
    const Image red = this->drawer(guide::Drawer(drawer), o).result.image;
    o.prompts = "a blue circle";
    const Image blue = this->drawer(guide::Drawer(drawer), o).result.image;
    qInfo("red share: %.3f under \"a red circle\", %.3f under \"a blue circle\"; blue share: %.3f and %.3f", share(red, 0), share(blue, 0),
          share(red, 2), share(blue, 2));
    QVERIFY(share(red, 0) > share(blue, 0) + 0.02);
    QVERIFY(share(blue, 2) > share(red, 2) + 0.02);
  }

  // Zoom: with a learning rate too small to change anything, each frame is the one before zoomed
  // about its centre (the FFT image takes a picture back exactly, up to 8 bits).
  void zoomFramesAreThePreviousFrameZoomed() {
    guide::GuideOptions o = small(64);
    o.steps = 30;
    o.start_latent = drawer(guide::Drawer::Fft, o).result.latent;  // a picture with some contrast
    o.lr = 1e-12;
    o.frame_every = 2;
    o.steps = 8;
    o.zoom = 1.25;
    const Run run = drawer(guide::Drawer::Fft, o);
    QCOMPARE(run.frames.size(), size_t(5));  // steps 0, 2, 4, 6, 8
    for (size_t k = 1; k + 1 < run.frames.size(); ++k) {
      const Image prev = toImage(run.frames[k]), next = toImage(run.frames[k + 1]);
      const double moved = meanDiff(zoomed(prev, o.zoom), mat(next)), still = meanDiff(mat(prev), mat(next));
      qInfo("frame %zu: %.2f levels from the previous frame zoomed, %.2f from it unmoved", k + 1, moved, still);
      QVERIFY2(moved < 1.0, "a frame is not the previous one zoomed (tolerance 1 level of 255 on average)");
      QVERIFY(still > 3 * moved);
    }
    // Rotation and shift move the picture too (checked against a still run).
    o.zoom = 1, o.rotate = 10, o.shift_x = 6;
    const Run turned = drawer(guide::Drawer::Fft, o);
    QVERIFY(meanDiff(mat(toImage(turned.frames[1])), mat(toImage(turned.frames[2]))) > 1.0);
  }

  // VQGAN takes the moved frame back through its encoder: lossy at the mini model's 8 x 8 codes,
  // but closer to the zoomed frame than to the unmoved one.
  void vqganZoomFollowsThePicture() {
    guide::GuideOptions o = small(64);
    o.steps = 30;
    o.start_latent = vqgan(o).result.latent;  // a picture the VQGAN made, not random codes
    o.lr = 1e-12;
    o.frame_every = 2;
    o.steps = 6;
    o.zoom = 1.3;
    const Run run = vqgan(o);
    QCOMPARE(run.frames.size(), size_t(4));
    for (size_t k = 1; k + 1 < run.frames.size(); ++k) {
      const Image prev = toImage(run.frames[k]), next = toImage(run.frames[k + 1]);
      const double moved = meanDiff(zoomed(prev, o.zoom), mat(next)), still = meanDiff(mat(prev), mat(next));
      qInfo("VQGAN frame %zu: %.2f levels from the previous frame zoomed, %.2f from it unmoved", k + 1, moved, still);
      QVERIFY(moved < still);
    }
  }

  // A GAN has no way back from an image: motion is refused before the first step, as are values
  // out of bounds.
  void motionIsRefusedWhereItCantWork() {
    gan::Gan g = gan::Gan::load(std::string(ATELIER_SOURCE_DIR) + "/resources/models/gan-fashion");
    guide::GuideOptions o = small(64);
    o.zoom = 1.1;
    QVERIFY_THROWS_EXCEPTION(Error, guide::run_gan_guidance(*m_clip, g, o, nullptr));
    for (auto bad : {+[](guide::GuideOptions& x) { x.zoom = 3; }, +[](guide::GuideOptions& x) { x.rotate = NAN; },
                     +[](guide::GuideOptions& x) { x.shift_x = 40; }, +[](guide::GuideOptions& x) { x.smoothing = 1; }}) {
      guide::GuideOptions b = small(64);
      bad(b);
      QVERIFY_THROWS_EXCEPTION(Error, guide::check_motion(b));
    }
  }

  // Smoothing: frames from the latent's moving average change less from one to the next.
  void smoothingLowersFlicker() {
    guide::GuideOptions o = small(64);
    o.frame_every = 1;
    o.steps = 16;
    o.lr = 0.1;
    auto flicker = [&](double smoothing) {
      o.smoothing = smoothing;
      const Run run = drawer(guide::Drawer::Fft, o);
      double s = 0;
      for (size_t k = 2; k < run.frames.size(); ++k) s += meanDiff(mat(toImage(run.frames[k - 1])), mat(toImage(run.frames[k])));
      return s / double(run.frames.size() - 2);
    };
    const double plain = flicker(0), smooth = flicker(0.9);
    qInfo("mean change between frames: %.2f levels without smoothing, %.2f at 0.9", plain, smooth);
    QVERIFY(smooth < 0.7 * plain);
  }

  // The x2 pass starts from the finished run's latent at twice the size: pixel art's start is its
  // picture enlarged exactly; VQGAN's and the FFT image's are close to it enlarged.
  void higherResolutionPassStartsFromTheRun() {
    guide::GuideOptions o = small(64);
    o.grid_width = o.grid_height = 16;
    for (int d = 0; d < 3; ++d) {
      const bool vq = d == 2;
      const auto kind = d == 0 ? guide::Drawer::Pixel : guide::Drawer::Fft;
      const Run first = vq ? vqgan(o) : drawer(kind, o);
      guide::GuideOptions x2 = o;
      x2.start_latent = first.result.latent;
      x2.start_width = x2.start_height = 64;
      x2.width = x2.height = 128;
      x2.grid_width = x2.grid_height = 32;
      x2.steps = 2;
      const Run second = vq ? vqgan(x2) : drawer(kind, x2);
      const Image start = toImage(second.frames.front());
      QCOMPARE(start.width, 128);
      cv::Mat up;
      cv::resize(mat(first.result.image), up, cv::Size(128, 128), 0, 0, d == 0 ? cv::INTER_NEAREST : cv::INTER_CUBIC);
      const double diff = meanDiff(up, mat(start));
      // Against another seed's picture enlarged: the start is this run's picture, not just any.
      guide::GuideOptions other = o;
      other.seed = 6;
      cv::Mat up_other;
      cv::resize(mat((vq ? vqgan(other) : drawer(kind, other)).result.image), up_other, cv::Size(128, 128), 0, 0, cv::INTER_CUBIC);
      const double diff_other = meanDiff(up_other, mat(start));
      qInfo("%s: the x2 start is %.2f levels from the run's image enlarged (%.2f from another seed's)",
            vq ? "vqgan" : guide::to_string(kind), diff, diff_other);
      // Pixel art's cells are enlarged exactly and the FFT image's picture up to 8 bits; VQGAN's
      // goes through its encoder, which the mini-VQGAN does coarsely.
      QVERIFY(diff < (d == 0 ? 0.5 : vq ? 0.75 * diff_other : 3.0));
    }
    guide::GuideOptions wrong = o;
    wrong.start_latent = std::vector<float>(10, 0.f);
    wrong.start_width = wrong.start_height = 32;
    QVERIFY_THROWS_EXCEPTION(Error, drawer(guide::Drawer::Fft, wrong));
  }
};

QTEST_GUILESS_MAIN(TestArt)
#include "tst_art.moc"
