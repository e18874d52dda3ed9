#include "clip_scorer.h"

#include <QMetaObject>
#include <QPointer>

#include <cmath>

#include "clip/clip.h"
#include "engine_bridge.h"
#include "image_convert.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "train/datasets.h"

namespace atelier {

struct ClipScorer::State {
  std::unique_ptr<clip::Clip> model;
};

namespace {
QVector<double> toVector(const std::vector<float>& v) { return QVector<double>(v.begin(), v.end()); }
}  // namespace

ClipScorer::ClipScorer(EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_state(std::make_shared<State>()) {
  qRegisterMetaType<atelier::ClipScores>();
  qRegisterMetaType<atelier::ClipTable>();
  qRegisterMetaType<atelier::ZeroShot>();
}

void ClipScorer::table(const QStringList& prompts, const QList<QImage>& images) {
  std::vector<Image> converted;
  for (const QImage& im : images) converted.push_back(toEngineImage(im));
  QPointer<ClipScorer> self(this);
  auto state = m_state;
  m_bridge->submitTask(tr("Scoring the table"), [self, state, prompts, converted = std::move(converted)](JobContext&) {
    ClipTable t;
    t.prompts = prompts;
    try {
      if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
      if (prompts.isEmpty() || converted.empty()) throw Error(ErrorKind::InvalidArgument, "the table needs prompts (one per line) and images");
      clip::Clip& model = *state->model;
      std::vector<std::string> texts;
      for (const QString& p : prompts) texts.push_back(p.toStdString());
      const auto cos = clip::cosine_matrix(model.encode_texts(texts), model.encode_images(converted));
      const double scale = std::exp(model.info().logit_scale);
      t.logitScale = scale;
      const auto rows = clip::softmax_rows(cos, model.info().logit_scale);
      for (size_t i = 0; i < cos.size(); ++i) {
        t.cosine << QVector<double>(cos[i].begin(), cos[i].end());
        t.softmaxOverImages << QVector<double>(rows[i].begin(), rows[i].end());
        t.softmaxOverPrompts << QVector<double>(int(cos[i].size()), 0.0);
      }
      for (size_t j = 0; j < converted.size(); ++j) {  // per image, over the prompts
        double top = -1e300, sum = 0;
        for (size_t i = 0; i < cos.size(); ++i) top = std::max(top, scale * cos[i][j]);
        for (size_t i = 0; i < cos.size(); ++i) sum += std::exp(scale * cos[i][j] - top);
        for (size_t i = 0; i < cos.size(); ++i) t.softmaxOverPrompts[int(i)][int(j)] = std::exp(scale * cos[i][j] - top) / sum;
      }
    } catch (...) {
      t.error = QString::fromStdString(describe_current_exception());
    }
    QMetaObject::invokeMethod(self, [self, t] {
      if (self) Q_EMIT self->tableReady(t);
    }, Qt::QueuedConnection);
  });
}

void ClipScorer::classify(const QImage& image, const QStringList& labels, const QStringList& templates) {
  const Image converted = toEngineImage(image);
  QPointer<ClipScorer> self(this);
  auto state = m_state;
  m_bridge->submitTask(tr("Classifying"), [self, state, converted, labels, templates](JobContext&) {
    ZeroShot z;
    z.labels = labels;
    z.templates = templates;
    try {
      if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
      if (labels.isEmpty()) throw Error(ErrorKind::InvalidArgument, "give labels, one per line");
      if (templates.isEmpty()) throw Error(ErrorKind::InvalidArgument, "give a template with {} where the label goes");
      clip::Clip& model = *state->model;
      const auto img = model.encode_images({converted});
      std::vector<clip::Embedding> classes;
      for (const QString& label : labels) {
        std::vector<std::string> texts;
        for (const QString& t : templates) texts.push_back(QString(t).replace(QStringLiteral("{}"), label).toStdString());
        const auto emb = model.encode_texts(texts, true);
        clip::Embedding mean(emb[0].size(), 0.0f);
        for (const auto& e : emb) {
          double n = 0;
          for (float v : e) n += double(v) * v;
          n = std::sqrt(n);
          for (size_t k = 0; k < e.size(); ++k) mean[k] += float(e[k] / n);
        }
        classes.push_back(std::move(mean));  // cosine_matrix normalises the mean again
      }
      const auto soft = clip::softmax_rows(clip::cosine_matrix(img, classes), model.info().logit_scale);
      z.probability = QVector<double>(soft[0].begin(), soft[0].end());
    } catch (...) {
      z.error = QString::fromStdString(describe_current_exception());
    }
    QMetaObject::invokeMethod(self, [self, z] {
      if (self) Q_EMIT self->classified(z);
    }, Qt::QueuedConnection);
  });
}

void ClipScorer::miniVocabulary() {
  QPointer<ClipScorer> self(this);
  m_bridge->submitTask(tr("Listing labels"), [self](JobContext&) {
    QStringList labels;
    for (const auto& c : train::colour_names())
      for (const auto& s : train::shape_names()) labels << QString::fromStdString(c + " " + s);
    try {
      for (const auto& e : train::EmojiSet::load()->entries()) labels << QString::fromStdString(e.name);
    } catch (...) {
      // Without the emoji font: the shapes alone.
    }
    QMetaObject::invokeMethod(self, [self, labels] {
      if (self) Q_EMIT self->vocabularyReady(labels);
    }, Qt::QueuedConnection);
  });
}

ClipScorer::~ClipScorer() = default;

bool ClipScorer::isMiniClip() const { return m_path.contains(QLatin1String("mini-clip")); }

void ClipScorer::load(const QString& requested) {
  m_ready = false;
  QPointer<ClipScorer> self(this);
  auto state = m_state;
  m_bridge->submitTask(tr("Loading CLIP"), [self, state, requested](JobContext&) {
    std::filesystem::path path = requested.toStdString();
    if (path.empty()) path = find_default_clip();
    QString error, description;
    try {
      if (path.empty())
        throw Error(ErrorKind::NotFound, "no CLIP model is installed; Models ▸ Model Folders shows where checkpoints go");
      auto model = std::make_unique<clip::Clip>(clip::Clip::load(path));
      const auto& info = model->info();
      description = QString::fromStdString(info.architecture + ", " + info.format);
      state->model = std::move(model);
    } catch (...) {
      error = QString::fromStdString(describe_current_exception());
    }
    const QString where = QString::fromStdString(path.string());
    QMetaObject::invokeMethod(self, [self, error, description, where] {
      if (!self) return;
      if (!error.isEmpty()) {
        Q_EMIT self->loadFailed(error);
        return;
      }
      self->m_ready = true;
      self->m_path = where;
      Q_EMIT self->loaded(where, description);
    }, Qt::QueuedConnection);
  });
}

qint64 ClipScorer::score(const QString& prompt, const QList<QImage>& images) {
  const qint64 generation = ++m_generation;
  std::vector<Image> converted;
  for (const QImage& im : images) converted.push_back(toEngineImage(im));
  QPointer<ClipScorer> self(this);
  auto state = m_state;
  m_bridge->submitTask(tr("Scoring"), [self, state, prompt, generation, converted = std::move(converted)](JobContext&) {
    ClipScores s;
    s.generation = generation;
    s.prompt = prompt;
    try {
      if (!state->model) throw Error(ErrorKind::NotFound, "no CLIP model is loaded");
      clip::Clip& model = *state->model;
      s.logitScale = std::exp(model.info().logit_scale);
      const auto imageEmb = model.encode_images(converted);  // cached by content: usually free
      for (const auto& e : imageEmb) s.images << toVector(e);
      if (!prompt.trimmed().isEmpty()) {
        const auto textEmb = model.encode_texts({prompt.toStdString()});
        s.text = toVector(textEmb[0]);
        const auto cos = clip::cosine_matrix(textEmb, imageEmb);
        const auto soft = clip::softmax_rows(cos, model.info().logit_scale);
        s.cosine = QVector<double>(cos[0].begin(), cos[0].end());
        s.softmax = QVector<double>(soft[0].begin(), soft[0].end());
      }
    } catch (...) {
      s.error = QString::fromStdString(describe_current_exception());
    }
    QMetaObject::invokeMethod(self, [self, s] {
      if (self) Q_EMIT self->scored(s);
    }, Qt::QueuedConnection);
  });
  return generation;
}

void ClipScorer::renderDefaults() {
  QPointer<ClipScorer> self(this);
  m_bridge->submitTask(tr("Rendering images"), [self](JobContext&) {
    QList<QImage> images;
    QStringList names;
    try {
      auto emoji = train::EmojiSet::load();
      for (const char* name : {"rocket", "cat face", "red apple"}) {
        for (size_t i = 0; i < emoji->size(); ++i)
          if (emoji->entries()[i].name == name) {
            images << toQImage(emoji->render(i, 1, 0, 128, false).image);
            names << QString::fromLatin1(name);
          }
      }
      images << toQImage(train::render_shape(0, 0, 4, 128, 1).image) << toQImage(train::render_shape(1, 2, 4, 128, 1).image);
      names << QStringLiteral("red circle") << QStringLiteral("blue square");
    } catch (...) {
      // Without the emoji font the photos stay; nothing to report beyond the log.
    }
    QMetaObject::invokeMethod(self, [self, images, names] {
      if (self && !images.isEmpty()) Q_EMIT self->defaultImages(images, names);
    }, Qt::QueuedConnection);
  });
}

}  // namespace atelier
