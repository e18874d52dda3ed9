// The SVG import's scanner on hostile and odd input (issue 16), called by tst_draw. In a file
// of its own: moc does not read raw string literals with delimiters such as R"s(...)s".
#include <QElapsedTimer>
#include <QTest>

#include <string>

#include "common/errors.h"
#include "draw/clipdraw.h"

using namespace atelier;

void svgScannerChecks() {
  // A 10 MB path: one pass over the bytes (std::regex recursed on it).
  std::string svg = R"s(<?xml version="1.0"?><!-- <path d="M 9 9"/> is a comment --><svg width='64' height="64px">)s";
  svg += R"s(<rect fill="#ff8000"/><path stroke="rgb(1, 2, 3)" stroke-width="2.5" stroke-opacity="0.5" d="M 0,0)s";
  const int segments = 700'000;
  for (int i = 0; i < segments; ++i) svg += " C 1.5 2 -3e0 4 5 .5";
  svg += R"s( Z"/></svg>)s";
  QVERIFY(svg.size() > 10'000'000);
  QElapsedTimer timer;
  timer.start();
  const draw::Drawing d = draw::parse_svg(svg);
  qInfo("a %zu-byte path parsed in %lld ms", svg.size(), timer.elapsed());
  QVERIFY(timer.elapsed() < 3000);
  QCOMPARE(d.width, 64);
  QCOMPARE(d.height, 64);
  QCOMPARE(d.background[0], 1.0);
  QCOMPARE(d.background[1], 128.0 / 255.0);
  QCOMPARE(d.paths.size(), size_t(1));
  QCOMPARE(d.paths[0].segments, segments);
  QVERIFY(d.paths[0].closed);
  QCOMPARE(d.paths[0].width, 2.5);
  QCOMPARE(d.paths[0].rgba[3], 0.5);
  QCOMPARE(d.paths[0].points[2][0], -3.0);
  QCOMPARE(d.paths[0].points[2][1], 4.0);
  QCOMPARE(d.paths[0].points[3][1], 0.5);
  // What can't be read is named, with its value shortened.
  auto says = [](const std::string& body, const std::string& what) {
    const std::string msg = errorOf([&] { draw::parse_svg(R"s(<svg width="8" height="8">)s" + body + "</svg>"); });
    if (msg.find(what) == std::string::npos) qWarning("'%s' -> '%s'", body.c_str(), msg.c_str());
    return msg.find(what) != std::string::npos && msg.size() < 300;
  };
  const std::string path = R"s(<path stroke="rgb(0,0,0)" d=)s";
  QVERIFY(says(path + R"s("M 0 0 C 1 1 2 2 3 3 C 1 1"/>)s", "a cubic needs three points per C"));
  QVERIFY(says(path + R"s("M 0 0 C 1 -nan 2 2 3 3"/>)s", "can't read the number"));
  QVERIFY(says(path + R"s("M 0 0 C 1 1e999 2 2 3 3"/>)s", "can't read the number"));
  QVERIFY(says(path + R"s("M 0 0 C 1 1e300 2 2 3 3"/>)s", "beyond the limit of 1000000"));
  QVERIFY(says(path + R"s("M 0 0 C 1 1 2 2 3 3 Z 4"/>)s", "only paths of M and C"));
  QVERIFY(says(path + R"s("C 1 1 2 2 3 3"/>)s", "only paths of M and C"));
  QVERIFY(says(path + R"s("M 0 0 1 1 C 1 1 2 2 3 3"/>)s", "a path starts with M and one point"));
  QVERIFY(says(path + "\"M 0 0 C " + std::string(100'000, '1') + R"s("/>)s", "can't read the number"));
  QVERIFY(says(R"s(<path stroke="rgb(300,0,0)" d="M 0 0 C 1 1 2 2 3 3"/>)s", "can't read the colour 'rgb(300,0,0)'"));
  QVERIFY(says(R"s(<path stroke="#12345g" d="M 0 0 C 1 1 2 2 3 3"/>)s", "can't read the colour"));
  QVERIFY(says(R"s(<path stroke="#000000" stroke-width="inf" d="M 0 0 C 1 1 2 2 3 3"/>)s", "stroke-width 'inf'"));
  QVERIFY(says(R"s(<path stroke="#000000" stroke-opacity="half" d="M 0 0 C 1 1 2 2 3 3"/>)s", "stroke-opacity 'half'"));
  QVERIFY(says(R"s(<path stroke="#000000" d="M 0 0 C 1 1 2 2 3 3)s", "doesn't end"));
  QVERIFY(says(R"s(<path stroke=#000000 d="M 0 0 C 1 1 2 2 3 3"/>)s", "is not in quotes"));
  QVERIFY(says("<!-- unfinished", "ends inside a comment"));
  // Sizes: positive, finite, within the image limits.
  for (const char* size : {R"s(width="nan" height="8")s", R"s(width="0" height="8")s", R"s(width="8")s", R"s(width="-8" height="8")s"})
    QVERIFY(errorOf([&] { draw::parse_svg(std::string("<svg ") + size + "></svg>"); }).find("no width and height") != std::string::npos);
  QVERIFY(errorOf([] { draw::parse_svg(R"s(<svg width="100000" height="8"></svg>)s"); }).find("more than the limit") != std::string::npos);
  QVERIFY(errorOf([] { draw::parse_svg(R"s(<svg width="20000" height="20000"></svg>)s"); }).find("more than the limit") != std::string::npos);
  QVERIFY(errorOf([] { draw::parse_svg(std::string(1'000'000, '<')); }).find("not an SVG") != std::string::npos);
}
