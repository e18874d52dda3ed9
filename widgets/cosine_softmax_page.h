// The CLIP tab's explainer: two draggable vectors and their cosine, and a softmax over four
// cosines whose logit scale and values can be changed, to show why CLIP multiplies by 100.
#pragma once
#include <QList>
#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;

namespace atelier {

class CosineDemo;

class CosineSoftmaxPage : public QWidget {
  Q_OBJECT
 public:
  explicit CosineSoftmaxPage(QWidget* parent = nullptr);

 private:
  void updateSoftmaxDemo();

  CosineDemo* m_cosine = nullptr;
  QList<QDoubleSpinBox*> m_demoCosines;
  QList<QLabel*> m_demoShares;
  QSlider* m_scale = nullptr;
  QLabel* m_scaleLabel = nullptr;
};

}  // namespace atelier
