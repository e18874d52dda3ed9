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
#include <QSaveFile>
#include <QStatusBar>
#include <QTabWidget>

#include "appearance.h"
#include "clip_panel.h"
#include "clip_scorer.h"
#include "engine_bridge.h"
#include "draw_controller.h"
#include "gan_controller.h"
#include "guide_controller.h"
#include "gan_panel.h"
#include "guided_panel.h"
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
      m_scorer(new ClipScorer(m_bridge, this)),
      m_ganController(new GanController(m_bridge, this)),
      m_drawController(new DrawController(m_bridge, this)),
      m_ganExporter(new AnimationExporter(m_bridge, this)),
      m_guideExporter(new AnimationExporter(m_bridge, this)),
      m_drawExporter(new AnimationExporter(m_bridge, this)),
      m_guideController(new GuideController(this)) {
  setWindowTitle(tr("CLIP Atelier"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/clip-atelier.svg")));
  m_tabs->setObjectName(QStringLiteral("panels"));
  m_tabs->addTab(m_clip, tr("CLIP"));
  m_tabs->addTab(m_gan, tr("GAN"));
  m_tabs->addTab(m_vqgan, tr("CLIP + VQGAN"));
  m_tabs->addTab(m_draw, tr("CLIPDraw"));
  setCentralWidget(m_tabs);

  buildMenus();
  buildStatusBar();
  connectBridge();
  connectRunView(m_vqgan->runView());
  connectRunView(m_draw->runView());
  connectScorer();
  connectGan();
  connectDraw();
  connectGuide();

  connect(m_clip, &ClipPanel::addImagesRequested, this, &MainWindow::openImages);
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
  m_clip->setModelAvailable(false, tr("Loading CLIP…"));
  m_scorer->load();  // the default CLIP: the user's mini-clip, else the shipped one
  m_gan->setModelAvailable(false, tr("Looking for generators…"));
  m_ganController->refresh();
  m_vqgan->setModelAvailable(false, tr("Looking for generators…"));
  m_draw->setModelAvailable(!find_default_clip().empty(), tr("A run needs a CLIP model; none is installed."));
}

void MainWindow::connectScorer() {
  connect(m_clip, &ClipPanel::scoreRequested, this, [this](const QString& prompt) {
    if (m_scorer->ready()) m_latestScore = m_scorer->score(prompt, m_clip->images());
  });
  connect(m_scorer, &ClipScorer::scored, this, [this](const ClipScores& s) {
    if (s.generation != m_latestScore) return;  // a newer request is under way: this answer is stale
    if (!s.error.isEmpty()) {
      m_clip->showScoreError(s.error);
      return;
    }
    m_clip->showScores(s.cosine, s.softmax, s.text, s.images);
  });
  connect(m_scorer, &ClipScorer::loaded, this, [this](const QString& path, const QString& description) {
    m_clipName = QFileInfo(path).fileName();
    m_models->setText(tr("CLIP: %1").arg(m_clipName) + QStringLiteral(" · ") +
                      (m_modelCount == 0 ? tr("Models: none found") : tr("Models: %n file(s) found", nullptr, m_modelCount)));
    m_models->setToolTip(QDir::toNativeSeparators(path) + QLatin1Char('\n') + description);
    m_clip->setModelAvailable(true, {});
    // The mini-CLIP knows emoji and shapes, not photographs: show it renders of what it knows,
    // unless the user chose images.
    if (m_scorer->isMiniClip() && m_settings->value(Settings::Key::ClipImages).toStringList().isEmpty())
      m_scorer->renderDefaults();
    else
      m_latestScore = m_scorer->score(m_clip->prompt(), m_clip->images());
  });
  connect(m_scorer, &ClipScorer::loadFailed, this, [this](const QString& message) {
    m_clip->setModelAvailable(false, tr("No CLIP model is loaded: %1").arg(message));
  });
  connect(m_scorer, &ClipScorer::defaultImages, this, [this](const QList<QImage>& images, const QStringList& names) {
    m_clip->setRenderedImages(images, names);
  });
  connect(m_clip, &ClipPanel::tableRequested, this, [this](const QStringList& prompts) { m_scorer->table(prompts, m_clip->images()); });
  connect(m_scorer, &ClipScorer::tableReady, this, [this](const ClipTable& t) {
    if (!t.error.isEmpty()) m_clip->showTableError(t.error);
    else m_clip->showTable(t.prompts, t.cosine, t.softmaxOverImages, t.softmaxOverPrompts);
  });
  connect(m_clip, &ClipPanel::classifyRequested, this, [this](int image, const QStringList& labels, const QStringList& templates) {
    const QList<QImage> images = m_clip->images();
    if (image >= 0 && image < images.size()) m_scorer->classify(images[image], labels, templates);
  });
  connect(m_scorer, &ClipScorer::classified, this, [this](const ZeroShot& z) {
    if (!z.error.isEmpty()) showMessage(z.error, true);
    else m_clip->showZeroShot(z.labels, z.probability);
  });
  connect(m_clip, &ClipPanel::vocabularyRequested, m_scorer, &ClipScorer::miniVocabulary);
  connect(m_scorer, &ClipScorer::vocabularyReady, m_clip, &ClipPanel::setZeroShotLabels);
}

void MainWindow::connectGan() {
  connect(m_ganController, &GanController::models, this, [this](const QStringList& names, const QStringList& paths) {
    if (names.isEmpty()) {
      m_gan->setModelAvailable(false, tr("No generator is installed. Models ▸ Model Folders shows where they go; "
                                         "clip-atelier-cli train gan makes one."));
      return;
    }
    m_gan->setModels(names, paths, m_settings->value(Settings::Key::GanModel).toString());
    m_ganController->load(m_gan->currentModelPath());
  });
  connect(m_gan, &GanPanel::modelChosen, this, [this](const QString& path) {
    m_gan->setModelAvailable(false, tr("Loading %1…").arg(QFileInfo(path).dir().dirName()));
    m_ganController->load(path);
  });
  connect(m_ganController, &GanController::loaded, this, [this](const QString& name, const QString& description, int, int) {
    m_gan->setModelAvailable(true, {});
    m_gan->setStatus(tr("%1: %2").arg(name, description));
    m_settings->setValue(Settings::Key::GanModel, name);
    m_gan->requestSample();
    m_gan->requestGrid();
  });
  connect(m_ganController, &GanController::loadFailed, this, [this](const QString& message) {
    m_gan->setModelAvailable(false, tr("The generator could not be loaded: %1").arg(message));
  });
  connect(m_gan, &GanPanel::sampleRequested, m_ganController, &GanController::sample);
  connect(m_gan, &GanPanel::gridRequested, m_ganController, &GanController::grid);
  connect(m_gan, &GanPanel::interpolationRequested, m_ganController, &GanController::interpolate);
  connect(m_gan, &GanPanel::animationExportRequested, m_ganExporter, &AnimationExporter::start);
  connect(m_ganController, &GanController::sampled, m_gan, &GanPanel::showSample);
  connect(m_ganController, &GanController::gridReady, m_gan, &GanPanel::showGrid);
  connect(m_ganController, &GanController::interpolationReady, m_gan, &GanPanel::showInterpolation);
  connectExporter(m_ganExporter, [this](const QString& text) { m_gan->setStatus(text); });
  connect(m_ganController, &GanController::failed, this, [this](const QString& message) { showMessage(message, true); });
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

void MainWindow::connectDraw() {
  connect(m_draw->runView(), &RunView::runRequested, this, [this] {
    m_drawFrames.clear();
    m_draw->setStatus({});
    m_drawJob = runJob(m_draw->runView(), tr("CLIPDraw"), m_drawController->job(m_draw->settings()));
  });
  connect(m_bridge, &EngineBridge::frameReady, this, [this](qint64 job, const QImage& image, qint64) {
    if (job == m_drawJob && m_drawFrames.size() < 4000) m_drawFrames << image;
  });
  connect(m_draw, &DrawPanel::promptsEdited, this, [this](const QString& prompts) {
    if (m_drawJob != 0 && m_jobViews.contains(m_drawJob) && !prompts.trimmed().isEmpty()) m_bridge->setParam(QStringLiteral("prompts"), prompts.toStdString());
  });
  connect(m_drawController, &DrawController::resultReady, this, [this](const QString& svg, const QImage& image, int steps) {
    m_draw->setResult(svg, image, m_drawFrames);
    m_draw->setStatus(tr("%n step(s) done: replay or export the drawing.", nullptr, steps));
  });
  connect(m_draw, &DrawPanel::replayRequested, m_drawController, [this] { m_drawController->replay(); });
  connect(m_drawController, &DrawController::replayReady, m_draw, &DrawPanel::playReplay);
  connect(m_draw, &DrawPanel::animationExportRequested, this,
          [this](const QString& path, const QList<QImage>& frames) { m_drawExporter->start(path, frames); });
  connectExporter(m_drawExporter, [this](const QString& text) { m_draw->setStatus(text); });
}

void MainWindow::connectGuide() {
  // Runnable when a CLIP and the chosen kind of generator are installed.
  auto availability = [this] {
    const bool clip = !find_default_clip().empty(), gan = m_vqgan->settings().gan;
    const auto vq = vqgan::find_vqgan().first;
    m_vqgan->setVqgan(vq.empty() ? QString() : QString::fromStdString((vq.parent_path().filename() / vq.filename()).string()));
    const bool generator = gan ? m_guideHasGan : !vq.empty();
    m_vqgan->setModelAvailable(clip && generator, !clip ? tr("A run needs a CLIP model; none is installed.")
                                                  : gan  ? tr("A run needs a GAN; none is installed.")
                                                         : tr("A run needs a VQGAN; none is installed (Models ▸ Model Folders shows where "
                                                              "taming checkpoints go)."));
  };
  connect(m_ganController, &GanController::models, this, [this, availability](const QStringList& names, const QStringList& paths) {
    m_vqgan->setGenerators(names, paths);
    m_guideHasGan = !names.isEmpty();
    availability();
  });
  connect(m_vqgan, &VqganPanel::modeChanged, this, availability);
  // History: every run gets a folder with its settings in latest.png, rewritten (atomically) as
  // frames arrive, so a crash or kill loses at most the frames since the last one.
  m_vqgan->setHistoryFolder(QString::fromStdString((user_data_dir() / "history").string()));
  connect(m_bridge, &EngineBridge::frameReady, this, [this](qint64 job, const QImage& image, qint64) {
    if (job != m_guideJob) return;
    QList<QImage> frames = m_vqgan->frames();
    if (frames.size() < 4000) m_vqgan->setFrames(frames << image);
    if (!m_guideRunDir.isEmpty()) {
      QString error;
      if (!VqganPanel::writeImage(VqganPanel::withSettings(image, m_guideSettings), m_guideRunDir + QStringLiteral("/latest.png"), &error))
        m_vqgan->setStatus(error);
    }
  });
  connect(m_vqgan, &VqganPanel::animationExportRequested, this, [this](const QString& path, const QList<QImage>& frames) {
    if (frames.isEmpty()) return m_vqgan->setStatus(tr("There are no frames yet: press Run."));
    m_guideExporter->start(path, frames);
  });
  connectExporter(m_guideExporter, [this](const QString& text) { m_vqgan->setStatus(text); });
  connect(m_vqgan->runView(), &RunView::runRequested, this, [this] { startGuideRun(m_vqgan->settings(), {}); });
  // Restart from a thumbnail: its latent, kept while its thumbnail is shown (and the latest one).
  m_vqgan->runView()->setRestartable(true);
  connect(m_bridge, &EngineBridge::frameState, this, [this](qint64 job, qint64 step, const QVector<float>& state) {
    if (job != m_guideJob) return;
    const QList<qint64> shown = m_vqgan->runView()->thumbnailSteps();
    for (auto it = m_guideLatents.begin(); it != m_guideLatents.end();)
      it = shown.contains(it.key()) ? std::next(it) : m_guideLatents.erase(it);
    m_guideLatents.insert(step, state);
  });
  connect(m_vqgan->runView(), &RunView::restartRequested, this, [this](qint64 step) {
    if (!m_guideLatents.contains(step)) return m_vqgan->setStatus(tr("The latent of step %1 is no longer kept.").arg(step));
    // The current prompts and settings, on the generator and size the latent belongs to.
    VqganPanel::Settings s = m_vqgan->settings();
    s.gan = m_guideSettings.gan;
    s.generatorPath = m_guideSettings.generatorPath;
    s.size = m_guideSettings.size;
    startGuideRun(s, m_guideLatents.value(step));
    m_vqgan->setStatus(tr("Restarted from step %1.").arg(step));
  });
  connect(m_vqgan, &VqganPanel::promptsEdited, this, [this](const QString& prompts) {
    if (m_guideJob != 0 && m_jobViews.contains(m_guideJob) && !prompts.trimmed().isEmpty())
      m_bridge->setParam(QStringLiteral("prompts"), prompts.toStdString());
  });
  connect(m_vqgan, &VqganPanel::learningRateEdited, this, [this](double lr) {
    if (m_guideJob != 0 && m_jobViews.contains(m_guideJob)) m_bridge->setParam(QStringLiteral("lr"), lr);
  });
}

void MainWindow::startGuideRun(const VqganPanel::Settings& s, const QVector<float>& startLatent) {
  m_vqgan->setFrames({});
  m_guideLatents.clear();
  m_guideSettings = s;
  m_guideRunDir = QString::fromStdString((user_data_dir() / "history").string()) + QLatin1Char('/') +
                  QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz"));
  if (!QDir().mkpath(m_guideRunDir)) m_guideRunDir.clear();
  m_guideJob = runJob(m_vqgan->runView(), s.gan ? tr("CLIP + GAN") : tr("CLIP + VQGAN"), m_guideController->job(s, {}, startLatent));
}

void MainWindow::openClipCheckpoint() {
  const QString file = QFileDialog::getOpenFileName(
      this, tr("Open CLIP Checkpoint"), QString::fromStdString((user_data_dir() / "models").string()),
      tr("CLIP checkpoints (*.pt *.pth *.bin *.safetensors);;All files (*)"));
  if (file.isEmpty()) return;
  m_clip->setModelAvailable(false, tr("Loading %1…").arg(QFileInfo(file).fileName()));
  m_scorer->load(file);
}

void MainWindow::showTrainWindow() {
  if (!m_trainWindow) {
    m_trainWindow = new TrainWindow(m_bridge->threads(), this);
    connect(m_trainWindow, &TrainWindow::useModel, this, [this](const QString& path) {
      m_clip->setModelAvailable(false, tr("Loading %1…").arg(path));
      m_scorer->load(path);
    });
  }
  m_trainWindow->show();
  m_trainWindow->raise();
  m_trainWindow->activateWindow();
}

void MainWindow::connectBridge() {
  connect(m_bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    if (RunView* view = m_jobViews.value(p.job)) view->showProgress(p.step, p.steps, p.seconds, p.values);
    m_job->setText(p.steps > 0 ? tr("Step %1 of %2").arg(p.step).arg(p.steps) : tr("Step %1").arg(p.step));
  });
  connect(m_bridge, &EngineBridge::frameReady, this, [this](qint64 job, const QImage& image, qint64 step) {
    if (RunView* view = m_jobViews.value(job)) view->showFrame(image, step);
  });
  auto ended = [this](qint64 job) {
    if (RunView* view = m_jobViews.take(job)) view->setState(RunView::State::Idle);
  };
  connect(m_bridge, &EngineBridge::finished, this, [this, ended](qint64 job, const QString& name, double s) {
    ended(job);
    showMessage(tr("%1 finished in %2 s.").arg(name).arg(s, 0, 'f', 1), false);
  });
  connect(m_bridge, &EngineBridge::cancelled, this, [this, ended](qint64 job, const QString& name) {
    ended(job);
    showMessage(tr("%1 stopped.").arg(name), false);
  });
  connect(m_bridge, &EngineBridge::failed, this, [this, ended](qint64 job, const QString& name, const QString& msg) {
    ended(job);
    showMessage(tr("%1 failed: %2").arg(name, msg), true);
  });
}

void MainWindow::connectRunView(RunView* view) {
  connect(view, &RunView::pauseRequested, this, [this, view] {
    m_bridge->pause();
    view->setState(RunView::State::Paused);
  });
  connect(view, &RunView::resumeRequested, this, [this, view] {
    m_bridge->resume();
    view->setState(RunView::State::Running);
  });
  connect(view, &RunView::stopRequested, m_bridge, &EngineBridge::cancel);
}

qint64 MainWindow::runJob(RunView* view, const QString& name, JobFn fn) {
  view->clear();
  view->setState(RunView::State::Running);
  qint64 id = m_bridge->submit(name, std::move(fn));
  m_jobViews.insert(id, view);
  return id;
}

void MainWindow::showMessage(const QString& text, bool error) {
  m_lastMessage = text;
  statusBar()->showMessage(text, error ? 0 : 8000);
  if (error) {
    // Non-blocking: the event loop (and any running job's frames) go on behind it.
    auto* box = new QMessageBox(QMessageBox::Warning, tr("CLIP Atelier"), text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
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
    default: break;
  }
}

void MainWindow::restoreState() {
  restoreGeometry(m_settings->value(Settings::Key::WindowGeometry).toByteArray());
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
    guide.gan = m_settings->value(Settings::Key::GuideMode).toString() == QLatin1String("gan");
    m_vqgan->setSettings(guide);
  }
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
  m_settings->setValue(Settings::Key::GuideMode, m_vqgan->settings().gan ? QStringLiteral("gan") : QStringLiteral("vqgan"));
  m_settings->setValue(Settings::Key::DrawPrompts, m_draw->prompts());
  m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveState();
  m_bridge->cancel();
  event->accept();
}

}  // namespace atelier
