#include "guided_panel.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
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
      m_run(new RunView(this)),
      m_status(new QLabel(this)),
      m_promptTimer(new QTimer(this)) {
  m_status->setWordWrap(true);
  // Prompts edited while a run goes on reach it once typing pauses.
  m_promptTimer->setSingleShot(true);
  m_promptTimer->setInterval(400);
  connect(m_prompts, &QPlainTextEdit::textChanged, m_promptTimer, qOverload<>(&QTimer::start));
  connect(m_promptTimer, &QTimer::timeout, this, [this] { Q_EMIT promptsEdited(prompts()); });
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
QString GuidedPanel::status() const { return m_status->text(); }
void GuidedPanel::setStatus(const QString& text) { m_status->setText(text); }

bool GuidedPanel::writeImage(const QImage& image, const QString& path, QString* error) {
  QSaveFile file(path);
  const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  if (!file.open(QIODevice::WriteOnly) || !image.save(&file, format.isEmpty() ? "PNG" : format.constData()) || !file.commit()) {
    *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  return true;
}

bool GuidedPanel::saveFrames(const QString& folder) {
  QString error;
  if (!writeFrames(m_frames, folder, &error)) {
    setStatus(error);
    return false;
  }
  setStatus(tr("Saved %1 frames in %2").arg(m_frames.size()).arg(QDir::toNativeSeparators(folder)));
  return true;
}

void GuidedPanel::requestAnimationExport() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Animation"), QDir::home().filePath(QStringLiteral("run.mp4")),
                                                    tr("Animations (*.gif *.mp4 *.webp)"));
  if (path.isEmpty()) return;
  setStatus(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
  Q_EMIT animationExportRequested(path, m_frames);
}

void GuidedPanel::requestFramesExport() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"), QDir::homePath());
  if (!folder.isEmpty()) saveFrames(folder);
}

bool GuidedPanel::writeFrames(const QList<QImage>& frames, const QString& folder, QString* error) {
  if (frames.isEmpty()) {
    *error = tr("There are no frames yet: press Run.");
    return false;
  }
  for (int i = 0; i < frames.size(); ++i) {
    const QString path = QDir(folder).filePath(QStringLiteral("frame_%1.png").arg(i, 4, 10, QLatin1Char('0')));
    if (!writeImage(frames[i], path, error)) return false;
  }
  return true;
}

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
          parent),
      m_mode(new QComboBox(this)),
      m_generator(new QComboBox(this)),
      m_vqganName(new QLabel(this)),
      m_preset(new QComboBox(this)),
      m_steps(spin(this, 1, 100000, 150)),
      m_cutn(spin(this, 1, 128, 16)),
      m_cutPow(dspin(this, 0.1, 5.0, 1.0, 2)),
      m_lr(dspin(this, 0.001, 1.0, 0.05, 3)),
      m_optimiser(new QComboBox(this)),
      m_seed(spin(this, 0, std::numeric_limits<int>::max(), 0)),
      m_size(new QComboBox(this)) {
  m_mode->addItem(tr("CLIP + GAN"));
  m_mode->addItem(tr("CLIP + VQGAN"));
  m_mode->setToolTip(tr("CLIP + GAN steers a GAN's z; CLIP + VQGAN a VQGAN's latent grid (the shipped mini-VQGAN, or a "
                        "taming checkpoint in the model folders, e.g. vqgan_imagenet_f16_16384.ckpt with its .yaml)"));
  connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) { Q_EMIT modeChanged(i == 0); });
  for (int s : {128, 256, 384, 512}) m_size->addItem(QStringLiteral("%1 × %1").arg(s), s);
  m_size->setToolTip(tr("The image size of CLIP + VQGAN (a GAN makes its own size)"));
  m_preset->addItems({tr("Fast preview"), tr("Quality"), tr("Custom")});
  connect(m_preset, &QComboBox::activated, this, [this](int i) {
    if (i == 0) m_steps->setValue(60), m_cutn->setValue(8);
    else if (i == 1) m_steps->setValue(300), m_cutn->setValue(32);
  });
  m_optimiser->addItems({QStringLiteral("adam"), QStringLiteral("adamw"), QStringLiteral("adagrad"), QStringLiteral("rmsprop")});
  m_lr->setToolTip(tr("Takes effect at the next step, also while a run goes on"));
  connect(m_lr, &QDoubleSpinBox::valueChanged, this, &VqganPanel::learningRateEdited);
  form()->addRow(tr("Generator:"), m_mode);
  form()->addRow(tr("Model:"), m_generator);
  form()->addRow(tr("VQGAN:"), m_vqganName);
  m_vqganName->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto showModelRow = [this](bool gan) {
    form()->setRowVisible(m_generator, gan);
    form()->setRowVisible(m_vqganName, !gan);
  };
  connect(this, &VqganPanel::modeChanged, this, showModelRow);
  showModelRow(true);
  form()->addRow(tr("Preset:"), m_preset);
  form()->addRow(tr("Steps:"), m_steps);
  form()->addRow(tr("Cutouts:"), m_cutn);
  form()->addRow(tr("Cut power:"), m_cutPow);
  form()->addRow(tr("Learning rate:"), m_lr);
  form()->addRow(tr("Optimiser:"), m_optimiser);
  form()->addRow(tr("Seed:"), m_seed);
  form()->addRow(tr("Size:"), m_size);
  auto* save = new QPushButton(tr("Save &Frame…"), this);
  save->setToolTip(tr("The current frame as PNG, with the prompts, the seed and every setting in it"));
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Frame"), QDir::home().filePath(QStringLiteral("clip-guided.png")),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty()) saveFrame(path);
  });
  form()->addRow(QString(), save);
  auto* load = new QPushButton(tr("&Open Settings from PNG…"), this);
  load->setToolTip(tr("Restore the prompts, the seed and every setting from a frame this tab saved"));
  connect(load, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Settings"), QDir::homePath(), tr("PNG images (*.png)"));
    if (!path.isEmpty()) loadSettingsFromPng(path);
  });
  form()->addRow(QString(), load);
  auto* history = new QPushButton(tr("&History…"), this);
  history->setToolTip(tr("Every run is kept (its settings and latest frame): open one to restore its settings"));
  connect(history, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("History"), m_historyFolder, tr("Saved frames (*.png)"));
    if (!path.isEmpty()) loadSettingsFromPng(path);
  });
  form()->addRow(QString(), history);
  auto* exportRun = new QToolButton(this);
  exportRun->setText(tr("E&xport Run"));
  exportRun->setPopupMode(QToolButton::InstantPopup);
  auto* runMenu = new QMenu(exportRun);
  runMenu->addAction(tr("As Animation (GIF, MP4, WebP)…"), this, &VqganPanel::requestAnimationExport);
  runMenu->addAction(tr("As PNG Frames…"), this, &VqganPanel::requestFramesExport);
  exportRun->setMenu(runMenu);
  form()->addRow(QString(), exportRun);
  form()->addRow(statusLabel());
  setAcceptDrops(true);
}

