// The Library's map: a scatter of the images' 2-D embeddings with cluster names, the query's
// points, some thumbnails, and lasso or box selection.
#include "library_map.h"

#include <QDir>
#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

#include <algorithm>
#include <limits>

#include "live_plot.h"

namespace atelier {

namespace {
// A qualitative palette: Tableau's ten, then their lighter companions (tab20's second column).
constexpr QRgb kClusterColours[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
                                    0x7f7f7f, 0xbcbd22, 0x17becf, 0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896,
                                    0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5};
constexpr int kPickPixels = 8;  // how near a click or the pointer must be to a point to mean it
}  // namespace

LibraryMap::LibraryMap(QWidget* parent) : QCustomPlot(parent) {
  setObjectName(QStringLiteral("libraryMap"));
  // Names and the selection above the points and thumbnails; the lasso on the overlay.
  addLayer(QStringLiteral("labels"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
  // The axes of a 2-D projection have no units worth reading: a grid, no numbers.
  xAxis->setTickLabels(false);
  yAxis->setTickLabels(false);
  setNoAntialiasingOnDrag(true);
  connect(selectionRect(), &QCPSelectionRect::accepted, this,
          [this](const QRect& rect, QMouseEvent* event) { selectBox(rect, event && event->modifiers() & Qt::ShiftModifier); });
  setTool(Lasso);
  setData({});
}

QColor LibraryMap::clusterColour(int cluster) const {
  if (cluster < 0) return palette().color(QPalette::PlaceholderText);
  const QColor c(kClusterColours[cluster % std::size(kClusterColours)]);
  return palette().color(QPalette::Base).lightness() < 128 ? c.lighter(120) : c;
}

void LibraryMap::setData(const LibraryMapData& data) {
  m_data = data;
  clearItems();
  clearPlottables();
  m_clusterGraphs.clear();
  m_clusterTexts.clear();
  m_queryTexts.clear();
  m_thumbItems.clear();
  m_thumbSlots.clear();
  m_selected.clear();
  m_lasso.clear();

  const int n = int(data.points.size());
  int clusters = int(data.clusterLabels.size());
  for (int c : data.cluster) clusters = std::max(clusters, c + 1);
  QVector<QVector<double>> xs(clusters + 1), ys(clusters + 1);
  QVector<QPointF> sums(clusters, QPointF());
  QVector<int> counts(clusters, 0);
  for (int i = 0; i < n; ++i) {
    const int c = std::max(-1, data.cluster.value(i, -1));
    xs[c + 1] << data.points[i].x();
    ys[c + 1] << data.points[i].y();
    if (c >= 0) sums[c] += data.points[i], ++counts[c];
  }
  for (int g = 0; g <= clusters; ++g) {
    QCPGraph* graph = addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setSelectable(QCP::stNone);
    graph->setData(xs[g], ys[g]);
    m_clusterGraphs << graph;
  }
  auto onTop = [this](QCPGraph* graph) {
    graph->setLayer(QStringLiteral("labels"));
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setSelectable(QCP::stNone);
    return graph;
  };
  m_selectedGraph = onTop(addGraph());
  m_queryGraph = onTop(addGraph());
  for (const QPointF& q : data.queryPoints) m_queryGraph->addData(q.x(), q.y());
  m_lassoCurve = new QCPCurve(xAxis, yAxis);
  m_lassoCurve->setLayer(QStringLiteral("overlay"));
  m_lassoCurve->setSelectable(QCP::stNone);

  for (int c = 0; c < clusters; ++c) {
    const QString name = data.clusterLabels.value(c);
    if (name.isEmpty() || (counts[c] == 0 && c >= data.clusterCentres.size())) continue;
    auto* text = new QCPItemText(this);
    text->setLayer(QStringLiteral("labels"));
    text->setSelectable(false);
    text->position->setCoords(c < data.clusterCentres.size() ? data.clusterCentres[c] : sums[c] / counts[c]);
    text->setText(name);
    text->setPadding(QMargins(4, 2, 4, 2));
    text->setProperty("cluster", c);
    m_clusterTexts << text;
  }
  for (int q = 0; q < data.queryPoints.size(); ++q) {
    auto* text = new QCPItemText(this);
    text->setLayer(QStringLiteral("labels"));
    text->setSelectable(false);
    text->position->setCoords(data.queryPoints[q]);
    text->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    text->setPadding(QMargins(2, 0, 2, 12));  // above the star
    text->setText(data.queryNames.value(q));
    QFont bold = font();
    bold.setBold(true);
    text->setFont(bold);
    m_queryTexts << text;
  }
  // Thumbnails on points spread over the data (every n/k-th), not the first k of one folder.
  const int k = std::min(kThumbnails, n);
  for (int j = 0; j < k; ++j) {
    const int i = int(qint64(j) * n / k);
    if (!data.paths.value(i).isEmpty()) m_thumbSlots.insert(data.paths[i], i);
  }
  restyle();
  fit();
  Q_EMIT selectionChanged();
}

void LibraryMap::setTool(Tool tool) {
  m_tool = tool;
  setSelectionRectMode(tool == Box ? QCP::srmCustom : QCP::srmNone);
  setInteractions(tool == Pan ? QCP::Interactions(QCP::iRangeDrag | QCP::iRangeZoom) : QCP::Interactions(QCP::iRangeZoom));
  setCursor(tool == Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
}

void LibraryMap::restyle() {
  const QPalette pal = palette();
  stylePlot(this, pal);
  for (int g = 0; g < m_clusterGraphs.size(); ++g) {
    QColor fill = clusterColour(g - 1);
    const QPen pen(fill.darker(115), 1);
    fill.setAlpha(200);
    m_clusterGraphs[g]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, pen, fill, g == 0 ? 4 : 6));
  }
  if (m_selectedGraph)
    m_selectedGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(pal.color(QPalette::Highlight), 2), Qt::NoBrush, 11));
  if (m_queryGraph)
    m_queryGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(pal.color(QPalette::Text), 2.5), pal.color(QPalette::Highlight), 16));
  if (m_lassoCurve) {
    m_lassoCurve->setPen(QPen(pal.color(QPalette::Highlight), 1.5, Qt::DashLine));
    QColor inside = pal.color(QPalette::Highlight);
    inside.setAlpha(40);
    m_lassoCurve->setBrush(inside);
  }
  QColor behind = pal.color(QPalette::Base);
  behind.setAlpha(210);
  for (QCPItemText* text : std::as_const(m_clusterTexts)) {
    text->setColor(pal.color(QPalette::Text));
    text->setBrush(behind);
    text->setPen(QPen(clusterColour(text->property("cluster").toInt()), 1.5));
  }
  for (QCPItemText* text : std::as_const(m_queryTexts)) text->setColor(pal.color(QPalette::Text));
  for (auto it = m_thumbItems.cbegin(); it != m_thumbItems.cend(); ++it)
    it.value()->setPen(QPen(clusterColour(m_data.cluster.value(it.key(), -1)), 1.5));
  QColor rectFill = pal.color(QPalette::Highlight);
  rectFill.setAlpha(40);
  selectionRect()->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
  selectionRect()->setBrush(rectFill);
  replot(rpQueuedReplot);
}

