#include "library_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <optional>

#include "clip/clip.h"
#include "engine_bridge.h"
#include "error_text.h"
#include "guide/prompts.h"
#include "library/index.h"
#include "library/library.h"
#include "library_panel.h"
#include "runtime/error.h"
#include "settings.h"
#include "train/datasets.h"
#include "zero_shot_page.h"

namespace atelier {

namespace fs = std::filesystem;

namespace {

// What the worker hands back: plain Qt values.
struct Info {
  int images = 0;
  QStringList skipped;
};
struct Ranked {
  qint64 generation = 0;
  QString query;
  QVector<LibraryItem> items;
};
struct Groups {
  QVector<QVector<LibraryItem>> groups;
};
struct Labelled {
  QStringList paths, labels;
  QVector<double> probability;
};

QString native(const fs::path& p) { return QDir::toNativeSeparators(QString::fromStdString(p.string())); }

LibraryItem item(const library::Entry& e) {
  LibraryItem i;
  i.path = native(e.path);
  i.bytes = qint64(e.bytes);
  i.width = e.width;
  i.height = e.height;
  return i;
}

// The best kShownHits images of a search, as the panel shows them.
Ranked rank(const library::Library& lib, const std::vector<library::Term>& terms, double logitScale, const QString& query) {
  Ranked r;
  r.query = query;
  for (const auto& h : lib.search(terms, LibraryController::kShownHits, logitScale)) {
    LibraryItem i = item(lib.entries()[h.index]);
    i.score = h.score;
    i.cosine = h.cosine;
    i.softmax = h.softmax;
    r.items << i;
  }
  return r;
}

// A label's embedding as CLIP's zero-shot notebook makes it: the mean of its templates' unit
// embeddings.
std::vector<std::vector<float>> labelEmbeddings(const clip::Clip& model, const QStringList& labels, const QStringList& templates) {
  std::vector<std::vector<float>> out;
  for (const QString& label : labels) {
    std::vector<std::string> texts;
    for (const QString& t : templates) texts.push_back(QString(t).replace(QStringLiteral("{}"), label).toStdString());
    std::vector<float> mean(size_t(model.info().embed_dim), 0.f);
    for (const auto& e : model.encode_texts(texts, true)) {
      double n = 0;
      for (float x : e) n += double(x) * double(x);
      n = std::sqrt(std::max(n, 1e-24));
      for (size_t d = 0; d < e.size() && d < mean.size(); ++d) mean[d] += float(double(e[d]) / n);
    }
    out.push_back(std::move(mean));
  }
  return out;
}

}  // namespace

struct LibraryController::State {
  std::string db, key;
  std::optional<library::Library> library;
  bool stale = true;
  // The index run's outcome, read by the GUI once the run has ended.
  std::mutex mutex;
  library::IndexStats stats;
  bool ran = false;

