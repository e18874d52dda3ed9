#include "main_window.h"

#include "animation_exporter.h"
#include "vqgan/vqgan.h"

#include <QAction>
#include <QDateTime>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QImageWriter>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QStatusBar>
#include <QTabWidget>

#include "appearance.h"
#include "clip_controller.h"
#include "clip_panel.h"
#include "engine_bridge.h"
#include "error_text.h"
#include "draw_controller.h"
#include "failed_models.h"
#include "get_models_dialog.h"
#include "gan_controller.h"
#include "guide_controller.h"
#include "gan_panel.h"
#include "image_card.h"
#include "library_controller.h"
#include "library_panel.h"
#include "draw_panel.h"
#include "vqgan_panel.h"
#include "run_controller.h"
#include "note_box.h"
#include "run_view.h"
#include "runtime/model_paths.h"
#include "runtime/runtime_info.h"
#include "settings.h"
#include "train_window.h"

namespace atelier {

MainWindow::MainWindow(Settings* settings, QWidget* parent)
    : QMainWindow(parent),
      m_settings(settings),
      m_bridge(new EngineBridge(settings->value(Settings::Key::Threads).toInt(), this)),
      m_tabs(new QTabWidget(this)),
      m_clip(new ClipPanel(this)),
      m_gan(new GanPanel(this)),
      m_vqgan(new VqganPanel(this)),
      m_draw(new DrawPanel(this)),
      m_library(new LibraryPanel(this)),
      m_failedModels(std::make_shared<FailedModels>()),
      m_clipController(new ClipController(m_bridge, m_clip, settings, m_failedModels, this)),
      m_ganController(new GanController(m_bridge, m_gan, settings, m_failedModels, this)),
      m_guideController(
          new GuideController(m_bridge, m_vqgan, QString::fromStdString((user_data_dir() / "history").string()), m_failedModels, this)),
      m_drawController(new DrawController(m_bridge, m_draw, this)),
      m_libraryController(new LibraryController(m_bridge, m_library, settings, this)),
      m_ganExporter(new AnimationExporter(m_bridge, this)),
      m_guideExporter(new AnimationExporter(m_bridge, this)),
      m_drawExporter(new AnimationExporter(m_bridge, this)) {
  setWindowTitle(tr("CLIP Atelier"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/clip-atelier.svg")));
  m_tabs->setObjectName(QStringLiteral("panels"));
  m_tabs->addTab(m_clip, tr("CLIP"));
  m_tabs->addTab(m_gan, tr("GAN"));
  m_tabs->addTab(m_vqgan, tr("CLIP + VQGAN"));
  m_tabs->addTab(m_draw, tr("CLIPDraw"));
  m_tabs->addTab(m_library, tr("Library"));
  setCentralWidget(m_tabs);

  buildMenus();
  buildStatusBar();
  connectBridge();
  connectClip();
  connectLibrary();
  // The GAN tab's generators are also what CLIP + GAN steers.
  connect(m_ganController, &GanController::models, m_guideController, &GuideController::setGenerators);
  connect(m_ganController, &GanController::failed, this, [this](const QString& message) { showMessage(message, true); });
  // Another generator than the first choice: a new failure is worth a (non-modal) box, files
  // remembered from before the status bar (as for the CLIP).
  connect(m_ganController, &GanController::fellBack, this, [this](const QString& message, bool fresh) { showMessage(message, fresh, fresh); });
  connect(m_guideController, &GuideController::fellBack, this, [this](const QString& message) { showMessage(message, true, true); });
  connect(m_gan, &GanPanel::animationExportRequested, m_ganExporter, &AnimationExporter::start);
  connectExporter(m_ganExporter, [this](const QString& text) { m_gan->setStatus(text); });
  connect(m_vqgan, &VqganPanel::animationExportRequested, this,
          [this](const QString& path, const QList<QImage>& frames, const AnimationExport& options) {
            if (frames.isEmpty()) return m_vqgan->setStatus(tr("There are no frames yet: press Run."));
            m_guideExporter->start(path, frames, options);
          });
  connectExporter(m_guideExporter, [this](const QString& text) { m_vqgan->setStatus(text); });
  connect(m_draw, &DrawPanel::animationExportRequested, m_drawExporter, &AnimationExporter::start);
  connectExporter(m_drawExporter, [this](const QString& text) { m_draw->setStatus(text); });
  // One export folder for the three tabs, remembered.
  applyExportFolder();
  const auto rememberFolder = [this](const QString& folder) { m_settings->setValue(Settings::Key::LastExportFolder, folder); };
  connect(m_gan, &GanPanel::exportFolderChosen, this, rememberFolder);
  connect(m_vqgan, &VqganPanel::exportFolderChosen, this, rememberFolder);
  connect(m_draw, &DrawPanel::exportFolderChosen, this, rememberFolder);

  connect(m_clip, &ClipPanel::addImagesRequested, this, &MainWindow::openImages);
  connect(m_clip, &ClipPanel::getModelsRequested, this, &MainWindow::showGetModels);
  connect(m_vqgan, &VqganPanel::getModelsRequested, this, &MainWindow::showGetModels);
  connect(m_clip, &ClipPanel::imageRejected, this, [this](const QString& path, const QString& reason) {
    showMessage(tr("Could not open %1: %2").arg(QDir::toNativeSeparators(path), reason), true);
  });
  connect(m_settings, &Settings::changed, this, [this](Settings::Key key) { onSettingChanged(int(key)); });

  restoreState();
  rescanModels();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Images…"), this, &MainWindow::openImages);
  open->setShortcut(QKeySequence::Open);
  QAction* exp = file->addAction(tr("&Export View as Image…"), this, &MainWindow::exportView);
  exp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  file->addSeparator();
  QAction* prefs = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
  prefs->setShortcut(QKeySequence::Preferences);
  prefs->setMenuRole(QAction::PreferencesRole);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* models = menuBar()->addMenu(tr("&Models"));
  models->addAction(tr("&Get Models…"), this, &MainWindow::showGetModels);
  models->addAction(tr("Model &Folders…"), this, &MainWindow::showModelFolders);
  models->addAction(tr("Open &CLIP Checkpoint…"), this, &MainWindow::openClipCheckpoint);
  models->addAction(tr("&Train a Mini-CLIP…"), this, &MainWindow::showTrainWindow);
  QAction* rescan = models->addAction(tr("&Rescan Models"), this, &MainWindow::rescanModels);
  rescan->setShortcut(QKeySequence::Refresh);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (int i = 0; i < m_tabs->count(); ++i) {
    QAction* a = view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
    a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
  }
  view->addSeparator();
  QAction* notes = view->addAction(tr("Show &Explanations"));
  notes->setCheckable(true);
  notes->setChecked(m_settings->value(Settings::Key::NotesExpanded).toBool());
  notes->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  connect(notes, &QAction::toggled, this, [this](bool on) { m_settings->setValue(Settings::Key::NotesExpanded, on); });
  QMenu* theme = view->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const QString current = m_settings->value(Settings::Key::Theme).toString();
  for (const auto& [id, label] : {std::pair{QStringLiteral("system"), tr("&System")},
                                  std::pair{QStringLiteral("light"), tr("&Light")},
                                  std::pair{QStringLiteral("dark"), tr("&Dark")}}) {
    QAction* a = theme->addAction(label, this, [this, id = id] { m_settings->setValue(Settings::Key::Theme, id); });
    a->setCheckable(true);
    a->setChecked(id == current);
    themes->addAction(a);
  }
  QAction* full = view->addAction(tr("&Full Screen"));
  full->setShortcut(QKeySequence::FullScreen);
  full->setCheckable(true);
  connect(full, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About CLIP Atelier"), this, &MainWindow::showAbout)->setMenuRole(QAction::AboutRole);
  help->addAction(tr("&Licences…"), this, &MainWindow::showLicences);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::buildStatusBar() {
  m_job = new QLabel(this);
  m_device = new QLabel(this);
  m_threads = new QLabel(this);
  m_blas = new QLabel(this);
  m_models = new QLabel(this);
  statusBar()->addWidget(m_job, 1);
  for (QLabel* l : {m_device, m_threads, m_blas, m_models}) statusBar()->addPermanentWidget(l);
  updateRuntimeStatus();
}

void MainWindow::updateRuntimeStatus() {
  DeviceInfo device;
  try {
    device = select_device(parse_device_choice(m_settings->value(Settings::Key::Device).toString().toStdString()));
  } catch (...) {
    device = select_device(DeviceChoice::Cpu);
    showMessage(tr("CUDA is not available here: computing on the CPU."), true);
  }
  m_device->setText(tr("Device: %1").arg(device.name == "cpu" ? tr("CPU") : QString::fromStdString(device.name)));
  m_threads->setText(tr("Threads: %1").arg(m_bridge->threads()));
  const BlasInfo blas = detect_blas();
  m_blas->setText(tr("BLAS: %1").arg(QString::fromStdString(blas.name)));
  m_blas->setToolTip(QString::fromStdString(blas.library + "\n" + blas.detail).trimmed());
  if (blas.reference) {
    m_blas->setText(tr("⚠ BLAS: reference (slow)"));
    m_blas->setToolTip(tr("LibTorch runs on the reference BLAS, about 30 times slower than OpenBLAS. "
                          "Install the package libopenblas0-openmp."));
    m_blas->setStyleSheet(QStringLiteral("color: #c62828; font-weight: bold"));
  }
}

QString MainWindow::statusText() const {
  return QStringList{m_device->text(), m_threads->text(), m_blas->text(), m_models->text()}.join(QStringLiteral(" | "));
}

void MainWindow::rescanModels() {
  const auto models = find_models(model_search_paths());
  m_modelCount = int(models.size());
  m_models->setText(m_modelCount == 0 ? tr("Models: none found") : tr("Models: %n file(s) found", nullptr, m_modelCount));
  m_clipController->load();  // the default CLIP: the user's mini-clip, else the shipped one
  m_gan->setModelAvailable(false, tr("Looking for generators…"));
  m_ganController->refresh();
  m_vqgan->setModelAvailable(false, tr("Looking for generators…"));
  m_draw->setModelAvailable(!find_default_clip().empty(), tr("A run needs a CLIP model; none is installed."));
  updateModelsBanners();
}

void MainWindow::connectClip() {
  // The status bar names the CLIP in use; everything else of the tab is its controller's.
  // Runs use the CLIP tab's CLIP (the one that loaded, after any fallback).
  connect(m_clipController, &ClipController::loaded, m_guideController, &RunController::setDefaultClip);
  connect(m_clipController, &ClipController::loaded, m_drawController, &RunController::setDefaultClip);
  connect(m_clipController, &ClipController::loaded, this, [this](const QString& path, const QString& description) {
    m_clipName = QFileInfo(path).fileName();
    m_models->setText(tr("CLIP: %1").arg(m_clipName) + QStringLiteral(" · ") +
                      (m_modelCount == 0 ? tr("Models: none found") : tr("Models: %n file(s) found", nullptr, m_modelCount)));
    m_models->setToolTip(QDir::toNativeSeparators(path) + QLatin1Char('\n') + description);
    updateModelsBanners();
  });
  connect(m_clipController, &ClipController::fellBack, this, [this](const QString& message, bool fresh) {
    // A new failure is worth a (non-modal) box; files remembered from before, the status bar.
    showMessage(message, fresh, fresh);
  });
  connect(m_clipController, &ClipController::loadFailed, this, [this](const QString& message, bool kept) {
    // The panel says why it has no model; a failed switch keeps the model and says so here.
    if (kept) showMessage(tr("%1 The CLIP in use stays: %2.").arg(message, m_clipName), true, true);
    else showMessage(message, false);
  });
}

void MainWindow::connectLibrary() {
  // The Library searches with the CLIP tab's CLIP (one database per model).
  connect(m_clipController, &ClipController::loaded, m_libraryController, [this](const QString& path) {
    m_libraryController->setClip(path, m_clipController->modelName(), m_clipController->isMiniClip());
  });
  connect(m_library, &LibraryPanel::sendToClipRow, this, [this](const QString& path) {
    if (m_clip->addImages({path}) > 0) m_tabs->setCurrentWidget(m_clip);
  });
  connect(m_library, &LibraryPanel::useAsImagePrompt, this, [this](const QString& path) {
    m_vqgan->addImagePrompt(path);
    m_tabs->setCurrentWidget(m_vqgan);
  });
  connect(m_library, &LibraryPanel::useAsInitImage, this, [this](const QString& path) {
    m_vqgan->setInitImage(path);
    m_tabs->setCurrentWidget(m_vqgan);
  });
}

void MainWindow::connectExporter(AnimationExporter* exporter, const std::function<void(const QString&)>& status) {
  connect(exporter, &AnimationExporter::progress, this, [status](const QString& path, int done, int total) {
    status(tr("Exporting %1: frame %2 of %3…").arg(QFileInfo(path).fileName()).arg(done).arg(total));
  });
  connect(exporter, &AnimationExporter::exported, this, [status](const QString& path) {
    status(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  });
  connect(exporter, &AnimationExporter::failed, this, [this, status](const QString&, const QString& message) {
    status(message);
    showMessage(message, true);
  });
}

void MainWindow::openClipCheckpoint() {
  const QString file = QFileDialog::getOpenFileName(
      this, tr("Open CLIP Checkpoint"), QString::fromStdString((user_data_dir() / "models").string()),
      tr("CLIP checkpoints (*.pt *.pth *.bin *.safetensors);;All files (*)"));
  if (file.isEmpty()) return;
  m_clipController->load(file);
}

void MainWindow::showTrainWindow() {
  if (!m_trainWindow) {
    m_trainWindow = new TrainWindow(m_bridge->threads(), this);
    connect(m_trainWindow, &TrainWindow::useModel, this, [this](const QString& path) {
      m_clipController->load(path);
    });
  }
  m_trainWindow->show();
  m_trainWindow->raise();
  m_trainWindow->activateWindow();
}

void MainWindow::connectBridge() {
  // The status line and the messages of every run; each tab's view is its controller's.
  connect(m_bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    m_job->setText(p.steps > 0 ? tr("Step %1 of %2").arg(p.step).arg(p.steps) : tr("Step %1").arg(p.step));
  });
  connect(m_bridge, &EngineBridge::finished, this, [this](qint64, const QString& name, double s) {
    showMessage(tr("%1 finished in %2 s.").arg(name).arg(s, 0, 'f', 1), false);
  });
  connect(m_bridge, &EngineBridge::cancelled, this, [this](qint64, const QString& name) {
    showMessage(tr("%1 stopped.").arg(name), false);
  });
  connect(m_bridge, &EngineBridge::failed, this, [this](qint64, const QString& name, const EngineError& error) {
    showMessage(errorMessage(error, name), true, error.kind == ErrorKind::NotFound);
  });
}

void MainWindow::showMessage(const QString& text, bool error, bool offerModelFolders) {
  m_lastMessage = text;
  statusBar()->showMessage(text, error ? 0 : 8000);
  if (error) {
    // Non-blocking: the event loop (and any running job's frames) go on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("CLIP Atelier"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    if (offerModelFolders) {
      QPushButton* folders = box->addButton(tr("Model Folders…"), QMessageBox::ActionRole);
      connect(folders, &QPushButton::clicked, this, &MainWindow::showModelFolders);
    }
    box->show();
  }
}

void MainWindow::openImages() {
  m_tabs->setCurrentWidget(m_clip);
  const QString folder = m_settings->value(Settings::Key::LastImageFolder).toString();
  const QStringList files = QFileDialog::getOpenFileNames(
      this, tr("Open Images"), folder, tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif *.tif *.tiff);;All files (*)"));
  if (files.isEmpty()) return;
  m_settings->setValue(Settings::Key::LastImageFolder, QFileInfo(files.first()).absolutePath());
  m_clip->addImages(files);
}

void MainWindow::exportView() {
  const QString folder = m_settings->value(Settings::Key::LastExportFolder).toString();
  const QString name = QDir(folder).filePath(m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&')) + QStringLiteral(".png"));
  const QString path = QFileDialog::getSaveFileName(this, tr("Export View as Image"), name, tr("PNG image (*.png)"));
  if (path.isEmpty()) return;
  m_settings->setValue(Settings::Key::LastExportFolder, QFileInfo(path).absolutePath());
  // QSaveFile: the file appears whole or not at all, never half-written.
  QSaveFile out(path);
  QImage image = m_tabs->currentWidget()->grab().toImage();
  if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit()) {
    showMessage(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()), true);
    return;
  }
  showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), false);
}

void MainWindow::applyExportFolder() {
  const QString folder = m_settings->value(Settings::Key::LastExportFolder).toString();
  m_gan->setExportFolder(folder);
  m_vqgan->setExportFolder(folder);
  m_draw->setExportFolder(folder);
}

void MainWindow::onSettingChanged(int key) {
  switch (Settings::Key(key)) {
    case Settings::Key::Threads:
      m_bridge->setThreads(m_settings->value(Settings::Key::Threads).toInt());
      updateRuntimeStatus();
      break;
    case Settings::Key::Device: updateRuntimeStatus(); break;
    case Settings::Key::Theme: applyTheme(m_settings->value(Settings::Key::Theme).toString()); break;
    case Settings::Key::NotesExpanded: {
      const bool on = m_settings->value(Settings::Key::NotesExpanded).toBool();
      for (NoteBox* n : {m_clip->note(), m_gan->note(), m_vqgan->note(), m_draw->note()}) n->setExpanded(on);
      break;
    }
    case Settings::Key::Language:
      showMessage(tr("The new language takes effect when CLIP Atelier is started again."), false);
      break;
    case Settings::Key::LastExportFolder: applyExportFolder(); break;
    default: break;
  }
}

void MainWindow::restoreState() {
  if (!restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray())) {
    // A first start: most of the screen, and at least the CLIP tab's five example cards side by
    // side (with the tabs' and pages' margins); the frame is a typical title bar and borders,
    // unknown until the window is shown.
    const QSize needed = sizeHint().expandedTo(QSize(5 * ImageCard::kWidth + 120, 0));
    setGeometry(firstWindowGeometry(screen()->availableGeometry(), needed, QMargins(4, 30, 4, 4)));
  }
  QMainWindow::restoreState(m_settings->value(Settings::Key::WindowState).toByteArray());
  m_tabs->setCurrentIndex(qBound(0, m_settings->value(Settings::Key::CurrentTab).toInt(), m_tabs->count() - 1));
  const bool notes = m_settings->value(Settings::Key::NotesExpanded).toBool();
  for (NoteBox* n : {m_clip->note(), m_gan->note(), m_vqgan->note(), m_draw->note()}) n->setExpanded(notes);
  m_clip->setPrompt(m_settings->value(Settings::Key::ClipPrompt).toString());
  m_clip->setTablePrompts(m_settings->value(Settings::Key::ClipTablePrompts).toString());
  m_clip->modes()->setCurrentIndex(m_settings->value(Settings::Key::ClipMode).toInt());
  QStringList images = m_settings->value(Settings::Key::ClipImages).toStringList();
  m_clip->addImages(images.isEmpty() ? defaultPhotos() : images);
  m_gan->setSeed(m_settings->value(Settings::Key::GanSeed).toInt());
  m_gan->setTruncation(m_settings->value(Settings::Key::GanTruncation).toDouble());
  m_vqgan->setPrompts(m_settings->value(Settings::Key::VqganPrompts).toString());
  {
    VqganPanel::Settings guide = m_vqgan->settings();
    guide.setMode(m_settings->value(Settings::Key::GuideMode).toString());
    using K = Settings::Key;
    guide.drawing.gridWidth = m_settings->value(K::GuideGridWidth).toInt();
    guide.drawing.gridHeight = m_settings->value(K::GuideGridHeight).toInt();
    guide.drawing.pixelPalette = m_settings->value(K::GuidePixelPalette).toString();
    guide.drawing.fftDecay = m_settings->value(K::GuideFftDecay).toDouble();
    guide.motion.zoom = m_settings->value(K::GuideZoom).toDouble();
    guide.motion.rotate = m_settings->value(K::GuideRotate).toDouble();
    guide.motion.shiftX = m_settings->value(K::GuideShiftX).toDouble();
    guide.motion.shiftY = m_settings->value(K::GuideShiftY).toDouble();
    guide.motion.frameEvery = m_settings->value(K::GuideFrameEvery).toInt();
    guide.motion.smoothing = m_settings->value(K::GuideSmoothing).toDouble();
    m_vqgan->setSettings(guide);  // values out of the fields' ranges are brought into them
  }
  const QString vqgan = m_settings->value(Settings::Key::VqganModel).toString();
  if (!vqgan.isEmpty()) m_guideController->setPreferredVqgan(vqgan);
  m_draw->setPrompts(m_settings->value(Settings::Key::DrawPrompts).toString());
}

