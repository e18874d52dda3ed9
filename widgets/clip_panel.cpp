#include "clip_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

#include "cosine_demo.h"
#include "heat_strip.h"
#include "image_card.h"
#include "note_box.h"
#include "qcp.h"

namespace atelier {

ClipPanel::ClipPanel(QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(
          tr("What CLIP does"),
          tr("<p>CLIP reads a picture and a sentence and turns each into a vector of the same length "
             "(512 numbers for ViT-B/32): a vision transformer for the image, a text transformer for the "
             "words. It was trained on about 400 million captioned images found on the web to make the "
             "vectors of matching pairs point the same way and those of mismatched pairs apart.</p>"
             "<p>How alike CLIP finds an image and a text is the <b>cosine</b> of the angle between their "
             "vectors: near 1 when they agree, near 0 when unrelated. Comparing one prompt with several "
             "images and taking a softmax of the scaled cosines gives each image's share; classifying an "
             "image is the same thing with prompts such as \"a photo of a dog\".</p>"),
          this)),
      m_banner(new QLabel(this)),
      m_modes(new QTabWidget(this)) {
  m_banner->setWordWrap(true);
  m_banner->setForegroundRole(QPalette::PlaceholderText);
  m_modes->setDocumentMode(true);
  m_modes->addTab(buildRowPage(), tr("Prompt vs images"));
  m_modes->addTab(buildTablePage(), tr("Table"));
  m_modes->addTab(buildZeroShotPage(), tr("Zero-shot"));
  m_modes->addTab(buildExplainPage(), tr("Cosine and softmax"));

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addWidget(m_banner);
  layout->addWidget(m_modes, 1);
}

QWidget* ClipPanel::buildRowPage() {
  auto* page = new QWidget(this);
  m_prompt = new QLineEdit(page);
  m_prompt->setPlaceholderText(tr("Type a prompt, e.g. \"a photo of a cat\""));
  m_prompt->setClearButtonEnabled(true);
  connect(m_prompt, &QLineEdit::textChanged, this, &ClipPanel::promptChanged);
  // Scores follow the typing, once it pauses: one request per pause, not per key.
  m_debounce = new QTimer(this);
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(120);
  connect(m_prompt, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(this, &ClipPanel::imagesChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT scoreRequested(m_prompt->text()); });
  m_scoreError = new QLabel(page);
  m_scoreError->setWordWrap(true);
  m_scoreError->setStyleSheet(QStringLiteral("color: #c62828"));
  m_scoreError->hide();

  auto* add = new QPushButton(tr("Add Images…"), page);
  connect(add, &QPushButton::clicked, this, &ClipPanel::addImagesRequested);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Prompt:"), page));
  top->addWidget(m_prompt, 1);
  top->addWidget(add);

  auto* row = new QWidget(page);
  m_cards = new QHBoxLayout(row);
  m_cards->addStretch(1);
  auto* scroll = new QScrollArea(page);
  scroll->setWidget(row);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  m_promptStrip = new HeatStrip(page);
  m_promptStrip->setToolTip(tr("The prompt's embedding"));
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(top);
  layout->addWidget(m_scoreError);
  layout->addWidget(scroll, 1);
  layout->addWidget(new QLabel(tr("Prompt embedding:"), page));
  layout->addWidget(m_promptStrip);
  return page;
}

QWidget* ClipPanel::buildTablePage() {
  auto* page = new QWidget(this);
  m_tablePrompts = new QPlainTextEdit(page);
  m_tablePrompts->setPlaceholderText(tr("One prompt per line"));
  m_tablePrompts->setMaximumWidth(320);
  auto* measure = new QComboBox(page);
  measure->addItems({tr("cosine"), tr("softmax over images"), tr("softmax over prompts")});
  auto* compute = new QPushButton(tr("Compute Table"), page);
  auto* exportCsv = new QPushButton(tr("Export CSV…"), page);
  auto* exportPng = new QPushButton(tr("Export PNG…"), page);
  m_needModel << compute << exportCsv << exportPng;
  auto* heatmap = new QCustomPlot(page);
  heatmap->xAxis->setLabel(tr("images"));
  heatmap->yAxis->setLabel(tr("prompts"));
  heatmap->setBackground(palette().color(QPalette::Base));

  auto* side = new QVBoxLayout;
  side->addWidget(m_tablePrompts, 1);
  side->addWidget(measure);
  side->addWidget(compute);
  side->addWidget(exportCsv);
  side->addWidget(exportPng);
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(side);
  layout->addWidget(heatmap, 1);
  return page;
}

QWidget* ClipPanel::buildZeroShotPage() {
  auto* page = new QWidget(this);
  auto* image = new QComboBox(page);
  auto* preset = new QComboBox(page);
  preset->addItems({tr("Custom"), QStringLiteral("CIFAR-10"), QStringLiteral("CIFAR-100"), tr("Mini-CLIP vocabulary")});
  auto* labels = new QPlainTextEdit(page);
  labels->setPlaceholderText(tr("One label per line"));
  auto* templ = new QLineEdit(tr("a photo of a {}"), page);
  auto* topk = new QSpinBox(page);
  topk->setRange(1, 20);
  topk->setValue(5);
  auto* classify = new QPushButton(tr("Classify"), page);
  m_needModel << classify;
  connect(this, &ClipPanel::imagesChanged, image, [image](const QStringList& paths) {
    image->clear();
    for (const auto& p : paths) image->addItem(QFileInfo(p).fileName(), p);
  });

  auto* form = new QFormLayout;
  form->addRow(tr("Image:"), image);
  form->addRow(tr("Labels:"), preset);
  form->addRow(QString(), labels);
  form->addRow(tr("Template:"), templ);
  form->addRow(tr("Top k:"), topk);
  form->addRow(QString(), classify);
  auto* bars = new QCustomPlot(page);
  bars->xAxis->setLabel(tr("probability"));
  bars->setBackground(palette().color(QPalette::Base));
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(form);
  layout->addWidget(bars, 1);
  return page;
}

QWidget* ClipPanel::buildExplainPage() {
  auto* page = new QWidget(this);
  m_cosine = new CosineDemo(page);
  auto* cosText = new QLabel(
      tr("Two vectors that point the same way have an angle θ near 0 and cos θ near 1; at right angles "
         "cos θ is 0; opposite, −1. CLIP scores an image against a text by this cosine of their "
         "embeddings. Drag the arrows."),
      page);
  cosText->setWordWrap(true);

  auto* softText = new QLabel(
      tr("Why multiply by the logit scale? Cosines of CLIP embeddings are small and close together "
         "(0.2 to 0.35 is typical), so a plain softmax over them gives every image nearly the same share. "
         "CLIP learned a temperature during training: its logits are the cosines times exp(logit_scale), "
         "100 for the released models, which turns small differences in cosine into decisive shares. "
         "Change the scale and the cosines below and watch the shares."),
      page);
  softText->setWordWrap(true);
  auto* grid = new QFormLayout;
  const double kArticleCosines[] = {0.34, 0.08, 0.10, 0.08};  // the article's demo
  for (int i = 0; i < 4; ++i) {
    auto* spin = new QDoubleSpinBox(page);
    spin->setRange(-1.0, 1.0);
    spin->setDecimals(3);
    spin->setSingleStep(0.01);
    spin->setValue(kArticleCosines[i]);
    auto* share = new QLabel(page);
    auto* row = new QHBoxLayout;
    row->addWidget(spin);
    row->addWidget(share, 1);
    grid->addRow(tr("image %1 cosine:").arg(i + 1), row);
    m_demoCosines << spin;
    m_demoShares << share;
    connect(spin, &QDoubleSpinBox::valueChanged, this, &ClipPanel::updateSoftmaxDemo);
  }
  m_scale = new QSlider(Qt::Horizontal, page);
  m_scale->setRange(1, 100);
  m_scale->setValue(100);
  m_scaleLabel = new QLabel(page);
  auto* scaleRow = new QHBoxLayout;
  scaleRow->addWidget(m_scale, 1);
  scaleRow->addWidget(m_scaleLabel);
  grid->addRow(tr("logit scale:"), scaleRow);
  connect(m_scale, &QSlider::valueChanged, this, &ClipPanel::updateSoftmaxDemo);

  auto* left = new QVBoxLayout;
  left->addWidget(m_cosine, 1);
  left->addWidget(cosText);
  auto* right = new QVBoxLayout;
  right->addWidget(softText);
  right->addLayout(grid);
  right->addStretch(1);
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(left, 1);
  layout->addLayout(right, 1);
  updateSoftmaxDemo();
  return page;
}

void ClipPanel::updateSoftmaxDemo() {
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

QString ClipPanel::prompt() const { return m_prompt->text(); }

void ClipPanel::setPrompt(const QString& prompt) { m_prompt->setText(prompt); }

QString ClipPanel::tablePrompts() const { return m_tablePrompts->toPlainText(); }

void ClipPanel::setTablePrompts(const QString& prompts) { m_tablePrompts->setPlainText(prompts); }

void ClipPanel::addCard(const QString& path, const QImage& image, const QString& label) {
  auto* card = new ImageCard(path, image, m_cards->parentWidget(), label);
  connect(card, &ImageCard::removeRequested, this, [this](ImageCard* c) { removeImage(m_cardList.indexOf(c)); });
  m_cards->insertWidget(m_cardList.size(), card);
  m_cardList << card;
}

int ClipPanel::addImages(const QStringList& paths) {
  int added = 0;
  for (const QString& path : paths) {
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull()) {
      Q_EMIT imageRejected(path, reader.errorString());
      continue;
    }
    addCard(path, image, {});
    ++added;
  }
  if (added) Q_EMIT imagesChanged(imagePaths());
  return added;
}

void ClipPanel::setRenderedImages(const QList<QImage>& images, const QStringList& names) {
  for (auto* c : std::as_const(m_cardList)) c->deleteLater();
  m_cardList.clear();
  for (int i = 0; i < images.size(); ++i) addCard({}, images[i], names.value(i));
  Q_EMIT imagesChanged(imagePaths());
}

QStringList ClipPanel::imagePaths() const {
  QStringList paths;
  for (auto* c : m_cardList)
    if (!c->path().isEmpty()) paths << c->path();
  return paths;
}

QList<QImage> ClipPanel::images() const {
  QList<QImage> out;
  for (auto* c : m_cardList) out << c->image();
  return out;
}

int ClipPanel::bestImage() const {
  if (m_softmax.isEmpty()) return -1;
  return int(std::max_element(m_softmax.begin(), m_softmax.end()) - m_softmax.begin());
}

void ClipPanel::showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                           const QList<QVector<double>>& images) {
  m_scoreError->hide();
  m_cosines = cosine.size() == m_cardList.size() ? cosine : QVector<double>();
  m_softmax = softmax.size() == m_cardList.size() ? softmax : QVector<double>();
  // One colour scale for every strip, so they can be compared.
  double limit = 0;
  for (double v : text) limit = std::max(limit, std::abs(v));
  for (const auto& e : images)
    for (double v : e) limit = std::max(limit, std::abs(v));
  m_promptStrip->setLimit(limit > 0 ? limit : 1.0);
  text.isEmpty() ? m_promptStrip->clear() : m_promptStrip->setValues(text);
  const int best = bestImage();
  for (int i = 0; i < m_cardList.size(); ++i) {
    ImageCard* card = m_cardList[i];
    card->setScores(m_cosines.isEmpty() ? NAN : m_cosines[i], m_softmax.isEmpty() ? NAN : m_softmax[i]);
    card->setEmbedding(images.value(i), limit > 0 ? limit : 1.0);
    card->setHighlighted(i == best);
  }
}

void ClipPanel::showScoreError(const QString& message) {
  m_scoreError->setText(message);
  m_scoreError->show();
}

void ClipPanel::removeImage(int index) {
  if (index < 0 || index >= m_cardList.size()) return;
  m_cardList.takeAt(index)->deleteLater();
  Q_EMIT imagesChanged(imagePaths());
}

void ClipPanel::setModelAvailable(bool available, const QString& reason) {
  m_banner->setText(reason);
  m_banner->setVisible(!available);
  for (auto* w : m_needModel) w->setEnabled(available);
}

}  // namespace atelier
