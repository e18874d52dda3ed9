// The CLIP tab's zero-shot page: an image of the row classified among labels (typed, a preset
// such as CIFAR-10, or the mini-CLIP's vocabulary) through a prompt template or CLIP's ensemble
// of templates; the top k as bars.
#pragma once
#include <QList>
#include <QPair>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace atelier {

class ZeroShotPage : public QWidget {
  Q_OBJECT
 public:
  explicit ZeroShotPage(QWidget* parent = nullptr);

  static QStringList cifar10();
  static QStringList cifar100();
  // CLIP's ensemble of ImageNet prompt templates (18 of the prompt-engineering notebook's 80).
  static QStringList ensembleTemplates();

  void setImageChoices(const QStringList& names);  // the row's images, by name
  void setLabels(const QStringList& labels);
  void setEnsemble(bool on);
  // The loaded model's templates: the single one (replacing the field unless the user edited it)
  // and the ensemble. CLIP's photo templates suit OpenAI's models; the mini-CLIP never saw "a photo
  // of", so it gets the templates of its own captions.
  // source: where the ensemble comes from, shown beside it ("CLIP's prompt engineering").
  void setTemplates(const QString& single, const QStringList& ensemble, const QString& source);
  QStringList ensemble() const { return m_ensembleTemplates; }
  // classifyRequested and the busy bar until the answer, or a word on what is missing.
  void requestClassification();
  void showResult(const QStringList& labels, const QVector<double>& probability);
  void showError(const QString& message);  // the classification failed: why, and the busy bar goes
  bool busy() const;  // between a request and its answer
  QList<QPair<QString, double>> topK() const { return m_topk; }
  QCustomPlot* bars() const { return m_bars; }
  void setModelAvailable(bool available);

 Q_SIGNALS:
  void classifyRequested(int image, const QStringList& labels, const QStringList& templates);
  void vocabularyRequested();  // the mini-CLIP's own labels

 protected:
  void changeEvent(QEvent* event) override;  // a theme switch restyles the bars

 private:
  void restyle();

  QComboBox* m_image = nullptr;
  QComboBox* m_preset = nullptr;
  QPlainTextEdit* m_labels = nullptr;
  QLineEdit* m_template = nullptr;
  QCheckBox* m_ensemble = nullptr;
  QSpinBox* m_topkBox = nullptr;
  QPushButton* m_classify = nullptr;
  QStackedWidget* m_stack = nullptr;  // a word on what goes here, then the bars
  QCustomPlot* m_bars = nullptr;
  QLabel* m_info = nullptr;
  QProgressBar* m_busy = nullptr;  // indeterminate: a thousand labels take seconds on a CPU
  QList<QPair<QString, double>> m_topk;
  QString m_defaultTemplate;
  QStringList m_ensembleTemplates;
};

}  // namespace atelier
