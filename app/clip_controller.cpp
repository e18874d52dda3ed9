#include "clip_controller.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

#include "clip/clip.h"
#include "clip_panel.h"
#include "engine_bridge.h"
#include "error_text.h"
#include "failed_models.h"
#include "image_convert.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "settings.h"
#include "train/datasets.h"

namespace atelier {

struct ClipController::State {
  std::shared_ptr<clip::Clip> model;  // from the worker's model cache
};

namespace {
QVector<double> toVector(const std::vector<float>& v) { return QVector<double>(v.begin(), v.end()); }
QVector<double> toVector(const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); }

std::vector<Image> toEngineImages(const QList<QImage>& images) {
  std::vector<Image> out;
  for (const QImage& im : images) out.push_back(toEngineImage(im));
  return out;
}
}  // namespace

ClipController::ClipController(EngineBridge* bridge, ClipPanel* panel, Settings* settings, std::shared_ptr<FailedModels> failed,
                               QObject* parent)
    : QObject(parent),
      m_bridge(bridge),
      m_panel(panel),
      m_settings(settings),
      m_state(std::make_shared<State>()),
      m_failed(failed ? std::move(failed) : std::make_shared<FailedModels>()) {
  qRegisterMetaType<atelier::ClipScores>();
  qRegisterMetaType<atelier::ClipTable>();
  qRegisterMetaType<atelier::ZeroShot>();
  if (m_panel) connectPanel();
}

ClipController::~ClipController() = default;

void ClipController::connectPanel() {
  ClipPanel* p = m_panel;
  connect(p, &ClipPanel::scoreRequested, this, [this, p](const QString& prompt) {
    if (m_ready) m_latestScore = score(prompt, p->images());
  });
  connect(this, &ClipController::scored, p, [this, p](const ClipScores& s) {
    if (s.generation != m_latestScore) return;  // a newer request is under way: this answer is stale
    if (!s.error.isEmpty()) p->showScoreError(s.error);
    else p->showScores(s.cosine, s.softmax, s.text, s.images);
  });
  connect(this, &ClipController::loaded, p, [this, p] {
    p->setModelAvailable(true, {});
    p->setModelNote(modelName(), m_embedDim);
    // Zero-shot templates that suit the model: the mini-CLIP's own caption forms, or CLIP's.
    if (isMiniClip()) {
      QStringList mine;
      for (const auto& t : train::mini_clip_templates()) mine << QString::fromStdString(t);
      p->setZeroShotTemplates(mine.first(), mine, tr("the mini-CLIP's own caption forms"));
    } else {
      p->setZeroShotTemplates(QStringLiteral("a photo of a {}"), ClipPanel::ensembleTemplates(), tr("CLIP's prompt engineering"));
    }
    // The mini-CLIP knows emoji and shapes, not photographs: show it renders of what it knows in
    // place of the example photos; before the user's own images, unless they removed the renders.
    qsizetype examples = p->exampleCount();
    for (const QString& path : p->imagePaths()) examples += examplePhotos().contains(path);
    const bool own = p->images().size() > examples;  // files or pasted images of the user's
    m_keepImages = own;
    if (isMiniClip() && (!own || !m_settings || m_settings->value(Settings::Key::ClipExamples).toBool()))
      renderDefaults();
    else
      m_latestScore = score(p->prompt(), p->images());
  });
  connect(p, &ClipPanel::resetExamplesRequested, this, &ClipController::resetExamples);
  connect(p, &ClipPanel::examplesRemoved, this, [this] {
    if (m_settings) m_settings->setValue(Settings::Key::ClipExamples, false);
  });
  connect(this, &ClipController::loadFailed, p, [p](const QString& message, bool kept) {
    if (kept) p->showScoreError(message);
    else p->setModelAvailable(false, tr("No CLIP model is loaded: %1").arg(message));
  });
  connect(this, &ClipController::defaultImages, p,
          [this, p](const QList<QImage>& images, const QStringList& names) { p->setRenderedImages(images, names, m_keepImages); });
  connect(p, &ClipPanel::tableRequested, this, [this, p](const QStringList& prompts) { table(prompts, p->images()); });
  connect(this, &ClipController::tableReady, p, [p](const ClipTable& t) {
    if (!t.error.isEmpty()) p->showTableError(t.error);
    else p->showTable(t.prompts, t.cosine, t.softmaxOverImages, t.softmaxOverPrompts);
  });
  connect(p, &ClipPanel::classifyRequested, this, [this, p](int image, const QStringList& labels, const QStringList& templates) {
    const QList<QImage> images = p->images();
    if (image >= 0 && image < images.size()) classify(images[image], labels, templates);
    else p->showZeroShotError(tr("That image is no longer in the row: choose another."));  // and the busy bar goes
  });
  connect(this, &ClipController::classified, p, [p](const ZeroShot& z) {
    // On the zero-shot page, where it was asked for, either way.
    if (z.error.isEmpty()) p->showZeroShot(z.labels, z.probability);
    else p->showZeroShotError(z.error);
  });
  connect(p, &ClipPanel::vocabularyRequested, this, &ClipController::miniVocabulary);
  connect(this, &ClipController::vocabularyReady, p, &ClipPanel::setZeroShotLabels);
}

