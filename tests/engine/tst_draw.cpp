// The differentiable rasteriser: the coverage profile of a straight stroke, compositing order,
// paths off the canvas, supersampling, and gradients (points, widths, colours) against central
// finite differences in double precision.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <memory>

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <cmath>

#include "common/errors.h"
#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "draw/clipdraw.h"
#include "draw/detail/raster.h"
#include "guide/prompts.h"
#include "runtime/job.h"
#include "runtime/model_paths.h"

using namespace atelier;
using namespace atelier::draw;

// In svg_scanner_checks.cpp: moc does not read raw strings with delimiters.
void svgScannerChecks();

namespace {

// A straight cubic from (x0, y) to (x1, y): control points evenly spaced on the line.
at::Tensor line(double x0, double x1, double y) {
  at::Tensor p = at::empty({1, 4, 2}, at::kDouble);
  for (int i = 0; i < 4; ++i) {
    p[0][i][0] = x0 + (x1 - x0) * i / 3.0;
    p[0][i][1] = y;
  }
  return p;
}

Strokes oneStroke(const at::Tensor& points, double width, std::array<double, 4> rgba) {
  Strokes s;
  s.points = points;
  s.widths = at::full({1}, width, at::kDouble);
  s.colours = at::tensor(std::vector<double>(rgba.begin(), rgba.end()), at::kDouble).view({1, 4});
  s.segments = at::ones({1}, at::kLong);
  return s;
}

// An image's colour at a glance: the largest chroma (max - min of R, G, B) of any pixel, and how
// many pixels are dark (every channel at most 64: a stroke's core, not its anti-aliased edge).
struct Tone {
  int chroma = 0, dark = 0, brighter = 0;  // brighter: pixels lighter than the background in any channel
};
Tone toneOf(const Image& img, const std::array<double, 3>& background) {
  Tone t;
  for (size_t i = 0; i + 2 < img.pixels.size(); i += 3) {
    const uint8_t* px = img.pixels.data() + i;
    t.chroma = std::max(t.chroma, int(std::max({px[0], px[1], px[2]})) - int(std::min({px[0], px[1], px[2]})));
    t.dark += px[0] <= 64 && px[1] <= 64 && px[2] <= 64;
    for (int c = 0; c < 3; ++c)
      if (px[c] > std::lround(background[size_t(c)] * 255)) {
        ++t.brighter;
        break;
      }
  }
  return t;
}

Strokes concat(const Strokes& a, const Strokes& b) {
  Strokes s;
  s.points = at::cat({a.points, b.points});
  s.widths = at::cat({a.widths, b.widths});
  s.colours = at::cat({a.colours, b.colours});
  s.segments = at::cat({a.segments, b.segments});
  return s;
}


}  // namespace

