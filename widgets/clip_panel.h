// The CLIP tab: a prompt against a row of images (cosine, softmax, embeddings), a prompts x
// images table, zero-shot classification, and the cosine / softmax explainer.
#pragma once
#include <QList>
#include <QStringList>
#include <QWidget>

class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSlider;
class QTabWidget;
class QTimer;

namespace atelier {

class CosineDemo;
class HeatStrip;
class ImageCard;
class NoteBox;

class ClipPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ClipPanel(QWidget* parent = nullptr);

  NoteBox* note() const { return m_note; }
  QTabWidget* modes() const { return m_modes; }
  QString prompt() const;
  void setPrompt(const QString& prompt);
  QString tablePrompts() const;
  void setTablePrompts(const QString& prompts);
  // Adds the readable images; each unreadable one is reported through imageRejected.
  int addImages(const QStringList& paths);
  // Replaces the row with rendered images (the mini-CLIP's defaults).
  void setRenderedImages(const QList<QImage>& images, const QStringList& names);
  QStringList imagePaths() const;  // the files in the row (rendered images have none)
  QList<QImage> images() const;
  // Scores for the current prompt, one per image (empty to clear); embeddings raw.
  void showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                  const QList<QVector<double>>& images);
  void showScoreError(const QString& message);
  QVector<double> shownCosines() const { return m_cosines; }
  QVector<double> shownSoftmax() const { return m_softmax; }
  int bestImage() const;  // -1 when nothing is scored
  void removeImage(int index);
  // Whether a CLIP model is there to score with; reason says what to do when it isn't.
  void setModelAvailable(bool available, const QString& reason);

 Q_SIGNALS:
  void promptChanged(const QString& prompt);
  void imagesChanged(const QStringList& paths);
  void imageRejected(const QString& path, const QString& reason);
  void addImagesRequested();
  // Debounced: the prompt stopped changing, or the images changed.
  void scoreRequested(const QString& prompt);

 private:
  QWidget* buildRowPage();
  QWidget* buildTablePage();
  QWidget* buildZeroShotPage();
  QWidget* buildExplainPage();
  void updateSoftmaxDemo();
  void addCard(const QString& path, const QImage& image, const QString& label);

  NoteBox* m_note;
  QLabel* m_banner;
  QTabWidget* m_modes;
  QLineEdit* m_prompt = nullptr;
  QHBoxLayout* m_cards = nullptr;
  QList<ImageCard*> m_cardList;
  HeatStrip* m_promptStrip = nullptr;
  QPlainTextEdit* m_tablePrompts = nullptr;
  QList<QWidget*> m_needModel;
  CosineDemo* m_cosine = nullptr;
  QList<QDoubleSpinBox*> m_demoCosines;
  QList<QLabel*> m_demoShares;
  QSlider* m_scale = nullptr;
  QTimer* m_debounce = nullptr;
  QLabel* m_scoreError = nullptr;
  QVector<double> m_cosines, m_softmax;
  QLabel* m_scaleLabel = nullptr;
};

}  // namespace atelier
