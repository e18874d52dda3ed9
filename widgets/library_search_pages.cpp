// The Library's pages that find images by similarity: Search (a text query with weighted and
// negative terms, or an image; the images ranked by cosine with their softmax share, a threshold
// and the count above it) and Duplicates (groups above a cosine, the biggest first; nothing is
// deleted).
#include "library_pages.h"

#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

#include "library_thumbs.h"

namespace atelier {

using namespace library_page;

namespace {
QString imageIn(const QMimeData* mime) {
  const QList<QByteArray> formats = QImageReader::supportedImageFormats();
  for (const QUrl& url : mime->urls())
    if (url.isLocalFile() && formats.contains(QFileInfo(url.toLocalFile()).suffix().toLower().toLatin1()))
      return url.toLocalFile();
  return {};
}
}  // namespace

// ---- Search --------------------------------------------------------------------------------

LibrarySearchPage::LibrarySearchPage(LibraryIcons* icons, QWidget* parent)
    : LibraryPage(icons, QStringLiteral("librarySearchError"), parent) {
  setAcceptDrops(true);
  m_query = new QLineEdit(this);
  m_query->setObjectName(QStringLiteral("libraryQuery"));
  m_query->setClearButtonEnabled(true);
  m_query->setAcceptDrops(false);  // a dropped image goes to the page: an image query
  connect(m_query, &QLineEdit::returnPressed, this, &LibrarySearchPage::searchPressed);
  m_searchButton = new QPushButton(this);
  m_searchButton->setObjectName(QStringLiteral("librarySearch"));
  connect(m_searchButton, &QPushButton::clicked, this, &LibrarySearchPage::searchPressed);
  m_similar = new QPushButton(this);
  m_similar->setObjectName(QStringLiteral("librarySimilar"));
  connect(m_similar, &QPushButton::clicked, this, &LibrarySearchPage::similarPressed);
  m_thresholdTitle = new QLabel(this);
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setObjectName(QStringLiteral("libraryThreshold"));
  m_slider->setRange(0, 100);
  m_slider->setValue(qRound(m_threshold * 100));
  m_slider->setMaximumWidth(260);
  connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
    m_threshold = value / 100.0;
    populate();
  });
  m_thresholdValue = new QLabel(this);
  m_thresholdValue->setObjectName(QStringLiteral("libraryThresholdValue"));
  m_thresholdValue->setMinimumWidth(m_thresholdValue->fontMetrics().horizontalAdvance(QStringLiteral("-0.000")));
  m_count = new QLabel(this);
  m_count->setObjectName(QStringLiteral("libraryCount"));
  m_results = new QListWidget(this);
  m_results->setObjectName(QStringLiteral("libraryResults"));
  m_results->setViewMode(QListView::IconMode);
  m_results->setMovement(QListView::Static);  // after IconMode, which makes items movable
  m_results->setResizeMode(QListView::Adjust);
  m_results->setIconSize(QSize(LibraryThumbs::kSide, LibraryThumbs::kSide));
  m_results->setGridSize(
      QSize(LibraryThumbs::kSide + 28, LibraryThumbs::kSide + 2 * m_results->fontMetrics().height() + 14));
  m_results->setUniformItemSizes(true);
  m_results->setTextElideMode(Qt::ElideMiddle);
  m_results->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_results, &QListWidget::itemActivated, this, [](QListWidgetItem* item) { open(item->data(kPathRole).toString()); });
  connect(m_results, &QListWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    if (auto* item = m_results->itemAt(at))
      itemMenu(item->data(kPathRole).toString(), m_results->viewport()->mapToGlobal(at));
  });

  auto* top = new QHBoxLayout;
  top->addWidget(m_query, 1);
  top->addWidget(m_searchButton);
  top->addWidget(m_similar);
  auto* thresholdRow = new QHBoxLayout;
  thresholdRow->addWidget(m_thresholdTitle);
  thresholdRow->addWidget(m_slider, 1);
  thresholdRow->addWidget(m_thresholdValue);
  thresholdRow->addSpacing(12);
  thresholdRow->addWidget(m_count, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(thresholdRow);
  layout->addWidget(m_error);
  layout->addWidget(m_results, 1);
}

QString LibrarySearchPage::query() const { return m_query->text(); }

void LibrarySearchPage::setQuery(const QString& query) {
  const QSignalBlocker block(m_query);
  m_query->setText(query);
}

void LibrarySearchPage::setThreshold(double cosine) {
  m_threshold = std::clamp(cosine, -1.0, 1.0);
  {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(qRound(m_threshold * 100));
  }
  populate();
}

void LibrarySearchPage::showResults(const QString& query, const QVector<LibraryItem>& ranked) {
  setError({});
  m_searched = true;
  m_ranked = ranked;
  m_count->setToolTip(query);
  populate();
  m_results->scrollToTop();  // new results: the best first, whatever was scrolled to before
  Q_EMIT answered();
}

