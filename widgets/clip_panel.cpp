// The CLIP tab: the explanation, the "no model" banner, and the four pages under one face.
#include "clip_panel.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "clip_row_page.h"
#include "clip_table_page.h"
#include "cosine_softmax_page.h"
#include "note_box.h"
#include "zero_shot_page.h"

namespace atelier {

namespace {
// The note, with the loaded model's embedding length (%1) and name (%2) in its first sentence.
QString noteText(const QString& name, int embedDim) {
  return ClipPanel::tr("<p>CLIP reads a picture and a sentence and turns each into a vector of the same length "
                       "(%1 numbers for %2): a vision transformer for the image, a text transformer for the "
                       "words. It was trained on about 400 million captioned images found on the web to make the "
                       "vectors of matching pairs point the same way and those of mismatched pairs apart.</p>"
                       "<p>How alike CLIP finds an image and a text is the <b>cosine</b> of the angle between their "
                       "vectors: near 1 when they agree, near 0 when unrelated. Comparing one prompt with several "
                       "images and taking a softmax of the scaled cosines gives each image's share; classifying an "
                       "image is the same thing with prompts such as \"a photo of a dog\".</p>")
      .arg(QString::number(embedDim), name.toHtmlEscaped());
}
}  // namespace

ClipPanel::ClipPanel(QWidget* parent)
    : QWidget(parent),
      // OpenAI's ViT-B/32 until a model has loaded (setModelNote).
      m_note(new NoteBox(tr("What CLIP does"), noteText(QStringLiteral("ViT-B/32"), 512), this)),
      m_banner(new QLabel(this)),
      m_modelsBanner(new QFrame(this)),
      m_modelsText(new QLabel(m_modelsBanner)),
      m_modes(new QTabWidget(this)),
      m_row(new ClipRowPage(this)),
      m_table(new ClipTablePage(this)),
      m_zeroShot(new ZeroShotPage(this)) {
  m_banner->setWordWrap(true);
  m_banner->setForegroundRole(QPalette::PlaceholderText);
  // Only the embedded models here: what they know, and the way to the real ones.
  m_modelsBanner->setObjectName(QStringLiteral("modelsBanner"));
  m_modelsBanner->setFrameShape(QFrame::StyledPanel);
  m_modelsText->setWordWrap(true);
  auto* getModels = new QPushButton(tr("Get Models…"), m_modelsBanner);
  getModels->setObjectName(QStringLiteral("getModelsButton"));
  getModels->setToolTip(tr("OpenAI's CLIP and taming's VQGANs, downloaded and verified (Models ▸ Get Models)"));
  connect(getModels, &QPushButton::clicked, this, &ClipPanel::getModelsRequested);
  auto* bannerRow = new QHBoxLayout(m_modelsBanner);
  bannerRow->addWidget(m_modelsText, 1);
  bannerRow->addWidget(getModels);
  m_modelsBanner->hide();
  m_modes->setDocumentMode(true);
  m_modes->addTab(m_row, tr("Prompt vs images"));
  m_modes->addTab(m_table, tr("Table"));
  m_modes->addTab(m_zeroShot, tr("Zero-shot"));
  m_modes->addTab(new CosineSoftmaxPage(this), tr("Cosine and softmax"));
  setAcceptDrops(true);  // files or an image dropped anywhere on the tab join the row

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addWidget(m_banner);
  layout->addWidget(m_modelsBanner);
  layout->addWidget(m_modes, 1);

  connect(m_row, &ClipRowPage::promptChanged, this, &ClipPanel::promptChanged);
  connect(m_row, &ClipRowPage::imagesChanged, this, &ClipPanel::imagesChanged);
  connect(m_row, &ClipRowPage::imageRejected, this, &ClipPanel::imageRejected);
  connect(m_row, &ClipRowPage::addImagesRequested, this, &ClipPanel::addImagesRequested);
  connect(m_row, &ClipRowPage::resetExamplesRequested, this, &ClipPanel::resetExamplesRequested);
  connect(m_row, &ClipRowPage::examplesRemoved, this, &ClipPanel::examplesRemoved);
  connect(m_row, &ClipRowPage::scoreRequested, this, &ClipPanel::scoreRequested);
  connect(m_table, &ClipTablePage::tableRequested, this, &ClipPanel::tableRequested);
  // Busy from any request (the page's button or the window's) until its answer or error.
  connect(this, &ClipPanel::tableRequested, m_table, [this](const QStringList& prompts) { m_table->showBusy(int(prompts.size())); });
  connect(m_zeroShot, &ZeroShotPage::classifyRequested, this, &ClipPanel::classifyRequested);
  connect(m_zeroShot, &ZeroShotPage::vocabularyRequested, this, &ClipPanel::vocabularyRequested);
  connect(this, &ClipPanel::imagesChanged, m_zeroShot, [this] { m_zeroShot->setImageChoices(m_row->imageNames()); });
}

void ClipPanel::setModelNote(const QString& name, int embedDim) { m_note->setText(noteText(name, embedDim)); }

void ClipPanel::setModelAvailable(bool available, const QString& reason) {
  m_banner->setText(reason);
  m_banner->setVisible(!available);
  m_table->setModelAvailable(available);
  m_zeroShot->setModelAvailable(available);
}

void ClipPanel::setBanner(const QString& text) {
  m_modelsText->setText(text);
  m_modelsBanner->setVisible(!text.isEmpty());
}

QString ClipPanel::bannerText() const { return m_modelsBanner->isHidden() ? QString() : m_modelsText->text(); }

void ClipPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls() || event->mimeData()->hasImage()) event->acceptProposedAction();
}