void LibraryMap::changeEvent(QEvent* event) {
  QCustomPlot::changeEvent(event);
  if (isThemeChange(event)) restyle();
}

void LibraryMap::fit() {
  double left = std::numeric_limits<double>::max(), right = -left, bottom = left, top = -left;
  auto extend = [&](const QVector<QPointF>& points) {
    for (const QPointF& p : points) {
      left = std::min(left, p.x()), right = std::max(right, p.x());
      bottom = std::min(bottom, p.y()), top = std::max(top, p.y());
    }
  };
  extend(m_data.points);
  extend(m_data.queryPoints);
  if (left > right) left = bottom = -1, right = top = 1;
  const double mx = std::max((right - left) * 0.06, 1e-6), my = std::max((top - bottom) * 0.06, 1e-6);
  xAxis->setRange(left - mx, right + mx);
  yAxis->setRange(bottom - my, top + my);
  replot(rpQueuedReplot);
}

void LibraryMap::selectPolygon(const QPolygonF& polygon, bool add) {
  QVector<int> inside;
  if (polygon.size() >= 3) {
    const QRectF bounds = polygon.boundingRect();
    for (int i = 0; i < m_data.points.size(); ++i) {
      const QPointF& p = m_data.points[i];
      if (bounds.contains(p) && polygon.containsPoint(p, Qt::OddEvenFill)) inside << i;
    }
  }
  selectIndices(inside, add);
}

