#include "guided_panel.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QSaveFile>
#include <QTimer>
#include <QToolButton>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <limits>

#include "image_canvas.h"
#include "note_box.h"
#include "run_view.h"

namespace atelier {

GuidedPanel::GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(noteTitle, noteHtml, this)),
      m_form(new QFormLayout),
      m_prompts(new QPlainTextEdit(this)),
      m_run(new RunView(this)) {
  m_prompts->setPlaceholderText(tr("a red barn:1 | a storm:0.5 | blurry:-1"));
  m_prompts->setToolTip(tr("Prompts separated by |, each with an optional :weight (negative pushes away)"));
  m_prompts->setMaximumHeight(96);
  m_form->addRow(tr("Prompts:"), m_prompts);

  auto* settings = new QWidget(this);
  auto* settingsLayout = new QVBoxLayout(settings);
  settingsLayout->addLayout(m_form);
  settingsLayout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(300);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(scroll);
  splitter->addWidget(m_run);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addWidget(splitter, 1);
}

QString GuidedPanel::prompts() const { return m_prompts->toPlainText(); }

void GuidedPanel::setPrompts(const QString& prompts) { m_prompts->setPlainText(prompts); }

void GuidedPanel::setModelAvailable(bool available, const QString& reason) {
  m_run->setRunnable(available, reason);  // the run view says why it can't run
}

namespace {
QSpinBox* spin(QWidget* parent, int lo, int hi, int value) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setValue(value);
  return s;
}
QDoubleSpinBox* dspin(QWidget* parent, double lo, double hi, double value, int decimals) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setValue(value);
  return s;
}
}  // namespace

