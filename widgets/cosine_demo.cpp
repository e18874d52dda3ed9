#include "cosine_demo.h"

#include <QMouseEvent>
#include <QPainter>
#include <QtMath>

#include <cmath>

namespace atelier {

CosineDemo::CosineDemo(QWidget* parent) : QWidget(parent) {
  setMinimumSize(200, 200);
  setMouseTracking(true);
  setToolTip(tr("Drag the ends of the two arrows"));
}

void CosineDemo::setVectors(QPointF a, QPointF b) {
  m_a = a;
  m_b = b;
  update();
  Q_EMIT changed(cosine(), thetaDegrees());
}

double CosineDemo::cosine() const {
  double na = std::hypot(m_a.x(), m_a.y()), nb = std::hypot(m_b.x(), m_b.y());
  if (na == 0 || nb == 0) return 0.0;
  return (m_a.x() * m_b.x() + m_a.y() * m_b.y()) / (na * nb);
}

double CosineDemo::thetaDegrees() const { return qRadiansToDegrees(std::acos(std::clamp(cosine(), -1.0, 1.0))); }

double CosineDemo::scale() const { return 0.42 * std::min(width(), height()); }

QPointF CosineDemo::toWidget(QPointF v) const {
  return QPointF(width() / 2.0 + v.x() * scale(), height() / 2.0 - v.y() * scale());
}

QPointF CosineDemo::fromWidget(QPointF p) const {
  return QPointF((p.x() - width() / 2.0) / scale(), (height() / 2.0 - p.y()) / scale());
}

void CosineDemo::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  p.fillRect(rect(), pal.color(QPalette::Base));
  QPointF o = toWidget({0, 0});
  p.setPen(QPen(pal.color(QPalette::Mid), 1));
  p.drawLine(QPointF(0, o.y()), QPointF(width(), o.y()));
  p.drawLine(QPointF(o.x(), 0), QPointF(o.x(), height()));
  p.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DashLine));
  p.drawEllipse(o, scale(), scale());

  // The angle between the two vectors, as an arc.
  double angA = std::atan2(m_a.y(), m_a.x()), angB = std::atan2(m_b.y(), m_b.x());
  double span = angB - angA;
  while (span > M_PI) span -= 2 * M_PI;
  while (span < -M_PI) span += 2 * M_PI;
  QRectF arc(o.x() - 30, o.y() - 30, 60, 60);
  p.setPen(QPen(pal.color(QPalette::Text), 1.5));
  p.drawArc(arc, int(qRadiansToDegrees(angA) * 16), int(qRadiansToDegrees(span) * 16));

  auto arrow = [&](QPointF v, QColor c, const QString& name) {
    QPointF tip = toWidget(v);
    p.setPen(QPen(c, 3));
    p.drawLine(o, tip);
    p.setBrush(c);
    p.drawEllipse(tip, 6, 6);
    p.setPen(pal.color(QPalette::Text));
    p.drawText(tip + QPointF(10, -10), name);
  };
  // The palette is read at each paint, so a theme switch repaints it in the new colours; the
  // arrows' blue and red are lightened on a dark background to stay readable.
  const bool dark = pal.color(QPalette::Base).lightness() < 128;
  arrow(m_a, dark ? QColor(0x1f77b4).lighter(150) : QColor(0x1f77b4), QStringLiteral("x"));
  arrow(m_b, dark ? QColor(0xd62728).lighter(130) : QColor(0xd62728), QStringLiteral("y"));

  p.setPen(pal.color(QPalette::Text));
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 1.2);
  p.setFont(f);
  p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignLeft | Qt::AlignTop,
             tr("θ = %1°\ncos θ = %2").arg(thetaDegrees(), 0, 'f', 1).arg(cosine(), 0, 'f', 3));
}

void CosineDemo::mousePressEvent(QMouseEvent* event) {
  QPointF pos = event->position();
  double da = QLineF(pos, toWidget(m_a)).length(), db = QLineF(pos, toWidget(m_b)).length();
  if (std::min(da, db) < 16) m_dragging = da <= db ? 1 : 2;
}

void CosineDemo::mouseMoveEvent(QMouseEvent* event) {
  if (!m_dragging) return;
  QPointF v = fromWidget(event->position());
  if (std::hypot(v.x(), v.y()) < 0.05) return;  // a zero vector has no direction
  (m_dragging == 1 ? m_a : m_b) = v;
  update();
  Q_EMIT changed(cosine(), thetaDegrees());
}

void CosineDemo::mouseReleaseEvent(QMouseEvent*) { m_dragging = 0; }

}  // namespace atelier
