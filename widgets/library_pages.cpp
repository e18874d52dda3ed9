// The Library's pages: what they share (icons, the error line, the items' menu) and the tabs
// that hold them with their thumbnails. The pages themselves are in library_search_pages.cpp
// (Search, Duplicates) and library_overview_pages.cpp (Map, Labels).
#include "library_pages.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIconEngine>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPixmapCache>
#include <QTimer>
#include <QUrl>

#include <algorithm>

#include "library_thumbs.h"

namespace atelier {

using namespace library_page;

QString library_page::fileName(const QString& path) { return QFileInfo(path).fileName(); }

void library_page::open(const QString& path) {
  if (!path.isEmpty()) QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

QLabel* library_page::errorLabel(const QString& objectName, QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setObjectName(objectName);
  label->setWordWrap(true);
  label->setStyleSheet(QStringLiteral("color: #c62828"));
  label->hide();
  return label;
}

namespace {

// A thumbnail in the middle of a square of whatever size is asked for, scaled down to fit it.
class SquareIconEngine : public QIconEngine {
 public:
  explicit SquareIconEngine(const QImage& image) : m_image(image) {}
  QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
  QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
    const QString key = QStringLiteral("atelier-library-%1-%2x%3").arg(m_image.cacheKey()).arg(size.width()).arg(size.height());
    QPixmap pixmap;
    if (QPixmapCache::find(key, &pixmap)) return pixmap;
    pixmap = QPixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    paint(&painter, pixmap.rect(), mode, state);
    painter.end();
    QPixmapCache::insert(key, pixmap);
    return pixmap;
  }
  void paint(QPainter* painter, const QRect& rect, QIcon::Mode, QIcon::State) override {
    QSize size = m_image.size();
    if (size.width() > rect.width() || size.height() > rect.height()) size.scale(rect.size(), Qt::KeepAspectRatio);
    const QRect target(rect.x() + (rect.width() - size.width()) / 2, rect.y() + (rect.height() - size.height()) / 2,
                       size.width(), size.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(target, m_image);
  }
  QIconEngine* clone() const override { return new SquareIconEngine(m_image); }
  QString key() const override { return QStringLiteral("atelier-library-square"); }

 private:
  QImage m_image;
};

}  // namespace

// ---- icons ---------------------------------------------------------------------------------

void LibraryIcons::makePlaceholders(const QPalette& palette) {
  m_loading = m_unreadable = QIcon();
  for (int side : {LibraryThumbs::kSide, kSelectionIcon, kRowIcon}) {
    m_loading.addPixmap(LibraryThumbs::placeholder(side, {}, palette));
    m_unreadable.addPixmap(LibraryThumbs::placeholder(side, LibraryPanel::tr("unreadable"), palette));
  }
}

QIcon LibraryIcons::iconFor(const QString& path) const {
  QImage image;
  return m_thumbs->lookup(path, &image) ? iconFor(image) : m_loading;
}

QIcon LibraryIcons::iconFor(const QImage& thumbnail) const {
  return thumbnail.isNull() ? m_unreadable : QIcon(new SquareIconEngine(thumbnail));
}

// ---- what the pages share ------------------------------------------------------------------

LibraryPage::LibraryPage(LibraryIcons* icons, const QString& errorName, QWidget* parent)
    : QWidget(parent), m_icons(icons), m_error(errorLabel(errorName, this)) {}

LibraryPage::~LibraryPage() {
  // The children go after this body; their last signals must not reach a page half destroyed.
  // Every connection of a page has the page as its context.
  for (QObject* child : findChildren<QObject*>()) QObject::disconnect(child, nullptr, this, nullptr);
}

void LibraryPage::setModelAvailable(bool available) {
  m_modelAvailable = available;
  updateButtons();
}

void LibraryPage::setError(const QString& message) {
  m_error->setText(message);
  m_error->setVisible(!message.isEmpty());
}

void LibraryPage::itemMenu(const QString& path, const QPoint& globalPos) {
  if (path.isEmpty()) return;
  QMenu menu(this);
  menu.addAction(LibraryPanel::tr("Open"), this, [path] { open(path); });
  menu.addAction(LibraryPanel::tr("Show in Folder"), this,
                 [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath())); });
  menu.addAction(LibraryPanel::tr("Copy Path"), this,
                 [path] { QGuiApplication::clipboard()->setText(QDir::toNativeSeparators(path)); });
  menu.addSeparator();
  menu.addAction(LibraryPanel::tr("Find Similar"), this, [this, path] { Q_EMIT findSimilar(path); })
      ->setEnabled(m_modelAvailable);
  menu.addAction(LibraryPanel::tr("Send to CLIP Tab"), this, [this, path] { Q_EMIT sendToClipRow(path); });
  menu.addAction(LibraryPanel::tr("Use as Image Prompt"), this, [this, path] { Q_EMIT useAsImagePrompt(path); });
  menu.addAction(LibraryPanel::tr("Use as Init Image"), this, [this, path] { Q_EMIT useAsInitImage(path); });
  menu.exec(globalPos);
}

