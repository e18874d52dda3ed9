#include "guide_controller.h"
#include "run_queue.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

#include "clip/clip.h"
#include "constraints_box.h"
#include "engine_bridge.h"
#include "gan/biggan.h"
#include "gan/gan.h"
#include "guide/constraints.h"
#include "guide/drawers.h"
#include "guide/guide.h"
#include "guide/prompts.h"
#include "guide/schedule.h"
#include "history_dialog.h"
#include "image_guard.h"
#include "run_view.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "schedule_editor.h"
#include "vqgan/vqgan.h"

namespace atelier {

// The VQGANs a run tries, in order (those that failed before left out), and what it found: the
// job fills it on the worker, the controller reads it on the GUI thread.
struct VqganTrial {
  std::vector<std::pair<std::filesystem::path, std::filesystem::path>> candidates;
  std::string skipped;  // "; "-joined: the files not tried, and why they failed before
  std::mutex mutex;
  QList<QPair<QString, QString>> failures;  // path, message
  QString loaded;
};

namespace {
constexpr qint64 kHistoryEveryMs = 1000;  // latest.png at most once a second (and at the end)

std::shared_ptr<vqgan::Vqgan> firstWorkingVqgan(ModelCache& cache, VqganTrial& trial) {
  std::string why;
  for (const auto& [checkpoint, yaml] : trial.candidates) {
    try {
      auto vq = vqgan::shared_vqgan(cache, checkpoint, yaml);
      const std::lock_guard lock(trial.mutex);
      trial.loaded = QString::fromStdString(checkpoint.string());
      return vq;
    } catch (...) {
      if (current_exception_kind() == ErrorKind::Cancelled) throw;
      const std::string message = describe_current_exception();
      why += (why.empty() ? "" : "; ") + checkpoint.string() + ": " + message;
      const std::lock_guard lock(trial.mutex);
      trial.failures.append({QString::fromStdString(checkpoint.string()), QString::fromStdString(message)});
    }
  }
  if (!why.empty()) throw Error(ErrorKind::BadFile, "no VQGAN could be loaded: " + why);
  if (!trial.skipped.empty()) throw Error(ErrorKind::BadFile, "no VQGAN could be loaded: " + trial.skipped);
  return vqgan::shared_vqgan(cache);  // NotFound: says where one goes
}

// The prompts' texts as the engine names them in a step's progress (none when they don't parse).
QStringList promptNames(const QString& prompts) {
  QStringList names;
  try {
    for (const auto& p : guide::parse_prompts(prompts.toStdString())) names << QString::fromStdString(p.text);
  } catch (...) {
    names.clear();  // the run fails on them and says why
  }
  return names;
}

// The names a step's progress gives the targets: the prompts' texts, then "image: <file>" for each
// image prompt (as the engine's encode_targets names them); none when the prompts don't parse.
QStringList targetNames(const QString& prompts, const QStringList& imagePrompts) {
  QStringList names = promptNames(prompts);
  if (!names.isEmpty())
    for (const QString& file : imagePrompts) names << QStringLiteral("image: ") + file;
  return names;
}

// What the engine says is wrong (empty: nothing): its checks' messages, for the fields' hints.
template <typename Check>
QString engineProblem(const Check& check) {
  try {
    check();
    return {};
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
}

// Why an image file of the run can't be read, naming it (empty: it can be). Checked as the job
// starts, before the models load: a file that is gone fails as a wrong input, not as a missing
// model (whose message points to the model folders). A file that is there but won't decode fails
// in the engine, which names it too.
QString imageProblem(const QStringList& imagePrompts, const QString& initImage) {
  // Whole sentences for the translators: the prompt's and the init image's.
  auto problem = [](const QString& file, bool init) -> QString {
    const QString shown = QDir::toNativeSeparators(file);
    if (!QFileInfo(file).isFile())
      return init ? GuideController::tr("the init image %1 is not there (moved or deleted?)").arg(shown)
                  : GuideController::tr("the image prompt %1 is not there (moved or deleted?)").arg(shown);
    if (const QString why = image_guard::problem(file); !why.isEmpty())
      return init ? GuideController::tr("the init image %1 can't be used: %2").arg(shown, why)
                  : GuideController::tr("the image prompt %1 can't be used: %2").arg(shown, why);
    return {};
  };
  for (const QString& file : imagePrompts)
    if (QString why = problem(file, false); !why.isEmpty()) return why;
  return initImage.isEmpty() ? QString() : problem(initImage, true);
}

// s: the run's settings (launch clears the init image of a run that is not VQGAN's, and a GAN
// run's motion); initImage, when given, replaces s.initImage (a continued run's last frame);
// startSize, when valid, is the size startLatent was made at (a higher-resolution pass).
JobFn guideJob(const VqganPanel::Settings& s, const QString& clipPath, const QVector<float>& startLatent, const QString& initImage,
               std::shared_ptr<VqganTrial> trial, const QSize& startSize) {
  guide::GuideOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? guide::GuideOptions{}.prompts : s.prompts.toStdString();
  for (const QString& file : s.imagePrompts) o.image_prompts.push_back(file.toStdString());  // both generators
  o.steps = s.steps;
  o.cutn = s.cutn;
  o.cut_pow = s.cutPow;
  o.lr = s.lr;
  o.optimiser = s.optimiser.toStdString();
  o.seed = uint64_t(s.seed);
  o.width = o.height = s.size;
  o.start_latent.assign(startLatent.begin(), startLatent.end());
  // VQGAN: the latent starts as this image's (weight 0: free to move; above: pulled back towards it).
  // A GAN's z can't start from an image: neither goes to a GAN run.
  const QString init = !s.usesVqgan() ? QString() : initImage.isEmpty() ? s.initImage : initImage;
  o.init_image = init.toStdString();
  o.init_weight = s.usesVqgan() ? s.initWeight : 0.0;
  // A name from an old or edited run.json that is no start: random codes, the default.
  try {
    o.start = guide::vqgan_start_named(s.initNoise.toStdString());
  } catch (const Error&) {
    o.start = guide::VqganStart::Codes;
  }
  if (startSize.isValid()) {
    o.start_width = startSize.width();
    o.start_height = startSize.height();
  }
  o.biggan_class = s.bigganClass;  // BigGAN-deep's start (-1: big-sleep's, the prompts choose)
  // A schedule takes the prompts' place (the engine refuses both): its keyframes hold the prompts.
  if (!s.schedule.trimmed().isEmpty()) {
    o.prompts.clear();
    o.schedule = s.schedule.toStdString();
  }
  const ConstraintSettings& c = s.constraints;
  o.symmetry = c.symmetry;
  o.symmetry_vertical = c.symmetryVertical;
  o.smooth = c.smooth;
  o.saturation = c.saturation;
  o.palette = c.palette.trimmed().toStdString();
  o.palette_weight = c.paletteWeight;
  o.border = c.border.trimmed().toStdString();
  o.border_weight = c.borderWeight;
  o.tile = c.tile;
  o.tile_weight = c.tileWeight;
  // The drawers' settings (read by the drawer only) and, for a generator that takes an image
  // back, the motion and its frames; a GAN run keeps the engine's defaults.
  o.grid_width = s.drawing.gridWidth;
  o.grid_height = s.drawing.gridHeight;
  o.pixel_palette = s.drawing.pixelPalette.trimmed().toStdString();
  o.fft_decay = s.drawing.fftDecay;
  if (!s.gan) {
    const MotionSettings& m = s.motion;
    o.zoom = m.zoom;
    o.rotate = m.rotate;
    o.shift_x = m.shiftX;
    o.shift_y = m.shiftY;
    o.frame_every = m.frameEvery;
    o.smoothing = m.smoothing;
  }
  const std::string requested = clipPath.toStdString(), generator = s.generatorPath.toStdString();
  const bool gan = s.gan, drawn = s.usesDrawer();
  const guide::Drawer drawer = s.drawer == DrawerKind::Fft ? guide::Drawer::Fft : guide::Drawer::Pixel;
  const QStringList imagePrompts = s.imagePrompts;
  return [o, requested, generator, gan, drawn, drawer, trial, imagePrompts, init](JobContext& ctx) {
    // The image files first: a moved one fails at once, named, before seconds of model loading.
    if (const QString why = imageProblem(imagePrompts, init); !why.isEmpty()) throw Error(ErrorKind::InvalidArgument, why.toStdString());
    // So are a palette, a border colour, a schedule, motion or a drawer's settings that don't
    // parse (the run's own checks, earlier).
    guide::check_constraints(o);
    if (!o.schedule.empty()) guide::parse_schedule(o.schedule);
    guide::check_motion(o);
    // The models come from the worker's cache: the CLIP tab's CLIP is this run's CLIP.
    auto clip = clip::shared_clip(ctx.models(), requested);
    if (drawn) {
      // Pixel art or the FFT image: no generator to load, the CLIP alone.
      guide::run_drawer_guidance(*clip, drawer, o, &ctx);
    } else if (gan) {
      if (generator.empty()) throw Error(ErrorKind::NotFound, "no generator is installed; Models ▸ Model Folders shows where they go");
      if (gan::is_biggan_folder(generator)) {
        // CLIP + BigGAN-deep (big-sleep): z and the class logits, frames' state z_dim + num_classes values.
        auto g = gan::shared_biggan(ctx.models(), generator);
        guide::run_biggan_guidance(*clip, *g, o, &ctx);
      } else {
        auto g = gan::shared_gan(ctx.models(), generator);
        guide::run_gan_guidance(*clip, *g, o, &ctx);
      }
    } else {
      // One broken VQGAN never stops the runs: the next one is tried.
      auto vq = firstWorkingVqgan(ctx.models(), *trial);
      guide::run_vqgan_guidance(*clip, *vq, o, &ctx);
    }
  };
}
}  // namespace

GuideController::GuideController(EngineBridge* bridge, VqganPanel* panel, const QString& historyFolder,
                                 std::shared_ptr<FailedModels> failed, QObject* parent)
    : RunController(bridge, panel->runView(), parent),
      m_panel(panel),
      m_history(historyFolder),
      m_failed(failed ? std::move(failed) : std::make_shared<FailedModels>()) {
  // History: every run gets a folder with its record (run.json), its latest frame with the
  // settings that made it (latest.png) and that frame's latent, rewritten (atomically) as frames
  // arrive, so a crash or kill loses at most the last second.
  m_panel->setHistoryFolder(m_history);
  connect(panel->runView(), &RunView::runRequested, this, [this] { startRun(m_panel->settings()); });
  // Restart from a thumbnail: its latent, kept while its thumbnail is shown (and the latest one).
  panel->runView()->setRestartable(true);
  connect(panel->runView(), &RunView::restartRequested, this, [this](qint64 step) {
    if (!m_latents.contains(step)) return m_panel->setStatus(tr("The latent of step %1 is no longer kept.").arg(step));
    // The current prompts and settings, on the generator and size the latent belongs to.
    VqganPanel::Settings s = m_panel->settings();
    s.gan = m_settings.gan;
    s.drawer = m_settings.drawer;
    s.generatorPath = m_settings.generatorPath;
    s.size = m_settings.size;
    s.bigganClass = m_settings.bigganClass;
    s.drawing.gridWidth = m_settings.drawing.gridWidth;  // pixel art's latent is its grid
    s.drawing.gridHeight = m_settings.drawing.gridHeight;
    launch(s, m_latents.value(step), {}, {}, m_settings.usesVqgan() ? m_record.model : QString(),
           QStringLiteral("%1@%2").arg(m_record.name()).arg(step));
    m_panel->setStatus(tr("Restarted from step %1.").arg(step));
  });
  // The constraints' colours and the schedule checked as a run would check them: the fields say
  // why one is refused, and it is not sent to a running job.
  panel->constraintsBox()->setColourCheck([](const QString& text, bool palette) {
    const std::string value = text.toStdString();
    return palette ? engineProblem([&] { guide::parse_palette(value); })
                   : engineProblem([&] { guide::parse_colour(value, "the border colour"); });
  });
  panel->drawerBox()->setColourCheck([](const QString& text, bool) {
    return engineProblem([value = text.toStdString()] { guide::parse_palette(value); });
  });
  // The higher-resolution pass: the last run at twice its size from its last latent.
  connect(panel, &VqganPanel::upscaleRequested, this, &GuideController::upscaleRun);
  panel->scheduleEditor()->setCheck([](const QString& text) {
    return engineProblem([value = text.toStdString()] { guide::parse_schedule(value); });
  });
  // Live edits: the run takes them at its next step; the record keeps each with the step it took
  // effect after, so the history (and every frame saved) says which prompts made which frame.
  connect(panel, &VqganPanel::promptsEdited, this, [this](const QString& prompts) {
    // While the schedule is on its keyframes are the prompts (the field is hidden); turning it off
    // sends the prompts (below).
    if (!active() || prompts.trimmed().isEmpty() || !m_panel->scheduleEditor()->schedule().isEmpty()) return;
    setParam(param::prompts, prompts.toStdString());
    m_settings.prompts = prompts;
    const bool added = m_record.addPromptChange(m_step, prompts);
    // Placed exactly once a step is scored against them; prompts that name the same texts (new
    // weights) can't be told apart in the progress, and keep the step they were sent at.
    const QStringList names = targetNames(prompts, m_settings.imagePrompts);
    m_pendingEdit = added && !names.isEmpty() && names != m_names ? int(m_record.promptChanges.size()) - 1 : -1;
    m_pendingNames = names;
    writeRecord();
  });
  connect(panel, &VqganPanel::learningRateEdited, this, [this](double lr) {
    if (!active()) return;
    setParam(param::lr, lr);
    m_settings.lr = lr;
    m_record.addLrChange(m_step, lr);
    writeRecord();
  });
  // The constraints: each one changed is sent by its name (guide.h's param::). The record keeps
  // the ones the run ended with (run.json has no changes by step for them).
  connect(panel->constraintsBox(), &ConstraintsBox::edited, this, [this] {
    if (!active()) return;
    const ConstraintsBox* box = m_panel->constraintsBox();
    const ConstraintSettings now = box->constraints();
    ConstraintSettings& sent = m_settings.constraints;
    const auto weight = [&](const char* name, double ConstraintSettings::*field) {
      if (now.*field == sent.*field) return;
      setParam(name, now.*field);
      sent.*field = now.*field;
    };
    weight(param::symmetry, &ConstraintSettings::symmetry);
    weight(param::symmetry_vertical, &ConstraintSettings::symmetryVertical);
    weight(param::smooth, &ConstraintSettings::smooth);
    weight(param::saturation, &ConstraintSettings::saturation);
    weight(param::palette_weight, &ConstraintSettings::paletteWeight);
    weight(param::border_weight, &ConstraintSettings::borderWeight);
    weight(param::tile_weight, &ConstraintSettings::tileWeight);
    // A colour the engine refuses would end the run: it waits until it reads right (empty: off).
    if (now.palette != sent.palette && box->paletteProblem().isEmpty()) {
      setParam(param::palette, now.palette.toStdString());
      sent.palette = now.palette;
    }
    if (now.border != sent.border && box->borderProblem().isEmpty()) {
      setParam(param::border, now.border.toStdString());
      sent.border = now.border;
    }
    if (now.tile != sent.tile) {
      setParam(param::tile, now.tile);
      sent.tile = now.tile;
    }
    m_record.settings.constraints = sent;
    writeRecord();
  });
  // The schedule edited (only a valid one comes), or turned off: the run goes back to the prompts
  // (sending them ends the schedule), recorded as a prompt change.
  connect(panel->scheduleEditor(), &ScheduleEditor::scheduleEdited, this, [this](const QString& schedule) {
    if (!active()) return;
    if (schedule.isEmpty()) {
      if (m_settings.schedule.isEmpty()) return;  // the run has none
      m_settings.schedule.clear();
      m_record.settings.schedule.clear();
      m_panel->scheduleEditor()->setCurrentKeyframe(-1);
      const QString typed = m_panel->prompts();
      const QString prompts = typed.trimmed().isEmpty() ? QString::fromStdString(guide::GuideOptions{}.prompts) : typed;  // as a run's
      setParam(param::prompts, prompts.toStdString());
      m_settings.prompts = prompts;
      m_record.addPromptChange(m_step, prompts);
    } else {
      setParam(param::schedule, schedule.toStdString());
      m_settings.schedule = schedule;
      m_record.settings.schedule = schedule;
    }
    writeRecord();
  });
  connect(panel, &VqganPanel::modeChanged, this, &GuideController::refreshAvailability);
  connect(panel, &VqganPanel::historyRequested, this, &GuideController::showHistory);
  // A saved frame carries the settings of its step (the prompts and rate that made it).
  m_panel->setFrameSettings([this](qint64 step) {
    return m_record.started.isValid() ? m_record.settingsAt(step < 0 ? m_latestStep : step) : m_panel->settings();
  });
  connect(bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    if (p.job != job()) return;
    // [0] is the loss, then the targets (prompts, image prompts), then a generator's extra loss
    // terms ("term: latent statistics"): those are no prompts (the plot shows them all).
    // A scheduled run ends the list with the keyframe in effect: its row is highlighted.
    static const QString termPrefix = QString::fromUtf8(guide::kTermPrefix.data(), qsizetype(guide::kTermPrefix.size()));
    static const QString keyframeName = QString::fromUtf8(guide::kKeyframeName.data(), qsizetype(guide::kKeyframeName.size()));
    QStringList names;
    int keyframe = -1;
    for (qsizetype i = 1; i < p.values.size(); ++i) {
      if (p.values[i].first == keyframeName) keyframe = int(p.values[i].second);
      else if (!p.values[i].first.startsWith(termPrefix)) names << p.values[i].first;
    }
    m_panel->scheduleEditor()->setCurrentKeyframe(keyframe);
    onProgress(p.step, names);
  });
  connect(bridge, &EngineBridge::finished, this, [this](qint64 id) {
    if (id == job()) endRecord(QStringLiteral("finished"));
  });
  connect(bridge, &EngineBridge::cancelled, this, [this](qint64 id) {
    if (id == job()) endRecord(QStringLiteral("stopped"));
  });
  connect(bridge, &EngineBridge::failed, this, [this](qint64 id) {
    if (id == job()) endRecord(QStringLiteral("failed"));
  });
  // The queue (issue 21, item 6): its runs start here one at a time, after the tab's own run;
  // a batch's grid is saved in <history>/grids (the gallery skips that folder: no run.json).
  m_queue = new RunQueue([this](const VqganPanel::Settings& s, const QString&) { m_queueJob = startRun(s); },
                         [this] { return active(); }, this);
  m_queue->setGridFolder(m_history + QStringLiteral("/grids"));
  m_queue->bind(m_panel->queuePanel(), [this] { return m_panel->settings(); });
  // Queued: by then endRecord has set the record's state (it runs after ended), m_latest is the
  // final frame; a direct connection would start the next run before this one's record closes.
  connect(
      this, &RunController::ended, m_queue,
      [this](qint64 id) {
        if (id != m_queueJob) return m_queue->startNext();  // the tab's own run ended: the queue's turn
        m_queueJob = 0;
        m_queue->runEnded(m_record.state == QLatin1String("finished"), m_latest);
      },
      Qt::QueuedConnection);
}

qint64 GuideController::startRun(const VqganPanel::Settings& s, const QVector<float>& startLatent, const QString& clipPath) {
  return launch(s, startLatent, clipPath, {}, {}, {});
}

qint64 GuideController::launch(const VqganPanel::Settings& settings, const QVector<float>& startLatent, const QString& clipPath,
                               const QString& initImage, const QString& vqgan, const QString& origin, const QSize& startSize) {
  // What the run uses, as its record and frames keep it: only VQGAN has an init image.
  VqganPanel::Settings s = settings;
  if (!s.usesVqgan()) {
    s.initImage.clear();
    s.initWeight = 0.0;
  }
  if (s.gan) s.motion = MotionSettings();  // a GAN can't move (the group is off in its mode)
  m_panel->setFrames({});
  m_panel->scheduleEditor()->setCurrentKeyframe(-1);
  m_latents.clear();
  m_latest = QImage();
  m_latestStep = 0;
  m_latestState.clear();
  m_stateStep = -1;
  m_written = QDateTime();
  m_settings = s;
  m_step = 0;
  m_names.clear();
  m_pendingEdit = -1;
  m_runDir = m_history + QLatin1Char('/') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz"));
  if (!QDir().mkpath(m_runDir)) m_runDir.clear();
  m_record = RunRecord();
  m_record.folder = m_runDir;
  m_record.settings = s;
  m_record.clip = clipFor(clipPath);
  m_record.started = QDateTime::currentDateTimeUtc();
  m_record.state = QStringLiteral("running");
  m_record.continuedFrom = origin;
  m_trial = std::make_shared<VqganTrial>();
  QStringList skipped;
  for (const auto& candidate : s.usesVqgan() ? vqganCandidates(vqgan) : decltype(vqganCandidates()){}) {
    QString why;
    if (m_failed->failedBefore(QString::fromStdString(candidate.first.string()), &why))
      skipped << tr("%1 (it failed before: %2)").arg(QString::fromStdString(candidate.first.string()), why);
    else
      m_trial->candidates.push_back(candidate);
  }
  m_trial->skipped = skipped.join(QLatin1String("; ")).toStdString();
  m_record.model = s.gan                         ? s.generatorPath
                   : m_trial->candidates.empty() ? QString()  // a drawer has no model file
                                                 : QString::fromStdString(m_trial->candidates.front().first.string());
  m_panel->setUpscaleAvailable(false, tr("Waits for this run to finish or be stopped"));
  const qint64 id = start(VqganPanel::generatorTitle(s), guideJob(s, clipFor(clipPath), startLatent, initImage, m_trial, startSize));
  if (m_historyDialog) m_historyDialog->setActiveRun(m_runDir);
  return id;
}

QString GuideController::upscaleProblem() const {
  if (m_record.state.isEmpty()) return tr("No run to go on from yet");
  // (The record's state, not active(): the bridge still counts the run while it says it ended.)
  if (m_record.state == QLatin1String("running")) return tr("Waits for this run to finish or be stopped");
  if (m_settings.gan) return tr("A GAN makes images of one size: only CLIP + VQGAN and the drawers can go on at twice the size");
  if (m_record.state != QLatin1String("finished") && m_record.state != QLatin1String("stopped"))
    return tr("Only a finished or stopped run can go on at twice its size");
  if (m_latestState.isEmpty()) return tr("The last run kept no latent to go on from");
  const int most = m_panel->maxSize();
  if (2 * m_settings.size > most)
    return tr("Twice %1 × %1 is more than the largest size here (%2 × %2)").arg(m_settings.size).arg(most);
  return {};
}

void GuideController::updateUpscale() {
  const QString why = upscaleProblem();
  m_panel->setUpscaleAvailable(why.isEmpty(), why);
}

qint64 GuideController::upscaleRun() {
  if (const QString why = upscaleProblem(); !why.isEmpty()) {
    m_panel->setStatus(why);
    return 0;
  }
  // The run's own settings (its prompts as last edited), at twice the size; pixel art's cells
  // stay as many pixels, so its grid doubles too (the engine enlarges the cells' latent).
  VqganPanel::Settings s = m_settings;
  const QSize from(s.size, s.size);
  s.size *= 2;
  if (s.drawer == DrawerKind::Pixel && s.usesDrawer()) {
    s.drawing.gridWidth *= 2;
    s.drawing.gridHeight *= 2;
  }
  const QString origin = QStringLiteral("%1@%2").arg(m_record.name()).arg(m_stateStep);
  const QVector<float> latent = m_latestState;  // a copy: launch clears the run's state
  const RunRecord last = m_record;
  const qint64 id = launch(s, latent, last.clip, {}, s.usesVqgan() ? last.model : QString(), origin, from);
  m_panel->setStatus(tr("Going on at %1 × %1 from the last frame of the run at %2 × %2.").arg(s.size).arg(from.width()));
  return id;
}

void GuideController::takeVqganTrial() {
  if (!m_trial) return;
  QList<QPair<QString, QString>> failures;
  QString loaded;
  {
    const std::lock_guard lock(m_trial->mutex);
    failures.swap(m_trial->failures);
    loaded = m_trial->loaded;
  }
  QStringList broken;
  for (const auto& [path, message] : failures) {
    m_failed->recordFailure(path, message);
    broken << tr("%1: %2").arg(QDir::toNativeSeparators(path), message);
  }
  if (loaded.isEmpty()) return;  // the run failed, and its message names each file
  m_failed->forget(loaded);
  m_record.model = loaded;
  m_panel->setVqgan(QFileInfo(loaded).dir().dirName() + QLatin1Char('/') + QFileInfo(loaded).fileName());
  if (!broken.isEmpty())
    Q_EMIT fellBack(tr("Using %1; these VQGANs could not be loaded: %2. Models ▸ Model Folders lists them.")
                        .arg(QDir::toNativeSeparators(loaded), broken.join(QLatin1String("; "))));
}

void GuideController::setGenerators(const QStringList& names, const QStringList& paths) {
  m_panel->setGenerators(names, paths);
  m_hasGan = !names.isEmpty();
  refreshAvailability();
  // The BigGAN-deep models' class names, for the Class field (their configs only: no weights read).
  using Classes = QList<QPair<QString, QStringList>>;
  bridge()->ask<Classes>(this, tr("Reading class names"), [paths] {
    Classes found;
    for (const QString& path : paths) {
      const std::filesystem::path file = path.toStdString();
      if (!gan::is_biggan_folder(file)) continue;
      try {
        const int64_t count = gan::read_biggan_info(file).num_classes;
        QStringList classes;
        for (int64_t i = 0; i < count; ++i) classes << QString::fromStdString(gan::biggan_class_name(i, count));
        found.append({path, classes});
      } catch (...) {
        if (current_exception_kind() == ErrorKind::Cancelled) throw;  // a broken one fails when run, named
      }
    }
    return found;
  }, [this](const Classes& found, const EngineError&) {
    for (const auto& [path, classes] : found) m_panel->setGeneratorClasses(path, classes);
  });
}

std::vector<std::pair<std::filesystem::path, std::filesystem::path>> GuideController::vqganCandidates(const QString& first) const {
  namespace fs = std::filesystem;
  auto all = vqgan::find_vqgans();
  const fs::path preferred = (first.isEmpty() ? m_preferredVqgan : first).toStdString();
  std::error_code ec;
  if (preferred.empty() || !fs::is_regular_file(preferred, ec)) return all;
  const auto it = std::find_if(all.begin(), all.end(), [&](const auto& c) { return fs::equivalent(c.first, preferred, ec); });
  if (it != all.end()) {
    std::rotate(all.begin(), it, it + 1);
    return all;
  }
  // Outside the model folders (found where another tool put it): its .yaml by find_vqgans' rule.
  fs::path yaml;
  for (const fs::path& y : {fs::path(preferred).replace_extension(".yaml"), preferred.parent_path() / "model.yaml",
                            preferred.parent_path() / "config.yaml"})
    if (yaml.empty() && fs::is_regular_file(y, ec)) yaml = y;
  all.insert(all.begin(), {preferred, yaml});
  return all;
}

void GuideController::setPreferredVqgan(const QString& path) {
  m_preferredVqgan = path;
  refreshAvailability();
}

QString GuideController::nextVqgan() const {
  for (const auto& candidate : vqganCandidates()) {
    const QString path = QString::fromStdString(candidate.first.string());
    if (!m_failed->failedBefore(path)) return path;
  }
  return {};
}

void GuideController::refreshAvailability() {
  const VqganPanel::Settings s = m_panel->settings();
  const bool clip = !find_default_clip().empty(), gan = s.gan;
  // The VQGAN a run would use: the preferred one, else the first one found, that has not failed before.
  const std::filesystem::path vq = nextVqgan().toStdString();
  m_panel->setVqgan(vq.empty() ? QString() : QString::fromStdString((vq.parent_path().filename() / vq.filename()).string()));
  const bool generator = gan ? m_hasGan : s.usesDrawer() || !vq.empty();  // a drawer needs only the CLIP
  m_panel->setModelAvailable(clip && generator, !clip ? tr("A run needs a CLIP model; none is installed.")
                                                : gan  ? tr("A run needs a GAN; none is installed.")
                                                       : tr("A run needs a VQGAN; none is installed (Models ▸ Model Folders shows where "
                                                            "taming checkpoints go)."));
}

void GuideController::onFrame(const QImage& image, qint64 step) {
  if (m_panel->frames().isEmpty()) takeVqganTrial();  // the first frame: the VQGAN has loaded
  if (m_panel->frames().size() < kMaxKeptFrames) m_panel->appendFrame(image);
  m_latest = image;
  m_latestStep = step;
  writeLatest(false);
}

void GuideController::onState(qint64 step, const QVector<float>& state) {
  const QList<qint64> shown = view()->thumbnailSteps();
  for (auto it = m_latents.begin(); it != m_latents.end();)
    it = shown.contains(it.key()) ? std::next(it) : m_latents.erase(it);
  m_latents.insert(step, state);
  m_latestState = state;
  m_stateStep = step;
}

void GuideController::onEnded() {
  takeVqganTrial();
  writeLatest(true);
}

void GuideController::writeLatest(bool force) {
  if (m_runDir.isEmpty() || m_latest.isNull()) return;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  if (!force && m_written.isValid() && m_written.msecsTo(now) < kHistoryEveryMs) return;
  m_written = now;
  QString error;
  // The frame with the prompts and rate that made it; its latent, for a run that continues it.
  if (!VqganPanel::writeImage(VqganPanel::withSettings(m_latest, m_record.settingsAt(m_latestStep)), m_record.imagePath(), &error))
    return m_panel->setStatus(error);
  if (m_stateStep == m_latestStep && !m_latestState.isEmpty() && RunRecord::writeLatent(m_record.latentPath(), m_latestState, &error))
    m_record.latentStep = m_stateStep;
  writeRecord();
}

}  // namespace atelier
