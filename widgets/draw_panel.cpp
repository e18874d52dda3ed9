// The CLIPDraw tab's settings, its replay of the strokes, and the exports of the drawing.
#include "draw_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>

#include <limits>

#include "image_canvas.h"
#include "run_view.h"
#include "save_file.h"

namespace atelier {

namespace {
enum Shapes { kStrokes, kFilled, kSketch };  // the Paths box's entries, in order
}  // namespace

DrawPanel::DrawPanel(QWidget* parent)
    : GuidedPanel(
          tr("How CLIPDraw paints"),
          tr("<p>A generator is not the only way to give CLIP something to optimise. Optimising raw pixels "
             "against a prompt gives noisy, unnatural pictures, so CLIPDraw restricts the image to a few "
             "hundred coloured Bezier strokes instead: that restriction is its \"natural image prior\".</p>"
             "<p>The strokes start at random. A differentiable rasteriser draws them, CLIP scores the drawing "
             "against the prompt, and the gradient of that score moves every stroke's control points, "
             "width and colour. The result is a drawing you can export as SVG and edit.</p>"),
          parent),
      m_style(new QLineEdit(this)),
      m_strokes(intBox(this, 1, 4096, 64)),
      m_maxWidth(realBox(this, 1.0, 100.0, 20.0, 1)),
      m_sketchWidth(realBox(this, 0.5, 100.0, 2.0, 1)),
      m_iterations(intBox(this, 1, 100000, 300)),
      m_seed(intBox(this, 0, std::numeric_limits<int>::max(), 0)),
      m_size(new QComboBox(this)),
      m_background(new QComboBox(this)),
      m_shapes(new QComboBox(this)),
      m_replay(new QPushButton(tr("&Replay Strokes"), this)),
      m_upscale(new QPushButton(tr("×2 Higher Resolution"), this)),
      m_export(new QToolButton(this)),
      m_keepTransparent(new QCheckBox(tr("Keep fully transparent strokes in the SVG"), this)),
      m_replayTimer(new QTimer(this)) {
  m_style->setPlaceholderText(tr("optional, e.g. a watercolour painting of"));
  m_style->setToolTip(tr("A drawing style put before every positive prompt"));
  m_strokes->setToolTip(tr("Number of strokes (the original uses 256)"));
  m_maxWidth->setToolTip(tr("Widths are kept between 1 px and this"));
  for (int s : {64, 128, 224, 256, 384}) m_size->addItem(QStringLiteral("%1 × %1").arg(s), s);
  m_size->setToolTip(tr("The canvas: 224 is the original's; the mini-CLIP sees 64 px, where it draws best"));
  m_size->setCurrentIndex(0);
  m_background->addItem(tr("white"), QColor(Qt::white));
  m_background->addItem(tr("black"), QColor(Qt::black));
  m_background->addItem(tr("grey"), QColor(128, 128, 128));
  m_shapes->addItem(tr("open strokes"));
  m_shapes->addItem(tr("filled shapes"));
  m_shapes->addItem(tr("line sketch"));
  m_shapes->setObjectName(QStringLiteral("shapes"));
  m_shapes->setToolTip(tr("Open Bézier strokes (the original's), closed filled blobs outlined in their own colour, "
                          "or a line sketch: black strokes of one width, where only their course is optimised"));
  m_sketchWidth->setObjectName(QStringLiteral("sketchWidth"));
  m_sketchWidth->setToolTip(tr("The width of every stroke of a line sketch, in pixels"));
  form()->addRow(tr("Style:"), m_style);
  form()->addRow(tr("Paths:"), m_shapes);
  form()->addRow(tr("Strokes:"), m_strokes);
  form()->addRow(tr("Max width:"), m_maxWidth);
  form()->addRow(tr("Sketch width:"), m_sketchWidth);
  // A line sketch's widths stay as they start: its own width instead of the maximum.
  auto showWidthRow = [this](int shapes) {
    form()->setRowVisible(m_maxWidth, shapes != kSketch);
    form()->setRowVisible(m_sketchWidth, shapes == kSketch);
  };
  connect(m_shapes, &QComboBox::currentIndexChanged, this, showWidthRow);
  showWidthRow(m_shapes->currentIndex());
  form()->addRow(tr("Iterations:"), m_iterations);
  form()->addRow(tr("Seed:"), m_seed);
  form()->addRow(tr("Canvas:"), m_size);
  form()->addRow(tr("Background:"), m_background);
  m_replay->setToolTip(tr("Draw the finished strokes one by one, in their order"));
  m_replay->setEnabled(false);
  connect(m_replay, &QPushButton::clicked, this, &DrawPanel::replayRequested);
  // The higher-resolution pass: the finished drawing's points and widths doubled, run on at
  // twice the canvas with the current prompts and iterations.
  m_upscale->setObjectName(QStringLiteral("drawUpscale"));
  m_upscale->setToolTip(tr("Continue the last drawing at twice its canvas (points and widths doubled) for the iterations set"));
  m_upscale->setEnabled(false);
  connect(m_upscale, &QPushButton::clicked, this, &DrawPanel::upscaleRequested);
  m_export->setText(tr("E&xport"));
  m_export->setPopupMode(QToolButton::InstantPopup);
  m_export->setEnabled(false);
  auto* menu = new QMenu(m_export);
  menu->addAction(tr("SVG (editable strokes)…"), this, [this] {
    const QString path = askSavePath(tr("Export SVG"), QStringLiteral("svg"), tr("SVG drawings (*.svg)"));
    if (!path.isEmpty()) saveSvg(path);
  });
  menu->addAction(tr("Image…"), this, [this] {
    const QString path = askSavePath(tr("Export Image"), QStringLiteral("png"), tr("Images (*.png *.jpg *.webp)"));
    if (!path.isEmpty()) saveImage(path);
  });
  menu->addAction(tr("Run as PNG Frames…"), this, &DrawPanel::requestFramesExport);
  menu->addAction(tr("Run as Animation (GIF, MP4, WebP)…"), this, &DrawPanel::requestAnimationExport);
  m_export->setMenu(menu);
  m_keepTransparent->setObjectName(QStringLiteral("keepTransparent"));
  m_keepTransparent->setToolTip(tr("Strokes the optimisation faded out entirely draw nothing; the SVG leaves them out "
                                   "unless this is on (to bring them back in an editor)"));
  form()->addRow(QString(), m_replay);
  form()->addRow(QString(), m_upscale);
  form()->addRow(QString(), m_export);
  form()->addRow(QString(), m_keepTransparent);
  form()->addRow(statusLabel());

  m_replayTimer->setInterval(40);
  connect(m_replayTimer, &QTimer::timeout, this, [this] {
    if (m_replayIndex >= m_replayFrames.size()) return m_replayTimer->stop();
    runView()->canvas()->setImage(m_replayFrames[m_replayIndex++]);
  });
}

DrawPanel::Settings DrawPanel::settings() const {
  Settings s;
  s.prompts = prompts();
  s.style = m_style->text().trimmed();
  s.strokes = m_strokes->value();
  s.maxWidth = m_maxWidth->value();
  s.iterations = m_iterations->value();
  s.seed = m_seed->value();
  s.size = m_size->currentData().toInt();
  s.background = m_background->currentData().value<QColor>();
  s.filled = m_shapes->currentIndex() == kFilled;
  s.sketch = m_shapes->currentIndex() == kSketch;
  s.sketchWidth = m_sketchWidth->value();
  return s;
}

void DrawPanel::setSettings(const Settings& s) {
  setPrompts(s.prompts);
  m_style->setText(s.style);
  m_strokes->setValue(s.strokes);
  m_maxWidth->setValue(s.maxWidth);
  m_iterations->setValue(s.iterations);
  m_seed->setValue(s.seed);
  const int size = m_size->findData(s.size);
  if (size >= 0) m_size->setCurrentIndex(size);
  const int background = m_background->findData(s.background);
  if (background >= 0) m_background->setCurrentIndex(background);
  m_shapes->setCurrentIndex(s.sketch ? kSketch : s.filled ? kFilled : kStrokes);
  m_sketchWidth->setValue(s.sketchWidth);
}

void DrawPanel::setResult(const QString& svg, const QImage& image, const QList<QImage>& frames, const QString& svgWithTransparent) {
  m_svg = svg;
  m_svgWithTransparent = svgWithTransparent;
  m_image = image;
  setFrames(frames);
  m_replay->setEnabled(!svg.isEmpty());
  m_upscale->setEnabled(!svg.isEmpty() && image.width() > 0);
  m_export->setEnabled(!svg.isEmpty());
}

void DrawPanel::playReplay(const QList<QImage>& frames) {
  m_replayFrames = frames;
  m_replayIndex = 0;
  if (!frames.isEmpty()) m_replayTimer->start();
}

int DrawPanel::exportSeed() const { return m_seed->value(); }

QString DrawPanel::askSavePath(const QString& title, const QString& extension, const QString& filter) {
  const QString name = ExportDialog::proposedFileName(prompts(), QString::number(exportSeed()), extension);
  const QString path = QFileDialog::getSaveFileName(this, title, QDir(exportFolder()).filePath(name), filter);
  if (!path.isEmpty()) {
    setExportFolder(QFileInfo(path).absolutePath());
    Q_EMIT exportFolderChosen(exportFolder());
  }
  return path;
}

bool DrawPanel::replaying() const { return m_replayTimer->isActive(); }

QString DrawPanel::svg() const { return keepTransparent() && !m_svgWithTransparent.isEmpty() ? m_svgWithTransparent : m_svg; }

void DrawPanel::setKeepTransparent(bool keep) { m_keepTransparent->setChecked(keep); }

bool DrawPanel::keepTransparent() const { return m_keepTransparent->isChecked(); }

bool DrawPanel::saveSvg(const QString& path) {
  if (m_svg.isEmpty()) {
    setStatus(tr("Nothing to export yet."));
    return false;
  }
  return saveAndReport(path, textWriter(svg()), [this](const QString& line) { setStatus(line); });
}

bool DrawPanel::saveImage(const QString& path) {
  if (m_image.isNull()) {
    setStatus(tr("Nothing to export yet."));
    return false;
  }
  QImage image = m_image;
  const Settings s = settings();
  image.setText(QStringLiteral("Software"), QStringLiteral("CLIP Atelier"));
  image.setText(QStringLiteral("clip-atelier:mode"), QStringLiteral("clipdraw"));
  image.setText(QStringLiteral("clip-atelier:prompts"), s.prompts);
  image.setText(QStringLiteral("clip-atelier:style"), s.style);
  image.setText(QStringLiteral("clip-atelier:strokes"), QString::number(s.strokes));
  image.setText(QStringLiteral("clip-atelier:max_width"), QString::number(s.maxWidth, 'g', 17));
  image.setText(QStringLiteral("clip-atelier:filled"), s.filled ? QStringLiteral("true") : QStringLiteral("false"));
  image.setText(QStringLiteral("clip-atelier:sketch"), s.sketch ? QStringLiteral("true") : QStringLiteral("false"));
  if (s.sketch) image.setText(QStringLiteral("clip-atelier:sketch_width"), QString::number(s.sketchWidth, 'g', 17));
  image.setText(QStringLiteral("clip-atelier:steps"), QString::number(s.iterations));
  image.setText(QStringLiteral("clip-atelier:seed"), QString::number(s.seed));
  image.setText(QStringLiteral("clip-atelier:size"), QString::number(s.size));
  image.setText(QStringLiteral("clip-atelier:background"), s.background.name());
  return saveAndReport(path, image, [this](const QString& line) { setStatus(line); });
}

}  // namespace atelier
