#include "image_card.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

#include "heat_strip.h"

namespace atelier {

namespace {
constexpr int kPictureSize = 168;
static_assert(ImageCard::kWidth == kPictureSize + 12, "the card's width is its picture's and margins");
}

ImageCard::ImageCard(const QString& path, const QImage& image, QWidget* parent, const QString& label)
    : QWidget(parent),
      m_path(path),
      m_image(image),
      m_picture(new QLabel(this)),
      m_cosine(new QLabel(this)),
      m_softmax(new QLabel(this)),
      m_strip(new HeatStrip(this)) {
  setAutoFillBackground(true);
  setBackgroundRole(QPalette::Base);
  const qreal dpr = devicePixelRatioF();
  QPixmap pix = QPixmap::fromImage(image.scaled(QSize(kPictureSize, kPictureSize) * dpr, Qt::KeepAspectRatio,
                                                Qt::SmoothTransformation));
  pix.setDevicePixelRatio(dpr);
  m_picture->setPixmap(pix);
  m_picture->setFixedSize(kPictureSize, kPictureSize);
  m_picture->setAlignment(Qt::AlignCenter);

  m_name = label.isEmpty() ? QFileInfo(path).fileName() : label;
  auto* name = new QLabel(m_name, this);
  name->setToolTip(path.isEmpty() ? tr("rendered from the mini-CLIP's training data") : path);
  auto* remove = new QToolButton(this);
  remove->setText(QStringLiteral("✕"));
  remove->setAutoRaise(true);
  remove->setToolTip(tr("Remove this image"));
  connect(remove, &QToolButton::clicked, this, [this] { Q_EMIT removeRequested(this); });

  auto* left = new QToolButton(this);
  left->setArrowType(Qt::LeftArrow);
  left->setAutoRaise(true);
  left->setToolTip(tr("Move left"));
  connect(left, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(this, -1); });
  auto* right = new QToolButton(this);
  right->setArrowType(Qt::RightArrow);
  right->setAutoRaise(true);
  right->setToolTip(tr("Move right"));
  connect(right, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(this, +1); });

  auto* header = new QHBoxLayout;
  header->addWidget(name, 1);
  header->addWidget(left);
  header->addWidget(right);
  header->addWidget(remove);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(header);
  layout->addWidget(m_picture, 0, Qt::AlignCenter);
  layout->addWidget(m_cosine);
  layout->addWidget(m_softmax);
  layout->addWidget(m_strip);
  m_strip->setToolTip(tr("This image's embedding"));
  setFixedWidth(kWidth);
  // As tall as its content, not the row: a card stretched to the page's height is a tall
  // empty box under the numbers (the row aligns the cards at the top).
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Maximum);
  setScores(NAN, NAN);
}

void ImageCard::setScores(double cosine, double softmax) {
  m_cosine->setText(std::isnan(cosine) ? tr("cosine similarity: –") : tr("cosine similarity: %1").arg(cosine, 0, 'f', 3));
  m_softmax->setText(std::isnan(softmax) ? tr("softmax: –") : tr("softmax: %1%").arg(softmax * 100.0, 0, 'f', 2));
}

void ImageCard::setEmbedding(const QVector<double>& values, double limit) {
  m_strip->setLimit(limit);
  if (values.isEmpty())
    m_strip->clear();
  else
    m_strip->setValues(values);
}

void ImageCard::setHighlighted(bool best) {
  setBackgroundRole(best ? QPalette::Highlight : QPalette::Base);
  setForegroundRole(best ? QPalette::HighlightedText : QPalette::Text);
}

}  // namespace atelier