void ClipPanel::dropEvent(QDropEvent* event) {
  m_row->drop(event->mimeData());
  event->acceptProposedAction();
}

// ---- the row -------------------------------------------------------------------------------

QString ClipPanel::prompt() const { return m_row->prompt(); }
void ClipPanel::setPrompt(const QString& prompt) { m_row->setPrompt(prompt); }
int ClipPanel::addImages(const QStringList& paths) { return m_row->addImages(paths); }
void ClipPanel::setRenderedImages(const QList<QImage>& images, const QStringList& names, bool keepOthers) {
  m_row->setRenderedImages(images, names, keepOthers);
}
int ClipPanel::exampleCount() const { return m_row->exampleCount(); }
QStringList ClipPanel::imagePaths() const { return m_row->imagePaths(); }
QList<QImage> ClipPanel::images() const { return m_row->images(); }
void ClipPanel::showScores(const QVector<double>& cosine, const QVector<double>& softmax, const QVector<double>& text,
                           const QList<QVector<double>>& images) {
  m_row->showScores(cosine, softmax, text, images);
}
void ClipPanel::showScoreError(const QString& message) { m_row->showScoreError(message); }
QVector<double> ClipPanel::shownCosines() const { return m_row->cosines(); }
QVector<double> ClipPanel::shownSoftmax() const { return m_row->softmax(); }
int ClipPanel::bestImage() const { return m_row->bestImage(); }
void ClipPanel::removeImage(int index) { m_row->removeImage(index); }
void ClipPanel::moveImage(int index, int delta) { m_row->moveImage(index, delta); }
void ClipPanel::addImage(const QImage& image, const QString& name) { m_row->addImage(image, name); }
QStringList ClipPanel::imageNames() const { return m_row->imageNames(); }
bool ClipPanel::pasteFromClipboard() { return m_row->pasteFromClipboard(); }

void ClipPanel::setEmbeddingView(bool normalised, int differenceWith) { m_row->setEmbeddingView(normalised, differenceWith); }
QVector<double> ClipPanel::shownPromptStrip() const { return m_row->shownPromptStrip(); }
QString ClipPanel::embeddingsCsv() const { return m_row->embeddingsCsv(); }
QString ClipPanel::embeddingsJson() const { return m_row->embeddingsJson(); }
bool ClipPanel::exportEmbeddings(const QString& path) { return m_row->exportEmbeddings(path); }

// ---- the table -----------------------------------------------------------------------------

QString ClipPanel::tablePrompts() const { return m_table->prompts(); }
void ClipPanel::setTablePrompts(const QString& prompts) { m_table->setPrompts(prompts); }
QStringList ClipPanel::tablePromptList() const { return m_table->promptList(); }
void ClipPanel::showTable(const QStringList& prompts, const QList<QVector<double>>& cosine, const QList<QVector<double>>& overImages,
                          const QList<QVector<double>>& overPrompts) {
  m_table->showTable(prompts, m_row->imageNames(), cosine, overImages, overPrompts);
}
void ClipPanel::showTableError(const QString& message) { m_table->showError(message); }
bool ClipPanel::tableBusy() const { return m_table->busy(); }
QList<QVector<double>> ClipPanel::shownTable() const { return m_table->shownTable(); }
void ClipPanel::setTableMeasure(int measure) { m_table->setMeasure(measure); }
void ClipPanel::focusCell(int prompt, int image) { m_table->focusCell(prompt, image); }
QString ClipPanel::focusText() const { return m_table->focusText(); }
bool ClipPanel::exportTableCsv(const QString& path) { return m_table->exportCsv(path); }
bool ClipPanel::exportTablePng(const QString& path) { return m_table->exportPng(path); }
QList<QVector<double>> ClipPanel::readTableCsv(const QString& path, QStringList* prompts, QStringList* images) {
  return ClipTablePage::readCsv(path, prompts, images);
}
QCustomPlot* ClipPanel::heatmap() const { return m_table->heatmap(); }

// ---- zero-shot -----------------------------------------------------------------------------

QStringList ClipPanel::cifar10() { return ZeroShotPage::cifar10(); }
QStringList ClipPanel::cifar100() { return ZeroShotPage::cifar100(); }
QStringList ClipPanel::ensembleTemplates() { return ZeroShotPage::ensembleTemplates(); }
void ClipPanel::setZeroShotLabels(const QStringList& labels) { m_zeroShot->setLabels(labels); }
void ClipPanel::setZeroShotTemplates(const QString& single, const QStringList& ensemble, const QString& source) {
  m_zeroShot->setTemplates(single, ensemble, source);
}
QStringList ClipPanel::zeroShotEnsemble() const { return m_zeroShot->ensemble(); }
void ClipPanel::requestClassification() { m_zeroShot->requestClassification(); }
void ClipPanel::showZeroShot(const QStringList& labels, const QVector<double>& probability) { m_zeroShot->showResult(labels, probability); }
void ClipPanel::showZeroShotError(const QString& message) { m_zeroShot->showError(message); }
bool ClipPanel::zeroShotBusy() const { return m_zeroShot->busy(); }
QList<QPair<QString, double>> ClipPanel::shownTopK() const { return m_zeroShot->topK(); }
QCustomPlot* ClipPanel::bars() const { return m_zeroShot->bars(); }
void ClipPanel::setEnsemble(bool on) { m_zeroShot->setEnsemble(on); }

}  // namespace atelier
