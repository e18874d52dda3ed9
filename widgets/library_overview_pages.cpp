// The Library's pages over the whole library: Map (the embeddings in 2-D, clusters named by their
// best label, the query as a star, and the points a lasso or a box selects, listed beside the
// plot) and Labels (each image's best label of a list, exported as CSV).
#include "library_pages.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "library_map.h"
#include "library_thumbs.h"
#include "save_file.h"
#include "zero_shot_page.h"

namespace atelier {

using namespace library_page;

namespace {
// A table cell that sorts by its number, not by the text shown.
class NumberItem : public QTableWidgetItem {
 public:
  using QTableWidgetItem::QTableWidgetItem;
  bool operator<(const QTableWidgetItem& other) const override {
    return data(kSortRole).toDouble() < other.data(kSortRole).toDouble();
  }
};

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
QString csvField(const QString& field) {
  if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\r')) &&
      !field.contains(QLatin1Char('\n')))
    return field;
  return QLatin1Char('"') + QString(field).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

}  // namespace

// ---- Map -----------------------------------------------------------------------------------

LibraryMapPage::LibraryMapPage(LibraryIcons* icons, QWidget* parent)
    : LibraryPage(icons, QStringLiteral("libraryMapError"), parent) {
  m_clustersTitle = new QLabel(this);
  m_clusters = new QSpinBox(this);
  m_clusters->setObjectName(QStringLiteral("libraryClusters"));
  m_clusters->setRange(2, 20);
  m_clusters->setValue(6);
  m_mapButton = new QPushButton(this);
  m_mapButton->setObjectName(QStringLiteral("libraryMapButton"));
  connect(m_mapButton, &QPushButton::clicked, this, [this] {
    Q_EMIT asking();
    Q_EMIT mapRequested(m_clusters->value());
  });
  m_map = new LibraryMap(this);
  auto* tools = new QButtonGroup(this);
  auto tool = [&](QToolButton*& button, const char* name, LibraryMap::Tool which) {
    button = new QToolButton(this);
    button->setObjectName(QLatin1String(name));
    button->setCheckable(true);
    button->setChecked(which == m_map->tool());
    button->setAutoRaise(true);
    tools->addButton(button);
    connect(button, &QToolButton::toggled, this, [this, which](bool on) {
      if (on) m_map->setTool(which);
    });
  };
  tool(m_lasso, "libraryLasso", LibraryMap::Lasso);
  tool(m_box, "libraryBox", LibraryMap::Box);
  tool(m_pan, "libraryPan", LibraryMap::Pan);
  m_fit = new QToolButton(this);
  m_fit->setObjectName(QStringLiteral("libraryFit"));
  m_fit->setAutoRaise(true);
  connect(m_fit, &QToolButton::clicked, this, [this] { m_map->fit(); });
  m_thumbnails = new QCheckBox(this);
  m_thumbnails->setObjectName(QStringLiteral("libraryMapThumbnails"));
  m_thumbnails->setChecked(m_map->thumbnailsVisible());
  connect(m_thumbnails, &QCheckBox::toggled, this, [this](bool on) { m_map->setThumbnailsVisible(on); });
  m_info = new QLabel(this);
  m_info->setObjectName(QStringLiteral("libraryMapInfo"));
  m_info->setWordWrap(true);
  m_selectionCount = new QLabel(this);
  m_selectionCount->setObjectName(QStringLiteral("librarySelectionCount"));
  m_selection = new QListWidget(this);
  m_selection->setObjectName(QStringLiteral("librarySelection"));
  m_selection->setViewMode(QListView::IconMode);
  m_selection->setMovement(QListView::Static);
  m_selection->setResizeMode(QListView::Adjust);
  m_selection->setIconSize(QSize(kSelectionIcon, kSelectionIcon));
  m_selection->setGridSize(QSize(kSelectionIcon + 32, kSelectionIcon + m_selection->fontMetrics().height() + 12));
  m_selection->setUniformItemSizes(true);
  m_selection->setTextElideMode(Qt::ElideMiddle);
  m_selection->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(m_selection, &QListWidget::itemActivated, this, [](QListWidgetItem* item) { open(item->data(kPathRole).toString()); });
  connect(m_selection, &QListWidget::customContextMenuRequested, this, [this](const QPoint& at) {
    if (auto* item = m_selection->itemAt(at))
      itemMenu(item->data(kPathRole).toString(), m_selection->viewport()->mapToGlobal(at));
  });
  connect(m_map, &LibraryMap::selectionChanged, this, [this] { populateSelection(); });

  auto* top = new QHBoxLayout;
  top->addWidget(m_clustersTitle);
  top->addWidget(m_clusters);
  top->addWidget(m_mapButton);
  top->addSpacing(16);
  for (QToolButton* button : {m_lasso, m_box, m_pan, m_fit}) top->addWidget(button);
  top->addWidget(m_thumbnails);
  top->addStretch(1);
  auto* side = new QWidget(this);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->setContentsMargins(0, 0, 0, 0);
  sideLayout->addWidget(m_selectionCount);
  sideLayout->addWidget(m_selection, 1);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(m_map);
  splitter->addWidget(side);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_error);
  layout->addWidget(splitter, 1);
  layout->addWidget(m_info);
}

