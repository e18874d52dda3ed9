#include "gan_controller.h"

#include <QDir>
#include <QFileInfo>

#include "engine_bridge.h"
#include "error_text.h"
#include "failed_models.h"
#include "gan/gan.h"
#include "gan_panel.h"
#include "image_convert.h"
#include "runtime/error.h"
#include "settings.h"

namespace atelier {

struct GanController::State {
  std::shared_ptr<gan::Gan> model;  // from the worker's model cache
};

namespace {
gan::Gan& loadedGenerator(const std::shared_ptr<gan::Gan>& model) {
  if (!model) throw Error(ErrorKind::NotFound, "no generator is loaded");
  return *model;
}
}  // namespace

GanController::GanController(EngineBridge* bridge, GanPanel* panel, Settings* settings, std::shared_ptr<FailedModels> failed,
                             QObject* parent)
    : QObject(parent),
      m_bridge(bridge),
      m_panel(panel),
      m_settings(settings),
      m_state(std::make_shared<State>()),
      m_failed(failed ? std::move(failed) : std::make_shared<FailedModels>()) {
  if (m_panel) connectPanel();
}

GanController::~GanController() = default;

void GanController::connectPanel() {
  GanPanel* p = m_panel;
  connect(this, &GanController::models, p, [this, p](const QStringList& names, const QStringList& paths) {
    if (names.isEmpty()) {
      p->setModelAvailable(false, tr("No generator is installed. Models ▸ Model Folders shows where they go; "
                                     "clip-atelier-cli train gan makes one."));
      return;
    }
    p->setModels(names, paths, m_settings ? m_settings->value(Settings::Key::GanModel).toString() : QString());
    loadDefault(paths, p->currentModelPath());
  });
  connect(p, &GanPanel::modelChosen, this, [this, p](const QString& path) {
    p->setModelAvailable(false, tr("Loading %1…").arg(QFileInfo(path).dir().dirName()));
    load(path);
  });
  connect(this, &GanController::loaded, p, [this, p](const QString& name, const QString& description) {
    p->setModelAvailable(true, {});
    p->setStatus(tr("%1: %2").arg(name, description));
    if (m_settings) m_settings->setValue(Settings::Key::GanModel, name);
    p->requestSample();
    p->requestGrid();
  });
  connect(this, &GanController::loadFailed, p, [p](const QString& message) {
    p->setModelAvailable(false, tr("The generator could not be loaded: %1").arg(message));
  });
  connect(p, &GanPanel::sampleRequested, this, &GanController::sample);
  connect(p, &GanPanel::gridRequested, this, &GanController::grid);
  connect(p, &GanPanel::interpolationRequested, this, &GanController::interpolate);
  connect(this, &GanController::sampled, p, &GanPanel::showSample);
  connect(this, &GanController::gridReady, p, &GanPanel::showGrid);
  connect(this, &GanController::interpolationReady, p, &GanPanel::showInterpolation);
}

void GanController::refresh() {
  using Found = QPair<QStringList, QStringList>;
  m_bridge->ask<Found>(this, tr("Finding generators"), [] {
    Found f;
    for (const auto& p : gan::find_gans()) {
      f.first << QString::fromStdString(p.filename() == "model.safetensors" ? p.parent_path().filename().string() : p.stem().string());
      f.second << QString::fromStdString(p.string());
    }
    return f;
  }, [this](const Found& f, const EngineError& error) {
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    Q_EMIT models(f.first, f.second);
  });
}

void GanController::load(const QString& path) { tryLoad({path}, {}, true); }

void GanController::loadDefault(const QStringList& paths, const QString& preferred) {
  // The preferred one first, then the others in order, less those that failed before and have
  // not changed since: one broken generator never leaves the tab without one.
  QStringList ordered = paths, candidates, skipped;
  if (ordered.removeAll(preferred) > 0) ordered.prepend(preferred);
  for (const QString& path : ordered) {
    QString why;
    if (m_failed->failedBefore(path, &why)) skipped << tr("%1 (it failed before: %2)").arg(QDir::toNativeSeparators(path), why);
    else candidates << path;
  }
  tryLoad(candidates, skipped, false);
}

void GanController::tryLoad(const QStringList& candidates, const QStringList& skipped, bool chosen) {
  m_ready = false;
  const qint64 generation = ++m_generation;
  auto state = m_state;
  struct Info {
    QString path, name, description;
    int z = 0, size = 0;
    QList<QPair<QString, QString>> failures;  // path, message: tried before the one that loaded
  };
  m_bridge->ask<Info>(this, tr("Loading generator"), [state, candidates, chosen](JobContext& ctx) {
    Info info;
    for (const QString& path : candidates) {
      try {
        auto model = gan::shared_gan(ctx.models(), path.toStdString());
        state->model = model;
        const auto& i = model->info();
        info.path = path;
        info.name = QString::fromStdString(i.name);
        info.description = QString::fromStdString(i.architecture + (i.dataset.empty() ? "" : ", trained on " + i.dataset));
        info.z = int(i.z_dim);
        info.size = int(i.image_size);
        return info;
      } catch (...) {
        if (chosen || current_exception_kind() == ErrorKind::Cancelled) throw;
        info.failures.append({path, QString::fromStdString(describe_current_exception())});
      }
    }
    return info;  // none loaded: the failures say why
  }, [this, generation, candidates, skipped](const Info& info, const EngineError& error) {
    if (generation != m_generation) return;
    QStringList broken = skipped;
    for (const auto& [path, message] : info.failures) {
      m_failed->recordFailure(path, message);
      broken << tr("%1: %2").arg(QDir::toNativeSeparators(path), message);
    }
    if (!error.isNull()) {
      const QString path = candidates.value(0);
      m_failed->recordFailure(path, error.detail);
      Q_EMIT loadFailed(errorMessage(error, QFileInfo(path).dir().dirName()));
      return;
    }
    if (info.path.isEmpty()) {
      Q_EMIT loadFailed(tr("none of the generators could be loaded: %1").arg(broken.join(QLatin1String("; "))));
      return;
    }
    m_failed->forget(info.path);
    m_ready = true;
    if (m_panel) m_panel->setCurrentModelPath(info.path);
    Q_EMIT loaded(info.name, info.description, info.z, info.size);
    if (!broken.isEmpty())
      Q_EMIT fellBack(tr("Using the generator %1; these could not be loaded: %2. Models ▸ Model Folders lists them.")
                          .arg(info.name, broken.join(QLatin1String("; "))),
                      !info.failures.isEmpty());
  });
}

void GanController::sample(int seed, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  using Sampled = QPair<QImage, QVector<double>>;
  m_bridge->ask<Sampled>(this, tr("Sampling"), [state, seed, truncation] {
    const gan::Gan& g = loadedGenerator(state->model);
    const gan::Latent z = g.latent(uint64_t(seed), truncation);
    return Sampled(toQImage(g.generate(z)), QVector<double>(z.begin(), z.end()));
  }, [this, seed, generation](const Sampled& s, const EngineError& error) {
    if (generation != m_generation) return;
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    else Q_EMIT sampled(seed, s.first, s.second);
  });
}

void GanController::grid(int firstSeed, int count, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  using Grid = QPair<QList<QImage>, QList<int>>;
  m_bridge->ask<Grid>(this, tr("Sampling a grid"), [state, firstSeed, count, truncation] {
    const gan::Gan& g = loadedGenerator(state->model);
    std::vector<gan::Latent> zs;
    Grid out;
    for (int i = 0; i < count; ++i) {
      zs.push_back(g.latent(uint64_t(firstSeed) + uint64_t(i), truncation));
      out.second << firstSeed + i;
    }
    for (const Image& im : g.generate(zs)) out.first << toQImage(im);
    return out;
  }, [this, generation](const Grid& g, const EngineError& error) {
    if (generation != m_generation) return;
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    else Q_EMIT gridReady(g.first, g.second);
  });
}

void GanController::interpolate(int seedA, int seedB, int frames, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  m_bridge->ask<QList<QImage>>(this, tr("Interpolating"), [state, seedA, seedB, frames, truncation] {
    const gan::Gan& g = loadedGenerator(state->model);
    QList<QImage> out;
    for (const Image& im : g.interpolate(g.latent(uint64_t(seedA), truncation), g.latent(uint64_t(seedB), truncation), frames))
      out << toQImage(im);
    return out;
  }, [this, generation](const QList<QImage>& out, const EngineError& error) {
    if (generation != m_generation) return;
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    else Q_EMIT interpolationReady(out);
  });
}

}  // namespace atelier