bool ClipController::isMiniClip() const { return m_path.contains(QLatin1String("mini-clip")); }

QString ClipController::modelName() const {
  if (isMiniClip()) return tr("the mini-CLIP");
  // A checkpoint by its name (ViT-B-32.pt: ViT-B-32), a folder by its own; a file with a generic
  // name (a Hugging Face or taming-style folder's model.safetensors) by its folder's.
  const QFileInfo file(m_path);
  QString name = file.isDir() ? file.fileName() : file.completeBaseName();
  static const QStringList generic{QStringLiteral("model"), QStringLiteral("pytorch_model"), QStringLiteral("open_clip_pytorch_model"),
                                   QStringLiteral("checkpoint"), QStringLiteral("last")};
  if (!file.isDir() && generic.contains(name, Qt::CaseInsensitive)) name = file.dir().dirName();
  return name;
}

void ClipController::load(const QString& requested) {
  const bool had = m_ready;
  if (m_panel && !had) m_panel->setModelAvailable(false, tr("Loading CLIP…"));
  // The default: every mini-CLIP in the model folders in order (a user's own copy first), less
  // those that failed before and have not changed since. One broken file never stops the
  // program: the next one is tried, and the broken one is remembered and named.
  QStringList candidates, skipped;
  if (requested.isEmpty()) {
    for (const auto& p : default_clip_candidates()) {
      const QString path = QString::fromStdString(p.string());
      QString why;
      if (m_failed->failedBefore(path, &why)) skipped << tr("%1 (it failed before: %2)").arg(QDir::toNativeSeparators(path), why);
      else candidates << path;
    }
  } else {
    candidates << requested;
  }
  struct Loaded {
    QString path, description;
    int embedDim = 0;
    QList<QPair<QString, QString>> failures;  // path, message: tried before the one that loaded
  };
  auto state = m_state;
  m_bridge->ask<Loaded>(this, tr("Loading CLIP"), [state, requested, candidates](JobContext& ctx) {
    Loaded l;
    if (requested.isEmpty() && candidates.isEmpty()) clip::resolve_clip({});  // NotFound: says where models go
    for (const QString& candidate : candidates) {
      try {
        auto model = clip::shared_clip(ctx.models(), candidate.toStdString());
        state->model = model;  // only now: a failed load keeps the model that was working
        const auto& info = model->info();
        l.path = candidate;
        l.description = QString::fromStdString(info.architecture + ", " + info.format);
        l.embedDim = int(info.embed_dim);
        return l;
      } catch (...) {
        if (!requested.isEmpty() || current_exception_kind() == ErrorKind::Cancelled) throw;
        l.failures.append({candidate, QString::fromStdString(describe_current_exception())});
      }
    }
    return l;  // none loaded: the failures say why
  }, [this, had, requested, skipped](const Loaded& l, const EngineError& error) {
    for (const auto& [path, message] : l.failures) m_failed->recordFailure(path, message);
    QStringList broken = skipped;
    for (const auto& [path, message] : l.failures) broken << tr("%1: %2").arg(QDir::toNativeSeparators(path), message);
    if (!error.isNull() || l.path.isEmpty()) {
      const QString what = requested.isEmpty() ? tr("the default CLIP") : QFileInfo(requested).fileName();
      QString message = error.isNull() ? tr("No CLIP model could be loaded.") : errorMessage(error, what);
      if (!broken.isEmpty()) message += QLatin1Char(' ') + tr("Not loaded: %1.").arg(broken.join(QLatin1String("; ")));
      Q_EMIT loadFailed(message, had);
      return;
    }
    m_failed->forget(l.path);
    m_ready = true;
    m_path = l.path;
    m_embedDim = l.embedDim;
    Q_EMIT loaded(l.path, l.description);
    if (!broken.isEmpty())
      Q_EMIT fellBack(tr("Using %1; these could not be loaded: %2. Models ▸ Model Folders lists them.")
                          .arg(QDir::toNativeSeparators(l.path), broken.join(QLatin1String("; "))),
                      !l.failures.isEmpty());
  });
}