int LibraryMapPage::clusterCount() const { return m_clusters->value(); }

void LibraryMapPage::showMap(const LibraryMapData& map) {
  setError({});
  m_shown = true;
  m_map->setData(map);  // its selectionChanged lists the (now empty) selection
  QImage thumbnail;
  for (const QString& path : m_map->thumbnailPaths())
    if (m_icons->thumbs()->lookup(path, &thumbnail)) m_map->setThumbnail(path, thumbnail);
  updateTexts();
  Q_EMIT answered();
}

void LibraryMapPage::selectInMap(const QPolygonF& polygon) { m_map->selectPolygon(polygon); }

QStringList LibraryMapPage::selection() const { return m_map->selectedPaths(); }

void LibraryMapPage::restyle() { m_map->restyle(); }

void LibraryMapPage::retranslate() {
  m_clustersTitle->setText(LibraryPanel::tr("Clusters:"));
  m_mapButton->setText(LibraryPanel::tr("Map"));
  m_mapButton->setToolTip(LibraryPanel::tr("Lay the images out in 2-D by their embeddings, group them in clusters named by "
                                           "the labels of the Labels page, and show the Search page's query as a star"));
  m_lasso->setText(LibraryPanel::tr("Lasso"));
  m_lasso->setToolTip(LibraryPanel::tr("Drag around points to select them; Shift adds to the selection"));
  m_box->setText(LibraryPanel::tr("Box"));
  m_box->setToolTip(LibraryPanel::tr("Drag a rectangle to select the points in it; Shift adds to the selection"));
  m_pan->setText(LibraryPanel::tr("Pan"));
  m_pan->setToolTip(LibraryPanel::tr("Drag to move the view; the wheel zooms"));
  m_fit->setText(LibraryPanel::tr("Fit"));
  m_fit->setToolTip(LibraryPanel::tr("Show all the points"));
  m_thumbnails->setText(LibraryPanel::tr("Thumbnails"));
  updateTexts();
}

void LibraryMapPage::updateButtons() { m_mapButton->setEnabled(m_modelAvailable); }

void LibraryMapPage::populateSelection() {
  m_selection->setUpdatesEnabled(false);
  m_selection->clear();
  m_items.clear();
  const QStringList paths = m_map->selectedPaths();
  for (int i = 0; i < paths.size() && i < kMaxShown; ++i) listItem(m_selection, m_items, paths[i], fileName(paths[i]));
  m_selection->setUpdatesEnabled(true);
  updateTexts();
  Q_EMIT thumbnailsWanted();
}

void LibraryMapPage::updateTexts() {
  const int n = int(m_map->selectedIndices().size());
  m_selectionCount->setText(n > kMaxShown
                                ? LibraryPanel::tr("%1 selected · the first %2 shown").arg(QLocale().toString(n)).arg(kMaxShown)
                                : LibraryPanel::tr("%Ln selected", nullptr, n));
  m_info->setText(!m_shown ? LibraryPanel::tr("Press Map to lay out the indexed images by their embeddings.")
                           : LibraryPanel::tr("%Ln image(s) in %1 clusters. Lasso or box points to list them here; the wheel "
                                              "zooms.", nullptr, m_map->pointCount())
                                 .arg(m_map->data().clusterLabels.size()));
}

void LibraryMapPage::requestThumbnails(int priority) {
  for (const QString& path : m_map->thumbnailPaths()) m_icons->thumbs()->request(path, priority);
  for (int i = 0; i < m_selection->count(); ++i)
    m_icons->thumbs()->request(m_selection->item(i)->data(kPathRole).toString(), priority);
}

