#include "clip_panel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMimeData>
#include <QSaveFile>
#include <QShortcut>
#include <QTextStream>
#include <QToolButton>
#include <QDoubleSpinBox>
#include <QFile>
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
  connect(this, &ClipPanel::imagesChanged, this, &ClipPanel::refreshImageChoices);
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
  add->setToolTip(tr("Or drop image files here, or paste an image (Ctrl+V)"));
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
  m_embView = new QComboBox(page);
  m_embView->addItems({tr("raw"), tr("normalised")});
  m_embView->setToolTip(tr("Raw: encode_text / encode_image as they come; normalised: divided by their length, "
                           "so the cosine is their dot product"));
  m_diffWith = new QComboBox(page);
  m_diffWith->addItem(tr("the prompt"));
  m_diffWith->setToolTip(tr("Show the prompt's embedding, or its difference from an image's (both normalised)"));
  connect(m_embView, &QComboBox::currentIndexChanged, this, &ClipPanel::updatePromptStrip);
  connect(m_diffWith, &QComboBox::currentIndexChanged, this, &ClipPanel::updatePromptStrip);
  auto* embExport = new QToolButton(page);
  embExport->setText(tr("Embeddings"));
  embExport->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(embExport);
  menu->addAction(tr("Copy as Numbers"), this, [this] { QGuiApplication::clipboard()->setText(embeddingsCsv()); });
  menu->addAction(tr("Copy as JSON"), this, [this] { QGuiApplication::clipboard()->setText(embeddingsJson()); });
  menu->addAction(tr("Export CSV or JSON…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Embeddings"), QDir::home().filePath(QStringLiteral("embeddings.csv")),
                                                      tr("CSV files (*.csv);;JSON files (*.json)"));
    if (!path.isEmpty()) exportEmbeddings(path);
  });
  embExport->setMenu(menu);
  auto* embRow = new QHBoxLayout;
  embRow->addWidget(new QLabel(tr("Embedding of"), page));
  embRow->addWidget(m_diffWith);
  embRow->addWidget(m_embView);
  embRow->addStretch(1);
  embRow->addWidget(embExport);
  auto* paste = new QShortcut(QKeySequence::Paste, page);
  connect(paste, &QShortcut::activated, this, &ClipPanel::pasteFromClipboard);
  setAcceptDrops(true);

  auto* layout = new QVBoxLayout(page);
  layout->addLayout(top);
  layout->addWidget(m_scoreError);
  layout->addWidget(scroll, 1);
  layout->addLayout(embRow);
  layout->addWidget(m_promptStrip);
  return page;
}

QWidget* ClipPanel::buildTablePage() {
  auto* page = new QWidget(this);
  m_tablePrompts = new QPlainTextEdit(page);
  m_tablePrompts->setPlaceholderText(tr("One prompt per line"));
  m_tablePrompts->setMaximumWidth(320);
  m_measure = new QComboBox(page);
  m_measure->addItems({tr("cosine"), tr("softmax over images"), tr("softmax over prompts")});
  m_measure->setToolTip(tr("Softmax over images: each row sums to 1 (which image fits this prompt); over prompts: "
                           "each column sums to 1 (which prompt fits this image)"));
  connect(m_measure, &QComboBox::currentIndexChanged, this, &ClipPanel::drawTable);
  auto* compute = new QPushButton(tr("Compute Table"), page);
  connect(compute, &QPushButton::clicked, this, [this] { Q_EMIT tableRequested(tablePromptList()); });
  auto* exportCsv = new QPushButton(tr("Export CSV…"), page);
  connect(exportCsv, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Table"), QDir::home().filePath(QStringLiteral("clip-table.csv")),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty()) exportTableCsv(path);
  });
  auto* exportPng = new QPushButton(tr("Export PNG…"), page);
  connect(exportPng, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Table"), QDir::home().filePath(QStringLiteral("clip-table.png")),
                                                      tr("PNG images (*.png)"));
    if (!path.isEmpty()) exportTablePng(path);
  });
  m_needModel << compute;
  m_heatmap = new QCustomPlot(page);
  m_heatmap->xAxis->setLabel(tr("images"));
  m_heatmap->yAxis->setLabel(tr("prompts"));
  m_heatmap->yAxis->setRangeReversed(true);
  m_heatmap->setBackground(palette().color(QPalette::Base));
  m_map = new QCPColorMap(m_heatmap->xAxis, m_heatmap->yAxis);
  m_map->setGradient(QCPColorGradient::gpThermal);
  m_map->setInterpolate(false);
  auto* scale = new QCPColorScale(m_heatmap);
  m_heatmap->plotLayout()->addElement(0, 1, scale);
  m_map->setColorScale(scale);
  m_focus = new QCPItemRect(m_heatmap);
  m_focus->setPen(QPen(palette().color(QPalette::Highlight), 3));
  m_focus->setVisible(false);
  connect(m_heatmap, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
    const int image = int(std::lround(m_heatmap->xAxis->pixelToCoord(e->position().x())));
    const int prompt = int(std::lround(m_heatmap->yAxis->pixelToCoord(e->position().y())));
    focusCell(prompt, image);
  });
  m_tableInfo = new QLabel(page);
  m_tableInfo->setWordWrap(true);

  auto* side = new QVBoxLayout;
  side->addWidget(m_tablePrompts, 1);
  side->addWidget(m_measure);
  side->addWidget(compute);
  side->addWidget(exportCsv);
  side->addWidget(exportPng);
  auto* right = new QVBoxLayout;
  right->addWidget(m_heatmap, 1);
  right->addWidget(m_tableInfo);
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(side);
  layout->addLayout(right, 1);
  return page;
}