class TestDraw : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void aStraightStrokesCoverageProfile() {
    // Width 3 centred on y = 10: pixel rows 8..11 have centres 1.5, 0.5, 0.5, 1.5 away, so their
    // coverage is 0.5, 1, 1, 0.5; the rest is untouched.
    at::Tensor img = render(oneStroke(line(3, 29, 10), 3.0, {0, 0, 0, 1}), 32, 32, {1, 1, 1});
    QCOMPARE(img.sizes(), (at::IntArrayRef{3, 32, 32}));
    const double want[] = {1, 1, 0.5, 0, 0, 0.5, 1, 1};  // rows 6..13
    for (int i = 0; i < 8; ++i)
      for (int c = 0; c < 3; ++c) QVERIFY2(std::abs(img[c][6 + i][16].item<double>() - want[i]) < 1e-9, qPrintable(QString::number(i)));
    // The ink across any column equals the width. The ends are round (like SVG's
    // stroke-linecap="round"): ink within half the width past an end, none beyond.
    QVERIFY(std::abs((1 - img[0].select(1, 16)).sum().item<double>() - 3.0) < 1e-9);
    QVERIFY((1 - img[0].select(1, 1)).sum().item<double>() > 0.1);
    QCOMPARE((1 - img[0].select(1, 0)).sum().item<double>(), 0.0);
    // Supersampled 4x: the ink is still the width.
    at::Tensor fine = render(oneStroke(line(2, 30, 10.3), 3.0, {0, 0, 0, 1}), 32, 32, {1, 1, 1}, 4);
    QVERIFY(std::abs((1 - fine[0].select(1, 16)).sum().item<double>() - 3.0) < 1e-9);
  }

  void coloursCompositeInOrder() {
    const Strokes red = oneStroke(line(0, 32, 16), 6, {1, 0, 0, 1}), blue = oneStroke(line(0, 32, 16), 6, {0, 0, 1, 0.5});
    at::Tensor rb = render(concat(red, blue), 32, 32, {1, 1, 1}), br = render(concat(blue, red), 32, 32, {1, 1, 1});
    // Red, then half-transparent blue over it: (0.5, 0, 0.5). Blue first, then opaque red: red.
    QVERIFY(at::allclose(rb.select(1, 16).select(1, 16), at::tensor({0.5, 0.0, 0.5}, at::kDouble)));
    QVERIFY(at::allclose(br.select(1, 16).select(1, 16), at::tensor({1.0, 0.0, 0.0}, at::kDouble)));
  }

  void aPathOffTheCanvasCostsNothing() {
    Strokes off = oneStroke(line(-300, -200, -50), 4, {0, 0, 0, 1});
    off.points.requires_grad_(true);
    at::Tensor img = render(off, 64, 64, {0.2, 0.3, 0.4});
    QCOMPARE(last_visits(), int64_t(0));
    QVERIFY(at::allclose(img, at::tensor({0.2, 0.3, 0.4}, at::kDouble).view({3, 1, 1}).expand({3, 64, 64})));
    img.sum().backward();
    QVERIFY(off.points.grad().defined());
    QCOMPARE(off.points.grad().abs().sum().item<double>(), 0.0);
    // A path's visits are its covered box, not the canvas.
    render(oneStroke(line(10, 20, 10), 2, {0, 0, 0, 1}), 256, 256, {1, 1, 1});
    QVERIFY2(last_visits() < 200, qPrintable(QString::number(last_visits())));
  }

  void badInputIsRefused() {
    Strokes s = oneStroke(line(0, 1, 1), 1, {0, 0, 0, 1});
    s.segments = at::full({1}, 2, at::kLong);
    QVERIFY(errorOf([&] { render(s, 8, 8, {1, 1, 1}); }).find("1 to 1 segments") != std::string::npos);
    s.segments = at::ones({1}, at::kLong);
    s.closed = {true, false};
    QVERIFY(errorOf([&] { render(s, 8, 8, {1, 1, 1}); }).find("one closed flag per path") != std::string::npos);
  }

  void aFilledShapesCoverage() {
    // A 16 px square (three straight cubics, closed by the fourth side), a quarter pixel off the
    // grid, width 0: across any row or column the ink is the side exactly (box-filtered straight
    // edges); the four corners, where the distance-based filter rounds, add less than 0.15 px each;
    // the inside is its colour, the outside untouched; with width 2 it grows by 1 px every side.
    auto square = [](double x0, double y0, double side, double width) {
      const double c[4][2] = {{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}};
      Strokes s;
      s.points = at::empty({1, 10, 2}, at::kDouble);
      for (int k = 0; k < 3; ++k)
        for (int i = 0; i <= 3; ++i)
          for (int a = 0; a < 2; ++a) s.points[0][3 * k + i][a] = c[k][a] + (c[k + 1][a] - c[k][a]) * i / 3.0;
      s.widths = at::full({1}, width, at::kDouble);
      s.colours = at::tensor({0.0, 0.0, 0.0, 1.0}, at::kDouble).view({1, 4});
      s.segments = at::full({1}, 3, at::kLong);
      s.closed = {true};
      return s;
    };
    const at::Tensor img = render(square(8.25, 8.25, 16, 0), 32, 32, {1, 1, 1});
    const double ink = (1 - img[0]).sum().item<double>();
    qInfo("ink of a 16 x 16 filled square: %.6f", ink);
    QVERIFY(std::abs((1 - img[0].select(0, 16)).sum().item<double>() - 16.0) < 1e-9);
    QVERIFY(std::abs((1 - img[0].select(1, 12)).sum().item<double>() - 16.0) < 1e-9);
    QVERIFY(ink >= 256.0 && ink < 256.0 + 4 * 0.15);
    QCOMPARE(img[0][16][16].item<double>(), 0.0);
    QCOMPARE(img[0][4][4].item<double>(), 1.0);
    QVERIFY(std::abs(img[0][16][8].item<double>() - 0.25) < 1e-9);  // centre 8.5: a quarter pixel outside the edge at 8.25
    const at::Tensor grown = render(square(8.25, 8.25, 16, 2), 32, 32, {1, 1, 1});
    const double side = (1 - grown[0].select(0, 16)).sum().item<double>();
    QVERIFY2(std::abs(side - 18.0) < 1e-9, qPrintable(QString::number(side)));
    // Open, the same path is three strokes of width 2 along the sides: the middle is background.
    Strokes open = square(8.25, 8.25, 16, 2);
    open.closed = {false};
    QCOMPARE(render(open, 32, 32, {1, 1, 1})[0][16][16].item<double>(), 1.0);
  }

  void gradientsMatchFiniteDifferences_data() {
    QTest::addColumn<bool>("filled");
    QTest::newRow("strokes") << false;
    QTest::newRow("filled shapes") << true;
  }
  void gradientsMatchFiniteDifferences() {
    // Three paths of 1-3 segments over a 24x24 canvas, double precision; loss = <image, R>.
    QFETCH(bool, filled);
    at::manual_seed(3);
    Strokes s;
    s.points = (at::rand({3, 10, 2}, at::kDouble) * 20 + 2);
    s.widths = at::tensor({2.5, 3.7, 1.6}, at::kDouble);
    s.colours = at::rand({3, 4}, at::kDouble) * 0.6 + 0.2;
    s.segments = at::tensor({1, 3, 2}, at::kLong);
    if (filled) s.closed = {true, true, false};
    const at::Tensor R = at::randn({3, 24, 24}, at::kDouble);
    auto loss = [&](const Strokes& x) { return (render(x, 24, 24, {0.9, 0.8, 0.7}) * R).sum(); };

    Strokes g = s;
    g.points = s.points.clone().requires_grad_(true);
    g.widths = s.widths.clone().requires_grad_(true);
    g.colours = s.colours.clone().requires_grad_(true);
    loss(g).backward();

    const double eps = 1e-6;
    int checked = 0, worst_i = -1;
    double worst = 0;
    auto check = [&](at::Tensor& param, const at::Tensor& grad, const char* what) {
      for (int64_t i = 0; i < param.numel(); ++i) {
        double* v = param.data_ptr<double>() + i;
        const double keep = *v;
        *v = keep + eps;
        const double up = loss(s).item<double>();
        *v = keep - eps;
        const double down = loss(s).item<double>();
        *v = keep;
        const double fd = (up - down) / (2 * eps), an = grad.reshape(-1)[i].item<double>();
        const double err = std::abs(fd - an) / (1 + std::abs(fd));
        if (err > worst) worst = err, worst_i = int(i);
        QVERIFY2(err < 1e-4, qPrintable(QStringLiteral("%1[%2]: analytic %3, finite difference %4").arg(what).arg(i).arg(an).arg(fd)));
        ++checked;
      }
    };
    // Only the used control points: path 0 has 4, path 1 all 10, path 2 has 7.
    check(s.points, g.points.grad(), "points");
    check(s.widths, g.widths.grad(), "widths");
    check(s.colours, g.colours.grad(), "colours");
    QVERIFY(checked == 60 + 3 + 12);
    QVERIFY(g.points.grad().abs().sum().item<double>() > 0);
    qInfo("worst relative difference %.2e (element %d)", worst, worst_i);
  }
};

