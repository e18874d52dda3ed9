// The CLIP tab's "Cosine and softmax" page.
#include "cosine_softmax_page.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "cosine_demo.h"

namespace atelier {

CosineSoftmaxPage::CosineSoftmaxPage(QWidget* parent) : QWidget(parent) {
  m_cosine = new CosineDemo(this);
  auto* cosText = new QLabel(
      tr("Two vectors that point the same way have an angle θ near 0 and cos θ near 1; at right angles "
         "cos θ is 0; opposite, −1. CLIP scores an image against a text by this cosine of their "
         "embeddings. Drag the arrows."),
      this);
  cosText->setWordWrap(true);

  auto* softText = new QLabel(
      tr("Why multiply by the logit scale? Cosines of CLIP embeddings are small and close together "
         "(0.2 to 0.35 is typical), so a plain softmax over them gives every image nearly the same share. "
         "CLIP learned a temperature during training: its logits are the cosines times exp(logit_scale), "
         "100 for the released models, which turns small differences in cosine into decisive shares. "
         "Change the scale and the cosines below and watch the shares."),
      this);
  softText->setWordWrap(true);
  auto* grid = new QFormLayout;
  const double kArticleCosines[] = {0.34, 0.08, 0.10, 0.08};  // the article's demo
  for (int i = 0; i < 4; ++i) {
    auto* spin = new QDoubleSpinBox(this);
    spin->setRange(-1.0, 1.0);
    spin->setDecimals(3);
    spin->setSingleStep(0.01);
    spin->setValue(kArticleCosines[i]);
    auto* share = new QLabel(this);
    auto* row = new QHBoxLayout;
    row->addWidget(spin);
    row->addWidget(share, 1);
    grid->addRow(tr("image %1 cosine:").arg(i + 1), row);
    m_demoCosines << spin;
    m_demoShares << share;
    connect(spin, &QDoubleSpinBox::valueChanged, this, &CosineSoftmaxPage::updateSoftmaxDemo);
  }
  m_scale = new QSlider(Qt::Horizontal, this);
  m_scale->setRange(1, 100);
  m_scale->setValue(100);
  m_scaleLabel = new QLabel(this);
  auto* scaleRow = new QHBoxLayout;
  scaleRow->addWidget(m_scale, 1);
  scaleRow->addWidget(m_scaleLabel);
  grid->addRow(tr("logit scale:"), scaleRow);
  connect(m_scale, &QSlider::valueChanged, this, &CosineSoftmaxPage::updateSoftmaxDemo);

  auto* left = new QVBoxLayout;
  left->addWidget(m_cosine, 1);
  left->addWidget(cosText);
  auto* right = new QVBoxLayout;
  right->addWidget(softText);
  right->addLayout(grid);
  right->addStretch(1);
  auto* layout = new QHBoxLayout(this);
  layout->addLayout(left, 1);
  layout->addLayout(right, 1);
  updateSoftmaxDemo();
}

void CosineSoftmaxPage::updateSoftmaxDemo() {
  const double scale = m_scale->value();
  m_scaleLabel->setText(QString::number(scale));
  QVector<double> logits;
  for (auto* s : m_demoCosines) logits << scale * s->value();
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (double& l : logits) sum += (l = std::exp(l - top));  // shifted: no overflow at scale 100
  for (int i = 0; i < logits.size(); ++i)
    m_demoShares[i]->setText(tr("softmax %1%").arg(100.0 * logits[i] / sum, 0, 'f', 2));
}

}  // namespace atelier