QHash<QString, QString> ClipController::failedModels() const { return m_failed->all(); }

qint64 ClipController::score(const QString& prompt, const QList<QImage>& images) {
  const qint64 generation = ++m_generation;
  auto state = m_state;
  m_bridge->ask<ClipScores>(this, tr("Scoring"), [state, prompt, generation, converted = toEngineImages(images)] {
    ClipScores s;
    s.generation = generation;
    s.prompt = prompt;
    if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
    clip::Clip& model = *state->model;
    s.logitScale = std::exp(model.info().logit_scale);
    const auto imageEmb = model.encode_images(converted);  // cached by content: usually free
    for (const auto& e : imageEmb) s.images << toVector(e);
    if (!prompt.trimmed().isEmpty()) {
      const auto textEmb = model.encode_texts({prompt.toStdString()});
      s.text = toVector(textEmb[0]);
      const auto cos = clip::cosine_matrix(textEmb, imageEmb);
      s.cosine = toVector(cos[0]);
      s.softmax = toVector(clip::softmax_rows(cos, model.info().logit_scale)[0]);
    }
    return s;
  }, [this, prompt, generation](ClipScores s, const EngineError& error) {
    if (!error.isNull()) {
      s = ClipScores{};
      s.generation = generation;
      s.prompt = prompt;
      s.error = errorMessage(error);
    }
    Q_EMIT scored(s);
  });
  return generation;
}

void ClipController::table(const QStringList& prompts, const QList<QImage>& images) {
  auto state = m_state;
  m_bridge->ask<ClipTable>(this, tr("Scoring the table"), [state, prompts, converted = toEngineImages(images)] {
    if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
    if (prompts.isEmpty() || converted.empty())
      throw Error(ErrorKind::InvalidArgument, "the table needs prompts (one per line) and images");
    clip::Clip& model = *state->model;
    std::vector<std::string> texts;
    for (const QString& p : prompts) texts.push_back(p.toStdString());
    const auto cos = clip::cosine_matrix(model.encode_texts(texts), model.encode_images(converted));
    const double raw = model.info().logit_scale;
    const auto rows = clip::softmax_rows(cos, raw), columns = clip::softmax_columns(cos, raw);
    ClipTable t;
    t.prompts = prompts;
    t.logitScale = std::exp(raw);
    for (size_t i = 0; i < cos.size(); ++i) {
      t.cosine << toVector(cos[i]);
      t.softmaxOverImages << toVector(rows[i]);
      t.softmaxOverPrompts << toVector(columns[i]);
    }
    return t;
  }, [this, prompts](ClipTable t, const EngineError& error) {
    if (!error.isNull()) {
      t = ClipTable{};
      t.prompts = prompts;
      t.error = errorMessage(error);
    }
    Q_EMIT tableReady(t);
  });
}