QWidget* ClipPanel::buildZeroShotPage() {
  auto* page = new QWidget(this);
  m_zsImage = new QComboBox(page);
  m_zsPreset = new QComboBox(page);
  m_zsPreset->addItems({tr("Custom"), QStringLiteral("CIFAR-10"), QStringLiteral("CIFAR-100"), tr("Mini-CLIP vocabulary")});
  m_zsLabels = new QPlainTextEdit(page);
  m_zsLabels->setPlaceholderText(tr("One label per line"));
  connect(m_zsPreset, &QComboBox::activated, this, [this](int i) {
    if (i == 1) setZeroShotLabels(cifar10());
    else if (i == 2) setZeroShotLabels(cifar100());
    else if (i == 3) Q_EMIT vocabularyRequested();
  });
  m_zsTemplate = new QLineEdit(tr("a photo of a {}"), page);
  m_zsTemplate->setToolTip(tr("{} stands for the label"));
  m_zsEnsemble = new QCheckBox(tr("Ensemble of %1 templates (CLIP's prompt engineering)").arg(ensembleTemplates().size()), page);
  m_zsEnsemble->setToolTip(tr("Each label's embedding is the average over the templates, as in CLIP's "
                              "prompt-engineering notebook"));
  connect(m_zsEnsemble, &QCheckBox::toggled, m_zsTemplate, &QWidget::setDisabled);
  m_zsTopk = new QSpinBox(page);
  m_zsTopk->setRange(1, 20);
  m_zsTopk->setValue(5);
  connect(m_zsTopk, &QSpinBox::valueChanged, this, [this] {
    if (!m_topk.isEmpty()) requestClassification();
  });
  auto* classify = new QPushButton(tr("Classify"), page);
  connect(classify, &QPushButton::clicked, this, &ClipPanel::requestClassification);
  m_needModel << classify;
  m_zsInfo = new QLabel(page);
  m_zsInfo->setWordWrap(true);

  auto* form = new QFormLayout;
  form->addRow(tr("Image:"), m_zsImage);
  form->addRow(tr("Labels:"), m_zsPreset);
  form->addRow(m_zsLabels);
  form->addRow(tr("Template:"), m_zsTemplate);
  form->addRow(m_zsEnsemble);
  form->addRow(tr("Top k:"), m_zsTopk);
  form->addRow(QString(), classify);
  form->addRow(m_zsInfo);
  m_bars = new QCustomPlot(page);
  m_bars->xAxis->setLabel(tr("probability"));
  m_bars->xAxis->setRange(0, 1);
  m_bars->yAxis->setRangeReversed(true);
  m_bars->setBackground(palette().color(QPalette::Base));
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(form);
  layout->addWidget(m_bars, 1);
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
  connect(card, &ImageCard::moveRequested, this, [this](ImageCard* c, int delta) { moveImage(m_cardList.indexOf(c), delta); });
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
  m_text = text;
  m_imageEmb = images;
  updatePromptStrip();
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

// ---- images --------------------------------------------------------------------------------

void ClipPanel::moveImage(int index, int delta) {
  const int to = index + delta;
  if (index < 0 || index >= m_cardList.size() || to < 0 || to >= m_cardList.size()) return;
  m_cardList.move(index, to);
  ImageCard* card = m_cardList[to];
  m_cards->removeWidget(card);
  m_cards->insertWidget(to, card);
  Q_EMIT imagesChanged(imagePaths());
}

void ClipPanel::addImage(const QImage& image, const QString& name) {
  if (image.isNull()) return;
  addCard({}, image, name);
  Q_EMIT imagesChanged(imagePaths());
}

QStringList ClipPanel::imageNames() const {
  QStringList names;
  for (auto* c : m_cardList) names << c->name();
  return names;
}

bool ClipPanel::pasteFromClipboard() {
  const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
  if (!mime) return false;
  if (mime->hasImage()) {
    addImage(qvariant_cast<QImage>(mime->imageData()), tr("pasted %1").arg(m_cardList.size() + 1));
    return true;
  }
  QStringList files;
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile()) files << url.toLocalFile();
  return !files.isEmpty() && addImages(files) > 0;
}

void ClipPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void ClipPanel::dropEvent(QDropEvent* event) {
  const QMimeData* mime = event->mimeData();
  QStringList files;
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile()) files << url.toLocalFile();
  if (!files.isEmpty()) addImages(files);
  else if (mime->hasImage()) addImage(qvariant_cast<QImage>(mime->imageData()), tr("dropped %1").arg(m_cardList.size() + 1));
  event->acceptProposedAction();
}

void ClipPanel::refreshImageChoices() {
  const QStringList names = imageNames();
  {
    const QSignalBlocker block(m_zsImage);
    const int keep = m_zsImage->currentIndex();
    m_zsImage->clear();
    m_zsImage->addItems(names);
    m_zsImage->setCurrentIndex(std::clamp(keep, 0, int(names.size()) - 1));
  }
  const QSignalBlocker block(m_diffWith);
  const int keep = m_diffWith->currentIndex();
  m_diffWith->clear();
  m_diffWith->addItem(tr("the prompt"));
  for (const QString& n : names) m_diffWith->addItem(tr("prompt − %1").arg(n));
  m_diffWith->setCurrentIndex(keep < m_diffWith->count() ? keep : 0);
}

// ---- embeddings ----------------------------------------------------------------------------

namespace {
QVector<double> normalised(const QVector<double>& v) {
  double n = 0;
  for (double x : v) n += x * x;
  n = std::sqrt(n);
  QVector<double> out = v;
  if (n > 0)
    for (double& x : out) x /= n;
  return out;
}
}  // namespace

void ClipPanel::setEmbeddingView(bool normalisedView, int differenceWith) {
  m_embView->setCurrentIndex(normalisedView ? 1 : 0);
  m_diffWith->setCurrentIndex(differenceWith < 0 ? 0 : differenceWith + 1);
  updatePromptStrip();
}

QVector<double> ClipPanel::shownPromptStrip() const { return m_promptStrip->values(); }

void ClipPanel::updatePromptStrip() {
  const bool norm = m_embView->currentIndex() == 1;
  const int diff = m_diffWith->currentIndex() - 1;
  QVector<double> text = norm || diff >= 0 ? normalised(m_text) : m_text;
  if (diff >= 0 && diff < m_imageEmb.size() && !m_text.isEmpty()) {
    const QVector<double> img = normalised(m_imageEmb[diff]);
    for (int i = 0; i < text.size() && i < img.size(); ++i) text[i] -= img[i];
  }
  // One colour scale for every strip, so they can be compared.
  double limit = 0;
  for (double v : text) limit = std::max(limit, std::abs(v));
  QList<QVector<double>> shownImages;
  for (const auto& e : m_imageEmb) {
    shownImages << (norm ? normalised(e) : e);
    for (double v : shownImages.last()) limit = std::max(limit, std::abs(v));
  }
  limit = limit > 0 ? limit : 1.0;
  m_promptStrip->setLimit(limit);
  text.isEmpty() ? m_promptStrip->clear() : m_promptStrip->setValues(text);
  for (int i = 0; i < m_cardList.size(); ++i) m_cardList[i]->setEmbedding(shownImages.value(i), limit);
}