VqganPanel::Settings VqganPanel::settings() const {
  Settings s;
  s.prompts = prompts();
  s.generatorPath = m_generator->currentData().toString();
  s.optimiser = m_optimiser->currentText();
  s.steps = m_steps->value();
  s.cutn = m_cutn->value();
  s.seed = m_seed->value();
  s.cutPow = m_cutPow->value();
  s.lr = m_lr->value();
  s.gan = m_mode->currentIndex() == 0;
  s.size = m_size->currentData().toInt();
  return s;
}

void VqganPanel::setSettings(const Settings& s) {
  setPrompts(s.prompts);
  const int g = m_generator->findData(s.generatorPath);
  if (g >= 0) m_generator->setCurrentIndex(g);
  m_optimiser->setCurrentText(s.optimiser);
  m_steps->setValue(s.steps);
  m_cutn->setValue(s.cutn);
  m_seed->setValue(s.seed);
  m_cutPow->setValue(s.cutPow);
  m_lr->setValue(s.lr);
  m_mode->setCurrentIndex(s.gan ? 0 : 1);
  const int size = m_size->findData(s.size);
  if (size >= 0) m_size->setCurrentIndex(size);
}

void VqganPanel::setVqgan(const QString& name) {
  m_vqganName->setText(name.isEmpty() ? tr("none installed") : name);
}

void VqganPanel::setGenerators(const QStringList& names, const QStringList& paths) {
  m_generator->clear();
  for (int i = 0; i < names.size(); ++i) m_generator->addItem(names[i], paths.value(i));
  const int emoji = m_generator->findText(QStringLiteral("gan-emoji"));
  if (emoji >= 0) m_generator->setCurrentIndex(emoji);
}


QImage VqganPanel::withSettings(QImage frame, const Settings& s) {
  frame.setText(QStringLiteral("Software"), QStringLiteral("CLIP Atelier"));
  frame.setText(QStringLiteral("clip-atelier:prompts"), s.prompts);
  frame.setText(QStringLiteral("clip-atelier:generator"), s.generatorPath);
  frame.setText(QStringLiteral("clip-atelier:mode"), s.gan ? QStringLiteral("gan") : QStringLiteral("vqgan"));
  frame.setText(QStringLiteral("clip-atelier:optimiser"), s.optimiser);
  frame.setText(QStringLiteral("clip-atelier:steps"), QString::number(s.steps));
  frame.setText(QStringLiteral("clip-atelier:cutn"), QString::number(s.cutn));
  frame.setText(QStringLiteral("clip-atelier:cut_pow"), QString::number(s.cutPow, 'g', 17));
  frame.setText(QStringLiteral("clip-atelier:lr"), QString::number(s.lr, 'g', 17));
  frame.setText(QStringLiteral("clip-atelier:seed"), QString::number(s.seed));
  frame.setText(QStringLiteral("clip-atelier:size"), QString::number(s.size));
  return frame;
}

