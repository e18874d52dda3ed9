// The GAN tab's class, truncation and "to class" rows for BigGAN-deep.
#include "biggan_controls.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSignalBlocker>

#include "class_picker.h"

namespace atelier {

BigGanControls::BigGanControls(QFormLayout* sampleForm, int sampleRow, QFormLayout* interpolationForm, int interpolationRow,
                               QWidget* owner)
    : QObject(owner),
      m_sampleForm(sampleForm),
      m_interpolationForm(interpolationForm),
      m_class(new ClassPicker(owner)),
      m_truncation(new QDoubleSpinBox(owner)),
      m_to(new ClassPicker(owner)) {
  m_class->setObjectName(QStringLiteral("ganClassPicker"));
  m_class->setToolTip(tr("The class the generator draws: type part of its name or its number"));
  m_to->setObjectName(QStringLiteral("ganClassTo"));
  m_to->setNoneAllowed(tr("Same as Class"));
  m_to->setToolTip(tr("The class the interpolation ends at: the class vector goes from one class to the other while z "
                      "follows the great circle. Empty: the same class, only z moves"));
  m_truncation->setObjectName(QStringLiteral("ganBigTruncation"));
  m_truncation->setRange(0.02, 1.0);
  m_truncation->setSingleStep(0.05);
  m_truncation->setDecimals(2);
  m_truncation->setValue(kDefaultTruncation);
  m_truncation->setToolTip(tr("BigGAN's truncation t: z's components beyond ±2 are drawn again, then z is scaled by t, and "
                              "the generator uses the statistics stored for t. Smaller t trades variety for typical, cleaner "
                              "images"));
  connect(m_class, &ClassPicker::classChosen, this, &BigGanControls::classChosen);
  connect(m_class, &ClassPicker::unmatched, this, &BigGanControls::unmatched);
  connect(m_to, &ClassPicker::unmatched, this, &BigGanControls::unmatched);
  connect(m_truncation, &QDoubleSpinBox::valueChanged, this, &BigGanControls::truncationChanged);
  m_sampleForm->insertRow(sampleRow, tr("Class:"), m_class);
  m_sampleForm->insertRow(sampleRow + 1, tr("Truncation:"), m_truncation);
  m_interpolationForm->insertRow(interpolationRow, tr("To class:"), m_to);
  setClassNames({});
}

void BigGanControls::setClassNames(const QStringList& names) {
  m_names = names;
  m_class->setClassNames(names);
  m_to->setClassNames(names);
  const bool shown = !names.isEmpty();
  m_sampleForm->setRowVisible(m_class, shown);
  m_sampleForm->setRowVisible(m_truncation, shown);
  m_interpolationForm->setRowVisible(m_to, shown);
}

int BigGanControls::classIndex() const { return m_class->currentClass(); }
void BigGanControls::setClassIndex(int index) { m_class->setCurrentClass(index); }
int BigGanControls::toClassIndex() const { return m_to->currentClass() >= 0 ? m_to->currentClass() : classIndex(); }
void BigGanControls::setToClassIndex(int index) { m_to->setCurrentClass(index); }
double BigGanControls::truncation() const { return m_truncation->value(); }

void BigGanControls::setTruncation(double truncation) {
  const QSignalBlocker block(m_truncation);
  m_truncation->setValue(truncation > 0 ? truncation : kDefaultTruncation);
}

QString BigGanControls::classLabel(int index) const { return m_class->label(index); }

void BigGanControls::setEnabled(bool enabled) {
  for (QWidget* w : {static_cast<QWidget*>(m_class), static_cast<QWidget*>(m_truncation), static_cast<QWidget*>(m_to)})
    w->setEnabled(enabled);
}

}  // namespace atelier