QString ClipPanel::embeddingsCsv() const {
  QString out;
  QTextStream s(&out);
  const bool norm = m_embView->currentIndex() == 1;
  auto row = [&](const QString& name, const QVector<double>& v) {
    s << '"' << QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) << '"';
    for (double x : norm ? normalised(v) : v) s << ',' << QString::number(x, 'g', 9);
    s << '\n';
  };
  if (!m_text.isEmpty()) row(prompt(), m_text);
  const QStringList names = imageNames();
  for (int i = 0; i < m_imageEmb.size(); ++i) row(names.value(i), m_imageEmb[i]);
  return out;
}

QString ClipPanel::embeddingsJson() const {
  const bool norm = m_embView->currentIndex() == 1;
  auto array = [&](const QVector<double>& v) {
    QJsonArray a;
    for (double x : norm ? normalised(v) : v) a.append(x);
    return a;
  };
  QJsonObject root;
  root[QStringLiteral("normalised")] = norm;
  root[QStringLiteral("prompt")] = QJsonObject{{QStringLiteral("text"), prompt()}, {QStringLiteral("embedding"), array(m_text)}};
  QJsonArray imgs;
  const QStringList names = imageNames();
  for (int i = 0; i < m_imageEmb.size(); ++i)
    imgs.append(QJsonObject{{QStringLiteral("name"), names.value(i)},
                            {QStringLiteral("cosine"), i < m_cosines.size() ? m_cosines[i] : QJsonValue()},
                            {QStringLiteral("softmax"), i < m_softmax.size() ? m_softmax[i] : QJsonValue()},
                            {QStringLiteral("embedding"), array(m_imageEmb[i])}});
  root[QStringLiteral("images")] = imgs;
  return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

namespace {
bool writeText(const QString& path, const QString& text, QString* error) {
  QSaveFile f(path);
  if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
    *error = f.errorString();
    return false;
  }
  return true;
}
}  // namespace

bool ClipPanel::exportEmbeddings(const QString& path) {
  QString error;
  const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
  if (m_imageEmb.isEmpty()) return false;
  if (!writeText(path, json ? embeddingsJson() : embeddingsCsv(), &error)) {
    showScoreError(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
    return false;
  }
  return true;
}

// ---- table ---------------------------------------------------------------------------------

QStringList ClipPanel::tablePromptList() const {
  QStringList out;
  for (const QString& line : m_tablePrompts->toPlainText().split(QLatin1Char('\n')))
    if (!line.trimmed().isEmpty()) out << line.trimmed();
  return out;
}

void ClipPanel::setTableStatus(const QString& text) { m_tableInfo->setText(text); }

void ClipPanel::showTableError(const QString& message) { setTableStatus(message); }

void ClipPanel::showTable(const QStringList& prompts, const QList<QVector<double>>& cosine, const QList<QVector<double>>& overImages,
                          const QList<QVector<double>>& overPrompts) {
  m_tableRows = prompts;
  m_tableCols = imageNames();
  m_tableCos = cosine;
  m_tableOverImages = overImages;
  m_tableOverPrompts = overPrompts;
  m_focus->setVisible(false);
  setTableStatus(tr("%1 prompts × %2 images. Click a cell to see that pair.").arg(prompts.size()).arg(m_tableCols.size()));
  drawTable();
}

QList<QVector<double>> ClipPanel::shownTable() const {
  switch (m_measure->currentIndex()) {
    case 1: return m_tableOverImages;
    case 2: return m_tableOverPrompts;
    default: return m_tableCos;
  }
}

void ClipPanel::setTableMeasure(int measure) { m_measure->setCurrentIndex(measure); }

void ClipPanel::drawTable() {
  const auto m = shownTable();
  const int rows = int(m.size()), cols = rows ? int(m[0].size()) : 0;
  if (!rows || !cols) return;
  m_map->data()->setSize(cols, rows);
  m_map->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
  double lo = 1e300, hi = -1e300;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      m_map->data()->setCell(c, r, m[r][c]);
      lo = std::min(lo, m[r][c]);
      hi = std::max(hi, m[r][c]);
    }
  m_map->setDataRange(m_measure->currentIndex() == 0 ? QCPRange(lo, hi > lo ? hi : lo + 1e-6) : QCPRange(0, 1));
  QSharedPointer<QCPAxisTickerText> x(new QCPAxisTickerText), y(new QCPAxisTickerText);
  for (int c = 0; c < cols; ++c) x->addTick(c, m_tableCols.value(c));
  for (int r = 0; r < rows; ++r) y->addTick(r, m_tableRows.value(r));
  m_heatmap->xAxis->setTicker(x);
  m_heatmap->yAxis->setTicker(y);
  m_heatmap->xAxis->setRange(-0.5, cols - 0.5);
  m_heatmap->yAxis->setRange(-0.5, rows - 0.5);
  m_heatmap->replot();
}

