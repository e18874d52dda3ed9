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
  QStringList imagePaths() const;
  void removeImage(int index);
  // Whether a CLIP model is there to score with; reason says what to do when it isn't.
  void setModelAvailable(bool available, const QString& reason);

 Q_SIGNALS:
  void promptChanged(const QString& prompt);
  void imagesChanged(const QStringList& paths);
  void imageRejected(const QString& path, const QString& reason);
  void addImagesRequested();

 private:
  QWidget* buildRowPage();
  QWidget* buildTablePage();
  QWidget* buildZeroShotPage();
  QWidget* buildExplainPage();
  void updateSoftmaxDemo();

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
  QLabel* m_scaleLabel = nullptr;
};

}  // namespace atelier
