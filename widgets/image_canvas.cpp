#include "image_canvas.h"

#include <QPainter>

namespace atelier {

ImageCanvas::ImageCanvas(QWidget* parent) : QWidget(parent) {
  setMinimumSize(128, 128);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageCanvas::setImage(const QImage& image) {
  m_image = image;
  update();
}

void ImageCanvas::setPlaceholder(const QString& text) {
  m_placeholder = text;
  update();
}

void ImageCanvas::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  if (m_image.isNull()) {
    p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
    p.drawRect(rect().adjusted(4, 4, -5, -5));
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    return;
  }
  QSize target = m_image.size().scaled(size(), Qt::KeepAspectRatio);
  QRect r(QPoint(0, 0), target);
  r.moveCenter(rect().center());
  // Small images (64 px renders) are shown as crisp pixels; large ones smoothly.
  bool upscale = target.width() > m_image.width() * 2;
  p.setRenderHint(QPainter::SmoothPixmapTransform, !upscale);
  p.drawImage(r, m_image);
}

}  // namespace atelier
