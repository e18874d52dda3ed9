#include "compare_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>

namespace atelier {

namespace {
// Both images on one square, so runs of different sizes line up (nearest: a 64-pixel run shows
// its pixels, not a blur).
QImage fitted(const QImage& image, int side) {
  return image.isNull() ? QImage() : image.scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation);
}
}  // namespace

// Paints the two images: side by side, or B under A cut at the wipe line. Dragging moves the line.
class CompareDialog::Canvas : public QWidget {
 public:
  explicit Canvas(CompareDialog* owner) : QWidget(owner), m_owner(owner) {
    setMinimumSize(320, 240);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    if (m_owner->sideBySide()) {
      const int side = std::max(1, std::min(width() / 2 - 8, height()));
      const int top = (height() - side) / 2, left = (width() - 2 * side - 8) / 2;
      p.drawImage(left, top, fitted(m_owner->m_a, side));
      p.drawImage(left + side + 8, top, fitted(m_owner->m_b, side));
      return;
    }
    const QRect square = this->square();
    p.drawImage(square.topLeft(), m_owner->wiped(square.width()));
    const int x = square.left() + square.width() * m_owner->wipe() / 100;
    p.setPen(QPen(palette().highlight(), 2));
    p.drawLine(x, square.top(), x, square.bottom());
  }
  void mousePressEvent(QMouseEvent* e) override { drag(e); }
  void mouseMoveEvent(QMouseEvent* e) override { drag(e); }

 private:
  QRect square() const {
    const int side = std::max(1, std::min(width(), height()));
    return QRect((width() - side) / 2, (height() - side) / 2, side, side);
  }
  void drag(QMouseEvent* e) {
    if (m_owner->sideBySide()) return;
    const QRect s = square();
    m_owner->setWipe(int(100.0 * (e->position().x() - s.left()) / s.width() + 0.5));
  }
  CompareDialog* m_owner;
};

CompareDialog::CompareDialog(QWidget* parent)
    : QDialog(parent),
      m_canvas(new Canvas(this)),
      m_mode(new QComboBox(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_captions(new QLabel(this)) {
  setWindowTitle(tr("Compare Runs"));
  m_mode->setObjectName(QStringLiteral("compareMode"));
  m_mode->addItems({tr("Side by side"), tr("Wipe")});
  m_slider->setObjectName(QStringLiteral("wipeSlider"));
  m_slider->setRange(0, 100);
  m_slider->setValue(50);
  m_slider->setToolTip(tr("Left of the line: A; right of it: B (or drag on the image)"));
  m_captions->setWordWrap(true);
  m_captions->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
    m_slider->setEnabled(!sideBySide());
    m_canvas->update();
  });
  connect(m_slider, &QSlider::valueChanged, m_canvas, qOverload<>(&QWidget::update));
  auto* top = new QHBoxLayout;
  top->addWidget(m_mode);
  top->addWidget(m_slider, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_canvas, 1);
  layout->addWidget(m_captions);
  layout->addWidget(buttons);
  setSideBySide(true);
  resize(760, 560);
}

void CompareDialog::setImages(const QImage& a, const QString& captionA, const QImage& b, const QString& captionB) {
  m_a = a;
  m_b = b;
  m_captions->setText(tr("<b>A</b>: %1<br><b>B</b>: %2").arg(captionA.toHtmlEscaped(), captionB.toHtmlEscaped()));
  m_canvas->update();
}

void CompareDialog::setSideBySide(bool on) {
  m_mode->setCurrentIndex(on ? 0 : 1);
  m_slider->setEnabled(!on);
}

bool CompareDialog::sideBySide() const { return m_mode->currentIndex() == 0; }
void CompareDialog::setWipe(int percent) { m_slider->setValue(std::clamp(percent, 0, 100)); }
int CompareDialog::wipe() const { return m_slider->value(); }

QImage CompareDialog::wiped(int side) const {
  QImage out(side, side, QImage::Format_RGB32);
  out.fill(palette().window().color());
  QPainter p(&out);
  p.drawImage(0, 0, fitted(m_b, side));
  p.setClipRect(0, 0, side * wipe() / 100, side);
  p.drawImage(0, 0, fitted(m_a, side));
  return out;
}

}  // namespace atelier