  const library::Library& open(const std::string& wantDb, const std::string& wantKey) {
    if (!library || stale || wantDb != db || wantKey != key) {
      library.reset();
      library.emplace(library::Library::open(wantDb, wantKey));
      db = wantDb;
      key = wantKey;
      stale = false;
    }
    return *library;
  }
};

LibraryController::LibraryController(EngineBridge* bridge, LibraryPanel* panel, Settings* settings, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_panel(panel), m_settings(settings), m_state(std::make_shared<State>()) {
  if (m_settings) {
    m_panel->setFolders(m_settings->value(Settings::Key::LibraryFolders).toStringList());
    const QString labels = m_settings->value(Settings::Key::LibraryLabels).toString();
    if (!labels.trimmed().isEmpty()) m_panel->setLabels(labels.split(QLatin1Char('\n'), Qt::SkipEmptyParts));
  }
  m_panel->setModelAvailable(false, tr("Loading CLIP…"));
  connectPanel();
  connectBridge();
}

LibraryController::~LibraryController() = default;

void LibraryController::connectPanel() {
  LibraryPanel* p = m_panel;
  connect(p, &LibraryPanel::foldersChanged, this, [this](const QStringList& folders) {
    if (m_settings) m_settings->setValue(Settings::Key::LibraryFolders, folders);
  });
  connect(p, &LibraryPanel::indexRequested, this, [this](const QStringList& folders) { index(folders); });
  connect(p, &LibraryPanel::pauseRequested, this, &LibraryController::pause);
  connect(p, &LibraryPanel::resumeRequested, this, &LibraryController::resume);
  connect(p, &LibraryPanel::cancelRequested, this, &LibraryController::cancel);
  connect(p, &LibraryPanel::searchRequested, this, &LibraryController::search);
  connect(p, &LibraryPanel::imageSearchRequested, this, &LibraryController::searchImage);
  connect(p, &LibraryPanel::duplicatesRequested, this, &LibraryController::duplicates);
  connect(p, &LibraryPanel::mapRequested, this, &LibraryController::map);
  connect(p, &LibraryPanel::labelsRequested, this, [this](const QStringList& labels) {
    if (m_settings) m_settings->setValue(Settings::Key::LibraryLabels, labels.join(QLatin1Char('\n')));
    label(labels);
  });
}

void LibraryController::connectBridge() {
  connect(m_bridge, &EngineBridge::started, this, [this](qint64 job, const QString&) {
    if (job == m_job) m_panel->setIndexing(true, m_paused);
  });
  connect(m_bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    if (p.job != m_job || m_job == 0) return;
    double rate = 0, eta = -1;
    for (const auto& [name, value] : p.values) {
      if (name == QLatin1String("images/s")) rate = value;
      if (name == QLatin1String("eta")) eta = value;
    }
    m_panel->showIndexProgress(p.step, p.steps, rate, eta);
  });
  auto ended = [this](qint64 job, const QString& failure) {
    if (job != m_job || m_job == 0) return;
    m_job = 0;
    m_paused = false;
    m_panel->setIndexing(false);
    QString summary = failure;
    if (summary.isEmpty()) {
      std::lock_guard lock(m_state->mutex);
      const library::IndexStats& s = m_state->stats;
      const QLocale l;
      summary = s.stopped ? tr("Stopped: what was indexed is kept; Index goes on from there.")
                          : tr("%1 images: %2 encoded, %3 reused, %4 unchanged, %5 removed, %6 unreadable.")
                                .arg(l.toString(s.found), l.toString(s.encoded), l.toString(s.reused), l.toString(s.unchanged),
                                     l.toString(s.removed), l.toString(qlonglong(s.skipped.size())));
      if (s.encoded + s.reused > 0) summary += QLatin1Char(' ') + tr("%1 images/s.").arg(l.toString(s.images_per_second, 'f', 1));
      if (!m_state->ran) summary = tr("Stopped before the first batch.");
    }
    m_panel->showIndexSummary(summary);
    Q_EMIT indexEnded(summary);
    refresh();
  };
  connect(m_bridge, &EngineBridge::finished, this, [ended](qint64 job, const QString&, double) { ended(job, {}); });
  connect(m_bridge, &EngineBridge::cancelled, this, [ended](qint64 job, const QString&) { ended(job, {}); });
  connect(m_bridge, &EngineBridge::failed, this, [this, ended](qint64 job, const QString&, const EngineError& error) {
    if (job != m_job || m_job == 0) return;
    const QString message = errorMessage(error, tr("Indexing"));
    ended(job, message);
    m_panel->showError(message);
    Q_EMIT failed(message);
  });
}

void LibraryController::setClip(const QString& checkpoint, const QString& name, bool mini) {
  m_checkpoint = checkpoint;
  m_name = name;
  m_mini = mini;
  m_key = QString::fromStdString(library::model_key(checkpoint.toStdString()));
  m_db = m_ownDb.isEmpty() ? QString::fromStdString(library::default_db_path(m_key.toStdString()).string()) : m_ownDb;
  m_panel->setModelAvailable(true);
  // A first label list that suits the model: the mini-CLIP's shapes, or CIFAR-10's classes.
  if (m_panel->labels().isEmpty()) {
    QStringList labels;
    if (mini)
      for (const auto& shape : train::shape_names()) labels << QString::fromStdString(shape);
    else
      labels = ZeroShotPage::cifar10();
    m_panel->setLabels(labels);
  }
  refresh();
}

void LibraryController::setDatabase(const QString& db) {
  m_ownDb = db;
  if (!m_checkpoint.isEmpty()) setClip(m_checkpoint, m_name, m_mini);
}

bool LibraryController::indexing() const { return m_job != 0 && m_bridge->isActive(m_job); }

qint64 LibraryController::index(const QStringList& folders) {
  if (m_checkpoint.isEmpty()) {
    m_panel->showError(tr("No CLIP is loaded yet."));
    return 0;
  }
  if (folders.isEmpty()) {
    m_panel->showError(tr("Add a folder of images first."));
    return 0;
  }
  if (indexing()) return m_job;
  std::vector<fs::path> roots;
  for (const QString& f : folders) roots.emplace_back(f.toStdString());
  auto state = m_state;
  {
    std::lock_guard lock(state->mutex);
    state->stats = {};
    state->ran = false;
  }
  const std::string checkpoint = m_checkpoint.toStdString(), key = m_key.toStdString(), db = m_db.toStdString();
  m_paused = false;
  m_job = m_bridge->submit(tr("Indexing"), [state, roots, checkpoint, key, db](JobContext& ctx) {
    const auto model = clip::shared_clip(ctx.models(), checkpoint);
    auto progress = [&ctx](const library::IndexProgress& p) {
      ctx.report({p.done, p.total, 0.0, {{"images/s", p.images_per_second}, {"eta", p.eta_seconds}, {"encoded", double(p.encoded)},
                                          {"skipped", double(p.skipped)}}});
    };
    // Between batches: Pause waits here (short tasks still answered), Cancel ends the run with
    // what was committed.
    auto stop = [&ctx] {
      try {
        ctx.checkpoint();
        return false;
      } catch (const JobCancelled&) {
        return true;
      }
    };
    library::IndexStats stats;
    try {
      stats = library::index_folders(roots, *model, key, db, progress, stop);
    } catch (...) {
      state->stale = true;  // a failed batch rolled back, earlier ones are committed
      throw;
    }
    state->stale = true;
    std::lock_guard lock(state->mutex);
    state->stats = std::move(stats);
    state->ran = true;
  });
  m_panel->setIndexing(true, false);
  m_panel->showIndexProgress(0, 0, 0, -1);
  return m_job;
}

void LibraryController::pause() {
  if (!indexing()) return;
  m_bridge->pause(m_job);
  m_paused = true;
  m_panel->setIndexing(true, true);
}

void LibraryController::resume() {
  if (!indexing()) return;
  m_bridge->resume(m_job);
  m_paused = false;
  m_panel->setIndexing(true, false);
}

void LibraryController::cancel() {
  if (m_job) m_bridge->cancel(m_job);
}

template <typename Result, typename Fn, typename Done>
void LibraryController::ask(const char* name, Fn fn, Done done) {
  if (m_checkpoint.isEmpty()) return m_panel->showError(tr("No CLIP is loaded yet."));
  const qint64 generation = ++m_generation;
  m_bridge->ask<Result>(this, tr(name), std::move(fn), [this, generation, done](Result r, const EngineError& error) {
    if (generation != m_generation) return;  // a newer request is on its way
    if (!error.isNull()) {
      // Nothing indexed yet is not a failure: say what to do.
      const QString message = error.kind == ErrorKind::NotFound
                                  ? tr("Nothing is indexed with %1 yet: add a folder and press Index.").arg(m_name)
                                  : errorMessage(error);
      m_panel->showError(message);
      Q_EMIT failed(message);
      return;
    }
    done(std::move(r));
  });
}

void LibraryController::refresh() {
  if (m_checkpoint.isEmpty()) return;
  auto state = m_state;
  const std::string key = m_key.toStdString(), db = m_db.toStdString();
  m_bridge->ask<Info>(this, tr("Reading the library"), [state, key, db] {
    Info info;
    std::error_code ec;
    if (!fs::exists(db, ec)) return info;
    try {
      const library::Library& lib = state->open(db, key);
      info.images = int(lib.size());
      for (const auto& s : lib.skipped()) info.skipped << native(s.path) + QStringLiteral(": ") + QString::fromStdString(s.reason);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::NotFound) throw;
    }
    return info;
  }, [this](const Info& info, const EngineError& error) {
    if (!error.isNull()) return m_panel->showError(errorMessage(error));
    m_panel->setLibraryInfo(info.images, m_name, QDir::toNativeSeparators(m_db));
    m_panel->setSkipped(info.skipped);
    Q_EMIT refreshed(info.images);
  });
}