class TestClipDraw : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void promptsParseTheFieldsSyntax() {
    auto p = guide::parse_prompts("a red barn:1 | a storm:0.5 | blurry:-1:0.2 |  a clock at 10:30  ");
    QCOMPARE(p.size(), size_t(4));
    QCOMPARE(p[0], (guide::Prompt{"a red barn", 1.0}));
    QCOMPARE(p[1].weight, 0.5);
    QCOMPARE(p[2].text, std::string("blurry"));
    QCOMPARE(p[2].weight, -1.0);
    QCOMPARE(p[2].stop, 0.2);
    QCOMPARE(p[3].text, std::string("a clock at 10"));  // the documented catch: a trailing number is a weight
    QCOMPARE(p[3].weight, 30.0);
    QCOMPARE(guide::parse_prompts(guide::format_prompts(p)), p);
    QVERIFY(errorOf([] { guide::parse_prompts(" | "); }).find("type a prompt") != std::string::npos);
    QVERIFY(errorOf([] { guide::parse_prompts(":2"); }).find("has no text") != std::string::npos);
  }

  void svgRoundTripsAndRendersTheSame() {
    draw::DrawOptions o;
    o.paths = 40;
    o.size = 96;
    o.seed = 4;
    draw::Drawing d = draw::random_drawing(o);
    for (size_t i = 0; i < d.paths.size(); ++i) d.paths[i].width = 1 + double(i % 7);
    const std::string svg = draw::to_svg(d);
    QVERIFY(svg.find("stroke-linecap=\"round\"") != std::string::npos);
    const draw::Drawing back = draw::parse_svg(svg);
    QCOMPARE(back.paths.size(), d.paths.size());
    QCOMPARE(back.width, 96);
    // A second rasterisation of the parsed SVG matches the drawing's own (colours are 8-bit in SVG).
    const Image a = draw::render_drawing(d), b = draw::render_drawing(back);
    int worst = 0;
    for (size_t i = 0; i < a.pixels.size(); ++i) worst = std::max(worst, std::abs(int(a.pixels[i]) - int(b.pixels[i])));
    QVERIFY2(worst <= 2, qPrintable(QString::number(worst)));
    // Filled shapes: "Z", a fill of the stroke's colour, read back closed and drawn the same.
    o.closed = true;
    const draw::Drawing shapes = draw::random_drawing(o);
    const std::string shapesSvg = draw::to_svg(shapes);
    QVERIFY(shapesSvg.find(" Z\" fill=\"rgb(") != std::string::npos);
    const draw::Drawing shapesBack = draw::parse_svg(shapesSvg);
    QVERIFY(shapesBack.paths.front().closed && shapesBack.paths.back().closed);
    const Image c = draw::render_drawing(shapes), e = draw::render_drawing(shapesBack);
    int worstShapes = 0;
    for (size_t i = 0; i < c.pixels.size(); ++i) worstShapes = std::max(worstShapes, std::abs(int(c.pixels[i]) - int(e.pixels[i])));
    QVERIFY2(worstShapes <= 2, qPrintable(QString::number(worstShapes)));
    QVERIFY(errorOf([] { draw::parse_svg("<html/>"); }).find("not an SVG") != std::string::npos);
    QVERIFY(errorOf([] { draw::parse_svg(R"(<svg width="8" height="8"><path d="M 0 0 L 1 1" stroke="red"/></svg>)"); })
                .find("only paths of M and C") != std::string::npos);
  }

  void svgImportIsAScannerNotARegex() { svgScannerChecks(); }


  void stoppingKeepsTheDrawingSoFar() {
    clip::Clip model = clip::Clip::load(find_default_clip());
    draw::DrawOptions o;
    o.paths = 16;
    o.size = 64;
    o.steps = 1000;
    auto control = std::make_shared<JobControl>(1);
    JobCallbacks callbacks;
    callbacks.on_progress = [&](int64_t, const Progress& p) {
      if (p.step == 3) control->cancel();
    };
    JobContext ctx(control, callbacks);
    const draw::DrawResult r = draw::run_clipdraw(model, o, &ctx);
    QVERIFY(r.stopped);
    QCOMPARE(r.steps, int64_t(3));
    QCOMPARE(r.drawing.paths.size(), size_t(16));
  }

  // ---- NaN and infinity (issue 16) -------------------------------------------------------------

  void aRunWhoseLossGoesNaNStopsAtThatStep() {
    // A CLIP whose image tower gives NaN: the run stops at the first step, saying so, instead of
    // returning strokes of NaN (stroke-width="nan" in the SVG, nothing drawn).
    clip::Clip poisoned = clip::Clip::load(find_default_clip());
    {
      at::NoGradGuard no_grad;
      for (auto& p : poisoned.impl().model->named_parameters())
        if (p.key().rfind("visual", 0) == 0) p.value().fill_(NAN);
    }
    draw::DrawOptions o;
    o.paths = 8;
    o.size = 32;
    o.steps = 5;
    const std::string e = errorOf([&] { draw::run_clipdraw(poisoned, o, nullptr); });
    QVERIFY2(e.find("step 1 of 5") != std::string::npos && e.find("NaN") != std::string::npos, e.c_str());
  }

  // ---- The line sketch preset (issue 21) ------------------------------------------------------

  // The x2 pass: a finished drawing scaled to twice its canvas and run on. Its first frame is the
  // drawing rendered at the larger size, which is the small rendering enlarged (up to the edges'
  // anti-aliasing); a sketch keeps its doubled width.
  void aDrawingContinuesAtTwiceItsSize() {
    clip::Clip model = clip::Clip::load(find_default_clip());
    draw::DrawOptions o;
    o.prompts = "a red heart";
    o.sketch = true;
    o.sketch_width = 2;
    o.paths = 12;
    o.size = 64;
    o.steps = 6;
    o.seed = 4;
    const draw::DrawResult first = draw::run_clipdraw(model, o, nullptr);
    draw::DrawOptions x2 = o;
    x2.start = draw::scale_drawing(first.drawing, 2.0);
    x2.size = 128;
    x2.sketch_width = 4;
    x2.max_width = 100;
    x2.steps = 3;
    std::vector<Frame> frames;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    const draw::DrawResult second = draw::run_clipdraw(model, x2, &ctx);
    QCOMPARE(frames.front().width, 128);
    QCOMPARE(second.drawing.width, 128);
    for (const draw::StrokePath& p : second.drawing.paths) QCOMPARE(p.width, 4.0);
    // Frame 0 is the scaled drawing, and shrunk back (2 x 2 means) it is the 64 px drawing up to
    // the strokes' anti-aliasing.
    const Image start = draw::render_drawing(*x2.start);
    QVERIFY(frames.front().rgb == start.pixels);
    const Image small = draw::render_drawing(first.drawing);
    double diff = 0;
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x)
        for (int c = 0; c < 3; ++c) {
          double mean = 0;
          for (int k = 0; k < 4; ++k) mean += frames.front().rgb[(size_t(2 * y + k / 2) * 128 + size_t(2 * x + k % 2)) * 3 + size_t(c)];
          diff += std::abs(mean / 4 - small.pixels[(size_t(y) * 64 + size_t(x)) * 3 + size_t(c)]);
        }
    diff /= 64.0 * 64 * 3;
    qInfo("the x2 start, shrunk back, is %.2f levels from the 64 px drawing", diff);
    QVERIFY(diff < 3.0);
    // A canvas that is not the start drawing's is refused.
    x2.size = 96;
    QVERIFY_THROWS_EXCEPTION(Error, draw::run_clipdraw(model, x2, nullptr));
  }

  void aLineSketchStaysBlackAndOfOneWidth() {
    // "a red heart" pulls towards red, but a line sketch optimises the strokes' points only: every
    // frame of the run and the final drawing are black strokes of the one width on the light grey
    // background, grey only at their anti-aliased edges. Rates that would change widths and
    // colours within a step or two, were they optimised.
    clip::Clip model = clip::Clip::load(find_default_clip());
    draw::DrawOptions o;
    o.prompts = "a red heart";
    o.background = {0.9, 0.9, 0.9};
    o.sketch = true;
    o.sketch_width = 2.5;
    o.paths = 16;
    o.size = 64;
    o.steps = 12;
    o.seed = 2;
    o.frame_every = 4;
    o.lr_widths = 1.0;
    o.lr_colours = 0.2;
    // The start: the coloured run's strokes of this seed, in black and of the one width.
    const draw::Drawing start = draw::random_drawing(o);
    draw::DrawOptions colouredOptions = o;
    colouredOptions.sketch = false;
    const draw::Drawing coloured = draw::random_drawing(colouredOptions);
    QCOMPARE(start.paths.size(), size_t(16));
    for (size_t i = 0; i < start.paths.size(); ++i) {
      QCOMPARE(start.paths[i].points, coloured.paths[i].points);
      QCOMPARE(start.paths[i].width, 2.5);
      QCOMPARE(start.paths[i].rgba, (std::array<double, 4>{0, 0, 0, 1}));
      QVERIFY(!start.paths[i].closed);
    }
    // The check below sees colour: the coloured start has plenty.
    QVERIFY(toneOf(draw::render_drawing(coloured), o.background).chroma > 100);

    std::vector<Image> frames;
    JobCallbacks callbacks;
    callbacks.on_frame = [&](int64_t, Frame&& f) { frames.push_back(Image{f.width, f.height, 3, std::move(f.rgb)}); };
    JobContext ctx(std::make_shared<JobControl>(1), callbacks);
    const draw::DrawResult r = draw::run_clipdraw(model, o, &ctx);
    QCOMPARE(r.steps, int64_t(12));
    QCOMPARE(frames.size(), size_t(12 / 4 + 1));
    QCOMPARE(r.drawing.paths.size(), start.paths.size());
    double moved = 0;
    for (size_t i = 0; i < r.drawing.paths.size(); ++i) {
      const draw::StrokePath& p = r.drawing.paths[i];
      QCOMPARE(p.width, 2.5);
      QCOMPARE(p.rgba, (std::array<double, 4>{0, 0, 0, 1}));
      QVERIFY(!p.closed);
      QCOMPARE(p.segments, start.paths[i].segments);
      for (size_t k = 0; k < p.points.size(); ++k)
        moved += std::abs(p.points[k][0] - start.paths[i].points[k][0]) + std::abs(p.points[k][1] - start.paths[i].points[k][1]);
    }
    QVERIFY2(moved > 1.0, qPrintable(QString::number(moved)));  // the points were optimised
    // The frames come from the run's own strokes: the last one is the final drawing, drawn with
    // its widths and colours, so those did not change during the run either.
    const Image last = draw::render_drawing(r.drawing);
    QVERIFY(frames.back().pixels == last.pixels);
    frames.push_back(draw::render_drawing(r.drawing, 4));
    for (size_t i = 0; i < frames.size(); ++i) {
      const Tone t = toneOf(frames[i], o.background);
      QVERIFY2(t.chroma <= 2, qPrintable(QStringLiteral("image %1: chroma %2").arg(i).arg(t.chroma)));
      QCOMPARE(t.brighter, 0);
      QVERIFY2(t.dark >= 16, qPrintable(QStringLiteral("image %1: %2 dark pixels").arg(i).arg(t.dark)));
    }
    const draw::Drawing svg = draw::parse_svg(draw::to_svg(r.drawing));
    for (const auto& p : svg.paths) {
      QCOMPARE(p.width, 2.5);
      QCOMPARE(p.rgba, (std::array<double, 4>{0, 0, 0, 1}));
    }
  }

  void aLineSketchsOptionsAreChecked() {
    draw::DrawOptions o;
    o.paths = 4;
    o.size = 32;
    o.steps = 1;
    o.sketch = true;
    for (double w : {0.4, std::nan(""), double(INFINITY), 51.0}) {
      o.sketch_width = w;
      const std::string e = errorOf([&] { draw::random_drawing(o); });
      QVERIFY2(e.find("sketch width must be a finite number from 0.5 to the maximum width (50)") != std::string::npos, e.c_str());
    }
    o.sketch_width = 0.5;
    QCOMPARE(draw::random_drawing(o).paths.front().width, 0.5);
    o.max_width = 8;
    o.sketch_width = 8.5;
    QVERIFY(errorOf([&] { draw::random_drawing(o); }).find("maximum width (8)") != std::string::npos);
    o.sketch_width = 2;
    o.closed = true;
    QVERIFY(errorOf([&] { draw::random_drawing(o); }).find("a line sketch draws open strokes") != std::string::npos);
    // Refused by the run too, before any step.
    clip::Clip model = clip::Clip::load(find_default_clip());
    o.closed = false;
    o.sketch_width = 9;
    QVERIFY(errorOf([&] { draw::run_clipdraw(model, o, nullptr); }).find("sketch width") != std::string::npos);
    // Off, the width is not looked at.
    o.sketch = false;
    o.sketch_width = std::nan("");
    QCOMPARE(draw::random_drawing(o).paths.front().width, 1.0);
  }

  void nonFiniteDrawOptionsAreRefused() {
    clip::Clip model = clip::Clip::load(find_default_clip());
    draw::DrawOptions o;
    o.paths = 4;
    o.size = 32;
    o.steps = 1;
    o.max_width = std::nan("");
    QVERIFY(errorOf([&] { draw::run_clipdraw(model, o, nullptr); }).find("maximum width") != std::string::npos);
    o.max_width = 50;
    o.lr_points = INFINITY;
    QVERIFY(errorOf([&] { draw::run_clipdraw(model, o, nullptr); }).find("finite") != std::string::npos);
    o.lr_points = 1;
    o.prompts = "a red heart:inf";
    QVERIFY(errorOf([&] { draw::run_clipdraw(model, o, nullptr); }).find("a red heart:inf") != std::string::npos);
  }
};

