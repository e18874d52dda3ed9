// clip-atelier-cli generate's art flags (issue 21) as a user runs them: the constraints and a
// schedule reported in the progress line, the drawers (--generator pixel|fft), motion over
// --frames N into a video of N frames at --video-size, holding the last frame, the x2 pass
// (--hires), and every refusal before a model loads. Short runs on the shipped mini models.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include "io/animation.h"
#include "io/grid.h"
#include "io/image.h"

class TestCliArt : public QObject {
  Q_OBJECT

  struct Run {
    int code;
    QByteArray out, err;
  };
  static Run run(QStringList args) {
    args.prepend(QStringLiteral("1"));
    args.prepend(QStringLiteral("--threads"));
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), args);
    if (!p.waitForFinished(120000)) qFatal("clip-atelier-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
  }

 private Q_SLOTS:
  // Each constraint flag is a term of the run, named in the progress line; a schedule's keyframe
  // is shown as it changes.
  void constraintsAndScheduleReachTheRun() {
    QTemporaryDir dir;
    Run r = run({"generate", "--schedule", "0: a red circle; 2: a blue square", "--steps", "4", "--cutn", "2", "--size", "64x64",
                 "--symmetry", "1", "--smooth", "0.5", "--saturation", "0.2", "--palette", "#ff0000,#0000ff", "--border", "#000000",
                 "--tile", "--out", dir.filePath("c.png")});
    QVERIFY2(r.code == 0, r.err.constData());
    for (const char* term : {"symmetry", "smoothness", "saturation", "palette", "border", "seam", "keyframe 0", "keyframe 1"})
      QVERIFY2(r.err.contains(term), term);
    Run both = run({"generate", "--prompt", "x", "--schedule", "0: y", "--out", dir.filePath("b.png")});
    QVERIFY(both.code != 0);
    Run palette = run({"generate", "--prompt", "x", "--palette", "#ff00zz", "--out", dir.filePath("b.png")});
    QVERIFY(palette.code != 0);
    QVERIFY2(palette.err.contains("#ff00zz"), palette.err.constData());
  }

  // Pixel art: the output is the grid's blocks, each of one colour; a palette limits the colours.
  void pixelArtFromTheCommandLine() {
    QTemporaryDir dir;
    Run r = run({"generate", "--generator", "pixel", "--pixels", "8x8", "--pixel-palette", "#ff0000,#ffffff,#202020", "--prompt",
                 "a red circle", "--size", "64x64", "--steps", "4", "--cutn", "2", "--out", dir.filePath("p.png")});
    QVERIFY2(r.code == 0, r.err.constData());
    const atelier::Image im = atelier::read_image(dir.filePath("p.png").toStdString());
    QCOMPARE(im.width, 64);
    std::set<uint32_t> colours;
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) {
        const size_t i = (size_t(y) * 64 + size_t(x)) * 3, corner = (size_t(y / 8 * 8) * 64 + size_t(x / 8 * 8)) * 3;
        for (int c = 0; c < 3; ++c) QCOMPARE(im.pixels[i + size_t(c)], im.pixels[corner + size_t(c)]);
        colours.insert(uint32_t(im.pixels[i]) << 16 | uint32_t(im.pixels[i + 1]) << 8 | im.pixels[i + 2]);
      }
    for (uint32_t c : colours) QVERIFY(c == 0xff0000 || c == 0xffffff || c == 0x202020);
    Run fft = run({"generate", "--generator", "fft", "--prompt", "a red circle", "--size", "64x48", "--steps", "3", "--cutn", "2",
                   "--out", dir.filePath("f.png")});
    QVERIFY2(fft.code == 0, fft.err.constData());
    QCOMPARE(atelier::read_image(dir.filePath("f.png").toStdString()).height, 48);
  }

  // A zoom video: --frames N runs N x --save-every steps and the video has N frames at
  // --video-size; the GIF rests on the last frame for --hold seconds; the frames' folder gets the
  // same N.
  void motionVideoHasTheStatedFrames() {
    QTemporaryDir dir;
    QDir().mkpath(dir.filePath("frames"));
    Run r = run({"generate", "--generator", "fft", "--prompt", "a red circle", "--size", "64x64", "--zoom", "1.05", "--rotate", "1",
                 "--shift-x", "1", "--smoothing", "0.5", "--frames", "5", "--save-every", "2", "--cutn", "2", "--video",
                 dir.filePath("z.gif"), "--video-size", "96x80", "--hold", "1.5", "--fps", "10", "--frames-dir", dir.filePath("frames"),
                 "--out", dir.filePath("z.png")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("10 steps"), r.out.constData());
    const atelier::AnimationInfo info = atelier::read_animation_info(dir.filePath("z.gif").toStdString());
    QCOMPARE(info.frames, 5);
    QCOMPARE(info.width, 96);
    QCOMPARE(info.height, 80);
    QCOMPARE(info.durations_ms.front(), 100);
    QCOMPARE(info.durations_ms.back(), 100 + 1500);
    QCOMPARE(QDir(dir.filePath("frames")).entryList(QDir::Files).size(), 5);
    // MP4 (one rate for all frames): N frames without a hold.
    Run mp4 = run({"generate", "--prompt", "a red circle", "--size", "64x64", "--zoom", "1.02", "--frames", "4", "--save-every", "1",
                   "--cutn", "2", "--video", dir.filePath("z.mp4"), "--out", dir.filePath("v.png")});
    QVERIFY2(mp4.code == 0, mp4.err.constData());
    QCOMPARE(atelier::count_animation_frames(dir.filePath("z.mp4").toStdString()), 4);
  }

  // --hires: the run, then STEPS more at twice the size; --out is the x2 image.
  void higherResolutionPass() {
    QTemporaryDir dir;
    Run r = run({"generate", "--generator", "pixel", "--pixels", "16x16", "--prompt", "a red circle", "--size", "64x64", "--steps", "3",
                 "--cutn", "2", "--hires", "2", "--out", dir.filePath("h.png")});
    QVERIFY2(r.code == 0, r.err.constData());
    const atelier::Image im = atelier::read_image(dir.filePath("h.png").toStdString());
    QCOMPARE(im.width, 128);
    QVERIFY2(r.out.contains("5 steps"), r.out.constData());
    Run v = run({"generate", "--prompt", "a red circle", "--size", "64x64", "--steps", "2", "--cutn", "2", "--hires", "1", "--out",
                 dir.filePath("v.png")});
    QVERIFY2(v.code == 0, v.err.constData());
    QCOMPARE(atelier::read_image(dir.filePath("v.png").toStdString()).width, 128);
  }

  // draw --hires: the drawing run on at twice its canvas; the SVG is the x2 drawing.
  void drawHigherResolutionPass() {
    QTemporaryDir dir;
    Run r = run({"draw", "--sketch", "--prompt", "a cat", "--paths", "8", "--size", "64", "--steps", "3", "--hires", "2", "--out",
                 dir.filePath("d.svg")});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile svg(dir.filePath("d.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QVERIFY2(text.contains("width=\"128\" height=\"128\""), text.left(300).constData());
    QCOMPARE(text.count("stroke-width=\"4\""), 8);  // the sketch's 2 px doubled
    QVERIFY2(r.out.contains("5 steps"), r.out.constData());
  }

  // Refused before any model loads, each naming its flag.
  void artFlagsRefuseBadInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("motion with a GAN") << QStringList{"--generator", "gan:fashion", "--zoom", "1.1"} << "motion";
    QTest::newRow("grid not dividing") << QStringList{"--generator", "pixel", "--pixels", "24x24"} << "--pixels";
    QTest::newRow("steps and frames") << QStringList{"--steps", "5", "--frames", "3"} << "--frames";
    QTest::newRow("zoom out of range") << QStringList{"--zoom", "3"} << "zoom";
    QTest::newRow("smoothing of 1") << QStringList{"--smoothing", "1"} << "smoothing";
    QTest::newRow("x2 too large") << QStringList{"--size", "1024x1024", "--hires", "5"} << "--hires";
    QTest::newRow("x2 of a GAN") << QStringList{"--generator", "gan:fashion", "--hires", "5"} << "--hires";
    QTest::newRow("palette without pixel") << QStringList{"--pixel-palette", "#ffffff"} << "--pixel-palette";
    QTest::newRow("unknown generator") << QStringList{"--generator", "pixels"} << "pixel or fft";
  }
  void artFlagsRefuseBadInput() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QTemporaryDir dir;
    Run r = run(QStringList{"generate", "--prompt", "a red circle", "--out", dir.filePath("x.png")} + args);
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    QVERIFY(!QFileInfo::exists(dir.filePath("x.png")));
  }

  // judge with several prompts: the images split among them in order, a summary line each, and
  // a grid of rows (one per prompt) with each verdict under its image; a prompt the judge can't
  // read ("a rocket") is shown in the grid, not judged. Refusals come before any image is read.
  void judgeDrawsItsVerdictsAsAGrid() {
    QTemporaryDir dir;
    const QString circle = dir.filePath("circle.png"), square = dir.filePath("square.png"), grid = dir.filePath("grid.png");
    QCOMPARE(run({"render", "shape", "--shape", "circle", "--colour", "red", "--size", "96", "--out", circle}).code, 0);
    QCOMPARE(run({"render", "shape", "--shape", "square", "--colour", "blue", "--size", "96", "--out", square}).code, 0);
    Run r = run({"judge", "--prompt", "a red circle", "--prompt", "a blue circle", "--prompt", "a rocket", circle, square, square, circle,
                 circle, square, "--grid", grid, "--columns", "first,second"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("1 of 2 show a red circle") && r.out.contains("0 of 2 show a blue circle"), r.out.constData());
    QVERIFY2(!r.out.contains("rocket"), r.out.constData());
    const atelier::Image g = atelier::read_image(grid.toStdString());
    const atelier::GridLayout layout = atelier::grid_layout(3, 2, 96, 96);
    QCOMPARE(g.width, layout.width);
    QCOMPARE(g.height, layout.height);
    // Row 1, column 1 is the red circle: its cell's middle is red.
    const atelier::GridBox cell = atelier::grid_cell_box(layout, 0, 0);
    const size_t mid = (size_t(cell.y + cell.height / 2) * size_t(g.width) + size_t(cell.x + cell.width / 2)) * 3;
    QVERIFY2(g.pixels[mid] > 180 && g.pixels[mid + 1] < 80, qPrintable(QString::number(g.pixels[mid])));
    QVERIFY(run({"judge", "--prompt", "a red circle", "--prompt", "a blue square", circle, square, circle}).err.contains("split evenly"));
    QVERIFY(run({"judge", "--prompt", "a red circle", circle, square, "--grid", grid, "--columns", "a,b,c"}).err.contains("--columns"));
    QVERIFY(run({"judge", "--prompt", "a rocket", circle}).err.contains("names no colour"));
  }
};

QTEST_GUILESS_MAIN(TestCliArt)
#include "tst_cli_art.moc"
