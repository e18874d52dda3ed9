// An A/B compare of two runs' images, opened from the history gallery: side by side, or one over
// the other with a slider that wipes between them (A left of the line, B right of it).
#pragma once
#include <QDialog>
#include <QImage>
#include <QString>

class QComboBox;
class QLabel;
class QSlider;

namespace atelier {

class CompareDialog : public QDialog {
  Q_OBJECT
 public:
  explicit CompareDialog(QWidget* parent = nullptr);
  void setImages(const QImage& a, const QString& captionA, const QImage& b, const QString& captionB);
  void setSideBySide(bool on);  // the mode box (objectName "compareMode")
  bool sideBySide() const;
  void setWipe(int percent);  // the slider (objectName "wipeSlider"): 0 all B, 100 all A
  int wipe() const;
  // What the wipe shows at side × side pixels: A left of the line at wipe() %, B right of it.
  QImage wiped(int side) const;
  QImage imageA() const { return m_a; }
  QImage imageB() const { return m_b; }

 private:
  class Canvas;
  Canvas* m_canvas;
  QComboBox* m_mode;
  QSlider* m_slider;
  QLabel* m_captions;
  QImage m_a, m_b;
};

}  // namespace atelier