QListWidgetItem* LibraryPage::listItem(QListWidget* list, QMultiHash<QString, QListWidgetItem*>& items, const QString& path,
                                       const QString& text) {
  auto* item = new QListWidgetItem(m_icons->iconFor(path), text, list);
  item->setData(kPathRole, path);
  item->setToolTip(QDir::toNativeSeparators(path));
  // Every item the size of the grid's cell (less a margin), its caption below the icon's square.
  if (list->gridSize().isValid()) item->setSizeHint(list->gridSize() - QSize(4, 4));
  items.insert(path, item);
  return item;
}

void LibraryPage::setIcons(const QMultiHash<QString, QListWidgetItem*>& items, const QString& path, const QIcon& icon) {
  for (auto it = items.constFind(path); it != items.cend() && it.key() == path; ++it) it.value()->setIcon(icon);
}

QString LibraryPage::tooltip(const LibraryItem& item, bool scores) const {
  const QLocale locale;
  QStringList lines{QDir::toNativeSeparators(item.path)}, facts;
  if (item.bytes > 0) facts << locale.formattedDataSize(item.bytes);
  if (item.width > 0 && item.height > 0) facts << LibraryPanel::tr("%1 × %2").arg(item.width).arg(item.height);
  if (!facts.isEmpty()) lines << facts.join(QStringLiteral(" · "));
  lines << (scores ? LibraryPanel::tr("cosine %1 · score %2 · %3% of the softmax")
                         .arg(locale.toString(item.cosine, 'f', 3), locale.toString(item.score, 'f', 3),
                              locale.toString(100 * item.softmax, 'f', 1))
                   : LibraryPanel::tr("cosine with the group's first image %1").arg(locale.toString(item.cosine, 'f', 3)));
  return lines.join(QLatin1Char('\n'));
}

// ---- the tabs and their thumbnails ---------------------------------------------------------

LibraryPages::LibraryPages(QWidget* parent)
    : QTabWidget(parent), m_thumbs(new LibraryThumbs(this)), m_icons(m_thumbs), m_timer(new QTimer(this)) {
  setObjectName(QStringLiteral("libraryPages"));
  m_timer->setSingleShot(true);
  m_timer->setInterval(60);
  connect(m_timer, &QTimer::timeout, this, &LibraryPages::requestThumbnails);
  connect(m_thumbs, &LibraryThumbs::thumbnailReady, this, [this](const QString& path, const QImage& image) {
    const QIcon icon = m_icons.iconFor(image);
    for (LibraryPage* page : m_pages) page->applyThumbnail(path, image, icon);
  });
  m_pages[LibraryPanel::SearchPage] = m_search = new LibrarySearchPage(&m_icons, this);
  m_pages[LibraryPanel::DuplicatesPage] = m_duplicates = new LibraryDuplicatesPage(&m_icons, this);
  m_pages[LibraryPanel::MapPage] = m_map = new LibraryMapPage(&m_icons, this);
  m_pages[LibraryPanel::LabelsPage] = m_labels = new LibraryLabelsPage(&m_icons, this);
  for (LibraryPage* page : m_pages) {
    addTab(page, QString());
    connect(page, &LibraryPage::thumbnailsWanted, m_timer, qOverload<>(&QTimer::start));
    connect(page, &LibraryPage::answered, this, &LibraryPages::requestThumbnails);
  }
  connect(this, &QTabWidget::currentChanged, m_timer, qOverload<>(&QTimer::start));
}

LibraryPages::~LibraryPages() {
  // The children go after this body: their last signals (a thumbnail delivered, the timer's) must
  // not reach the pages half destroyed. What they connect to this has this as its context.
  for (QObject* child : findChildren<QObject*>()) QObject::disconnect(child, nullptr, this, nullptr);
}

LibraryPage* LibraryPages::page(int index) const { return m_pages[std::clamp(index, 0, 3)]; }

void LibraryPages::retranslate() {
  setTabText(LibraryPanel::SearchPage, LibraryPanel::tr("Search"));
  setTabText(LibraryPanel::DuplicatesPage, LibraryPanel::tr("Duplicates"));
  setTabText(LibraryPanel::MapPage, LibraryPanel::tr("Map"));
  setTabText(LibraryPanel::LabelsPage, LibraryPanel::tr("Labels"));
  m_icons.makePlaceholders(palette());  // before the pages list their items again
  for (LibraryPage* page : m_pages) page->retranslate();
}

void LibraryPages::restyle() {
  m_icons.makePlaceholders(palette());
  m_map->restyle();
}

void LibraryPages::setModelAvailable(bool available) {
  for (LibraryPage* page : m_pages) page->setModelAvailable(available);
}

bool LibraryPages::thumbnailsPending() const { return m_timer->isActive() || m_thumbs->pendingCount() > 0; }

// The loads queued for what is no longer shown are dropped, then what is shown asks again: the
// page in front first.
void LibraryPages::requestThumbnails() {
  m_timer->stop();
  m_thumbs->cancelPending();
  if (!isVisible()) return;  // showEvent asks again
  const int current = currentIndex();
  page(current)->requestThumbnails(1);
  for (int i = 0; i < 4; ++i)
    if (i != current) page(i)->requestThumbnails(0);
}

void LibraryPages::showEvent(QShowEvent* event) {
  QTabWidget::showEvent(event);
  m_timer->start();  // thumbnails load while the tab is seen
}

}  // namespace atelier