QString LibrarySearchPage::chooseImage(QWidget* parent, const QString& folder) {
  QStringList patterns;
  for (const QByteArray& format : QImageReader::supportedImageFormats())
    patterns << QStringLiteral("*.") + QString::fromLatin1(format);
  return QFileDialog::getOpenFileName(parent, LibraryPanel::tr("Find Images Similar To"), folder,
                                      LibraryPanel::tr("Images (%1)").arg(patterns.join(QLatin1Char(' '))));
}

int LibrarySearchPage::countAboveThreshold() const {
  const double t = m_threshold;
  return int(std::count_if(m_ranked.cbegin(), m_ranked.cend(), [t](const LibraryItem& it) { return it.cosine >= t; }));
}

void LibrarySearchPage::retranslate() {
  m_query->setPlaceholderText(LibraryPanel::tr("a dog on a beach | people:-0.5"));
  m_query->setToolTip(LibraryPanel::tr("What to look for. Separate terms with |, give a term a weight after a colon; a "
                                       "negative weight means less of it"));
  m_searchButton->setText(LibraryPanel::tr("Search"));
  m_similar->setText(LibraryPanel::tr("Find Similar…"));
  m_similar->setToolTip(LibraryPanel::tr("Rank the library by similarity to an image (or drop an image on this page)"));
  m_thresholdTitle->setText(LibraryPanel::tr("Threshold:"));
  m_slider->setToolTip(LibraryPanel::tr("The cosine similarity with the query below which images are hidden"));
  populate();  // their captions
}

void LibrarySearchPage::updateButtons() {
  m_searchButton->setEnabled(m_modelAvailable);
  m_similar->setEnabled(m_modelAvailable);
}