void LibraryMap::clearSelection() { selectIndices({}, false); }

void LibraryMap::selectIndices(QVector<int> indices, bool add) {
  if (add) indices += m_selected;
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  m_selected = indices;
  updateSelectedGraph();
  Q_EMIT selectionChanged();
}

void LibraryMap::updateSelectedGraph() {
  if (!m_selectedGraph) return;
  QVector<double> xs, ys;
  for (int i : std::as_const(m_selected)) xs << m_data.points[i].x(), ys << m_data.points[i].y();
  m_selectedGraph->setData(xs, ys);
  replot(rpQueuedReplot);
}

QStringList LibraryMap::selectedPaths() const {
  QStringList paths;
  for (int i : m_selected) paths << m_data.paths.value(i);
  return paths;
}

void LibraryMap::selectBox(const QRect& pixels, bool add) {
  const QRect r = pixels.normalized();
  if (r.width() < 4 && r.height() < 4) {  // a click: the point under it
    const int i = nearestPoint(r.center(), kPickPixels);
    if (i >= 0) selectIndices({i}, add);
    else if (!add) clearSelection();
    return;
  }
  QPolygonF polygon;
  for (const QPoint& p : {r.topLeft(), r.topRight(), r.bottomRight(), r.bottomLeft()})
    polygon << QPointF(xAxis->pixelToCoord(p.x()), yAxis->pixelToCoord(p.y()));
  selectPolygon(polygon, add);
}

int LibraryMap::nearestPoint(const QPointF& pixel, double within) const {
  int best = -1;
  double bestDistance = within * within;
  for (int i = 0; i < m_data.points.size(); ++i) {
    const double dx = xAxis->coordToPixel(m_data.points[i].x()) - pixel.x();
    const double dy = yAxis->coordToPixel(m_data.points[i].y()) - pixel.y();
    if (dx * dx + dy * dy <= bestDistance) best = i, bestDistance = dx * dx + dy * dy;
  }
  return best;
}

void LibraryMap::mousePressEvent(QMouseEvent* event) {
  if (m_tool == Lasso && event->button() == Qt::LeftButton) {
    m_lasso = QPolygonF{event->position()};
    m_lassoCurve->data()->clear();
    m_lassoCurve->addData(xAxis->pixelToCoord(event->position().x()), yAxis->pixelToCoord(event->position().y()));
    event->accept();
    return;
  }
  QCustomPlot::mousePressEvent(event);
}

void LibraryMap::mouseMoveEvent(QMouseEvent* event) {
  if (!m_lasso.isEmpty() && event->buttons() & Qt::LeftButton) {
    const QPointF p = event->position();
    if (QLineF(m_lasso.last(), p).length() < 2) return;
    m_lasso << p;
    m_lassoCurve->addData(xAxis->pixelToCoord(p.x()), yAxis->pixelToCoord(p.y()));
    m_lassoCurve->layer()->replot();
    return;
  }
  QCustomPlot::mouseMoveEvent(event);
}

