#include "live_plot.h"

#include <QEvent>
#include <QPalette>
#include <QVBoxLayout>

#include "qcp.h"

namespace atelier {

namespace {
void styleAxis(QCPAxis* axis, const QPalette& pal) {
  const QColor text = pal.color(QPalette::Text);
  axis->setBasePen(QPen(text));
  axis->setTickPen(QPen(text));
  axis->setSubTickPen(QPen(text));
  axis->setTickLabelColor(text);
  axis->setLabelColor(text);
  axis->setSelectedTickLabelColor(pal.color(QPalette::Highlight));
  axis->setSelectedLabelColor(pal.color(QPalette::Highlight));
  // Mid sits between Base and Text in both themes: a grid that is seen but does not compete.
  axis->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
  axis->grid()->setSubGridPen(QPen(pal.color(QPalette::Midlight), 0, Qt::DotLine));
  axis->grid()->setZeroLinePen(QPen(pal.color(QPalette::Mid), 0, Qt::SolidLine));
}

// The curves' colours (matplotlib's first six), a little lighter on a dark background.
QColor seriesColour(int i, const QPalette& pal) {
  static const QColor kColours[] = {QColor(0x1f77b4), QColor(0xd62728), QColor(0x2ca02c),
                                    QColor(0xff7f0e), QColor(0x9467bd), QColor(0x8c564b)};
  const QColor c = kColours[i % 6];
  return pal.color(QPalette::Base).lightness() < 128 ? c.lighter(150) : c;
}
}  // namespace

void stylePlot(QCustomPlot* plot, const QPalette& pal) {
  plot->setBackground(pal.color(QPalette::Base));
  for (QCPAxisRect* rect : plot->axisRects())
    for (QCPAxis* axis : rect->axes()) styleAxis(axis, pal);
  const QList<QCPLayoutElement*> elements = plot->plotLayout()->elements(true);
  for (QCPLayoutElement* element : elements) {
    if (auto* scale = qobject_cast<QCPColorScale*>(element)) styleAxis(scale->axis(), pal);
    else if (auto* title = qobject_cast<QCPTextElement*>(element)) title->setTextColor(pal.color(QPalette::Text));
  }
  // The main legend, wherever it is placed (in the plot layout, or inset in the axis rect).
  plot->legend->setTextColor(pal.color(QPalette::Text));
  plot->legend->setBorderPen(QPen(pal.color(QPalette::Mid)));
  QColor behind = pal.color(QPalette::Base);
  behind.setAlpha(220);  // an inset legend lets a curve under it show through a little
  plot->legend->setBrush(behind);
}

bool isThemeChange(const QEvent* event) {
  return event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange;
}

LivePlot::LivePlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  m_plot->xAxis->setLabel(tr("step"));
  // The legend in a row of its own above the axes: a curve's newest points are at its right
  // end, wherever it goes, and an inset legend would sooner or later cover them.
  m_plot->axisRect()->insetLayout()->take(m_plot->legend);
  m_plot->plotLayout()->insertRow(0);
  m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
  m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
  m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
  m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
  m_plot->legend->setVisible(false);  // shown once there is a series to name
  m_plot->legend->setFont(font());
  stylePlot(m_plot, palette());
  // Outside the data there is nothing to frame or to hide.
  m_plot->legend->setBorderPen(Qt::NoPen);
  m_plot->legend->setBrush(Qt::NoBrush);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(120);
}

void LivePlot::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (!isThemeChange(event)) return;
  stylePlot(m_plot, palette());
  m_plot->legend->setBorderPen(Qt::NoPen);
  m_plot->legend->setBrush(Qt::NoBrush);
  for (int i = 0; i < m_plot->graphCount(); ++i) m_plot->graph(i)->setPen(QPen(seriesColour(i, palette()), 1.5));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LivePlot::addPoint(const QString& series, double step, double value) {
  QCPGraph* graph = m_graphs.value(series);
  if (!graph) {
    graph = m_plot->addGraph();
    graph->setName(series);
    graph->setPen(QPen(seriesColour(int(m_graphs.size()), palette()), 1.5));
    m_graphs.insert(series, graph);
    m_plot->legend->setVisible(true);
  }
  graph->addData(step, value);
  m_plot->rescaleAxes();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LivePlot::clear() {
  m_plot->clearGraphs();
  m_graphs.clear();
  m_plot->legend->setVisible(false);
  m_plot->replot();
}

int LivePlot::pointCount(const QString& series) const {
  QCPGraph* graph = m_graphs.value(series);
  return graph ? graph->dataCount() : 0;
}

}  // namespace atelier