void LibraryController::search(const QString& query) {
  std::vector<guide::Prompt> prompts;
  try {
    prompts = guide::parse_prompts(query.toStdString());
  } catch (const Error& e) {
    return m_panel->showError(QString::fromStdString(e.what()));
  }
  auto state = m_state;
  const std::string checkpoint = m_checkpoint.toStdString(), key = m_key.toStdString(), db = m_db.toStdString();
  ask<Ranked>(QT_TR_NOOP("Searching the library"), [state, prompts, checkpoint, key, db, query](JobContext& ctx) {
    const auto model = clip::shared_clip(ctx.models(), checkpoint);
    const library::Library& lib = state->open(db, key);
    std::vector<std::string> texts;
    for (const auto& p : prompts) texts.push_back(p.text);
    const auto embeddings = model->encode_texts(texts, true);
    std::vector<library::Term> terms;
    for (size_t i = 0; i < prompts.size(); ++i) terms.push_back({embeddings[i], prompts[i].weight});
    return rank(lib, terms, model->info().logit_scale, query);
  }, [this](const Ranked& r) { showRanked(r.query, r.items); });
}

void LibraryController::searchImage(const QString& path) {
  auto state = m_state;
  const std::string checkpoint = m_checkpoint.toStdString(), key = m_key.toStdString(), db = m_db.toStdString();
  const std::string file = path.toStdString();
  ask<Ranked>(QT_TR_NOOP("Searching the library"), [state, checkpoint, key, db, file, path](JobContext& ctx) {
    const auto model = clip::shared_clip(ctx.models(), checkpoint);
    const library::Library& lib = state->open(db, key);
    // An indexed image is its own query (no decoding); another file is read and encoded.
    std::vector<float> e = lib.find(file) ? lib.embedding(*lib.find(file))
                                          : model->encode_images({library::read_library_image(file)}).front();
    return rank(lib, {{std::move(e), 1.0}}, model->info().logit_scale, QFileInfo(path).fileName());
  }, [this](const Ranked& r) { showRanked(r.query, r.items); });
}