VqganPanel::VqganPanel(QWidget* parent)
    : GuidedPanel(
          tr("How CLIP steers a generator"),
          tr("<p>A generator turns a latent z into an image; CLIP says how well an image matches a text. "
             "Put them in a loop: decode z, encode the image with CLIP, and take the cosine similarity s "
             "to the prompt's embedding. Using −s as a loss and back-propagating through CLIP and the "
             "generator to z moves the image, step by step, towards the prompt.</p>"
             "<p>It looks like training, but it happens at every generation: only z changes, both networks "
             "stay frozen. Staying in a generator's latent space (here VQGAN's grid of codebook vectors) "
             "keeps the pictures natural-looking instead of adversarial noise.</p>"),
          parent) {
  auto* mode = new QComboBox(this);
  mode->addItems({tr("CLIP + VQGAN"), tr("CLIP + GAN")});
  auto* preset = new QComboBox(this);
  preset->addItems({tr("Fast preview"), tr("Quality"), tr("Custom")});
  auto* init = new QLineEdit(this);
  init->setPlaceholderText(tr("optional init image"));
  auto* size = new QComboBox(this);
  size->addItems({QStringLiteral("128 × 128"), QStringLiteral("256 × 256"), QStringLiteral("384 × 384"),
                  QStringLiteral("512 × 512")});
  form()->addRow(tr("Generator:"), mode);
  form()->addRow(tr("Preset:"), preset);
  form()->addRow(tr("Init image:"), init);
  form()->addRow(tr("Size:"), size);
  form()->addRow(tr("Steps:"), spin(this, 1, 100000, 300));
  form()->addRow(tr("Cutouts:"), spin(this, 1, 128, 32));
  form()->addRow(tr("Cut power:"), dspin(this, 0.1, 5.0, 1.0, 2));
  form()->addRow(tr("Learning rate:"), dspin(this, 0.001, 1.0, 0.1, 3));
  form()->addRow(tr("Seed:"), spin(this, 0, std::numeric_limits<int>::max(), 0));
}

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
      m_strokes(spin(this, 1, 4096, 64)),
      m_maxWidth(dspin(this, 1.0, 100.0, 20.0, 1)),
      m_iterations(spin(this, 1, 100000, 300)),
      m_seed(spin(this, 0, std::numeric_limits<int>::max(), 0)),
      m_size(new QComboBox(this)),
      m_background(new QComboBox(this)),
      m_replay(new QPushButton(tr("&Replay Strokes"), this)),
      m_export(new QToolButton(this)),
      m_status(new QLabel(this)),
      m_replayTimer(new QTimer(this)),
      m_promptTimer(new QTimer(this)) {
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
  m_status->setWordWrap(true);
  form()->addRow(tr("Style:"), m_style);
  form()->addRow(tr("Strokes:"), m_strokes);
  form()->addRow(tr("Max width:"), m_maxWidth);
  form()->addRow(tr("Iterations:"), m_iterations);
  form()->addRow(tr("Seed:"), m_seed);
  form()->addRow(tr("Canvas:"), m_size);
  form()->addRow(tr("Background:"), m_background);
  m_replay->setToolTip(tr("Draw the finished strokes one by one, in their order"));
  m_replay->setEnabled(false);
  connect(m_replay, &QPushButton::clicked, this, &DrawPanel::replayRequested);
  m_export->setText(tr("E&xport"));
  m_export->setPopupMode(QToolButton::InstantPopup);
  m_export->setEnabled(false);
  auto* menu = new QMenu(m_export);
  menu->addAction(tr("SVG (editable strokes)…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export SVG"), QDir::home().filePath(QStringLiteral("clipdraw.svg")),
                                                      tr("SVG drawings (*.svg)"));
    if (!path.isEmpty()) saveSvg(path);
  });
  menu->addAction(tr("Image…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Image"), QDir::home().filePath(QStringLiteral("clipdraw.png")),
                                                      tr("Images (*.png *.jpg *.webp)"));
    if (!path.isEmpty()) saveImage(path);
  });
  menu->addAction(tr("Run as Animation (GIF, MP4, WebP)…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Animation"), QDir::home().filePath(QStringLiteral("clipdraw.gif")),
                                                      tr("Animations (*.gif *.mp4 *.webp)"));
    if (!path.isEmpty()) {
      setStatus(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
      Q_EMIT animationExportRequested(path, m_frames);
    }
  });
  m_export->setMenu(menu);
  form()->addRow(QString(), m_replay);
  form()->addRow(QString(), m_export);
  form()->addRow(m_status);

  m_replayTimer->setInterval(40);
  connect(m_replayTimer, &QTimer::timeout, this, [this] {
    if (m_replayIndex >= m_replayFrames.size()) return m_replayTimer->stop();
    runView()->canvas()->setImage(m_replayFrames[m_replayIndex++]);
  });
  // Prompts edited while a run goes on reach it once typing pauses.
  m_promptTimer->setSingleShot(true);
  m_promptTimer->setInterval(400);
  connect(promptEdit(), &QPlainTextEdit::textChanged, m_promptTimer, qOverload<>(&QTimer::start));
  connect(m_promptTimer, &QTimer::timeout, this, [this] { Q_EMIT promptsEdited(prompts()); });
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
}

void DrawPanel::setResult(const QString& svg, const QImage& image, const QList<QImage>& frames) {
  m_svg = svg;
  m_image = image;
  m_frames = frames;
  m_replay->setEnabled(!svg.isEmpty());
  m_export->setEnabled(!svg.isEmpty());
}

void DrawPanel::playReplay(const QList<QImage>& frames) {
  m_replayFrames = frames;
  m_replayIndex = 0;
  if (!frames.isEmpty()) m_replayTimer->start();
}

bool DrawPanel::replaying() const { return m_replayTimer->isActive(); }
QString DrawPanel::status() const { return m_status->text(); }
void DrawPanel::setStatus(const QString& text) { m_status->setText(text); }

bool DrawPanel::saveSvg(const QString& path) {
  QSaveFile file(path);
  if (m_svg.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(m_svg.toUtf8()) < 0 || !file.commit()) {
    setStatus(m_svg.isEmpty() ? tr("Nothing to export yet.") : tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return false;
  }
  setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

bool DrawPanel::saveImage(const QString& path) {
  QSaveFile file(path);
  const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  if (m_image.isNull() || !file.open(QIODevice::WriteOnly) || !m_image.save(&file, format.isEmpty() ? "PNG" : format.constData()) ||
      !file.commit()) {
    setStatus(m_image.isNull() ? tr("Nothing to export yet.") : tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return false;
  }
  setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

}  // namespace atelier
