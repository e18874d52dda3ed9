// The CLIP tab's controller: it loads a CLIP (from the worker's model cache, shared with the
// other tabs), scores the panel's prompt against its images, fills the table and the zero-shot
// page, all as short tasks that the worker answers even while another tab's run paints.
// Requests carry a generation number so a stale answer is dropped; the GUI thread never waits.
// A failed load keeps the model that was working.
#pragma once
#include <QHash>
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>

namespace atelier {

class ClipPanel;
class EngineBridge;
class FailedModels;
class Settings;
struct EngineError;

struct ClipScores {
  qint64 generation = 0;
  QString prompt;
  QString error;                      // e.g. the prompt is too long; scores are empty then
  QVector<double> cosine, softmax;    // one per image
  QVector<double> text;               // the prompt's embedding (raw)
  QList<QVector<double>> images;      // each image's embedding (raw)
  double logitScale = 0;              // exp(logit_scale)
};

// Prompts x images: cosines, and softmax both ways (over the images per prompt, over the prompts
// per image), each scaled by exp(logit_scale).
struct ClipTable {
  QStringList prompts;
  QString error;
  QList<QVector<double>> cosine, softmaxOverImages, softmaxOverPrompts;  // [prompt][image]
  double logitScale = 0;
};

// One image classified among labels: every label's probability, in the labels' order.
struct ZeroShot {
  QStringList labels;
  QString error;
  QVector<double> probability;
  QStringList templates;  // the templates that were averaged
};

class ClipController : public QObject {
  Q_OBJECT
 public:
  // panel and settings may be null (tests drive the controller alone).
  // failed: the record of model files that failed to load, shared with the other tabs (null: its own).
  ClipController(EngineBridge* bridge, ClipPanel* panel, Settings* settings, std::shared_ptr<FailedModels> failed = nullptr,
                 QObject* parent = nullptr);
  ~ClipController() override;

  // A checkpoint, a folder (Hugging Face or the mini-CLIP's) or empty for the default model.
  void load(const QString& path = {});
  bool ready() const { return m_ready; }
  QString modelPath() const { return m_path; }
  bool isMiniClip() const;
  // The loaded model as the texts name it ("the mini-CLIP", "ViT-B-32") and its embedding's length.
  QString modelName() const;
  int embedDim() const { return m_embedDim; }
  // Model files that failed to load and have not changed since: path -> why.
  QHash<QString, QString> failedModels() const;
  // Scores prompt against images on the worker; the answer comes as scored(). Returns its generation.
  qint64 score(const QString& prompt, const QList<QImage>& images);
  // The mini-CLIP's default images (renders of its datasets), answered by defaultImages().
  void renderDefaults();
  // The row's examples back in place of its images (the renders for the mini-CLIP, the example
  // photos for other CLIPs), also at the next start: the panel's Reset to Examples.
  void resetExamples();
  // The photos the row starts with (the shipped ones; MainWindow's defaultPhotos).
  static QStringList examplePhotos();
  // Prompts x images, answered by tableReady().
  void table(const QStringList& prompts, const QList<QImage>& images);
  // image among labels (clip::zero_shot), answered by classified().
  void classify(const QImage& image, const QStringList& labels, const QStringList& templates);
  // The names the mini-CLIP was trained on (shapes, colours, emoji), answered by vocabularyReady().
  void miniVocabulary();

 Q_SIGNALS:
  void loaded(const QString& path, const QString& description);
  // The load failed; keptModel says whether the model loaded before is still in use.
  void loadFailed(const QString& message, bool keptModel);
  // The default model loaded, but not the first choice: message names what failed and why;
  // fresh: something failed just now (not only files remembered from an earlier start).
  void fellBack(const QString& message, bool fresh);
  void scored(const atelier::ClipScores& scores);
  void defaultImages(const QList<QImage>& images, const QStringList& names);
  void tableReady(const atelier::ClipTable& table);
  void classified(const atelier::ZeroShot& result);
  void vocabularyReady(const QStringList& labels);

 private:
  void connectPanel();
  struct State;
  EngineBridge* m_bridge;
  ClipPanel* m_panel;
  Settings* m_settings;
  std::shared_ptr<State> m_state;  // touched by tasks on the worker thread only
  std::shared_ptr<FailedModels> m_failed;
  bool m_ready = false;
  QString m_path;
  int m_embedDim = 0;
  qint64 m_generation = 0;
  qint64 m_latestScore = 0;
  bool m_keepImages = false;  // the renders go before the row's images (the user's own)
};

}  // namespace atelier

Q_DECLARE_METATYPE(atelier::ClipScores)
Q_DECLARE_METATYPE(atelier::ClipTable)
Q_DECLARE_METATYPE(atelier::ZeroShot)
