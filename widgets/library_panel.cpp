// The Library tab: the folders and their index above the pages (library_pages.h), whose asks the
// panel routes, and their errors (to the page that asked).
#include "library_panel.h"

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

#include "library_map.h"
#include "library_pages.h"
#include "live_plot.h"

namespace atelier {

namespace {
constexpr int kFolderRows = 3;  // the folder list grows to this many rows, then scrolls

QString clock(double seconds) {  // 0:41, 12:05, 1:02:03
  const qint64 s = qRound64(seconds), h = s / 3600, m = s % 3600 / 60;
  const QString ss = QStringLiteral("%1").arg(s % 60, 2, 10, QLatin1Char('0'));
  if (h > 0) return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(ss);
  return QStringLiteral("%1:%2").arg(m).arg(ss);
}
}  // namespace

struct LibraryPanel::Ui {
  explicit Ui(LibraryPanel* panel);
  void retranslate();
  void updateButtons();
  void updateProgress();
  void updateInfo();
  void setError(int page, const QString& message);  // page -1: the index's line; empty clears
  void ask(int page) { asker = page, setError(page, {}); }
  void findSimilar(const QString& path);
  void addFolder(const QString& path);

  LibraryPanel* q;
  QLabel *banner, *info, *progressText, *summary, *indexError;
  QListWidget* folderList;
  QPushButton *addButton, *removeButton, *index, *pause, *cancel, *skippedButton;
  QProgressBar* progress;
  LibraryPages* pages;

