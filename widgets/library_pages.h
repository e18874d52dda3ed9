// The Library tab's four pages, which LibraryPanel (library_panel.h) puts under its folders and
// index, as the tabs of LibraryPages: Search, Duplicates, Map and Labels. Each shows what the
// controller answered and asks through its signals; the panel routes the asks (adding what another
// page holds: the Map asks with the Search page's query and the Labels page's labels) and the
// errors, LibraryPages the thumbnails. Their texts are LibraryPanel::tr's, so the translations
// keep their context.
#pragma once
#include <QIcon>
#include <QMultiHash>
#include <QTabWidget>
#include <QVector>
#include <QWidget>

#include "library_panel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPlainTextEdit;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QTableWidgetItem;
class QTimer;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace atelier {

class LibraryMap;
class LibraryThumbs;

namespace library_page {
inline constexpr int kPathRole = Qt::UserRole + 1;  // an item's image
inline constexpr int kSortRole = Qt::UserRole;      // what a number column sorts by
inline constexpr int kMaxShown = 500;               // results and selected points listed, the best first
inline constexpr int kMaxDupThumbs = 600;           // duplicates whose thumbnails load (expanded groups)
inline constexpr int kLabelThumbs = 200;            // label rows whose thumbnails load before they are scrolled to
inline constexpr int kRowIcon = 48;                 // thumbnails in the tree and the table
inline constexpr int kSelectionIcon = 64;

QString fileName(const QString& path);
void open(const QString& path);  // in the desktop's viewer
QLabel* errorLabel(const QString& objectName, QWidget* parent);  // red, word-wrapped, hidden
}  // namespace library_page

// The icons of the pages' items, made of the thumbnails: each a square of the size asked for with
// the thumbnail in its middle (never enlarged), so every item of a list has the same size and its
// caption at the same place, whether its thumbnail has arrived, is loading or is unreadable.
class LibraryIcons {
 public:
  explicit LibraryIcons(LibraryThumbs* thumbs) : m_thumbs(thumbs) {}
  LibraryThumbs* thumbs() const { return m_thumbs; }
  // The squares while loading and for an unreadable file (again after a theme or language change).
  void makePlaceholders(const QPalette& palette);
  QIcon iconFor(const QString& path) const;  // the loading square until the thumbnail is known
  QIcon iconFor(const QImage& thumbnail) const;  // a null image: unreadable

 private:
  LibraryThumbs* m_thumbs;
  QIcon m_loading, m_unreadable;
};

// What the pages have in common: an error line, the thumbnails of their items, and the items'
// menu (open, show in folder, copy the path, find similar, hand to another tab).
class LibraryPage : public QWidget {
  Q_OBJECT
 public:
  LibraryPage(LibraryIcons* icons, const QString& errorName, QWidget* parent);
  ~LibraryPage() override;

  virtual void retranslate() = 0;  // its texts, and the captions of what it shows
  void setModelAvailable(bool available);
  void setError(const QString& message);  // empty: hides the line
  // Asks the thumbnail loader for what the page shows (priority: higher first).
  virtual void requestThumbnails(int priority) = 0;
  // A thumbnail arrived (a null image: unreadable); icon is made of it.
  virtual void applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) = 0;

 Q_SIGNALS:
  void asking();            // before the page asks the controller: the errors until its answer are its
  void thumbnailsWanted();  // what the page shows changed (the requests wait a moment for more)
  void answered();          // it shows an answer of the controller: its thumbnails are asked for now
  void findSimilar(const QString& path);
  void sendToClipRow(const QString& path);
  void useAsImagePrompt(const QString& path);
  void useAsInitImage(const QString& path);

 protected:
  virtual void updateButtons() = 0;  // after setModelAvailable
  void itemMenu(const QString& path, const QPoint& globalPos);
  // An item of an icon list, at the list's grid size less a margin, listed in items under path.
  QListWidgetItem* listItem(QListWidget* list, QMultiHash<QString, QListWidgetItem*>& items, const QString& path,
                            const QString& text);
  static void setIcons(const QMultiHash<QString, QListWidgetItem*>& items, const QString& path, const QIcon& icon);
  QString tooltip(const LibraryItem& item, bool scores) const;

  LibraryIcons* m_icons;
  QLabel* m_error;
  bool m_modelAvailable = true;
};

class LibrarySearchPage : public LibraryPage {
  Q_OBJECT
 public:
  LibrarySearchPage(LibraryIcons* icons, QWidget* parent);

  QString query() const;
  void setQuery(const QString& query);  // emits nothing
  double threshold() const { return m_threshold; }
  void setThreshold(double cosine);
  void showResults(const QString& query, const QVector<LibraryItem>& ranked);  // scrolled to the first
  // The Find Similar… dialog, opened in folder: the image chosen, or empty.
  static QString chooseImage(QWidget* parent, const QString& folder);
  QVector<LibraryItem> results() const { return m_ranked; }
  int countAboveThreshold() const;

