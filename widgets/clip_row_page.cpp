// The CLIP tab's "Prompt vs images" page: the row of image cards, their scores and embeddings.
#include "clip_row_page.h"

#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImageReader>

#include "image_guard.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTextStream>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "heat_strip.h"
#include "image_card.h"
#include "save_file.h"

namespace atelier {

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

ClipRowPage::ClipRowPage(QWidget* parent)
    : QWidget(parent),
      m_prompt(new QLineEdit(this)),
      m_debounce(new QTimer(this)),
      m_scoreError(new QLabel(this)) {
  m_prompt->setPlaceholderText(tr("Type a prompt, e.g. \"a photo of a cat\""));
  m_prompt->setClearButtonEnabled(true);
  connect(m_prompt, &QLineEdit::textChanged, this, &ClipRowPage::promptChanged);
  // Scores follow the typing, once it pauses: one request per pause, not per key.
  m_debounce->setSingleShot(true);
  m_debounce->setInterval(120);
  connect(m_prompt, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(this, &ClipRowPage::imagesChanged, m_debounce, qOverload<>(&QTimer::start));
  connect(m_debounce, &QTimer::timeout, this, [this] { Q_EMIT scoreRequested(m_prompt->text()); });
  m_scoreError->setWordWrap(true);
  m_scoreError->setStyleSheet(QStringLiteral("color: #c62828"));
  m_scoreError->hide();

  auto* add = new QPushButton(tr("Add Images…"), this);
  add->setToolTip(tr("Or drop image files here, or paste an image (Ctrl+V)"));
  connect(add, &QPushButton::clicked, this, &ClipRowPage::addImagesRequested);
  // After photos were added (and kept over restarts), the examples are one click away.
  auto* reset = new QPushButton(tr("Reset to Examples"), this);
  reset->setObjectName(QStringLiteral("resetExamplesButton"));
  reset->setToolTip(tr("Put the example images back in place of the row's images"));
  connect(reset, &QPushButton::clicked, this, &ClipRowPage::resetExamplesRequested);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Prompt:"), this));
  top->addWidget(m_prompt, 1);
  top->addWidget(add);
  top->addWidget(reset);

  auto* row = new QWidget(this);
  m_cards = new QHBoxLayout(row);
  m_cards->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(row);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  m_promptStrip = new HeatStrip(this);
  m_promptStrip->setToolTip(tr("The prompt's embedding"));
  m_embView = new QComboBox(this);
  m_embView->addItems({tr("raw"), tr("normalised")});
  m_embView->setToolTip(tr("Raw: encode_text / encode_image as they come; normalised: divided by their length, "
                           "so the cosine is their dot product"));
  m_diffWith = new QComboBox(this);
  m_diffWith->addItem(tr("the prompt"));
  m_diffWith->setToolTip(tr("Show the prompt's embedding, or its difference from an image's (both normalised)"));
  connect(m_embView, &QComboBox::currentIndexChanged, this, &ClipRowPage::updatePromptStrip);
  connect(m_diffWith, &QComboBox::currentIndexChanged, this, &ClipRowPage::updatePromptStrip);
  connect(this, &ClipRowPage::imagesChanged, this, &ClipRowPage::refreshDifferenceChoices);
  auto* embExport = new QToolButton(this);
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
  embRow->addWidget(new QLabel(tr("Embedding of"), this));
  embRow->addWidget(m_diffWith);
  embRow->addWidget(m_embView);
  embRow->addStretch(1);
  embRow->addWidget(embExport);
  auto* paste = new QShortcut(QKeySequence::Paste, this);
  connect(paste, &QShortcut::activated, this, &ClipRowPage::pasteFromClipboard);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_scoreError);
  layout->addWidget(scroll, 1);
  layout->addLayout(embRow);
  layout->addWidget(m_promptStrip);
}

QString ClipRowPage::prompt() const { return m_prompt->text(); }

void ClipRowPage::setPrompt(const QString& prompt) { m_prompt->setText(prompt); }

// ---- images --------------------------------------------------------------------------------

void ClipRowPage::addCard(const QString& path, const QImage& image, const QString& label, int at) {
  auto* card = new ImageCard(path, image, m_cards->parentWidget(), label);
  connect(card, &ImageCard::removeRequested, this, [this](ImageCard* c) { removeImage(int(m_cardList.indexOf(c))); });
  connect(card, &ImageCard::moveRequested, this, [this](ImageCard* c, int delta) { moveImage(int(m_cardList.indexOf(c)), delta); });
  if (at < 0 || at > m_cardList.size()) at = int(m_cardList.size());
  m_cards->insertWidget(at, card, 0, Qt::AlignTop);  // cards at their content's height
  m_cardList.insert(at, card);
}

int ClipRowPage::addImages(const QStringList& paths) {
  int added = 0;
  for (const QString& path : paths) {
    if (const QString why = image_guard::problem(path); !why.isEmpty()) {
      Q_EMIT imageRejected(path, why);
      continue;
    }
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

void ClipRowPage::setRenderedImages(const QList<QImage>& images, const QStringList& names, bool keepOthers) {
  const QList<ImageCard*> gone = keepOthers ? m_examples : m_cardList;
  for (auto* c : gone) {
    m_cardList.removeOne(c);
    m_cards->removeWidget(c);  // out of the layout now: the new cards' positions count without it
    c->deleteLater();
  }
  m_examples.clear();
  for (int i = 0; i < images.size(); ++i) {
    addCard({}, images[i], names.value(i), i);
    m_examples << m_cardList[i];
  }
  Q_EMIT imagesChanged(imagePaths());
}

void ClipRowPage::addImage(const QImage& image, const QString& name) {
  if (image.isNull()) return;
  addCard({}, image, name);
  Q_EMIT imagesChanged(imagePaths());
}

void ClipRowPage::removeImage(int index) {
  if (index < 0 || index >= m_cardList.size()) return;
  ImageCard* card = m_cardList.takeAt(index);
  const bool lastExample = m_examples.removeOne(card) && m_examples.isEmpty();
  card->deleteLater();
  Q_EMIT imagesChanged(imagePaths());
  if (lastExample) Q_EMIT examplesRemoved();
}

void ClipRowPage::moveImage(int index, int delta) {
  const int to = index + delta;
  if (index < 0 || index >= m_cardList.size() || to < 0 || to >= m_cardList.size()) return;
  m_cardList.move(index, to);
  ImageCard* card = m_cardList[to];
  m_cards->removeWidget(card);
  m_cards->insertWidget(to, card, 0, Qt::AlignTop);
  Q_EMIT imagesChanged(imagePaths());
}

QStringList ClipRowPage::imagePaths() const {
  QStringList paths;
  for (auto* c : m_cardList)
    if (!c->path().isEmpty()) paths << c->path();
  return paths;
}

QList<QImage> ClipRowPage::images() const {
  QList<QImage> out;
  for (auto* c : m_cardList) out << c->image();
  return out;
}

QStringList ClipRowPage::imageNames() const {
  QStringList names;
  for (auto* c : m_cardList) names << c->name();
  return names;
}

bool ClipRowPage::pasteFromClipboard() {
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

void ClipRowPage::drop(const QMimeData* mime) {
  QStringList files;
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile()) files << url.toLocalFile();
  if (!files.isEmpty()) addImages(files);
  else if (mime->hasImage()) addImage(qvariant_cast<QImage>(mime->imageData()), tr("dropped %1").arg(m_cardList.size() + 1));
}

void ClipRowPage::refreshDifferenceChoices() {
  const QSignalBlocker block(m_diffWith);
  const int keep = m_diffWith->currentIndex();
  m_diffWith->clear();
  m_diffWith->addItem(tr("the prompt"));
  for (const QString& n : imageNames()) m_diffWith->addItem(tr("prompt − %1").arg(n));
  m_diffWith->setCurrentIndex(keep < m_diffWith->count() ? keep : 0);
}

// ---- scores --------------------------------------------------------------------------------

int ClipRowPage::bestImage() const {
  if (m_softmax.isEmpty()) return -1;
  return int(std::max_element(m_softmax.begin(), m_softmax.end()) - m_softmax.begin());
}

void ClipRowPage::showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
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

void ClipRowPage::showScoreError(const QString& message) {
  m_scoreError->setText(message);
  m_scoreError->show();
}

// ---- embeddings ----------------------------------------------------------------------------

void ClipRowPage::setEmbeddingView(bool normalisedView, int differenceWith) {
  m_embView->setCurrentIndex(normalisedView ? 1 : 0);
  m_diffWith->setCurrentIndex(differenceWith < 0 ? 0 : differenceWith + 1);
  updatePromptStrip();
}

QVector<double> ClipRowPage::shownPromptStrip() const { return m_promptStrip->values(); }

void ClipRowPage::updatePromptStrip() {
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

QString ClipRowPage::embeddingsCsv() const {
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

QString ClipRowPage::embeddingsJson() const {
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

bool ClipRowPage::exportEmbeddings(const QString& path) {
  if (m_imageEmb.isEmpty()) return false;
  const bool json = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
  QString error;
  if (!saveAtomically(path, textWriter(json ? embeddingsJson() : embeddingsCsv()), &error)) {
    showScoreError(couldNotWrite(path, error));
    return false;
  }
  return true;
}

}  // namespace atelier