void LibrarySearchPage::dragEnterEvent(QDragEnterEvent* event) {
  if (!imageIn(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void LibrarySearchPage::dropEvent(QDropEvent* event) {
  const QString path = imageIn(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  if (m_modelAvailable) Q_EMIT findSimilar(path);
}

// The items above the threshold, each captioned with its cosine, its softmax share and its file
// name from the start (its icon a placeholder until its thumbnail arrives).
void LibrarySearchPage::populate() {
  const QLocale locale;
  m_results->setUpdatesEnabled(false);
  m_results->clear();
  m_items.clear();
  int shown = 0;
  for (const LibraryItem& it : std::as_const(m_ranked)) {
    if (it.cosine < m_threshold) continue;
    if (++shown > kMaxShown) break;
    const QString caption =
        LibraryPanel::tr("%1 · %2%").arg(locale.toString(it.cosine, 'f', 3), locale.toString(100 * it.softmax, 'f', 1));
    listItem(m_results, m_items, it.path, caption + QLatin1Char('\n') + fileName(it.path))->setToolTip(tooltip(it, true));
  }
  m_results->setUpdatesEnabled(true);
  updateCount();
  Q_EMIT thumbnailsWanted();
}

void LibrarySearchPage::updateCount() {
  const QLocale locale;
  m_thresholdValue->setText(locale.toString(m_threshold, 'f', 2));
  if (!m_searched) return m_count->setText(LibraryPanel::tr("Type a query and press Search, or drop an image on this page."));
  const int above = countAboveThreshold();
  const QString n = locale.toString(above), all = locale.toString(qsizetype(m_ranked.size()));
  const QString t = locale.toString(m_threshold, 'f', 2);
  m_count->setText(above > kMaxShown
                       ? LibraryPanel::tr("%1 of %2 above %3 · the first %4 shown").arg(n, all, t, locale.toString(kMaxShown))
                       : LibraryPanel::tr("%1 of %2 above %3").arg(n, all, t));
}

void LibrarySearchPage::requestThumbnails(int priority) {
  for (int i = 0; i < m_results->count(); ++i) m_icons->thumbs()->request(m_results->item(i)->data(kPathRole).toString(), priority);
}

void LibrarySearchPage::applyThumbnail(const QString& path, const QImage&, const QIcon& icon) { setIcons(m_items, path, icon); }

// ---- Duplicates ----------------------------------------------------------------------------

LibraryDuplicatesPage::LibraryDuplicatesPage(LibraryIcons* icons, QWidget* parent)
    : LibraryPage(icons, QStringLiteral("libraryDuplicatesError"), parent) {
  m_title = new QLabel(this);
  m_threshold = new QDoubleSpinBox(this);
  m_threshold->setObjectName(QStringLiteral("libraryDupThreshold"));
  m_threshold->setRange(0.80, 1.00);
  m_threshold->setSingleStep(0.005);
  m_threshold->setDecimals(3);
  m_threshold->setValue(0.95);
  m_find = new QPushButton(this);
  m_find->setObjectName(QStringLiteral("libraryDupFind"));
  connect(m_find, &QPushButton::clicked, this, [this] {
    Q_EMIT asking();
    Q_EMIT duplicatesRequested(m_threshold->value());
  });
  m_count = new QLabel(this);
  m_count->setObjectName(QStringLiteral("libraryDupCount"));
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_note->setForegroundRole(QPalette::PlaceholderText);
  m_tree = new QTreeWidget(this);
  m_tree->setObjectName(QStringLiteral("libraryDupTree"));
  m_tree->setColumnCount(4);
  m_tree->setIconSize(QSize(kRowIcon, kRowIcon));
  m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setStretchLastSection(false);
  for (int c = 1; c < 4; ++c) m_tree->setColumnWidth(c, 110);
  connect(m_tree, &QTreeWidget::itemActivated, this, [](QTreeWidgetItem* item) {
    if (const QString path = item->data(0, kPathRole).toString(); !path.isEmpty()) open(path);
  });
  connect(m_tree, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    const QTreeWidgetItem* item = m_tree->itemAt(at);
    if (item && !item->data(0, kPathRole).toString().isEmpty())
      itemMenu(item->data(0, kPathRole).toString(), m_tree->viewport()->mapToGlobal(at));
  });
  connect(m_tree, &QTreeWidget::itemExpanded, this, &LibraryPage::thumbnailsWanted);

  auto* top = new QHBoxLayout;
  top->addWidget(m_title);
  top->addWidget(m_threshold);
  top->addWidget(m_find);
  top->addSpacing(12);
  top->addWidget(m_count, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_note);
  layout->addWidget(m_error);
  layout->addWidget(m_tree, 1);
}

double LibraryDuplicatesPage::threshold() const { return m_threshold->value(); }
void LibraryDuplicatesPage::setThreshold(double cosine) { m_threshold->setValue(cosine); }

void LibraryDuplicatesPage::showDuplicates(const QVector<QVector<LibraryItem>>& groups) {
  setError({});
  m_shown = true;
  m_groups = groups;
  populate();
  updateCount();
  Q_EMIT answered();
}

void LibraryDuplicatesPage::retranslate() {
  m_title->setText(LibraryPanel::tr("Cosine at least:"));
  m_threshold->setToolTip(LibraryPanel::tr("Images whose embeddings are at least this similar count as duplicates"));
  m_find->setText(LibraryPanel::tr("Find Duplicates"));
  m_note->setText(LibraryPanel::tr("Groups of near-identical images, the biggest group first. Nothing is deleted: open the "
                                   "files or show them in their folder to decide what to keep."));
  m_tree->setHeaderLabels({LibraryPanel::tr("Image"), LibraryPanel::tr("Resolution"), LibraryPanel::tr("Size"),
                           LibraryPanel::tr("Cosine")});
  populate();
  updateCount();
}

void LibraryDuplicatesPage::updateButtons() { m_find->setEnabled(m_modelAvailable); }

void LibraryDuplicatesPage::populate() {
  const QLocale locale;
  m_tree->clear();
  m_items.clear();
  QFont bold = m_tree->font();
  bold.setBold(true);
  for (int g = 0; g < m_groups.size(); ++g) {
    auto* top = new QTreeWidgetItem(m_tree);
    top->setText(0, LibraryPanel::tr("Group %1 · %Ln image(s)", nullptr, int(m_groups[g].size())).arg(g + 1));
    top->setFont(0, bold);
    top->setFirstColumnSpanned(true);
    for (int j = 0; j < m_groups[g].size(); ++j) {
      const LibraryItem& it = m_groups[g][j];
      auto* child = new QTreeWidgetItem(top);
      child->setIcon(0, m_icons->iconFor(it.path));
      child->setText(0, j == 0 ? LibraryPanel::tr("%1 (largest)").arg(fileName(it.path)) : fileName(it.path));
      child->setText(1, it.width > 0 ? LibraryPanel::tr("%1 × %2").arg(it.width).arg(it.height) : QStringLiteral("–"));
      child->setText(2, it.bytes > 0 ? locale.formattedDataSize(it.bytes) : QStringLiteral("–"));
      child->setText(3, locale.toString(it.cosine, 'f', 3));
      child->setData(0, kPathRole, it.path);
      for (int c = 0; c < 4; ++c) child->setToolTip(c, tooltip(it, false));
      for (int c = 2; c < 4; ++c) child->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
      m_items.insert(it.path, child);
    }
    top->setExpanded(g < 50);
  }
  Q_EMIT thumbnailsWanted();
}

void LibraryDuplicatesPage::updateCount() {
  if (!m_shown) return m_count->clear();
  int n = 0;
  for (const auto& g : std::as_const(m_groups)) n += int(g.size());
  m_count->setText(m_groups.isEmpty() ? LibraryPanel::tr("No duplicates at this threshold.")
                                      : LibraryPanel::tr("%Ln group(s), %1 images", nullptr, int(m_groups.size()))
                                            .arg(QLocale().toString(n)));
}

void LibraryDuplicatesPage::requestThumbnails(int priority) {
  int n = 0;
  for (int g = 0; g < m_tree->topLevelItemCount() && n < kMaxDupThumbs; ++g) {
    const QTreeWidgetItem* top = m_tree->topLevelItem(g);
    for (int j = 0; top->isExpanded() && j < top->childCount() && n < kMaxDupThumbs; ++j, ++n)
      m_icons->thumbs()->request(top->child(j)->data(0, kPathRole).toString(), priority);
  }
}

void LibraryDuplicatesPage::applyThumbnail(const QString& path, const QImage&, const QIcon& icon) {
  for (auto it = m_items.constFind(path); it != m_items.cend() && it.key() == path; ++it) it.value()->setIcon(0, icon);
}

}  // namespace atelier
