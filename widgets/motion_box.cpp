// The CLIP + VQGAN tab's motion group: zoom, rotation, shift per frame, frames, smoothing.
#include "motion_box.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace atelier {

namespace {
// The fields' ranges: the engine's bounds (guide/guide.h), the shift's for the largest size the
// tab offers (512: a quarter is 128).
constexpr double kMinZoom = 0.5, kMaxZoom = 2.0, kMaxRotate = 45.0, kMaxShift = 128.0, kMaxSmoothing = 0.99;
constexpr int kMaxFrameEvery = 1000;

QString key(const char* name) { return QStringLiteral("clip-atelier:") + QLatin1String(name); }
QString number(double v) { return QString::number(v, 'g', 17); }
}  // namespace

QList<QPair<QString, QString>> MotionSettings::toText() const {
  return {{key("zoom"), number(zoom)},     {key("rotate"), number(rotate)},           {key("shift_x"), number(shiftX)},
          {key("shift_y"), number(shiftY)}, {key("frame_every"), QString::number(frameEvery)}, {key("smoothing"), number(smoothing)}};
}

MotionSettings MotionSettings::fromText(const std::function<QString(const QString& key)>& text) {
  MotionSettings m;
  auto real = [&](const char* name, double fallback) {
    bool good = false;
    const double v = text(key(name)).toDouble(&good);
    return good && std::isfinite(v) ? v : fallback;
  };
  m.zoom = real("zoom", m.zoom);
  m.rotate = real("rotate", m.rotate);
  m.shiftX = real("shift_x", m.shiftX);
  m.shiftY = real("shift_y", m.shiftY);
  bool good = false;
  const int every = text(key("frame_every")).toInt(&good);
  if (good) m.frameEvery = every;
  m.smoothing = real("smoothing", m.smoothing);
  return m.bounded();
}

MotionSettings MotionSettings::bounded() const {
  MotionSettings m = *this;
  m.zoom = std::clamp(m.zoom, kMinZoom, kMaxZoom);
  m.rotate = std::clamp(m.rotate, -kMaxRotate, kMaxRotate);
  m.shiftX = std::clamp(m.shiftX, -kMaxShift, kMaxShift);
  m.shiftY = std::clamp(m.shiftY, -kMaxShift, kMaxShift);
  m.frameEvery = std::clamp(m.frameEvery, 1, kMaxFrameEvery);
  m.smoothing = std::clamp(m.smoothing, 0.0, kMaxSmoothing);
  return m;
}

MotionBox::MotionBox(QWidget* parent)
    : QWidget(parent),
      m_header(new QToolButton(this)),
      m_body(new QWidget(this)),
      m_form(new QFormLayout(m_body)),
      m_zoom(box("motionZoom", kMinZoom, kMaxZoom, 1.0, 3, 0.01)),
      m_rotate(box("motionRotate", -kMaxRotate, kMaxRotate, 0.0, 2, 0.5)),
      m_shiftX(box("motionShiftX", -kMaxShift, kMaxShift, 0.0, 1, 1.0)),
      m_shiftY(box("motionShiftY", -kMaxShift, kMaxShift, 0.0, 1, 1.0)),
      m_frameEvery(new QSpinBox(m_body)),
      m_smoothing(box("motionSmoothing", 0.0, kMaxSmoothing, 0.0, 2, 0.05)) {
  setObjectName(QStringLiteral("motionBox"));
  // Folded under its header, as the constraints are: most runs stand still.
  m_header->setObjectName(QStringLiteral("motionToggle"));
  m_header->setCheckable(true);
  m_header->setAutoRaise(true);
  m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  connect(m_header, &QToolButton::toggled, this, &MotionBox::setExpanded);
  m_frameEvery->setObjectName(QStringLiteral("motionFrameEvery"));
  m_frameEvery->setRange(1, kMaxFrameEvery);
  m_frameEvery->setValue(MotionSettings{}.frameEvery);
  m_form->setContentsMargins(0, 0, 0, 0);
  m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
  for (QWidget* field : std::initializer_list<QWidget*>{m_zoom, m_rotate, m_shiftX, m_shiftY, m_frameEvery, m_smoothing}) {
    auto* label = new QLabel(m_body);
    label->setBuddy(field);
    m_form->addRow(label, field);
  }
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(m_header);
  column->addWidget(m_body);
  for (QDoubleSpinBox* b : {m_zoom, m_rotate, m_shiftX, m_shiftY, m_smoothing})
    connect(b, &QDoubleSpinBox::valueChanged, this, &MotionBox::refresh);
  setImageSize(128);
  setExpanded(false);
  retranslate();
}

