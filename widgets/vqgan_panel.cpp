// The CLIP + VQGAN tab's settings, their PNG text chunks, and the frames saved with them.
#include "vqgan_panel.h"

#include "class_picker.h"
#include "form_rows.h"
#include "image_guard.h"
#include "image_inputs.h"
#include "queue_panel.h"
#include "schedule_editor.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMetaMethod>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <iterator>
#include <limits>

#include "run_view.h"
#include "save_file.h"

namespace atelier {

namespace {
// What each preset sets, in the Preset box's order (Custom follows them). Balanced is the tab's
// defaults (Settings), so a fresh tab names its values.
struct Preset {
  int steps, cutn;
};
constexpr Preset kPresets[] = {{60, 8}, {150, 16}, {300, 32}};
constexpr int kCustom = int(std::size(kPresets));
// The Generator box's items.
constexpr int kModeGan = 0, kModeVqgan = 1, kModePixel = 2, kModeFft = 3;

int modeIndex(const VqganPanel::Settings& s) {
  if (s.gan) return kModeGan;
  return s.drawer == DrawerKind::Pixel ? kModePixel : s.drawer == DrawerKind::Fft ? kModeFft : kModeVqgan;
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
      m_class(new ClassPicker(this)),
      m_vqganName(new QLabel(this)),
      m_preset(new QComboBox(this)),
      m_steps(intBox(this, 1, 100000, 150)),
      m_cutn(intBox(this, 1, 128, 16)),
      m_cutPow(realBox(this, 0.1, 5.0, 1.0, 2)),
      m_lr(realBox(this, 0.001, 1.0, 0.05, 3)),
      m_optimiser(new QComboBox(this)),
      m_seed(intBox(this, 0, std::numeric_limits<int>::max(), 0)),
      m_size(new QComboBox(this)),
      m_modelsBanner(new QFrame(this)),
      m_modelsText(new QLabel(m_modelsBanner)) {
  // The Generator box's order: kModeGan, kModeVqgan, kModePixel, kModeFft.
  m_mode->setObjectName(QStringLiteral("guideMode"));
  m_mode->addItems({tr("CLIP + GAN"), tr("CLIP + VQGAN"), tr("Pixel art"), tr("FFT image")});
  m_mode->setToolTip(tr("CLIP + GAN steers a GAN's z; CLIP + VQGAN a VQGAN's latent grid (the shipped mini-VQGAN, or a "
                        "taming checkpoint in the model folders, e.g. vqgan_imagenet_f16_16384.ckpt with its .yaml). "
                        "Pixel art and FFT image need no generator, only a CLIP: a grid of coloured cells, or an image "
                        "made from its spectrum"));
  connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) { Q_EMIT modeChanged(i == kModeGan); });
  for (int s : {128, 256, 384, 512}) m_size->addItem(QStringLiteral("%1 × %1").arg(s), s);
  m_size->setToolTip(tr("The image size of CLIP + VQGAN and the drawers (a GAN makes its own size)"));
  m_preset->setObjectName(QStringLiteral("preset"));
  m_steps->setObjectName(QStringLiteral("steps"));
  m_cutn->setObjectName(QStringLiteral("cutouts"));
  m_preset->addItems({tr("Fast preview"), tr("Balanced"), tr("Quality"), tr("Custom")});
  m_preset->setToolTip(tr("Sets the steps and the cutouts; other values in them make it Custom"));
  connect(m_preset, &QComboBox::activated, this, [this](int i) {
    if (i < kCustom) m_steps->setValue(kPresets[i].steps), m_cutn->setValue(kPresets[i].cutn);
  });
  // The box always names what the fields hold: an edit away from a preset's values is Custom.
  connect(m_steps, &QSpinBox::valueChanged, this, &VqganPanel::matchPreset);
  connect(m_cutn, &QSpinBox::valueChanged, this, &VqganPanel::matchPreset);
  matchPreset();
  m_optimiser->addItems({QStringLiteral("adam"), QStringLiteral("adamw"), QStringLiteral("adagrad"), QStringLiteral("rmsprop")});
  m_lr->setToolTip(tr("Takes effect at the next step, also while a run goes on"));
  connect(m_lr, &QDoubleSpinBox::valueChanged, this, &VqganPanel::learningRateEdited);
  // Under the prompts: the schedule's toggle and keyframes, the image prompts (both generators),
  // the init image and its weight (VQGAN), the constraints.
  int promptsRow = 0;
  QFormLayout::ItemRole promptsRole;
  form()->getWidgetPosition(promptEdit(), &promptsRow, &promptsRole);
  m_schedule = new ScheduleEditor(form(), promptsRow + 1, promptEdit(), this);
  connect(m_steps, &QSpinBox::valueChanged, m_schedule, &ScheduleEditor::setSteps);
  m_images = new ImageInputs(form(), promptsRow + 3, this);
  m_constraints = new ConstraintsBox(this);
  form()->insertRow(promptsRow + 7, m_constraints);
  // Motion under the constraints, folded the same way.
  m_motion = new MotionBox(this);
  int constraintsRow = 0;
  form()->getWidgetPosition(m_constraints, &constraintsRow, &promptsRole);
  form()->insertRow(constraintsRow + 1, m_motion);
  form()->addRow(tr("Generator:"), m_mode);
  // A drawer's settings right under the Generator (shown in its mode).
  m_drawer = new DrawerBox(this);
  form()->addRow(m_drawer);
  form()->addRow(tr("Model:"), m_generator);
  m_generator->setObjectName(QStringLiteral("guideGenerator"));
  // CLIP + BigGAN-deep: the class to start from, or none (big-sleep's start: the prompts choose).
  m_class->setObjectName(QStringLiteral("guideClass"));
  m_class->setNoneAllowed(tr("Any: the prompts choose"));
  m_class->setToolTip(tr("CLIP + BigGAN-deep: the class the run starts from (its weight near 1, the others near 0). Empty: "
                         "every class starts near 0 and the prompts choose (big-sleep's random start)"));
  form()->addRow(tr("Class:"), m_class);
  connect(m_class, &ClassPicker::unmatched, this, &VqganPanel::setStatus);
  connect(m_generator, &QComboBox::currentIndexChanged, this, &VqganPanel::updateClassRow);
  connect(this, &VqganPanel::modeChanged, this, &VqganPanel::updateClassRow);
  form()->addRow(tr("VQGAN:"), m_vqganName);
  m_vqganName->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(this, &VqganPanel::modeChanged, this, &VqganPanel::updateModeRows);
  updateModeRows();
  updateClassRow();
  form()->addRow(tr("Preset:"), m_preset);
  form()->addRow(tr("Steps:"), m_steps);
  form()->addRow(tr("Cutouts:"), m_cutn);
  form()->addRow(tr("Cut power:"), m_cutPow);
  form()->addRow(tr("Learning rate:"), m_lr);
  form()->addRow(tr("Optimiser:"), m_optimiser);
  form()->addRow(tr("Seed:"), m_seed);
  form()->addRow(tr("Size:"), m_size);
  // The drawer's grid offers the counts that divide the size; a shift is at most a quarter of it.
  connect(m_size, &QComboBox::currentIndexChanged, this, [this] {
    m_drawer->setImageSize(m_size->currentData().toInt());
    m_motion->setImageSize(m_size->currentData().toInt());
  });
  m_drawer->setImageSize(m_size->currentData().toInt());
  m_motion->setImageSize(m_size->currentData().toInt());
  // The higher-resolution pass: the controller says when the last run can go on at twice its size.
  m_upscale = new QPushButton(tr("×2 Higher Resolution"), this);
  m_upscale->setObjectName(QStringLiteral("upscaleRun"));
  connect(m_upscale, &QPushButton::clicked, this, &VqganPanel::upscaleRequested);
  form()->addRow(QString(), m_upscale);
  setUpscaleAvailable(false);
  // The queue (issue 21, item 6): runs that wait their turn, Add to Queue and Batch… (folded until used).
  m_queue = new QueuePanel(this);
  form()->addRow(m_queue);
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
  history->setObjectName(QStringLiteral("historyButton"));
  history->setToolTip(tr("Every run is kept: browse them, restore their settings, continue or compare them"));
  connect(history, &QPushButton::clicked, this, [this] {
    if (isSignalConnected(QMetaMethod::fromSignal(&VqganPanel::historyRequested))) return Q_EMIT historyRequested();
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

  // Only the embedded VQGAN here: what it paints, and the way to taming's (under the explanation).
  m_modelsBanner->setObjectName(QStringLiteral("modelsBanner"));
  m_modelsBanner->setFrameShape(QFrame::StyledPanel);
  m_modelsText->setWordWrap(true);
  auto* getModels = new QPushButton(tr("Get Models…"), m_modelsBanner);
  getModels->setObjectName(QStringLiteral("getModelsButton"));
  getModels->setToolTip(tr("OpenAI's CLIP and taming's VQGANs, downloaded and verified (Models ▸ Get Models)"));
  connect(getModels, &QPushButton::clicked, this, &VqganPanel::getModelsRequested);
  auto* bannerRow = new QHBoxLayout(m_modelsBanner);
  bannerRow->addWidget(m_modelsText, 1);
  bannerRow->addWidget(getModels);
  m_modelsBanner->hide();
  if (auto* column = qobject_cast<QVBoxLayout*>(layout())) column->insertWidget(1, m_modelsBanner);
}

void VqganPanel::setBanner(const QString& text) {
  m_modelsText->setText(text);
  m_modelsBanner->setVisible(!text.isEmpty());
}

QString VqganPanel::bannerText() const { return m_modelsBanner->isHidden() ? QString() : m_modelsText->text(); }

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
  s.gan = m_mode->currentIndex() == kModeGan;
  s.drawer = m_mode->currentIndex() == kModePixel ? DrawerKind::Pixel : m_mode->currentIndex() == kModeFft ? DrawerKind::Fft : DrawerKind::None;
  s.size = m_size->currentData().toInt();
  s.imagePrompts = m_images->imagePrompts();
  s.initImage = m_images->initImage();
  s.initWeight = m_images->initWeight();
  s.initNoise = m_images->initNoise();
  s.bigganClass = m_generatorClasses.contains(s.generatorPath) ? m_class->currentClass() : -1;
  s.constraints = m_constraints->constraints();
  s.schedule = m_schedule->schedule();
  s.drawing = m_drawer->drawing();
  s.motion = m_motion->motion();
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
  m_mode->setCurrentIndex(modeIndex(s));
  const int size = m_size->findData(s.size);
  if (size >= 0) m_size->setCurrentIndex(size);
  m_drawer->setDrawing(s.drawing);  // after the size: its grid is one that divides it
  m_motion->setMotion(s.motion);
  m_images->setImagePrompts(s.imagePrompts);
  m_images->setInitImage(s.initImage);
  m_images->setInitWeight(s.initWeight);
  m_images->setInitNoise(s.initNoise);
  m_class->setCurrentClass(s.bigganClass);
  m_constraints->setConstraints(s.constraints);
  m_schedule->setSchedule(s.schedule);
  updateModeRows();  // also when the mode was already there (no modeChanged)
  updateClassRow();
  matchPreset();  // also when the values were already there (no valueChanged)
}

void VqganPanel::matchPreset() {
  int at = kCustom;
  for (int i = 0; i < kCustom; ++i)
    if (m_steps->value() == kPresets[i].steps && m_cutn->value() == kPresets[i].cutn) at = i;
  const QSignalBlocker block(m_preset);
  m_preset->setCurrentIndex(at);
}

int VqganPanel::exportSeed() const { return m_seed->value(); }

QString VqganPanel::Settings::modeName() const {
  if (gan) return QStringLiteral("gan");
  switch (drawer) {
    case DrawerKind::Pixel: return QStringLiteral("pixel");
    case DrawerKind::Fft: return QStringLiteral("fft");
    case DrawerKind::None: break;
  }
  return QStringLiteral("vqgan");
}

void VqganPanel::Settings::setMode(const QString& name) {
  gan = name != QLatin1String("vqgan") && name != QLatin1String("pixel") && name != QLatin1String("fft");
  drawer = name == QLatin1String("pixel") ? DrawerKind::Pixel : name == QLatin1String("fft") ? DrawerKind::Fft : DrawerKind::None;
}

QString VqganPanel::generatorTitle(const Settings& s) {
  switch (modeIndex(s)) {
    case kModeGan: return tr("CLIP + GAN");
    case kModePixel: return tr("Pixel art");
    case kModeFft: return tr("FFT image");
    default: return tr("CLIP + VQGAN");
  }
}

int VqganPanel::maxSize() const {
  int most = 0;
  for (int i = 0; i < m_size->count(); ++i) most = std::max(most, m_size->itemData(i).toInt());
  return most;
}

void VqganPanel::setUpscaleAvailable(bool available, const QString& why) {
  m_upscale->setEnabled(available);
  m_upscale->setToolTip(available ? tr("The last run again at twice its size, from its last frame's latent, with the same "
                                       "prompts and settings (CLIP + VQGAN and the drawers)")
                                  : why.isEmpty() ? tr("Continues a finished or stopped run of CLIP + VQGAN or a drawer at twice "
                                                       "its size; there is none to continue yet")
                                                  : why);
}

void VqganPanel::updateModeRows() {
  const int mode = m_mode->currentIndex();
  form()->setRowVisible(m_generator, mode == kModeGan);
  form()->setRowVisible(m_vqganName, mode == kModeVqgan);
  const DrawerKind kind = mode == kModePixel ? DrawerKind::Pixel : mode == kModeFft ? DrawerKind::Fft : DrawerKind::None;
  m_drawer->setDrawer(kind);
  form()->setRowVisible(m_drawer, kind != DrawerKind::None);
  // Only VQGAN starts from an image's codes; only a generator that takes an image back moves.
  m_images->setInitEnabled(mode == kModeVqgan);
  m_motion->setAvailable(mode != kModeGan);
  refreshHiddenRows(form());  // Qt 6.4's rows that come and go (form_rows.h)
}

void VqganPanel::setVqgan(const QString& name) { m_vqganName->setText(name.isEmpty() ? tr("none installed") : name); }

void VqganPanel::addImagePrompt(const QString& path) {
  if (path.isEmpty()) return;
  const QString name = QFileInfo(path).fileName();
  setStatus(m_images->addImagePrompt(path) ? tr("%1 is an image prompt now.").arg(name) : tr("%1 is an image prompt already.").arg(name));
}

void VqganPanel::setInitImage(const QString& path) {
  m_images->setInitImage(path);
  if (path.isEmpty()) return setStatus(tr("No init image: CLIP + VQGAN starts from random codes."));
  const QString name = QFileInfo(path).fileName();
  setStatus(m_images->initEnabled() ? tr("%1 is the init image now.").arg(name)
                                    : tr("%1 is the init image now; only CLIP + VQGAN starts from it (Generator).").arg(name));
}

void VqganPanel::changeEvent(QEvent* event) {
  GuidedPanel::changeEvent(event);
  if (event->type() == QEvent::LanguageChange && m_images) m_images->retranslate();
}

void VqganPanel::setGeneratorClasses(const QString& path, const QStringList& names) {
  if (names.isEmpty()) m_generatorClasses.remove(path);
  else m_generatorClasses.insert(path, names);
  updateClassRow();
}

void VqganPanel::updateClassRow() {
  const QStringList names = m_generatorClasses.value(m_generator->currentData().toString());
  if (names != m_class->classNames()) m_class->setClassNames(names);  // keeps the class when the model has it
  form()->setRowVisible(m_class, m_mode->currentIndex() == 0 && !names.isEmpty());
  refreshHiddenRows(form());
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
  frame.setText(QStringLiteral("clip-atelier:mode"), s.modeName());
  frame.setText(QStringLiteral("clip-atelier:optimiser"), s.optimiser);
  frame.setText(QStringLiteral("clip-atelier:steps"), QString::number(s.steps));
  frame.setText(QStringLiteral("clip-atelier:cutn"), QString::number(s.cutn));
  frame.setText(QStringLiteral("clip-atelier:cut_pow"), QString::number(s.cutPow, 'g', 17));
  frame.setText(QStringLiteral("clip-atelier:lr"), QString::number(s.lr, 'g', 17));
  frame.setText(QStringLiteral("clip-atelier:seed"), QString::number(s.seed));
  frame.setText(QStringLiteral("clip-atelier:size"), QString::number(s.size));
  // The image files by path, one a line (what the run read; they may move later).
  frame.setText(QStringLiteral("clip-atelier:image_prompts"), s.imagePrompts.join(QLatin1Char('\n')));
  frame.setText(QStringLiteral("clip-atelier:init_image"), s.initImage);
  frame.setText(QStringLiteral("clip-atelier:init_weight"), QString::number(s.initWeight, 'g', 17));
  frame.setText(QStringLiteral("clip-atelier:init_noise"), s.initNoise);
  frame.setText(QStringLiteral("clip-atelier:biggan_class"), QString::number(s.bigganClass));
  for (const auto& [key, value] : s.constraints.toText()) frame.setText(key, value);
  frame.setText(QStringLiteral("clip-atelier:schedule"), s.schedule);
  for (const auto& [key, value] : s.drawing.toText()) frame.setText(key, value);
  for (const auto& [key, value] : s.motion.toText()) frame.setText(key, value);
  return frame;
}

bool VqganPanel::saveFrame(const QString& path) {
  const QImage frame = runView()->currentImage();
  if (frame.isNull()) {
    setStatus(tr("Nothing to save yet: press Run."));
    return false;
  }
  return saveAndReport(path, withSettings(frame, shownFrameSettings()), [this](const QString& line) { setStatus(line); });
}

VqganPanel::Settings VqganPanel::shownFrameSettings() const {
  if (!m_frameSettings) return settings();
  // A clicked thumbnail stays selected while newer frames come: the canvas tells which is shown.
  const qint64 selected = runView()->selectedStep();
  const QList<QImage> kept = frames();
  const bool newest = selected < 0 || (!kept.isEmpty() && runView()->currentImage() == kept.constLast());
  return m_frameSettings(newest ? -1 : selected);
}

bool VqganPanel::loadSettingsFromPng(const QString& path) {
  bool ok = false;
  const Settings s = settingsFromPng(path, &ok);
  if (!ok) {
    setStatus(tr("%1 holds no CLIP Atelier settings.").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  setSettings(s);
  QStringList gone;  // image files the frame names that are not here (another computer's, moved)
  for (const QString& file : s.imagePrompts + QStringList{s.initImage})
    if (!file.isEmpty() && !QFileInfo::exists(file)) gone << QDir::toNativeSeparators(file);
  if (!gone.isEmpty())
    setStatus(tr("Settings restored from %1; these images it names are not there: %2")
                  .arg(QDir::toNativeSeparators(path), gone.join(QLatin1String("; "))));
  else
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
  Settings s;
  *ok = false;
  if (!image_guard::problem(path).isEmpty()) return s;
  const QImage png(path);
  *ok = !png.isNull() && png.text(QStringLiteral("Software")) == QLatin1String("CLIP Atelier");
  if (!*ok) return s;
  s.prompts = png.text(QStringLiteral("clip-atelier:prompts"));
  s.generatorPath = png.text(QStringLiteral("clip-atelier:generator"));
  s.setMode(png.text(QStringLiteral("clip-atelier:mode")));
  s.optimiser = png.text(QStringLiteral("clip-atelier:optimiser"));
  s.steps = png.text(QStringLiteral("clip-atelier:steps")).toInt();
  s.cutn = png.text(QStringLiteral("clip-atelier:cutn")).toInt();
  // Numbers as written by this program; anything else (nan, inf, text) keeps the default.
  auto number = [&](const char* key, double fallback) {
    bool good = false;
    const double v = png.text(QLatin1String(key)).toDouble(&good);
    return good && std::isfinite(v) ? v : fallback;
  };
  s.cutPow = number("clip-atelier:cut_pow", s.cutPow);
  s.lr = number("clip-atelier:lr", s.lr);
  s.seed = png.text(QStringLiteral("clip-atelier:seed")).toInt();
  if (!png.text(QStringLiteral("clip-atelier:size")).isEmpty()) s.size = png.text(QStringLiteral("clip-atelier:size")).toInt();
  // Absent in frames saved before image inputs: none, as then. At most 64 (a crafted chunk of
  // millions of lines would fill the list for minutes).
  const QString files = png.text(QStringLiteral("clip-atelier:image_prompts"));
  for (QStringView file : QStringView(files).tokenize(u'\n', Qt::SkipEmptyParts)) {
    if (s.imagePrompts.size() == 64) break;
    if (!file.trimmed().isEmpty()) s.imagePrompts << file.toString();
  }
  s.initImage = png.text(QStringLiteral("clip-atelier:init_image"));
  s.initWeight = std::clamp(number("clip-atelier:init_weight", s.initWeight), 0.0, 10.0);  // the weight box's range
  // Absent before the choice of start: random codes, as then.
  if (const QString noise = png.text(QStringLiteral("clip-atelier:init_noise")); !noise.isEmpty()) s.initNoise = noise;
  // Absent before BigGAN-deep: none (the Class field then keeps only a class its model has).
  bool classOk = false;
  const int bigganClass = png.text(QStringLiteral("clip-atelier:biggan_class")).toInt(&classOk);
  s.bigganClass = classOk && bigganClass >= -1 ? bigganClass : -1;
  // Absent before constraints and schedules: none. A schedule longer than the engine takes is cut.
  s.constraints = ConstraintSettings::fromText([&png](const QString& key) { return png.text(key); });
  s.schedule = png.text(QStringLiteral("clip-atelier:schedule")).left(1 << 20);
  // Absent before drawers and motion: the defaults (no motion).
  s.drawing = DrawerSettings::fromText([&png](const QString& key) { return png.text(key); });
  s.motion = MotionSettings::fromText([&png](const QString& key) { return png.text(key); });
  return s;
}

}  // namespace atelier