  bool modelAvailable = true, running = false, paused = false, hasProgress = false;
  qint64 done = 0, total = 0;
  double rate = 0, eta = -1;
  int images = -1, asker = -1;
  QString modelName, database;
  QStringList skipped;
};

LibraryPanel::Ui::Ui(LibraryPanel* panel) : q(panel) {
  banner = new QLabel(q);
  banner->setObjectName(QStringLiteral("libraryBanner"));
  banner->setWordWrap(true);
  banner->setForegroundRole(QPalette::PlaceholderText);
  banner->hide();
  info = new QLabel(q);
  info->setObjectName(QStringLiteral("libraryInfo"));
  info->setWordWrap(true);
  info->setTextInteractionFlags(Qt::TextSelectableByMouse);
  // As high as its folders, up to kFolderRows (updateButtons): the pages get the rest.
  folderList = new QListWidget(q);
  folderList->setObjectName(QStringLiteral("libraryFolders"));
  folderList->setSelectionMode(QAbstractItemView::ExtendedSelection);
  folderList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the tooltip shows a long path
  folderList->setTextElideMode(Qt::ElideMiddle);
  QObject::connect(folderList, &QListWidget::itemSelectionChanged, q, [this] { updateButtons(); });
  addButton = new QPushButton(q);
  addButton->setObjectName(QStringLiteral("libraryAddFolder"));
  QObject::connect(addButton, &QPushButton::clicked, q, [this] {
    const QString dir = QFileDialog::getExistingDirectory(q, LibraryPanel::tr("Add a Folder to the Library"),
                                                          q->folders().value(0, QDir::homePath()));
    if (dir.isEmpty() || q->folders().contains(QDir::cleanPath(dir))) return;
    addFolder(dir);
    Q_EMIT q->foldersChanged(q->folders());
  });
  removeButton = new QPushButton(q);
  removeButton->setObjectName(QStringLiteral("libraryRemoveFolder"));
  QObject::connect(removeButton, &QPushButton::clicked, q, [this] {
    const QList<QListWidgetItem*> gone = folderList->selectedItems();
    if (gone.isEmpty()) return;
    qDeleteAll(gone);
    updateButtons();
    Q_EMIT q->foldersChanged(q->folders());
  });
  index = new QPushButton(q);
  index->setObjectName(QStringLiteral("libraryIndex"));
  QObject::connect(index, &QPushButton::clicked, q, [this] {
    ask(-1);
    Q_EMIT q->indexRequested(q->folders());
  });
  pause = new QPushButton(q);
  pause->setObjectName(QStringLiteral("libraryPause"));
  QObject::connect(pause, &QPushButton::clicked, q, [this] {
    if (!running) return;
    paused = !paused;
    updateButtons();
    updateProgress();
    if (paused) Q_EMIT q->pauseRequested();
    else Q_EMIT q->resumeRequested();
  });
  cancel = new QPushButton(q);
  cancel->setObjectName(QStringLiteral("libraryCancel"));
  QObject::connect(cancel, &QPushButton::clicked, q, &LibraryPanel::cancelRequested);
  progress = new QProgressBar(q);
  progress->setObjectName(QStringLiteral("libraryProgress"));
  progress->setTextVisible(false);
  progress->hide();
  progressText = new QLabel(q);
  progressText->setObjectName(QStringLiteral("libraryProgressText"));
  summary = new QLabel(q);
  summary->setObjectName(QStringLiteral("librarySummary"));
  summary->setWordWrap(true);
  skippedButton = new QPushButton(q);
  skippedButton->setObjectName(QStringLiteral("librarySkipped"));
  skippedButton->setFlat(true);
  skippedButton->setCursor(Qt::PointingHandCursor);
  skippedButton->hide();
  QObject::connect(skippedButton, &QPushButton::clicked, q, [this] {
    auto* box = new QMessageBox(QMessageBox::Information, LibraryPanel::tr("Unreadable Files"),
                                LibraryPanel::tr("%n file(s) could not be read and were left out of the library.", nullptr,
                                                 int(skipped.size())),
                                QMessageBox::Close, q);
    box->setDetailedText(skipped.join(QLatin1Char('\n')));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
  });
  indexError = library_page::errorLabel(QStringLiteral("libraryIndexError"), q);

  pages = new LibraryPages(q);
  for (int i = SearchPage; i <= LabelsPage; ++i) {
    LibraryPage* page = pages->page(i);
    QObject::connect(page, &LibraryPage::asking, q, [this, i] { ask(i); });
    QObject::connect(page, &LibraryPage::findSimilar, q, [this](const QString& path) { findSimilar(path); });
    QObject::connect(page, &LibraryPage::sendToClipRow, q, &LibraryPanel::sendToClipRow);
    QObject::connect(page, &LibraryPage::useAsImagePrompt, q, &LibraryPanel::useAsImagePrompt);
    QObject::connect(page, &LibraryPage::useAsInitImage, q, &LibraryPanel::useAsInitImage);
  }
  QObject::connect(pages->search(), &LibrarySearchPage::searchPressed, q, &LibraryPanel::search);
  QObject::connect(pages->search(), &LibrarySearchPage::similarPressed, q, [this] {
    const QString path = LibrarySearchPage::chooseImage(q, q->folders().value(0, QDir::homePath()));
    if (!path.isEmpty()) findSimilar(path);
  });
  QObject::connect(pages->duplicates(), &LibraryDuplicatesPage::duplicatesRequested, q, &LibraryPanel::duplicatesRequested);
  QObject::connect(pages->map(), &LibraryMapPage::mapRequested, q,
                   [this](int clusters) { Q_EMIT q->mapRequested(q->query().trimmed(), clusters, q->labels()); });
  QObject::connect(pages->labels(), &LibraryLabelsPage::labelsRequested, q, &LibraryPanel::labelsRequested);

  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folderList, 1, Qt::AlignTop);
  folderRow->addWidget(addButton, 0, Qt::AlignTop);
  folderRow->addWidget(removeButton, 0, Qt::AlignTop);
  auto* indexRow = new QHBoxLayout;
  indexRow->addWidget(index);
  indexRow->addWidget(pause);
  indexRow->addWidget(cancel);
  indexRow->addWidget(progress, 1);
  indexRow->addWidget(progressText);
  indexRow->addStretch(0);  // the buttons at their size while the bar is hidden
  auto* summaryRow = new QHBoxLayout;
  summaryRow->addWidget(summary, 1);
  summaryRow->addWidget(skippedButton);
  auto* layout = new QVBoxLayout(q);
  layout->addWidget(banner);
  layout->addWidget(info);
  layout->addLayout(folderRow);
  layout->addLayout(indexRow);
  layout->addLayout(summaryRow);
  layout->addWidget(indexError);
  layout->addWidget(pages, 1);
}

// ---- texts ---------------------------------------------------------------------------------

void LibraryPanel::Ui::retranslate() {
  addButton->setText(LibraryPanel::tr("Add Folder…"));
  addButton->setToolTip(LibraryPanel::tr("Add a folder of images to the library; its subfolders are included"));
  removeButton->setText(LibraryPanel::tr("Remove"));
  removeButton->setToolTip(LibraryPanel::tr("Take the selected folders off the list (the files stay where they are)"));
  folderList->setToolTip(LibraryPanel::tr("The folders whose images are indexed"));
  index->setText(LibraryPanel::tr("Index"));
  index->setToolTip(LibraryPanel::tr("Compute the CLIP embeddings of the new and changed images in the folders"));
  cancel->setText(LibraryPanel::tr("Cancel"));
  cancel->setToolTip(LibraryPanel::tr("Stop indexing: what is done is kept, and the next run goes on from there"));
  updateButtons();
  updateProgress();
  updateInfo();
  pages->retranslate();
}