QDoubleSpinBox* MotionBox::box(const char* objectName, double lo, double hi, double value, int decimals, double step) {
  auto* b = new QDoubleSpinBox(m_body);
  b->setObjectName(QLatin1String(objectName));
  b->setRange(lo, hi);
  b->setDecimals(decimals);
  b->setSingleStep(step);
  b->setValue(value);
  return b;
}

MotionSettings MotionBox::motion() const {
  MotionSettings m;
  m.zoom = m_zoom->value();
  m.rotate = m_rotate->value();
  m.shiftX = m_shiftX->value();
  m.shiftY = m_shiftY->value();
  m.frameEvery = m_frameEvery->value();
  m.smoothing = m_smoothing->value();
  return m;
}

void MotionBox::setMotion(const MotionSettings& motion) {
  const MotionSettings m = motion.bounded();
  m_zoom->setValue(m.zoom);
  m_rotate->setValue(m.rotate);
  m_shiftX->setValue(m.shiftX);
  m_shiftY->setValue(m.shiftY);
  m_frameEvery->setValue(m.frameEvery);
  m_smoothing->setValue(m.smoothing);
  if (m.moves() || m.smoothing > 0) setExpanded(true);
  refresh();
}

void MotionBox::setImageSize(int size) {
  // A quarter of the side, whole pixels (at least one, so the field stays usable).
  const double most = std::clamp(std::floor(size / 4.0), 1.0, kMaxShift);
  for (QDoubleSpinBox* b : {m_shiftX, m_shiftY}) b->setRange(-most, most);
}

void MotionBox::setAvailable(bool available, const QString& reason) {
  m_available = available;
  m_reason = reason;
  setEnabled(available);
  retranslate();  // the header's tooltip says why
}

bool MotionBox::expanded() const { return m_body->isVisibleTo(this); }

void MotionBox::setExpanded(bool expanded) {
  m_body->setVisible(expanded);
  const QSignalBlocker block(m_header);
  m_header->setChecked(expanded);
  m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
}

void MotionBox::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
}

void MotionBox::refresh() {
  const MotionSettings m = motion();
  m_header->setText(m.moves() ? tr("Motion (on)") : m.smoothing > 0 ? tr("Motion (smoothing)") : tr("Motion"));
}

void MotionBox::retranslate() {
  auto label = [this](QWidget* field, const QString& text, const QString& tip) {
    if (auto* l = qobject_cast<QLabel*>(m_form->labelForField(field))) {
      l->setText(text);
      l->setToolTip(tip);
    }
    field->setToolTip(tip);
  };
  const QString frame = tr("Applied after each frame, in pixels, then taken back to the generator's latent.");
  label(m_zoom, tr("Zoom:"), tr("Per frame: above 1 zooms in, below 1 out (1 = none). %1").arg(frame));
  label(m_rotate, tr("Rotation:"), tr("Degrees per frame, anticlockwise; negative turns clockwise (0 = none). %1").arg(frame));
  label(m_shiftX, tr("Shift right:"), tr("Pixels per frame to the right; negative to the left (at most a quarter of the image). %1").arg(frame));
  label(m_shiftY, tr("Shift down:"), tr("Pixels per frame downwards; negative upwards (at most a quarter of the image). %1").arg(frame));
  label(m_frameEvery, tr("Frame every:"),
        tr("A frame every this many steps; the motion follows each frame, so fewer steps per frame move faster"));
  label(m_smoothing, tr("Smoothing:"),
        tr("Frames from a moving average of the latent, against flicker: 0 = off, 0.9 = strong (the latent itself goes on unsmoothed)"));
  m_rotate->setSuffix(QStringLiteral("°"));
  m_shiftX->setSuffix(tr(" px"));
  m_shiftY->setSuffix(tr(" px"));
  m_frameEvery->setSuffix(tr(" steps"));
  m_smoothing->setSpecialValueText(tr("off"));
  const QString why = m_reason.isEmpty() ? tr("Motion needs a generator that can take an image back: CLIP + VQGAN or a drawer "
                                              "(pixel art, FFT image), not a GAN.")
                                         : m_reason;
  const QString tip = tr("Zoom, rotate and shift the canvas after each frame, as the field's zoom videos do");
  m_header->setToolTip(m_available ? tip : why);
  setToolTip(m_available ? QString() : why);
  refresh();
}

}  // namespace atelier