bool VqganPanel::saveFrame(const QString& path) {
  const QImage frame = runView()->currentImage();
  if (frame.isNull()) {
    setStatus(tr("Nothing to save yet: press Run."));
    return false;
  }
  QString error;
  if (!writeImage(withSettings(frame, settings()), path, &error)) {
    setStatus(error);
    return false;
  }
  setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

bool VqganPanel::loadSettingsFromPng(const QString& path) {
  bool ok = false;
  const Settings s = settingsFromPng(path, &ok);
  if (!ok) {
    setStatus(tr("%1 holds no CLIP Atelier settings.").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  setSettings(s);
  setStatus(tr("Settings restored from %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

void VqganPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void VqganPanel::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile() && url.toLocalFile().endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
      loadSettingsFromPng(url.toLocalFile());
      break;
    }
  event->acceptProposedAction();
}

VqganPanel::Settings VqganPanel::settingsFromPng(const QString& path, bool* ok) {
  const QImage png(path);
  Settings s;
  *ok = !png.isNull() && png.text(QStringLiteral("Software")) == QLatin1String("CLIP Atelier");
  if (!*ok) return s;
  s.prompts = png.text(QStringLiteral("clip-atelier:prompts"));
  s.generatorPath = png.text(QStringLiteral("clip-atelier:generator"));
  s.gan = png.text(QStringLiteral("clip-atelier:mode")) != QLatin1String("vqgan");
  s.optimiser = png.text(QStringLiteral("clip-atelier:optimiser"));
  s.steps = png.text(QStringLiteral("clip-atelier:steps")).toInt();
  s.cutn = png.text(QStringLiteral("clip-atelier:cutn")).toInt();
  s.cutPow = png.text(QStringLiteral("clip-atelier:cut_pow")).toDouble();
  s.lr = png.text(QStringLiteral("clip-atelier:lr")).toDouble();
  s.seed = png.text(QStringLiteral("clip-atelier:seed")).toInt();
  if (!png.text(QStringLiteral("clip-atelier:size")).isEmpty()) s.size = png.text(QStringLiteral("clip-atelier:size")).toInt();
  return s;
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
      m_shapes(new QComboBox(this)),
      m_replay(new QPushButton(tr("&Replay Strokes"), this)),
      m_export(new QToolButton(this)),
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
  m_shapes->addItem(tr("open strokes"), false);
  m_shapes->addItem(tr("filled shapes"), true);
  m_shapes->setToolTip(tr("Open Bézier strokes (the original's), or closed filled blobs outlined in their own colour"));
  form()->addRow(tr("Style:"), m_style);
  form()->addRow(tr("Paths:"), m_shapes);
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
  menu->addAction(tr("Run as PNG Frames…"), this, &DrawPanel::requestFramesExport);
  menu->addAction(tr("Run as Animation (GIF, MP4, WebP)…"), this, &DrawPanel::requestAnimationExport);
  m_export->setMenu(menu);
  form()->addRow(QString(), m_replay);
  form()->addRow(QString(), m_export);
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
  s.filled = m_shapes->currentData().toBool();
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
  m_shapes->setCurrentIndex(s.filled ? 1 : 0);
}

void DrawPanel::setResult(const QString& svg, const QImage& image, const QList<QImage>& frames) {
  m_svg = svg;
  m_image = image;
  setFrames(frames);
  m_replay->setEnabled(!svg.isEmpty());
  m_export->setEnabled(!svg.isEmpty());
}

void DrawPanel::playReplay(const QList<QImage>& frames) {
  m_replayFrames = frames;
  m_replayIndex = 0;
  if (!frames.isEmpty()) m_replayTimer->start();
}

bool DrawPanel::replaying() const { return m_replayTimer->isActive(); }

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
  image.setText(QStringLiteral("clip-atelier:steps"), QString::number(s.iterations));
  image.setText(QStringLiteral("clip-atelier:seed"), QString::number(s.seed));
  image.setText(QStringLiteral("clip-atelier:size"), QString::number(s.size));
  image.setText(QStringLiteral("clip-atelier:background"), s.background.name());
  QString error;
  if (!writeImage(image, path, &error)) {
    setStatus(error);
    return false;
  }
  setStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

}  // namespace atelier