void LibraryPanel::Ui::updateButtons() {
  index->setEnabled(modelAvailable && !running && folderList->count() > 0);
  pause->setEnabled(running);
  pause->setText(paused ? LibraryPanel::tr("Resume") : LibraryPanel::tr("Pause"));
  pause->setToolTip(paused ? LibraryPanel::tr("Go on indexing") : LibraryPanel::tr("Pause indexing after the batch in progress"));
  cancel->setEnabled(running);
  removeButton->setEnabled(!folderList->selectedItems().isEmpty());
  pages->setModelAvailable(modelAvailable);
  // The folder list as high as its rows (one at least, kFolderRows at most).
  const int rows = std::clamp(folderList->count(), 1, kFolderRows);
  const int row = folderList->count() > 0 ? folderList->sizeHintForRow(0) : folderList->fontMetrics().height() + 4;
  folderList->setFixedHeight(rows * std::max(row, folderList->fontMetrics().height()) + 2 * folderList->frameWidth());
}

void LibraryPanel::Ui::updateProgress() {
  progress->setVisible(running || hasProgress);
  progressText->setVisible(running || hasProgress);
  if (!hasProgress || (done == 0 && total <= 0)) {  // busy: no progress yet, or the run counts the files
    progress->setRange(0, 0);
    const QString looking = paused ? LibraryPanel::tr("Paused") : LibraryPanel::tr("Looking for images…");
    return progressText->setText(running || hasProgress ? looking : QString());
  }
  const QLocale locale;
  QStringList parts;
  if (total > 0) {
    progress->setRange(0, 1000);
    progress->setValue(int(std::clamp(1000.0 * double(done) / double(total), 0.0, 1000.0)));
    parts << LibraryPanel::tr("%1 of %2").arg(locale.toString(done), locale.toString(total));
  } else {
    progress->setRange(0, 0);
    parts << LibraryPanel::tr("%1 done").arg(locale.toString(done));
  }
  if (rate > 0) parts << LibraryPanel::tr("%1 images/s").arg(locale.toString(rate, 'f', 1));
  if (total > 0 && eta >= 0) parts << LibraryPanel::tr("%1 left").arg(clock(eta));
  if (paused) parts.prepend(LibraryPanel::tr("Paused"));
  progressText->setText(parts.join(QStringLiteral(" · ")));
}

void LibraryPanel::Ui::updateInfo() {
  if (images > 0) {
    QString text = LibraryPanel::tr("%Ln image(s) indexed with %1", nullptr, images).arg(modelName);
    if (!database.isEmpty())
      text += QStringLiteral(" · ") + LibraryPanel::tr("database %1").arg(QDir::toNativeSeparators(database));
    info->setText(text);
  } else {
    info->setText(LibraryPanel::tr("No images indexed yet: add a folder with Add Folder…, then press Index."));
  }
  skippedButton->setText(LibraryPanel::tr("%Ln unreadable", nullptr, int(skipped.size())));
  skippedButton->setToolTip(LibraryPanel::tr("The files that could not be read, and why"));
  skippedButton->setVisible(!skipped.isEmpty());
}

void LibraryPanel::Ui::setError(int page, const QString& message) {
  if (page >= SearchPage) return pages->page(page)->setError(message);
  indexError->setText(message);
  indexError->setVisible(!message.isEmpty());
}

// ---- actions -------------------------------------------------------------------------------

void LibraryPanel::Ui::findSimilar(const QString& path) {
  pages->setCurrentIndex(SearchPage);
  ask(SearchPage);
  Q_EMIT q->imageSearchRequested(path);
}

void LibraryPanel::Ui::addFolder(const QString& path) {
  auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), folderList);
  item->setData(library_page::kPathRole, QDir::cleanPath(path));
  item->setToolTip(item->text());
  updateButtons();
}

// ---- the panel -----------------------------------------------------------------------------

LibraryPanel::LibraryPanel(QWidget* parent) : QWidget(parent), m_ui(nullptr) {
  m_ui = new Ui(this);  // m_ui stays null while it is built: changeEvent waits for it
  m_ui->retranslate();
}

LibraryPanel::~LibraryPanel() {
  // The children go after this body (QWidget deletes them); their last signals (a tab widget's,
  // as its pages go) must not reach the Ui. Every connection of the Ui has this as its context.
  for (QObject* child : findChildren<QObject*>()) QObject::disconnect(child, nullptr, this, nullptr);
  delete m_ui;
}

QTabWidget* LibraryPanel::pages() const { return m_ui->pages; }

void LibraryPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (!m_ui) return;
  if (event->type() == QEvent::LanguageChange) m_ui->retranslate();
  else if (isThemeChange(event)) m_ui->pages->restyle();  // the placeholders and the map
}

