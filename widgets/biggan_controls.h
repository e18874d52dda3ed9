// The GAN tab's rows for a class-conditional generator (BigGAN-deep): the class (a searchable
// picker, objectName "ganClassPicker"), the truncation of BigGAN's truncated normal (0.02 to 1,
// "ganBigTruncation"), and the class an interpolation walks to ("ganClassTo"; empty: the same
// class, so only z moves). The rows show only while such a generator is loaded. Engine-free.
#pragma once
#include <QObject>
#include <QString>
#include <QStringList>

class QDoubleSpinBox;
class QFormLayout;
class QWidget;

namespace atelier {

class ClassPicker;

class BigGanControls : public QObject {
  Q_OBJECT
 public:
  // The class and truncation rows go into sampleForm from sampleRow on, the "To class" row into
  // interpolationForm at interpolationRow; their widgets are children of owner.
  BigGanControls(QFormLayout* sampleForm, int sampleRow, QFormLayout* interpolationForm, int interpolationRow, QWidget* owner);

  // The class names (in class-index order) of the generator loaded; empty: it has none (a DCGAN),
  // and the rows hide.
  void setClassNames(const QStringList& names);
  bool active() const { return !m_names.isEmpty(); }
  ClassPicker* classPicker() const { return m_class; }
  ClassPicker* toClassPicker() const { return m_to; }
  int classIndex() const;
  void setClassIndex(int index);    // no classChosen
  int toClassIndex() const;         // where an interpolation ends: "To class", else the class
  void setToClassIndex(int index);  // -1: the same class
  double truncation() const;
  void setTruncation(double truncation);  // no truncationChanged
  QString classLabel(int index) const;    // as the picker shows it
  void setEnabled(bool enabled);
  static constexpr double kDefaultTruncation = 0.4;  // what BigGAN's samples are usually shown at

 Q_SIGNALS:
  void classChosen(int index);
  void truncationChanged(double truncation);
  void unmatched(const QString& message);  // a typed class named none

 private:
  QFormLayout* m_sampleForm;
  QFormLayout* m_interpolationForm;
  ClassPicker* m_class;
  QDoubleSpinBox* m_truncation;
  ClassPicker* m_to;
  QStringList m_names;
};

}  // namespace atelier