void LibraryMapPage::applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) {
  setIcons(m_items, path, icon);
  m_map->setThumbnail(path, image);
}

// ---- Labels --------------------------------------------------------------------------------

LibraryLabelsPage::LibraryLabelsPage(LibraryIcons* icons, QWidget* parent)
    : LibraryPage(icons, QStringLiteral("libraryLabelsError"), parent) {
  m_labels = new QPlainTextEdit(this);
  m_labels->setObjectName(QStringLiteral("libraryLabels"));
  // The CLIP tab's label lists, to start from.
  m_preset = new QComboBox(this);
  m_preset->setObjectName(QStringLiteral("libraryLabelPreset"));
  connect(m_preset, &QComboBox::activated, this, [this](int index) {
    if (index == 1) setLabels(ZeroShotPage::cifar10());
    if (index == 2) setLabels(ZeroShotPage::cifar100());
    m_preset->setCurrentIndex(0);
  });
  m_labelButton = new QPushButton(this);
  m_labelButton->setObjectName(QStringLiteral("libraryLabelButton"));
  connect(m_labelButton, &QPushButton::clicked, this, [this] {
    Q_EMIT asking();
    if (labels().isEmpty()) return setError(LibraryPanel::tr("Give at least one label, one per line."));
    Q_EMIT labelsRequested(labels());
  });
  m_table = new QTableWidget(0, 4, this);
  m_table->setObjectName(QStringLiteral("libraryLabelTable"));
  m_table->setIconSize(QSize(kRowIcon, kRowIcon));
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setAlternatingRowColors(true);
  m_table->setContextMenuPolicy(Qt::CustomContextMenu);
  m_table->verticalHeader()->hide();
  m_table->verticalHeader()->setDefaultSectionSize(kRowIcon + 4);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_table->setColumnWidth(0, kRowIcon + 8);
  m_table->horizontalHeader()->setSortIndicator(3, Qt::DescendingOrder);
  m_table->setSortingEnabled(true);
  auto pathAt = [this](int row) { return m_table->item(row, 1) ? m_table->item(row, 1)->data(kPathRole).toString() : QString(); };
  connect(m_table, &QTableWidget::cellActivated, this, [pathAt](int row, int) { open(pathAt(row)); });
  connect(m_table, &QTableWidget::customContextMenuRequested, this, [this, pathAt](const QPoint& at) {
    if (const int row = m_table->rowAt(at.y()); row >= 0) itemMenu(pathAt(row), m_table->viewport()->mapToGlobal(at));
  });
  connect(m_table->verticalScrollBar(), &QScrollBar::valueChanged, this, &LibraryPage::thumbnailsWanted);
  m_exportButton = new QPushButton(this);
  m_exportButton->setObjectName(QStringLiteral("libraryExportCsv"));
  m_exportButton->setEnabled(false);
  connect(m_exportButton, &QPushButton::clicked, this, [this] { exportCsv(); });
  m_info = new QLabel(this);
  m_info->setObjectName(QStringLiteral("libraryLabelInfo"));
  m_info->setWordWrap(true);

  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addWidget(m_preset);
  leftLayout->addWidget(m_labels, 1);
  leftLayout->addWidget(m_labelButton);
  auto* right = new QWidget(this);
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(m_info, 1);
  bottom->addWidget(m_exportButton);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(m_table, 1);
  rightLayout->addLayout(bottom);
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(left);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_error);
  layout->addWidget(splitter, 1);
}

QStringList LibraryLabelsPage::labels() const {
  QStringList out;
  for (const QString& line : m_labels->toPlainText().split(QLatin1Char('\n')))
    if (!line.trimmed().isEmpty()) out << line.trimmed();
  return out;
}

void LibraryLabelsPage::setLabels(const QStringList& labels) { m_labels->setPlainText(labels.join(QLatin1Char('\n'))); }

