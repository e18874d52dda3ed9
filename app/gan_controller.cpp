#include "gan_controller.h"

#include <QMetaObject>
#include <QPointer>

#include "engine_bridge.h"
#include "image_convert.h"
#include "gan/gan.h"
#include "io/animation.h"
#include "runtime/error.h"

namespace atelier {

struct GanController::State {
  std::unique_ptr<gan::Gan> model;
  qint64 generation = 0;
};

namespace {
// Runs fn on the worker and hands its result to done on the GUI thread, if the controller lives.
template <typename Result, typename Fn, typename Done>
void onWorker(EngineBridge* bridge, GanController* controller, const QString& name, Fn fn, Done done) {
  QPointer<GanController> self(controller);
  bridge->submitTask(name, [self, fn, done](JobContext&) {
    Result result{};
    QString error;
    try {
      result = fn();
    } catch (...) {
      error = QString::fromStdString(describe_current_exception());
    }
    QMetaObject::invokeMethod(self, [self, done, result, error] {
      if (self) done(result, error);
    }, Qt::QueuedConnection);
  });
}
}  // namespace

GanController::GanController(EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_state(std::make_shared<State>()) {}

GanController::~GanController() = default;

void GanController::refresh() {
  using Found = QPair<QStringList, QStringList>;
  onWorker<Found>(m_bridge, this, tr("Finding generators"), [] {
    Found f;
    for (const auto& p : gan::find_gans()) {
      f.first << QString::fromStdString(p.filename() == "model.safetensors" ? p.parent_path().filename().string() : p.stem().string());
      f.second << QString::fromStdString(p.string());
    }
    return f;
  }, [this](const Found& f, const QString& error) {
    if (!error.isEmpty()) Q_EMIT failed(error);
    Q_EMIT models(f.first, f.second);
  });
}

void GanController::load(const QString& path) {
  m_ready = false;
  const qint64 generation = ++m_generation;
  auto state = m_state;
  struct Info {
    QString name, description;
    int z = 0, size = 0;
  };
  onWorker<Info>(m_bridge, this, tr("Loading generator"), [state, path, generation] {
    auto model = std::make_unique<gan::Gan>(gan::Gan::load(path.toStdString()));
    const auto& i = model->info();
    Info info{QString::fromStdString(i.name), QString::fromStdString(i.architecture + (i.dataset.empty() ? "" : ", trained on " + i.dataset)),
              int(i.z_dim), int(i.image_size)};
    state->model = std::move(model);
    state->generation = generation;
    return info;
  }, [this, generation](const Info& info, const QString& error) {
    if (generation != m_generation) return;
    if (!error.isEmpty()) {
      Q_EMIT loadFailed(error);
      return;
    }
    m_ready = true;
    Q_EMIT loaded(info.name, info.description, info.z, info.size);
  });
}

void GanController::sample(int seed, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  using Sampled = QPair<QImage, QVector<double>>;
  onWorker<Sampled>(m_bridge, this, tr("Sampling"), [state, seed, truncation] {
    if (!state->model) throw Error(ErrorKind::NotFound, "no generator is loaded");
    const gan::Latent z = state->model->latent(uint64_t(seed), truncation);
    return Sampled(toQImage(state->model->generate(z)), QVector<double>(z.begin(), z.end()));
  }, [this, seed, generation](const Sampled& s, const QString& error) {
    if (generation != m_generation) return;
    if (!error.isEmpty()) Q_EMIT failed(error);
    else Q_EMIT sampled(seed, s.first, s.second);
  });
}

void GanController::grid(int firstSeed, int count, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  using Grid = QPair<QList<QImage>, QList<int>>;
  onWorker<Grid>(m_bridge, this, tr("Sampling a grid"), [state, firstSeed, count, truncation] {
    if (!state->model) throw Error(ErrorKind::NotFound, "no generator is loaded");
    std::vector<gan::Latent> zs;
    Grid g;
    for (int i = 0; i < count; ++i) {
      zs.push_back(state->model->latent(uint64_t(firstSeed) + uint64_t(i), truncation));
      g.second << firstSeed + i;
    }
    for (const Image& im : state->model->generate(zs)) g.first << toQImage(im);
    return g;
  }, [this, generation](const Grid& g, const QString& error) {
    if (generation != m_generation) return;
    if (!error.isEmpty()) Q_EMIT failed(error);
    else Q_EMIT gridReady(g.first, g.second);
  });
}

void GanController::interpolate(int seedA, int seedB, int frames, double truncation) {
  auto state = m_state;
  const qint64 generation = m_generation;
  onWorker<QList<QImage>>(m_bridge, this, tr("Interpolating"), [state, seedA, seedB, frames, truncation] {
    if (!state->model) throw Error(ErrorKind::NotFound, "no generator is loaded");
    const gan::Gan& g = *state->model;
    QList<QImage> out;
    for (const Image& im : g.interpolate(g.latent(uint64_t(seedA), truncation), g.latent(uint64_t(seedB), truncation), frames))
      out << toQImage(im);
    return out;
  }, [this, generation](const QList<QImage>& out, const QString& error) {
    if (generation != m_generation) return;
    if (!error.isEmpty()) Q_EMIT failed(error);
    else Q_EMIT interpolationReady(out);
  });
}

}  // namespace atelier
