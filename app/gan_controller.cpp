#include "gan_controller.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "biggan_controls.h"
#include "engine_bridge.h"
#include "error_text.h"
#include "failed_models.h"
#include "gan/biggan.h"
#include "gan/gan.h"
#include "gan_panel.h"
#include "image_convert.h"
#include "runtime/error.h"
#include "settings.h"

namespace atelier {

struct GanController::State {
  // From the worker's model cache: a DCGAN or a BigGAN-deep (the other one null).
  std::shared_ptr<gan::Gan> model;
  std::shared_ptr<gan::BigGan> big;
};

namespace {
constexpr size_t kBigGanBatch = 8;  // BigGAN-deep images made at once: a batch of 512 px ones is large

gan::Gan& loadedGenerator(const std::shared_ptr<gan::Gan>& model) {
  if (!model) throw Error(ErrorKind::NotFound, "no generator is loaded");
  return *model;
}

// A request's truncation for BigGAN-deep: in (0, 1], else its default (a DCGAN's 0 = off, say).
double bigTruncation(double t) { return t > 0 && t <= 1 ? t : BigGanControls::kDefaultTruncation; }

// G(z, class vector) of each z, kBigGanBatch at a time; classes: one for all, or one per z.
QList<QImage> generateBig(const gan::BigGan& g, const std::vector<gan::Latent>& zs, const std::vector<gan::ClassVector>& classes,
                          double t) {
  QList<QImage> out;
  for (size_t at = 0; at < zs.size(); at += kBigGanBatch) {
    const size_t end = std::min(zs.size(), at + kBigGanBatch);
    const std::vector<gan::Latent> z(zs.begin() + ptrdiff_t(at), zs.begin() + ptrdiff_t(end));
    const std::vector<gan::ClassVector> c = classes.size() == 1 ? classes
                                                                 : std::vector<gan::ClassVector>(classes.begin() + ptrdiff_t(at),
                                                                                                 classes.begin() + ptrdiff_t(end));
    for (const Image& im : g.generate(z, c, t)) out << toQImage(im);
  }
  return out;
}

// A BigGAN-deep's name from the path find_biggans gives: NAME of NAME-pytorch_model.bin, else its folder's.
QString bigGanName(const std::filesystem::path& p) {
  const std::string file = p.filename().string(), suffix = "-pytorch_model.bin";
  if (file.size() > suffix.size() && file.ends_with(suffix))
    return QString::fromStdString(file.substr(0, file.size() - suffix.size()));
  return QString::fromStdString((file == "pytorch_model.bin" ? p.parent_path().filename() : p.filename()).string());
}

// The name a model goes by in messages: a BigGAN-deep's folder, a DCGAN's file's folder.
QString modelName(const QString& path) {
  const QFileInfo file(path);
  return file.isDir() ? file.fileName() : file.dir().dirName();
}

QString bigGanLabel(const QString& name) { return GanController::tr("BigGAN-deep: %1").arg(name); }

QStringList classNamesOf(int64_t count) {
  QStringList names;
  names.reserve(qsizetype(count));
  for (int64_t i = 0; i < count; ++i) names << QString::fromStdString(gan::biggan_class_name(i, count));
  return names;
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
    // A BigGAN-deep is remembered by its name ("biggan-deep-128"); the box names its kind too.
    QString preferred = m_settings ? m_settings->value(Settings::Key::GanModel).toString() : QString();
    if (!names.contains(preferred) && names.contains(bigGanLabel(preferred))) preferred = bigGanLabel(preferred);
    p->setModels(names, paths, preferred);
    loadDefault(paths, p->currentModelPath());
  });
  connect(p, &GanPanel::modelChosen, this, [this, p](const QString& path) {
    p->setModelAvailable(false, tr("Loading %1…").arg(p->currentModelName().isEmpty() ? modelName(path) : p->currentModelName()));
    load(path);
  });
  connect(this, &GanController::loaded, p, [this, p](const QString& name, const QString& description) {
    // A BigGAN-deep's classes, and the class and truncation the tab had (a class the model
    // lacks becomes its first), before the first samples ask for them.
    p->setClassNames(m_classes);
    if (!m_classes.isEmpty() && m_settings) {
      p->bigGan()->setClassIndex(m_settings->value(Settings::Key::GanClass).toInt());
      p->bigGan()->setTruncation(m_settings->value(Settings::Key::GanBigganTruncation).toDouble());
    }
    p->setModelAvailable(true, {});
    p->setStatus(tr("%1: %2").arg(name, description));
    if (m_settings) m_settings->setValue(Settings::Key::GanModel, name);
    p->requestSample();
    p->requestGrid();
  });
  connect(p->bigGan(), &BigGanControls::classChosen, this, [this](int index) {
    if (m_settings && index >= 0) m_settings->setValue(Settings::Key::GanClass, index);
  });
  connect(p->bigGan(), &BigGanControls::truncationChanged, this, [this](double t) {
    if (m_settings) m_settings->setValue(Settings::Key::GanBigganTruncation, t);
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
  struct Found {
    QStringList names, paths;        // the DCGANs
    QStringList bigNames, bigPaths;  // then the BigGAN-deep models
  };
  m_bridge->ask<Found>(this, tr("Finding generators"), [] {
    Found f;
    for (const auto& p : gan::find_gans()) {
      f.names << QString::fromStdString(p.filename() == "model.safetensors" ? p.parent_path().filename().string()
                                                                            : p.stem().string());
      f.paths << QString::fromStdString(p.string());
    }
    for (const auto& p : gan::find_biggans()) {
      f.bigNames << bigGanName(p);
      f.bigPaths << QString::fromStdString(p.string());
    }
    return f;
  }, [this](const Found& f, const EngineError& error) {
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    QStringList names = f.names;
    for (const QString& name : f.bigNames) names << bigGanLabel(name);
    Q_EMIT models(names, f.paths + f.bigPaths);
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
    QStringList classes;                      // a BigGAN-deep's class names
  };
  m_bridge->ask<Info>(this, tr("Loading generator"), [state, candidates, chosen](JobContext& ctx) {
    Info info;
    for (const QString& path : candidates) {
      try {
        const std::filesystem::path file = path.toStdString();
        if (gan::is_biggan_folder(file)) {
          auto model = gan::shared_biggan(ctx.models(), file);
          state->big = model;
          state->model.reset();
          const auto& i = model->info();
          info.path = path;
          info.name = QString::fromStdString(i.name);
          info.description = QString::fromStdString(i.architecture);
          info.z = int(i.z_dim);
          info.size = int(i.resolution);
          info.classes = classNamesOf(i.num_classes);
          return info;
        }
        auto model = gan::shared_gan(ctx.models(), file);
        state->model = model;
        state->big.reset();
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
      Q_EMIT loadFailed(errorMessage(error, modelName(path)));
      return;
    }
    if (info.path.isEmpty()) {
      Q_EMIT loadFailed(tr("none of the generators could be loaded: %1").arg(broken.join(QLatin1String("; "))));
      return;
    }
    m_failed->forget(info.path);
    m_ready = true;
    m_classes = info.classes;
    if (m_panel) m_panel->setCurrentModelPath(info.path);
    Q_EMIT loaded(info.name, info.description, info.z, info.size);
    if (!broken.isEmpty())
      Q_EMIT fellBack(tr("Using the generator %1; these could not be loaded: %2. Models ▸ Model Folders lists them.")
                          .arg(info.name, broken.join(QLatin1String("; "))),
                      !info.failures.isEmpty());
  });
}

void GanController::sample(int seed, double truncation, int classIndex) {
  auto state = m_state;
  const qint64 generation = m_generation;
  struct Sampled {
    QImage image;
    QVector<double> z;
    int classIndex = -1;
  };
  m_bridge->ask<Sampled>(this, tr("Sampling"), [state, seed, truncation, classIndex] {
    Sampled s;
    gan::Latent z;
    if (state->big) {
      const gan::BigGan& g = *state->big;
      const double t = bigTruncation(truncation);
      s.classIndex = std::max(classIndex, 0);
      z = g.latent(uint64_t(seed), t);
      s.image = toQImage(g.generate(z, s.classIndex, t));
    } else {
      const gan::Gan& g = loadedGenerator(state->model);
      z = g.latent(uint64_t(seed), truncation);
      s.image = toQImage(g.generate(z));
    }
    s.z = QVector<double>(z.begin(), z.end());
    return s;
  }, [this, seed, generation](const Sampled& s, const EngineError& error) {
    if (generation != m_generation) return;
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    else Q_EMIT sampled(seed, s.image, s.z, s.classIndex);
  });
}

void GanController::grid(int firstSeed, int count, double truncation, int classIndex) {
  auto state = m_state;
  const qint64 generation = m_generation;
  using Grid = QPair<QList<QImage>, QList<int>>;
  m_bridge->ask<Grid>(this, tr("Sampling a grid"), [state, firstSeed, count, truncation, classIndex] {
    std::vector<gan::Latent> zs;
    Grid out;
    for (int i = 0; i < count; ++i) out.second << firstSeed + i;
    if (state->big) {
      const gan::BigGan& g = *state->big;
      const double t = bigTruncation(truncation);
      for (int i = 0; i < count; ++i) zs.push_back(g.latent(uint64_t(firstSeed) + uint64_t(i), t));
      out.first = generateBig(g, zs, {g.one_hot(std::max(classIndex, 0))}, t);
      return out;
    }
    const gan::Gan& g = loadedGenerator(state->model);
    for (int i = 0; i < count; ++i) zs.push_back(g.latent(uint64_t(firstSeed) + uint64_t(i), truncation));
    for (const Image& im : g.generate(zs)) out.first << toQImage(im);
    return out;
  }, [this, generation](const Grid& g, const EngineError& error) {
    if (generation != m_generation) return;
    if (!error.isNull()) Q_EMIT failed(errorMessage(error));
    else Q_EMIT gridReady(g.first, g.second);
  });
}

void GanController::interpolate(int seedA, int seedB, int frames, double truncation, int classA, int classB) {
  auto state = m_state;
  const qint64 generation = m_generation;
  m_bridge->ask<QList<QImage>>(this, tr("Interpolating"), [state, seedA, seedB, frames, truncation, classA, classB] {
    QList<QImage> out;
    if (state->big) {
      // z along the great circle (as for a DCGAN), the class vector along the line between the
      // one-hots: a mixture of the two classes half-way (as `gan interpolate` does).
      const gan::BigGan& g = *state->big;
      const double t = bigTruncation(truncation);
      const gan::Latent za = g.latent(uint64_t(seedA), t), zb = g.latent(uint64_t(seedB), t);
      const gan::ClassVector ca = g.one_hot(std::max(classA, 0)), cb = g.one_hot(classB >= 0 ? classB : std::max(classA, 0));
      std::vector<gan::Latent> zs;
      std::vector<gan::ClassVector> cs;
      for (int i = 0; i < frames; ++i) {
        const double s = frames > 1 ? double(i) / double(frames - 1) : 0.0;
        zs.push_back(gan::slerp(za, zb, s));
        gan::ClassVector c(ca.size());
        for (size_t k = 0; k < c.size(); ++k) c[k] = float((1 - s) * ca[k] + s * cb[k]);
        cs.push_back(std::move(c));
      }
      return generateBig(g, zs, cs, t);
    }
    const gan::Gan& g = loadedGenerator(state->model);
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
