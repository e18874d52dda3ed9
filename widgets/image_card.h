// One image of the Similarity row: the picture, its name, its cosine similarity and softmax
// share for the current prompt, and its embedding as a heat strip.
#pragma once
#include <QImage>
#include <QWidget>

class QLabel;
class QToolButton;

namespace atelier {

class HeatStrip;

class ImageCard : public QWidget {
  Q_OBJECT
 public:
  // A card's fixed width: its picture (168 px) and margins. What a row of n cards needs.
  static constexpr int kWidth = 168 + 12;
  // path: the file shown, or empty for a rendered image named by label.
  ImageCard(const QString& path, const QImage& image, QWidget* parent = nullptr, const QString& label = {});
  QString path() const { return m_path; }
  QImage image() const { return m_image; }
  // NaN clears the scores (no model, or no prompt).
  void setScores(double cosine, double softmax);
  void setHighlighted(bool best);
  void setEmbedding(const QVector<double>& values, double limit);
  HeatStrip* embedding() const { return m_strip; }
  QString name() const { return m_name; }

 Q_SIGNALS:
  void removeRequested(ImageCard* card);
  void moveRequested(ImageCard* card, int delta);  // -1: left, +1: right

 private:
  QString m_path;
  QString m_name;
  QImage m_image;
  QLabel* m_picture;
  QLabel* m_cosine;
  QLabel* m_softmax;
  HeatStrip* m_strip;
};

}  // namespace atelier
