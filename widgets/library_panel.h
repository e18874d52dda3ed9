// The Library tab: CLIP over folders of images. Folders to index (with progress, pause and
// cancel), then four pages: Search (a text query with weighted and negative terms, or an image:
// thumbnails ranked by cosine with their softmax share, a threshold and the count above it),
// Duplicates (groups above a cosine, biggest first, with sizes and resolutions; nothing is
// deleted), Map (the embeddings in 2-D, clusters named by their best label, the query as a point,
// lasso or box selection) and Labels (each image's best label from a list, exported as CSV).
// The panel holds no model: it asks (signals) and shows what the controller answers. The pages
// are library_pages.h's (their tabs load the thumbnails); the panel routes their asks and errors.
#pragma once
#include <QList>
#include <QPointF>
#include <QPolygonF>
#include <QString>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QTabWidget;

namespace atelier {

// One image as the pages show it.
struct LibraryItem {
  QString path;
  double score = 0;    // what ranks (sum of weight x cosine over the query's terms)
  double cosine = 0;   // with the query's first term (Duplicates: with the group's first image)
  double softmax = 0;  // share among all the images of the folder
  qint64 bytes = 0;
  int width = 0, height = 0;
};

// The map: one point per image (the order of paths), clusters, and the query's points.
struct LibraryMapData {
  QVector<QPointF> points;
  QStringList paths;
  QVector<int> cluster;           // per point, index into clusterLabels (-1: none)
  QStringList clusterLabels;      // e.g. "red circle (0.62)"
  QVector<QPointF> clusterCentres;
  QVector<QPointF> queryPoints;   // on the same axes
  QStringList queryNames;
};

class LibraryPanel : public QWidget {
  Q_OBJECT
 public:
  explicit LibraryPanel(QWidget* parent = nullptr);
  ~LibraryPanel() override;

  enum Page { SearchPage, DuplicatesPage, MapPage, LabelsPage };
  QTabWidget* pages() const;

  // Folders and indexing.
  QStringList folders() const;
  void setFolders(const QStringList& folders);  // the remembered ones; emits nothing
  void setModelAvailable(bool available, const QString& why = {});
  void setIndexing(bool running, bool paused = false);  // the buttons' states and the busy bar
  bool indexing() const;
  void showIndexProgress(qint64 done, qint64 total, double imagesPerSecond, double etaSeconds);
  void showIndexSummary(const QString& summary);  // after a run: one line
  // Above the pages: "1,204 images indexed with the mini-CLIP · database …" (images 0: a word on
  // what to do first).
  void setLibraryInfo(int images, const QString& modelName, const QString& database);
  void setSkipped(const QStringList& lines);  // "path: why", the unreadable files
  void showError(const QString& message);     // in the page that asked
  // Whether thumbnails of what the pages show are still asked for or loading (an unreadable
  // file's counts as arrived): a test waits for false before a screenshot. False while the tab is
  // hidden (nothing loads then).
  bool thumbnailsPending() const;

  // Search.
  QString query() const;
  void setQuery(const QString& query);  // emits nothing
  double threshold() const;             // cosine, -1 to 1
  void setThreshold(double cosine);
  void showResults(const QString& query, const QVector<LibraryItem>& ranked);
  QVector<LibraryItem> results() const;
  int countAboveThreshold() const;
  void search();  // as the Search button: emits searchRequested for the query typed

  // Duplicates.
  double duplicateThreshold() const;
  void setDuplicateThreshold(double cosine);
  void showDuplicates(const QVector<QVector<LibraryItem>>& groups);
  int duplicateGroupCount() const;

  // Map.
  int clusterCount() const;  // asked of the controller with the map
  void showMap(const LibraryMapData& map);
  // Selects the points inside polygon (plot coordinates), as the lasso does, and shows them.
  void selectInMap(const QPolygonF& polygon);
  QStringList mapSelection() const;
  QWidget* mapPlot() const;  // the QCustomPlot, for screenshots

  // Labels.
  QStringList labels() const;
  void setLabels(const QStringList& labels);
  void showLabels(const QStringList& paths, const QStringList& labels, const QVector<double>& probability);
  // The labels as CSV (path,label,probability; RFC 4180 quoting), as the export writes them.
  QString labelsCsv() const;

 Q_SIGNALS:
  void foldersChanged(const QStringList& folders);
  void indexRequested(const QStringList& folders);
  void pauseRequested();
  void resumeRequested();
  void cancelRequested();
  void searchRequested(const QString& query);      // "a beach | people:-0.5"
  void imageSearchRequested(const QString& path);  // "find similar", or an image dropped on the page
  void duplicatesRequested(double threshold);
  void mapRequested(const QString& query, int clusters, const QStringList& labels);
  void labelsRequested(const QStringList& labels);
  void sendToClipRow(const QString& path);
  void useAsImagePrompt(const QString& path);
  void useAsInitImage(const QString& path);

 protected:
  void changeEvent(QEvent* event) override;  // retranslation and theme

 private:
  struct Ui;
  Ui* m_ui;
};

}  // namespace atelier