QStringList LibraryController::labelTemplates() const {
  // The templates that suit the model, as the CLIP tab's zero-shot page uses them: the mini-CLIP's
  // own caption forms, or CLIP's prompt-engineering ensemble.
  if (!m_mini) return ZeroShotPage::ensembleTemplates();
  QStringList templates;
  for (const auto& t : train::mini_clip_templates()) templates << QString::fromStdString(t);
  return templates;
}

void LibraryController::showRanked(const QString& query, const QVector<LibraryItem>& items) {
  m_panel->showResults(query, items);
  Q_EMIT searched(int(items.size()));
}

void LibraryController::duplicates(double threshold) {
  auto state = m_state;
  const std::string key = m_key.toStdString(), db = m_db.toStdString();
  ask<Groups>(QT_TR_NOOP("Finding duplicates"), [state, key, db, threshold] {
    Groups g;
    for (const auto& members : state->open(db, key).duplicates(threshold)) {
      QVector<LibraryItem> group;
      for (const auto& m : members) {
        LibraryItem i = item({m.path, m.bytes, m.width, m.height});
        i.cosine = i.score = m.cosine;
        group << i;
      }
      g.groups << group;
    }
    return g;
  }, [this](const Groups& g) {
    m_panel->showDuplicates(g.groups);
    Q_EMIT duplicatesFound(int(g.groups.size()));
  });
}