  void retranslate() override;
  void requestThumbnails(int priority) override;
  void applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) override;

 Q_SIGNALS:
  void searchPressed();   // the Search button, or Return in the query
  void similarPressed();  // the Find Similar… button: the panel asks for the image

 protected:
  void updateButtons() override;
  void dragEnterEvent(QDragEnterEvent* event) override;  // an image file dropped is a query
  void dropEvent(QDropEvent* event) override;

 private:
  void populate();
  void updateCount();

  QLineEdit* m_query;
  QPushButton *m_searchButton, *m_similar;
  QLabel *m_thresholdTitle, *m_thresholdValue, *m_count;
  QSlider* m_slider;
  QListWidget* m_results;
  double m_threshold = 0.2;
  bool m_searched = false;
  QVector<LibraryItem> m_ranked;
  QMultiHash<QString, QListWidgetItem*> m_items;
};

class LibraryDuplicatesPage : public LibraryPage {
  Q_OBJECT
 public:
  LibraryDuplicatesPage(LibraryIcons* icons, QWidget* parent);

  double threshold() const;
  void setThreshold(double cosine);
  void showDuplicates(const QVector<QVector<LibraryItem>>& groups);
  int groupCount() const { return int(m_groups.size()); }

  void retranslate() override;
  void requestThumbnails(int priority) override;
  void applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) override;

 Q_SIGNALS:
  void duplicatesRequested(double threshold);

 protected:
  void updateButtons() override;

 private:
  void populate();
  void updateCount();

  QLabel *m_title, *m_note, *m_count;
  QDoubleSpinBox* m_threshold;
  QPushButton* m_find;
  QTreeWidget* m_tree;
  bool m_shown = false;
  QVector<QVector<LibraryItem>> m_groups;
  QMultiHash<QString, QTreeWidgetItem*> m_items;
};

class LibraryMapPage : public LibraryPage {
  Q_OBJECT
 public:
  LibraryMapPage(LibraryIcons* icons, QWidget* parent);

  int clusterCount() const;
  void showMap(const LibraryMapData& map);
  void selectInMap(const QPolygonF& polygon);  // plot coordinates, as the lasso
  QStringList selection() const;
  LibraryMap* map() const { return m_map; }
  void restyle();  // after a theme change

  void retranslate() override;
  void requestThumbnails(int priority) override;
  void applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) override;

 Q_SIGNALS:
  void mapRequested(int clusters);  // the panel adds the query and the labels

 protected:
  void updateButtons() override;

 private:
  void populateSelection();
  void updateTexts();

  LibraryMap* m_map;
  QLabel *m_clustersTitle, *m_info, *m_selectionCount;
  QSpinBox* m_clusters;
  QPushButton* m_mapButton;
  QToolButton *m_lasso, *m_box, *m_pan, *m_fit;
  QCheckBox* m_thumbnails;
  QListWidget* m_selection;
  bool m_shown = false;
  QMultiHash<QString, QListWidgetItem*> m_items;
};

class LibraryLabelsPage : public LibraryPage {
  Q_OBJECT
 public:
  LibraryLabelsPage(LibraryIcons* icons, QWidget* parent);

  QStringList labels() const;  // the lines given, trimmed, without the empty ones
  void setLabels(const QStringList& labels);
  void showLabels(const QStringList& paths, const QStringList& labels, const QVector<double>& probability);
  QString csv() const;  // path,label,probability; RFC 4180 quoting

  void retranslate() override;
  void requestThumbnails(int priority) override;
  void applyThumbnail(const QString& path, const QImage& image, const QIcon& icon) override;

 Q_SIGNALS:
  void labelsRequested(const QStringList& labels);

 protected:
  void updateButtons() override;

 private:
  void exportCsv();
  void updateInfo();

  QPlainTextEdit* m_labels;
  QComboBox* m_preset;  // the CLIP tab's lists: CIFAR-10, CIFAR-100
  QPushButton *m_labelButton, *m_exportButton;
  QTableWidget* m_table;
  QLabel* m_info;
  QString m_savedLine;
  QStringList m_paths, m_names;
  QVector<double> m_probability;
  QMultiHash<QString, QTableWidgetItem*> m_items;
};

// The pages as tabs (in the order of LibraryPanel::Page), and their thumbnails: asked for
// (debounced) while the tabs are seen, the page in front first, and handed to every page.
class LibraryPages : public QTabWidget {
  Q_OBJECT
 public:
  explicit LibraryPages(QWidget* parent = nullptr);
  ~LibraryPages() override;

  LibrarySearchPage* search() const { return m_search; }
  LibraryDuplicatesPage* duplicates() const { return m_duplicates; }
  LibraryMapPage* map() const { return m_map; }
  LibraryLabelsPage* labels() const { return m_labels; }
  LibraryPage* page(int index) const;

  void retranslate();  // the tabs' texts, the placeholders and the pages
  void restyle();      // after a theme change
  void setModelAvailable(bool available);
  // Drops the loads queued and asks for what the pages show now (nothing while hidden).
  void requestThumbnails();
  bool thumbnailsPending() const;  // asked for (or about to be) and not arrived

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  LibraryThumbs* m_thumbs;
  LibraryIcons m_icons;
  QTimer* m_timer;  // debounces the requests
  LibrarySearchPage* m_search;
  LibraryDuplicatesPage* m_duplicates;
  LibraryMapPage* m_map;
  LibraryLabelsPage* m_labels;
  LibraryPage* m_pages[4];
};

}  // namespace atelier