// The quality gate of the issue: with the embedded mini-CLIP, 200 steps of "a red heart" on the
// mini-CLIP's own 64 px give a drawing it ranks first among 20 prompts. With 32 filled shapes,
// for each of four seeds. With 64 open strokes (the original's primitive and the tab's default)
// for at least three of the four: measured, seeds 0-2 win and seed 3 loses to "a red circle" by
// 0.009. (Before the mini-CLIP saw shapes drawn in outline and scribbled in, strokes won for one
// seed in four: the optimiser found cyan strokes that it scored as red.)
class TestClipDrawQuality : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    const auto path = find_default_clip();
    QVERIFY2(!path.empty(), "the shipped mini-CLIP is missing");
    m_clip = std::make_unique<clip::Clip>(clip::Clip::load(path));
  }

  void withFilledShapesARedHeartRanksFirst_data() {
    QTest::addColumn<int>("seed");
    for (int seed = 0; seed < 4; ++seed) QTest::addRow("seed %d", seed) << seed;
  }
  void withFilledShapesARedHeartRanksFirst() {
    QFETCH(int, seed);
    QVERIFY(drawAndRank(seed, true));
  }

  void withStrokesARedHeartRanksFirstForThreeSeedsInFour() {
    int wins = 0;
    for (int seed = 0; seed < 4; ++seed) wins += drawAndRank(seed, false);
    QVERIFY2(wins >= 3, qPrintable(QStringLiteral("%1 of 4").arg(wins)));
  }

 private:
  // Draws "a red heart" and says whether the mini-CLIP ranks that prompt first among 20.
  bool drawAndRank(int seed, bool filled) {
    draw::DrawOptions o;
    o.prompts = "a red heart";
    o.closed = filled;
    o.paths = filled ? 32 : 64;
    o.size = 64;
    if (filled) o.max_width = 20;
    o.steps = 200;
    o.seed = uint64_t(seed);
    int frames = 0;
    int64_t lastStep = 0;
    JobCallbacks callbacks;
    callbacks.on_frame = [&](int64_t, Frame&&) { ++frames; };
    callbacks.on_progress = [&](int64_t, const Progress& p) { lastStep = p.step; };
    JobContext ctx(std::make_shared<JobControl>(1), callbacks);
    const draw::DrawResult r = draw::run_clipdraw(*m_clip, o, &ctx);
    if (r.steps != 200 || lastStep != 200 || frames != 200 / o.frame_every + 1) {
      qWarning("the run did not finish as asked: %lld steps, %d frames", static_cast<long long>(r.steps), frames);
      return false;
    }
    const std::vector<std::string> prompts = {
        "a red heart",     "a blue heart",  "a green heart",  "a yellow heart",  "a red circle",   "a red square",  "a red star",
        "a red triangle",  "a blue circle", "a green square", "a yellow star",   "a black cross",  "a white ring",  "a purple diamond",
        "a rocket",        "a cat face",    "a red apple",    "a grinning face", "a pink flower",  "an orange line"};
    const auto text = m_clip->encode_texts(prompts);
    const auto image = m_clip->encode_images({draw::render_drawing(r.drawing, 4)});
    const auto cos = clip::cosine_matrix(text, image);
    size_t best = 0, second = 1;
    for (size_t i = 1; i < prompts.size(); ++i)
      if (cos[i][0] > cos[best][0]) second = best, best = i;
      else if (i != best && cos[i][0] > cos[second][0]) second = i;
    qInfo("%s, seed %d: \"%s\" %.3f, next \"%s\" %.3f", filled ? "filled" : "strokes", seed, prompts[best].c_str(), cos[best][0],
          prompts[second].c_str(), cos[second][0]);
    return best == 0;
  }

  std::unique_ptr<clip::Clip> m_clip;
};

int main(int argc, char** argv) {
  at::set_num_threads(2);
  if (argc > 1 && std::string(argv[1]) == "--quality") {
    TestClipDrawQuality quality;
    return QTest::qExec(&quality, 1, argv);
  }
  TestDraw raster;
  TestClipDraw clipdraw;
  return QTest::qExec(&raster, argc, argv) | QTest::qExec(&clipdraw, argc, argv);
}
#include "tst_draw.moc"