void LibraryController::map(const QString& query, int clusters, const QStringList& labels) {
  std::vector<guide::Prompt> prompts;
  if (!query.trimmed().isEmpty()) {
    try {
      prompts = guide::parse_prompts(query.toStdString());
    } catch (const Error& e) {
      return m_panel->showError(QString::fromStdString(e.what()));
    }
  }
  const QStringList templates = labelTemplates();
  auto state = m_state;
  const std::string checkpoint = m_checkpoint.toStdString(), key = m_key.toStdString(), db = m_db.toStdString();
  ask<LibraryMapData>(QT_TR_NOOP("Mapping the library"), [state, checkpoint, key, db, prompts, clusters, labels, templates](JobContext& ctx) {
    const auto model = clip::shared_clip(ctx.models(), checkpoint);
    const library::Library& lib = state->open(db, key);
    LibraryMapData m;
    std::vector<std::vector<float>> extra;
    for (const auto& p : prompts)
      if (p.weight > 0) {
        extra.push_back(model->encode_texts({p.text}, true).front());
        m.queryNames << QString::fromStdString(p.text);
      }
    const auto c = lib.clusters(clusters);
    // The clusters' centres go on the map too, after the query's points.
    std::vector<std::vector<float>> all = extra;
    all.insert(all.end(), c.centres.begin(), c.centres.end());
    const auto points = lib.pca2(all);
    const size_t n = lib.size();
    for (size_t i = 0; i < n; ++i) {
      m.points << QPointF(points[i][0], points[i][1]);
      m.paths << native(lib.entries()[i].path);
      m.cluster << c.of[i];
    }
    for (size_t q = 0; q < extra.size(); ++q) m.queryPoints << QPointF(points[n + q][0], points[n + q][1]);
    std::vector<library::Label> best;
    if (!labels.isEmpty()) {
      const auto embeddings = labelEmbeddings(*model, labels, templates);
      // A centre's best label: the softmax over the labels of its cosines.
      auto centres = library::Library::from_embeddings(std::vector<library::Entry>(c.centres.size()),
                                                       [&] {
                                                         std::vector<float> flat;
                                                         for (const auto& v : c.centres) flat.insert(flat.end(), v.begin(), v.end());
                                                         return flat;
                                                       }(),
                                                       lib.dim());
      best = centres.labels(embeddings, model->info().logit_scale);
    }
    for (size_t j = 0; j < c.centres.size(); ++j) {
      const QPointF centre(points[n + extra.size() + j][0], points[n + extra.size() + j][1]);
      m.clusterCentres << centre;
      m.clusterLabels << (j < best.size() ? QStringLiteral("%1 (%2)").arg(labels[best[j].label]).arg(best[j].probability, 0, 'f', 2)
                                          : QString::number(j + 1));
    }
    return m;
  }, [this](const LibraryMapData& m) {
    m_panel->showMap(m);
    Q_EMIT mapped(int(m.points.size()));
  });
}

void LibraryController::label(const QStringList& labels) {
  if (labels.isEmpty()) return m_panel->showError(tr("Write at least one label, one per line."));
  const QStringList templates = labelTemplates();
  auto state = m_state;
  const std::string checkpoint = m_checkpoint.toStdString(), key = m_key.toStdString(), db = m_db.toStdString();
  ask<Labelled>(QT_TR_NOOP("Labelling the library"), [state, checkpoint, key, db, labels, templates](JobContext& ctx) {
    const auto model = clip::shared_clip(ctx.models(), checkpoint);
    const library::Library& lib = state->open(db, key);
    const auto best = lib.labels(labelEmbeddings(*model, labels, templates), model->info().logit_scale);
    Labelled out;
    for (size_t i = 0; i < best.size(); ++i) {
      out.paths << native(lib.entries()[i].path);
      out.labels << labels[best[i].label];
      out.probability << best[i].probability;
    }
    return out;
  }, [this](const Labelled& l) {
    m_panel->showLabels(l.paths, l.labels, l.probability);
    Q_EMIT labelled(int(l.paths.size()));
  });
}

}  // namespace atelier