void ClipPanel::focusCell(int prompt, int image) {
  if (prompt < 0 || prompt >= m_tableCos.size() || image < 0 || image >= m_tableCos[prompt].size()) return;
  m_focus->topLeft->setCoords(image - 0.5, prompt - 0.5);
  m_focus->bottomRight->setCoords(image + 0.5, prompt + 0.5);
  m_focus->setVisible(true);
  m_heatmap->replot();
  setTableStatus(tr("\"%1\" × %2: cosine %3, softmax over images %4%, over prompts %5%")
                     .arg(m_tableRows.value(prompt), m_tableCols.value(image))
                     .arg(m_tableCos[prompt][image], 0, 'f', 4)
                     .arg(100 * m_tableOverImages[prompt][image], 0, 'f', 2)
                     .arg(100 * m_tableOverPrompts[prompt][image], 0, 'f', 2));
}

QString ClipPanel::focusText() const { return m_tableInfo->text(); }

namespace {
QString csvField(const QString& s) { return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"'); }

QStringList splitCsv(const QString& line) {
  QStringList out;
  QString cur;
  bool quoted = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar ch = line[i];
    if (quoted) {
      if (ch == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) cur += ch, ++i;
      else if (ch == QLatin1Char('"')) quoted = false;
      else cur += ch;
    } else if (ch == QLatin1Char('"')) {
      quoted = true;
    } else if (ch == QLatin1Char(',')) {
      out << cur;
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out << cur;
  return out;
}
}  // namespace

bool ClipPanel::exportTableCsv(const QString& path) {
  const auto m = shownTable();
  if (m.isEmpty()) {
    setTableStatus(tr("Compute the table first."));
    return false;
  }
  QString text;
  QTextStream s(&text);
  s << csvField(m_measure->currentText());
  for (const QString& c : m_tableCols) s << ',' << csvField(c);
  s << '\n';
  for (int r = 0; r < m.size(); ++r) {
    s << csvField(m_tableRows.value(r));
    for (double v : m[r]) s << ',' << QString::number(v, 'g', 17);
    s << '\n';
  }
  QString error;
  if (!writeText(path, text, &error)) {
    setTableStatus(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
    return false;
  }
  setTableStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

QList<QVector<double>> ClipPanel::readTableCsv(const QString& path, QStringList* prompts, QStringList* images) {
  QFile f(path);
  QList<QVector<double>> out;
  if (!f.open(QIODevice::ReadOnly)) return out;
  const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  for (int i = 0; i < lines.size(); ++i) {
    QStringList fields = splitCsv(lines[i]);
    const QString first = fields.takeFirst();
    if (i == 0) {
      if (images) *images = fields;
      continue;
    }
    if (prompts) *prompts << first;
    QVector<double> row;
    for (const QString& v : fields) row << v.toDouble();
    out << row;
  }
  return out;
}

bool ClipPanel::exportTablePng(const QString& path) {
  if (m_tableCos.isEmpty()) {
    setTableStatus(tr("Compute the table first."));
    return false;
  }
  QSaveFile f(path);
  const QPixmap shot = m_heatmap->toPixmap(std::max(640, m_heatmap->width()), std::max(400, m_heatmap->height()));
  if (!f.open(QIODevice::WriteOnly) || !shot.save(&f, "PNG") || !f.commit()) {
    setTableStatus(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
    return false;
  }
  setTableStatus(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
  return true;
}

// ---- zero-shot -----------------------------------------------------------------------------

QStringList ClipPanel::cifar10() {
  return QStringLiteral("airplane automobile bird cat deer dog frog horse ship truck").split(QLatin1Char(' '));
}

QStringList ClipPanel::cifar100() {
  QStringList names = QStringLiteral(
      "apple aquarium_fish baby bear beaver bed bee beetle bicycle bottle bowl boy bridge bus butterfly camel can castle "
      "caterpillar cattle chair chimpanzee clock cloud cockroach couch crab crocodile cup dinosaur dolphin elephant flatfish "
      "forest fox girl hamster house kangaroo keyboard lamp lawn_mower leopard lion lizard lobster man maple_tree motorcycle "
      "mountain mouse mushroom oak_tree orange orchid otter palm_tree pear pickup_truck pine_tree plain plate poppy porcupine "
      "possum rabbit raccoon ray road rocket rose sea seal shark shrew skunk skyscraper snail snake spider squirrel streetcar "
      "sunflower sweet_pepper table tank telephone television tiger tractor train trout tulip turtle wardrobe whale "
      "willow_tree wolf woman worm").split(QLatin1Char(' '));
  for (QString& n : names) n.replace(QLatin1Char('_'), QLatin1Char(' '));
  return names;
}

QStringList ClipPanel::ensembleTemplates() {
  return {QStringLiteral("a photo of a {}."),          QStringLiteral("a bad photo of a {}."),
          QStringLiteral("a drawing of a {}."),        QStringLiteral("a painting of the {}."),
          QStringLiteral("a close-up photo of a {}."), QStringLiteral("a bright photo of a {}."),
          QStringLiteral("a cropped photo of the {}."), QStringLiteral("a rendering of a {}."),
          QStringLiteral("a sketch of a {}."),         QStringLiteral("a toy {}."),
          QStringLiteral("itap of a {}."),             QStringLiteral("a good photo of the {}."),
          QStringLiteral("a low resolution photo of a {}."), QStringLiteral("art of the {}."),
          QStringLiteral("a photo of the small {}."),  QStringLiteral("a photo of the large {}."),
          QStringLiteral("a black and white photo of the {}."), QStringLiteral("graffiti of a {}.")};
}

void ClipPanel::setZeroShotLabels(const QStringList& labels) { m_zsLabels->setPlainText(labels.join(QLatin1Char('\n'))); }

void ClipPanel::setEnsemble(bool on) { m_zsEnsemble->setChecked(on); }

void ClipPanel::requestClassification() {
  QStringList labels;
  for (const QString& l : m_zsLabels->toPlainText().split(QLatin1Char('\n')))
    if (!l.trimmed().isEmpty()) labels << l.trimmed();
  QString templ = m_zsTemplate->text();
  if (!templ.contains(QLatin1String("{}"))) templ += QStringLiteral(" {}");
  const QStringList templates = m_zsEnsemble->isChecked() ? ensembleTemplates() : QStringList{templ};
  if (labels.isEmpty() || m_zsImage->currentIndex() < 0) {
    m_zsInfo->setText(tr("Choose an image and give labels, one per line."));
    return;
  }
  m_zsInfo->setText(tr("Classifying among %n label(s)…", nullptr, int(labels.size())));
  Q_EMIT classifyRequested(m_zsImage->currentIndex(), labels, templates);
}

void ClipPanel::showZeroShot(const QStringList& labels, const QVector<double>& probability) {
  QList<QPair<QString, double>> all;
  for (int i = 0; i < labels.size() && i < probability.size(); ++i) all << qMakePair(labels[i], probability[i]);
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  m_topk = all.mid(0, m_zsTopk->value());
  m_bars->clearPlottables();
  auto* bars = new QCPBars(m_bars->yAxis, m_bars->xAxis);
  bars->setBrush(palette().color(QPalette::Highlight));
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  for (int i = 0; i < m_topk.size(); ++i) {
    bars->addData(i, m_topk[i].second);
    ticker->addTick(i, QStringLiteral("%1  %2%").arg(m_topk[i].first).arg(100 * m_topk[i].second, 0, 'f', 1));
  }
  m_bars->yAxis->setTicker(ticker);
  m_bars->yAxis->setRange(-0.5, m_topk.size() - 0.5);
  m_bars->replot();
  m_zsInfo->setText(m_topk.isEmpty() ? QString() : tr("Top: %1 (%2%)").arg(m_topk[0].first).arg(100 * m_topk[0].second, 0, 'f', 1));
}

}  // namespace atelier
