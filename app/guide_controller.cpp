#include "guide_controller.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <mutex>
#include <utility>
#include <vector>

#include "clip/clip.h"
#include "engine_bridge.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "run_view.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
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

JobFn guideJob(const VqganPanel::Settings& s, const QString& clipPath, const QVector<float>& startLatent,
               std::shared_ptr<VqganTrial> trial) {
  guide::GuideOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? guide::GuideOptions{}.prompts : s.prompts.toStdString();
  o.steps = s.steps;
  o.cutn = s.cutn;
  o.cut_pow = s.cutPow;
  o.lr = s.lr;
  o.optimiser = s.optimiser.toStdString();
  o.seed = uint64_t(s.seed);
  o.width = o.height = s.size;
  o.start_latent.assign(startLatent.begin(), startLatent.end());
  const std::string requested = clipPath.toStdString(), generator = s.generatorPath.toStdString();
  const bool gan = s.gan;
  return [o, requested, generator, gan, trial](JobContext& ctx) {
    // The models come from the worker's cache: the CLIP tab's CLIP is this run's CLIP.
    auto clip = clip::shared_clip(ctx.models(), requested);
    if (gan) {
      if (generator.empty()) throw Error(ErrorKind::NotFound, "no generator is installed; Models ▸ Model Folders shows where they go");
      auto g = gan::shared_gan(ctx.models(), generator);
      guide::run_gan_guidance(*clip, *g, o, &ctx);
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
  // History: every run gets a folder with its settings in latest.png, rewritten (atomically) as
  // frames arrive, so a crash or kill loses at most the last second.
  m_panel->setHistoryFolder(m_history);
  connect(panel->runView(), &RunView::runRequested, this, [this] { startRun(m_panel->settings()); });
  // Restart from a thumbnail: its latent, kept while its thumbnail is shown (and the latest one).
  panel->runView()->setRestartable(true);
  connect(panel->runView(), &RunView::restartRequested, this, [this](qint64 step) {
    if (!m_latents.contains(step)) return m_panel->setStatus(tr("The latent of step %1 is no longer kept.").arg(step));
    // The current prompts and settings, on the generator and size the latent belongs to.
    VqganPanel::Settings s = m_panel->settings();
    s.gan = m_settings.gan;
    s.generatorPath = m_settings.generatorPath;
    s.size = m_settings.size;
    startRun(s, m_latents.value(step));
    m_panel->setStatus(tr("Restarted from step %1.").arg(step));
  });
  connect(panel, &VqganPanel::promptsEdited, this, [this](const QString& prompts) {
    if (!active() || prompts.trimmed().isEmpty()) return;
    setParam(param::prompts, prompts.toStdString());
    m_settings.prompts = prompts;  // the history's latest.png reproduces what the run did last
  });
  connect(panel, &VqganPanel::learningRateEdited, this, [this](double lr) {
    if (!active()) return;
    setParam(param::lr, lr);
    m_settings.lr = lr;
  });
  connect(panel, &VqganPanel::modeChanged, this, &GuideController::refreshAvailability);
}

qint64 GuideController::startRun(const VqganPanel::Settings& s, const QVector<float>& startLatent, const QString& clipPath) {
  m_panel->setFrames({});
  m_latents.clear();
  m_latest = QImage();
  m_settings = s;
  m_runDir = m_history + QLatin1Char('/') + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz"));
  if (!QDir().mkpath(m_runDir)) m_runDir.clear();
  m_trial = std::make_shared<VqganTrial>();
  QStringList skipped;
  for (const auto& candidate : vqganCandidates()) {
    QString why;
    if (m_failed->failedBefore(QString::fromStdString(candidate.first.string()), &why))
      skipped << tr("%1 (it failed before: %2)").arg(QString::fromStdString(candidate.first.string()), why);
    else
      m_trial->candidates.push_back(candidate);
  }
  m_trial->skipped = skipped.join(QLatin1String("; ")).toStdString();
  return start(s.gan ? tr("CLIP + GAN") : tr("CLIP + VQGAN"), guideJob(s, clipFor(clipPath), startLatent, m_trial));
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
  m_panel->setVqgan(QFileInfo(loaded).dir().dirName() + QLatin1Char('/') + QFileInfo(loaded).fileName());
  if (!broken.isEmpty())
    Q_EMIT fellBack(tr("Using %1; these VQGANs could not be loaded: %2. Models ▸ Model Folders lists them.")
                        .arg(QDir::toNativeSeparators(loaded), broken.join(QLatin1String("; "))));
}

void GuideController::setGenerators(const QStringList& names, const QStringList& paths) {
  m_panel->setGenerators(names, paths);
  m_hasGan = !names.isEmpty();
  refreshAvailability();
}

std::vector<std::pair<std::filesystem::path, std::filesystem::path>> GuideController::vqganCandidates() const {
  namespace fs = std::filesystem;
  auto all = vqgan::find_vqgans();
  const fs::path preferred = m_preferredVqgan.toStdString();
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
  const bool clip = !find_default_clip().empty(), gan = m_panel->settings().gan;
  // The VQGAN a run would use: the preferred one, else the first one found, that has not failed before.
  const std::filesystem::path vq = nextVqgan().toStdString();
  m_panel->setVqgan(vq.empty() ? QString() : QString::fromStdString((vq.parent_path().filename() / vq.filename()).string()));
  const bool generator = gan ? m_hasGan : !vq.empty();
  m_panel->setModelAvailable(clip && generator, !clip ? tr("A run needs a CLIP model; none is installed.")
                                                : gan  ? tr("A run needs a GAN; none is installed.")
                                                       : tr("A run needs a VQGAN; none is installed (Models ▸ Model Folders shows where "
                                                            "taming checkpoints go)."));
}

void GuideController::onFrame(const QImage& image, qint64) {
  if (m_panel->frames().isEmpty()) takeVqganTrial();  // the first frame: the VQGAN has loaded
  if (m_panel->frames().size() < kMaxKeptFrames) m_panel->appendFrame(image);
  m_latest = image;
  writeLatest(false);
}

void GuideController::onState(qint64 step, const QVector<float>& state) {
  const QList<qint64> shown = view()->thumbnailSteps();
  for (auto it = m_latents.begin(); it != m_latents.end();)
    it = shown.contains(it.key()) ? std::next(it) : m_latents.erase(it);
  m_latents.insert(step, state);
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
  if (!VqganPanel::writeImage(VqganPanel::withSettings(m_latest, m_settings), m_runDir + QStringLiteral("/latest.png"), &error))
    m_panel->setStatus(error);
}

void GuideController::showStatus(const QString& text) { m_panel->setStatus(text); }

}  // namespace atelier
