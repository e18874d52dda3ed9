// The article's 2-D picture of cosine similarity: two vectors from the origin, their ends
// draggable, with theta and cos(theta) shown as they move.
#pragma once
#include <QPointF>
#include <QWidget>

namespace atelier {

class CosineDemo : public QWidget {
  Q_OBJECT
 public:
  explicit CosineDemo(QWidget* parent = nullptr);
  // Vectors in the demo's own units (the unit circle has radius 1).
  QPointF vectorA() const { return m_a; }
  QPointF vectorB() const { return m_b; }
  void setVectors(QPointF a, QPointF b);
  double cosine() const;
  double thetaDegrees() const;
  QSize sizeHint() const override { return {320, 320}; }

 Q_SIGNALS:
  void changed(double cosine, double thetaDegrees);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  QPointF toWidget(QPointF v) const;
  QPointF fromWidget(QPointF p) const;
  double scale() const;

  QPointF m_a{0.9, 0.3};
  QPointF m_b{0.4, 0.8};
  int m_dragging = 0;  // 0 none, 1 a, 2 b
};

}  // namespace atelier