void LibraryLabelsPage::showLabels(const QStringList& paths, const QStringList& labels, const QVector<double>& probability) {
  setError({});
  m_paths = paths;
  m_names = labels;
  m_probability = probability;
  m_savedLine.clear();
  m_items.clear();
  const QLocale locale;
  m_table->setSortingEnabled(false);
  m_table->setUpdatesEnabled(false);
  m_table->clearContents();
  m_table->setRowCount(int(paths.size()));
  for (int i = 0; i < paths.size(); ++i) {
    auto* thumb = new QTableWidgetItem(m_icons->iconFor(paths[i]), QString());
    thumb->setData(kPathRole, paths[i]);
    m_items.insert(paths[i], thumb);
    auto* file = new QTableWidgetItem(fileName(paths[i]));
    file->setData(kPathRole, paths[i]);
    file->setToolTip(QDir::toNativeSeparators(paths[i]));
    const double p = probability.value(i);
    auto* share = new NumberItem(locale.toString(100 * p, 'f', 1) + QLatin1Char('%'));
    share->setData(kSortRole, p);
    share->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->setItem(i, 0, thumb);
    m_table->setItem(i, 1, file);
    m_table->setItem(i, 2, new QTableWidgetItem(labels.value(i)));
    m_table->setItem(i, 3, share);
  }
  m_table->setSortingEnabled(true);
  m_table->setUpdatesEnabled(true);
  m_exportButton->setEnabled(!paths.isEmpty());
  updateInfo();
  Q_EMIT answered();
}

QString LibraryLabelsPage::csv() const {
  QString csv = QStringLiteral("path,label,probability\n");
  for (int i = 0; i < m_paths.size(); ++i)
    csv += csvField(m_paths[i]) + QLatin1Char(',') + csvField(m_names.value(i)) + QLatin1Char(',') +
           QString::number(m_probability.value(i), 'f', 4) + QLatin1Char('\n');
  return csv;
}

void LibraryLabelsPage::retranslate() {
  m_labels->setPlaceholderText(LibraryPanel::tr("One label per line, e.g.\na cat\na dog\na beach"));
  m_labelButton->setText(LibraryPanel::tr("Label Folder"));
  m_preset->clear();
  m_preset->addItems({LibraryPanel::tr("Labels from a list…"), QStringLiteral("CIFAR-10"), QStringLiteral("CIFAR-100")});
  m_labelButton->setToolTip(LibraryPanel::tr("Give every indexed image its most likely label of the list"));
  m_exportButton->setText(LibraryPanel::tr("Export CSV…"));
  m_table->setHorizontalHeaderLabels(
      {QString(), LibraryPanel::tr("File"), LibraryPanel::tr("Label"), LibraryPanel::tr("Probability")});
  updateInfo();
}

void LibraryLabelsPage::updateButtons() { m_labelButton->setEnabled(m_modelAvailable); }

void LibraryLabelsPage::updateInfo() {
  if (!m_savedLine.isEmpty()) return m_info->setText(m_savedLine);
  m_info->setText(m_paths.isEmpty() ? LibraryPanel::tr("Give labels and press Label Folder: each image gets its most "
                                                       "likely label.")
                                    : LibraryPanel::tr("%Ln image(s) labelled", nullptr, int(m_paths.size())));
}

void LibraryLabelsPage::exportCsv() {
  const QString path = QFileDialog::getSaveFileName(this, LibraryPanel::tr("Export Labels"),
                                                    QDir::home().filePath(QStringLiteral("labels.csv")),
                                                    LibraryPanel::tr("CSV files (*.csv)"));
  if (path.isEmpty()) return;
  QString line;
  if (saveAndReport(path, textWriter(csv()), [&line](const QString& l) { line = l; })) {
    m_savedLine = line;
    updateInfo();
  } else {
    QMessageBox::warning(this, LibraryPanel::tr("Export Labels"), line);
  }
}

// The rows in view first, then the first rows (those a scroll reaches soonest).
void LibraryLabelsPage::requestThumbnails(int priority) {
  if (m_table->rowCount() == 0) return;
  const int first = std::max(0, m_table->rowAt(0));
  int last = m_table->rowAt(m_table->viewport()->height() - 1);
  if (last < 0) last = std::min(m_table->rowCount() - 1, first + 40);
  auto request = [&](int row) {
    if (const QTableWidgetItem* item = m_table->item(row, 0))
      m_icons->thumbs()->request(item->data(kPathRole).toString(), priority);
  };
  for (int row = first; row <= last; ++row) request(row);
  for (int row = 0; row < std::min(m_table->rowCount(), kLabelThumbs); ++row) request(row);
}

void LibraryLabelsPage::applyThumbnail(const QString& path, const QImage&, const QIcon& icon) {
  for (auto it = m_items.constFind(path); it != m_items.cend() && it.key() == path; ++it) it.value()->setIcon(icon);
}

}  // namespace atelier
