// Shows one image as large as fits, aspect kept, sharp on high-DPI screens; a placeholder text
// when empty. Used for G(z), the evolving VQGAN frame and the CLIPDraw canvas.
#pragma once
#include <QImage>
#include <QWidget>

namespace atelier {

class ImageCanvas : public QWidget {
  Q_OBJECT
 public:
  explicit ImageCanvas(QWidget* parent = nullptr);
  void setImage(const QImage& image);
  QImage image() const { return m_image; }
  void setPlaceholder(const QString& text);
  QSize sizeHint() const override { return {384, 384}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage m_image;
  QString m_placeholder;
};

}  // namespace atelier