void LibraryMap::mouseReleaseEvent(QMouseEvent* event) {
  if (m_lasso.isEmpty() || event->button() != Qt::LeftButton) return QCustomPlot::mouseReleaseEvent(event);
  const QPolygonF pixels = m_lasso;
  m_lasso.clear();
  m_lassoCurve->data()->clear();
  m_lassoCurve->layer()->replot();
  const bool add = event->modifiers() & Qt::ShiftModifier;
  const QRectF bounds = pixels.boundingRect();
  if (pixels.size() < 3 || (bounds.width() < 4 && bounds.height() < 4)) {  // a click
    const int i = nearestPoint(event->position(), kPickPixels);
    if (i >= 0) selectIndices({i}, add);
    else if (!add) clearSelection();
    return;
  }
  // The same polygon in plot coordinates: what selectInMap is given.
  QPolygonF polygon;
  for (const QPointF& p : pixels) polygon << QPointF(xAxis->pixelToCoord(p.x()), yAxis->pixelToCoord(p.y()));
  selectPolygon(polygon, add);
}

bool LibraryMap::event(QEvent* event) {
  if (event->type() != QEvent::ToolTip) return QCustomPlot::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  QString tip;
  for (int q = 0; q < m_data.queryPoints.size() && tip.isEmpty(); ++q) {
    const QPointF at(xAxis->coordToPixel(m_data.queryPoints[q].x()), yAxis->coordToPixel(m_data.queryPoints[q].y()));
    if (QLineF(at, help->pos()).length() <= kPickPixels) tip = m_data.queryNames.value(q);
  }
  if (const int i = tip.isEmpty() ? nearestPoint(help->pos(), kPickPixels) : -1; i >= 0) {
    tip = QDir::toNativeSeparators(m_data.paths.value(i));
    const QString cluster = m_data.clusterLabels.value(m_data.cluster.value(i, -1));
    if (!cluster.isEmpty()) tip += QLatin1Char('\n') + cluster;
  }
  if (tip.isEmpty()) {
    QToolTip::hideText();
    event->ignore();
  } else {
    QToolTip::showText(help->globalPos(), tip, this);
  }
  return true;
}

void LibraryMap::setThumbnail(const QString& path, const QImage& image) {
  const auto slot = m_thumbSlots.constFind(path);
  if (slot == m_thumbSlots.cend() || image.isNull()) return;
  const int i = slot.value();
  const qreal dpr = devicePixelRatioF();
  QPixmap pixmap = QPixmap::fromImage(
      image.scaled(QSize(kThumbnailSide, kThumbnailSide) * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  pixmap.setDevicePixelRatio(dpr);
  QCPItemPixmap* item = m_thumbItems.value(i);
  if (!item) {
    // Centred on the point at any zoom: the top left is a pixel offset from the (unused, as the
    // pixmap is not scaled) bottom right, which sits on the point.
    item = new QCPItemPixmap(this);
    item->setSelectable(false);
    item->setScaled(false);
    item->bottomRight->setCoords(m_data.points[i]);
    item->topLeft->setType(QCPItemPosition::ptAbsolute);
    item->topLeft->setParentAnchor(item->bottomRight);
    item->setPen(QPen(clusterColour(m_data.cluster.value(i, -1)), 1.5));
    m_thumbItems.insert(i, item);
  }
  const QSizeF size = QSizeF(pixmap.size()) / dpr;
  item->topLeft->setCoords(-size.width() / 2, -size.height() / 2);
  item->setPixmap(pixmap);
  item->setVisible(m_thumbsVisible);
  replot(rpQueuedReplot);
}

void LibraryMap::setThumbnailsVisible(bool visible) {
  m_thumbsVisible = visible;
  for (QCPItemPixmap* item : std::as_const(m_thumbItems)) item->setVisible(visible);
  replot(rpQueuedReplot);
}

}  // namespace atelier