QStringList MainWindow::defaultPhotos() {
  const QDir photos(QString::fromStdString((data_dir() / "photos").string()));
  QStringList files;
  for (const char* f : {"cat.png", "coffee.png", "rocket.jpg", "astronaut.png"}) files << photos.filePath(QLatin1String(f));
  return files;
}

void MainWindow::saveState() {
  m_settings->setValue(Settings::Key::WindowGeometry, saveGeometry());
  m_settings->setValue(Settings::Key::WindowState, QMainWindow::saveState());
  m_settings->setValue(Settings::Key::CurrentTab, m_tabs->currentIndex());
  m_settings->setValue(Settings::Key::ClipPrompt, m_clip->prompt());
  m_settings->setValue(Settings::Key::ClipTablePrompts, m_clip->tablePrompts());
  m_settings->setValue(Settings::Key::ClipMode, m_clip->modes()->currentIndex());
  // The defaults are not a choice: keep the setting empty so the next start picks defaults again.
  const QStringList images = m_clip->imagePaths();
  m_settings->setValue(Settings::Key::ClipImages, images == defaultPhotos() ? QStringList() : images);
  m_settings->setValue(Settings::Key::GanSeed, m_gan->seed());
  m_settings->setValue(Settings::Key::GanTruncation, m_gan->truncation());
  m_settings->setValue(Settings::Key::VqganPrompts, m_vqgan->prompts());
  {
    const VqganPanel::Settings guide = m_vqgan->settings();
    using K = Settings::Key;
    m_settings->setValue(K::GuideMode, guide.modeName());
    m_settings->setValue(K::GuideGridWidth, guide.drawing.gridWidth);
    m_settings->setValue(K::GuideGridHeight, guide.drawing.gridHeight);
    m_settings->setValue(K::GuidePixelPalette, guide.drawing.pixelPalette);
    m_settings->setValue(K::GuideFftDecay, guide.drawing.fftDecay);
    m_settings->setValue(K::GuideZoom, guide.motion.zoom);
    m_settings->setValue(K::GuideRotate, guide.motion.rotate);
    m_settings->setValue(K::GuideShiftX, guide.motion.shiftX);
    m_settings->setValue(K::GuideShiftY, guide.motion.shiftY);
    m_settings->setValue(K::GuideFrameEvery, guide.motion.frameEvery);
    m_settings->setValue(K::GuideSmoothing, guide.motion.smoothing);
  }
  m_settings->setValue(Settings::Key::DrawPrompts, m_draw->prompts());
  m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveState();
  m_bridge->cancelAll();
  event->accept();
}

}  // namespace atelier