QStringList LibraryPanel::folders() const {
  QStringList out;
  for (int i = 0; i < m_ui->folderList->count(); ++i)
    out << m_ui->folderList->item(i)->data(library_page::kPathRole).toString();
  return out;
}

void LibraryPanel::setFolders(const QStringList& folders) {
  m_ui->folderList->clear();
  for (const QString& f : folders)
    if (!f.isEmpty() && !this->folders().contains(QDir::cleanPath(f))) m_ui->addFolder(f);
  m_ui->updateButtons();
}

void LibraryPanel::setModelAvailable(bool available, const QString& why) {
  m_ui->modelAvailable = available;
  m_ui->banner->setText(why.isEmpty() ? tr("No CLIP model is loaded.") : why);
  m_ui->banner->setVisible(!available);
  m_ui->updateButtons();
}

void LibraryPanel::setIndexing(bool running, bool paused) {
  m_ui->running = running;
  m_ui->paused = running && paused;
  if (!running) m_ui->hasProgress = false;
  else m_ui->setError(-1, {});
  m_ui->updateButtons();
  m_ui->updateProgress();
}

bool LibraryPanel::indexing() const { return m_ui->running; }
void LibraryPanel::showIndexProgress(qint64 done, qint64 total, double imagesPerSecond, double etaSeconds) {
  m_ui->hasProgress = true;
  m_ui->done = done;
  m_ui->total = total;
  m_ui->rate = imagesPerSecond;
  m_ui->eta = etaSeconds;
  m_ui->setError(-1, {});
  m_ui->updateProgress();
}

void LibraryPanel::showIndexSummary(const QString& summary) {
  m_ui->setError(-1, {});
  m_ui->summary->setText(summary);
}

void LibraryPanel::setLibraryInfo(int images, const QString& modelName, const QString& database) {
  m_ui->images = images;
  m_ui->modelName = modelName;
  m_ui->database = database;
  m_ui->updateInfo();
}

void LibraryPanel::setSkipped(const QStringList& lines) {
  m_ui->skipped = lines;
  m_ui->updateInfo();
}

void LibraryPanel::showError(const QString& message) { m_ui->setError(m_ui->asker, message); }
bool LibraryPanel::thumbnailsPending() const { return m_ui->pages->thumbnailsPending(); }

QString LibraryPanel::query() const { return m_ui->pages->search()->query(); }
void LibraryPanel::setQuery(const QString& query) { m_ui->pages->search()->setQuery(query); }
double LibraryPanel::threshold() const { return m_ui->pages->search()->threshold(); }
void LibraryPanel::setThreshold(double cosine) { m_ui->pages->search()->setThreshold(cosine); }

void LibraryPanel::showResults(const QString& query, const QVector<LibraryItem>& ranked) {
  m_ui->pages->search()->showResults(query, ranked);
}

QVector<LibraryItem> LibraryPanel::results() const { return m_ui->pages->search()->results(); }
int LibraryPanel::countAboveThreshold() const { return m_ui->pages->search()->countAboveThreshold(); }

void LibraryPanel::search() {
  const QString text = query().trimmed();
  if (text.isEmpty() || !m_ui->modelAvailable) return;
  m_ui->ask(SearchPage);
  Q_EMIT searchRequested(text);
}

double LibraryPanel::duplicateThreshold() const { return m_ui->pages->duplicates()->threshold(); }
void LibraryPanel::setDuplicateThreshold(double cosine) { m_ui->pages->duplicates()->setThreshold(cosine); }

int LibraryPanel::duplicateGroupCount() const { return m_ui->pages->duplicates()->groupCount(); }
void LibraryPanel::showDuplicates(const QVector<QVector<LibraryItem>>& groups) { m_ui->pages->duplicates()->showDuplicates(groups); }

int LibraryPanel::clusterCount() const { return m_ui->pages->map()->clusterCount(); }
void LibraryPanel::showMap(const LibraryMapData& map) { m_ui->pages->map()->showMap(map); }
void LibraryPanel::selectInMap(const QPolygonF& polygon) { m_ui->pages->map()->selectInMap(polygon); }
QStringList LibraryPanel::mapSelection() const { return m_ui->pages->map()->selection(); }
QWidget* LibraryPanel::mapPlot() const { return m_ui->pages->map()->map(); }

QStringList LibraryPanel::labels() const { return m_ui->pages->labels()->labels(); }
void LibraryPanel::setLabels(const QStringList& labels) { m_ui->pages->labels()->setLabels(labels); }

void LibraryPanel::showLabels(const QStringList& paths, const QStringList& labels, const QVector<double>& probability) {
  m_ui->pages->labels()->showLabels(paths, labels, probability);
}

QString LibraryPanel::labelsCsv() const { return m_ui->pages->labels()->csv(); }

}  // namespace atelier
