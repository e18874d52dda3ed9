// The Library's map: the images' embeddings in 2-D, one point per image coloured by its cluster,
// the clusters' names at their centres, the query as a star, thumbnails on some of the points,
// and a lasso or a box to select points (then listed by the panel).
#pragma once
#include <QHash>
#include <QVector>

#include "library_panel.h"
#include "qcp.h"

namespace atelier {

class LibraryMap : public QCustomPlot {
  Q_OBJECT
 public:
  enum Tool { Lasso, Box, Pan };  // what a left drag does (the wheel always zooms)
  static constexpr int kThumbnails = 150;  // points that show their thumbnail, spread over the data
  static constexpr int kThumbnailSide = 28;

  explicit LibraryMap(QWidget* parent = nullptr);

  void setData(const LibraryMapData& data);  // clears the selection
  const LibraryMapData& data() const { return m_data; }
  int pointCount() const { return int(m_data.points.size()); }

  Tool tool() const { return m_tool; }
  void setTool(Tool tool);

  // Selects the points inside polygon (plot coordinates, the data's), as a lasso does; add keeps
  // those selected before. Emits selectionChanged.
  void selectPolygon(const QPolygonF& polygon, bool add = false);
  void clearSelection();
  QVector<int> selectedIndices() const { return m_selected; }
  QStringList selectedPaths() const;

  // The paths whose thumbnails the map shows once setThumbnail gives them.
  QStringList thumbnailPaths() const { return m_thumbSlots.keys(); }
  void setThumbnail(const QString& path, const QImage& image);  // ignored for other paths
  void setThumbnailsVisible(bool visible);
  bool thumbnailsVisible() const { return m_thumbsVisible; }

  void fit();      // the axes around the data
  void restyle();  // colours from the palette (called on theme changes)
  QSize sizeHint() const override { return {560, 420}; }

 Q_SIGNALS:
  void selectionChanged();

 protected:
  bool event(QEvent* event) override;  // a point's name as its tooltip
  void changeEvent(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  QColor clusterColour(int cluster) const;
  int nearestPoint(const QPointF& pixel, double within) const;  // -1: none that near
  void selectIndices(QVector<int> indices, bool add);
  void selectBox(const QRect& pixels, bool add);
  void updateSelectedGraph();

  LibraryMapData m_data;
  QVector<QCPGraph*> m_clusterGraphs;  // index cluster + 1 (0: the points of no cluster)
  QCPGraph* m_selectedGraph = nullptr;
  QCPGraph* m_queryGraph = nullptr;
  QCPCurve* m_lassoCurve = nullptr;
  QVector<QCPItemText*> m_clusterTexts, m_queryTexts;
  QHash<QString, int> m_thumbSlots;             // path -> point index
  QHash<int, QCPItemPixmap*> m_thumbItems;      // point index -> its thumbnail
  QVector<int> m_selected;                      // sorted point indices
  QPolygonF m_lasso;                            // in pixels, while dragging
  Tool m_tool = Lasso;
  bool m_thumbsVisible = true;
};

}  // namespace atelier