void ClipController::classify(const QImage& image, const QStringList& labels, const QStringList& templates) {
  auto state = m_state;
  m_bridge->ask<ZeroShot>(this, tr("Classifying"), [state, converted = toEngineImage(image), labels, templates] {
    if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
    std::vector<std::string> l, t;
    for (const QString& s : labels) l.push_back(s.toStdString());
    for (const QString& s : templates) t.push_back(s.toStdString());
    ZeroShot z;
    z.labels = labels;
    z.templates = templates;
    z.probability = toVector(clip::zero_shot(*state->model, {converted}, l, t)[0]);
    return z;
  }, [this, labels, templates](ZeroShot z, const EngineError& error) {
    // The panel shows an error on the zero-shot page (connectPanel).
    if (!error.isNull()) z = ZeroShot{labels, errorMessage(error), {}, templates};
    Q_EMIT classified(z);
  });
}

void ClipController::miniVocabulary() {
  m_bridge->ask<QStringList>(this, tr("Listing labels"), [] {
    QStringList labels;
    for (const auto& c : train::colour_names())
      for (const auto& s : train::shape_names()) labels << QString::fromStdString(c + " " + s);
    try {
      // Held here: the range-for would otherwise iterate a temporary's entries after it is gone.
      const std::shared_ptr<train::EmojiSet> emoji = train::EmojiSet::load();
      for (const auto& e : emoji->entries()) labels << QString::fromStdString(e.name);
    } catch (const Error&) {
      // Without the emoji font: the shapes alone.
    }
    return labels;
  }, [this](const QStringList& labels, const EngineError&) { Q_EMIT vocabularyReady(labels); });
}

QStringList ClipController::examplePhotos() {
  const QDir photos(QString::fromStdString((data_dir() / "photos").string()));
  QStringList files;
  for (const char* f : {"cat.png", "coffee.png", "rocket.jpg", "astronaut.png"}) files << photos.filePath(QLatin1String(f));
  return files;
}

void ClipController::resetExamples() {
  // The examples are the row again, at this start and the next ones.
  if (m_settings) {
    m_settings->setValue(Settings::Key::ClipImages, QStringList());
    m_settings->setValue(Settings::Key::ClipExamples, true);
  }
  if (!m_panel) return;
  m_keepImages = false;
  if (m_ready && isMiniClip()) return renderDefaults();  // they replace the whole row when they come
  m_panel->setRenderedImages({}, {});
  m_panel->addImages(examplePhotos());
}

void ClipController::renderDefaults() {
  using Renders = QPair<QList<QImage>, QStringList>;
  m_bridge->ask<Renders>(this, tr("Rendering images"), [] {
    Renders r;
    auto emoji = train::EmojiSet::load();
    for (const char* name : {"rocket", "cat face", "red apple"}) {
      for (size_t i = 0; i < emoji->size(); ++i)
        if (emoji->entries()[i].name == name) {
          r.first << toQImage(emoji->render(i, 1, 0, 128, false).image);
          r.second << QString::fromLatin1(name);
        }
    }
    r.first << toQImage(train::render_shape(0, 0, 4, 128, 1).image) << toQImage(train::render_shape(1, 2, 4, 128, 1).image);
    r.second << QStringLiteral("red circle") << QStringLiteral("blue square");
    return r;
  }, [this](const Renders& r, const EngineError&) {
    // Without the emoji font the photos stay.
    if (!r.first.isEmpty()) Q_EMIT defaultImages(r.first, r.second);
  });
}

}  // namespace atelier
