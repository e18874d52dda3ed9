// The CLIP tab's first page: a prompt against a row of images (files, drops, the clipboard), each
// with its cosine and softmax share, and the embeddings as heat strips (raw, normalised, or the
// prompt minus an image), copied or exported as numbers or JSON.
#pragma once
#include <QImage>
#include <QList>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QMimeData;
class QTimer;

namespace atelier {

class HeatStrip;
class ImageCard;

class ClipRowPage : public QWidget {
  Q_OBJECT
 public:
  explicit ClipRowPage(QWidget* parent = nullptr);

  QString prompt() const;
  void setPrompt(const QString& prompt);
  // Adds the readable images; each unreadable one is reported through imageRejected.
  int addImages(const QStringList& paths);
  // The example renders (the mini-CLIP's defaults): they replace the row, or with keepOthers
  // they replace only the earlier examples and go before the user's images.
  void setRenderedImages(const QList<QImage>& images, const QStringList& names, bool keepOthers = false);
  int exampleCount() const { return int(m_examples.size()); }
  void addImage(const QImage& image, const QString& name);
  void removeImage(int index);
  void moveImage(int index, int delta);
  QStringList imagePaths() const;
  QList<QImage> images() const;
  QStringList imageNames() const;
  bool pasteFromClipboard();
  void drop(const QMimeData* mime);  // files, or else an image, dropped on the tab

  void showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                  const QList<QVector<double>>& images);
  void showScoreError(const QString& message);
  QVector<double> cosines() const { return m_cosines; }
  QVector<double> softmax() const { return m_softmax; }
  int bestImage() const;

  void setEmbeddingView(bool normalised, int differenceWith);
  QVector<double> shownPromptStrip() const;
  QString embeddingsCsv() const;
  QString embeddingsJson() const;
  bool exportEmbeddings(const QString& path);

 Q_SIGNALS:
  void promptChanged(const QString& prompt);
  void imagesChanged(const QStringList& paths);
  void imageRejected(const QString& path, const QString& reason);
  void addImagesRequested();
  void resetExamplesRequested();  // the Reset to Examples button
  void examplesRemoved();         // the user removed the last example render
  void scoreRequested(const QString& prompt);  // debounced

 private:
  void addCard(const QString& path, const QImage& image, const QString& label, int at = -1);  // -1: at the end
  void updatePromptStrip();
  void refreshDifferenceChoices();

  QLineEdit* m_prompt = nullptr;
  QTimer* m_debounce = nullptr;
  QLabel* m_scoreError = nullptr;
  QHBoxLayout* m_cards = nullptr;
  QList<ImageCard*> m_cardList;
  QList<ImageCard*> m_examples;  // the cards of setRenderedImages, still in the row
  HeatStrip* m_promptStrip = nullptr;
  QComboBox* m_embView = nullptr;
  QComboBox* m_diffWith = nullptr;
  QVector<double> m_cosines, m_softmax;
  // The embeddings, raw as the model gave them.
  QVector<double> m_text;
  QList<QVector<double>> m_imageEmb;
};

}  // namespace atelier
