#include "live_plot.h"

#include <QVBoxLayout>

#include "qcp.h"

namespace atelier {

LivePlot::LivePlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  m_plot->xAxis->setLabel(tr("step"));
  m_plot->legend->setVisible(false);  // shown once there is a series to name
  m_plot->legend->setFont(font());
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
  // Follow the palette so the plot reads on dark themes too.
  const QPalette pal = palette();
  m_plot->setBackground(pal.color(QPalette::Base));
  for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
    axis->setBasePen(QPen(pal.color(QPalette::Text)));
    axis->setTickPen(QPen(pal.color(QPalette::Text)));
    axis->setSubTickPen(QPen(pal.color(QPalette::Text)));
    axis->setTickLabelColor(pal.color(QPalette::Text));
    axis->setLabelColor(pal.color(QPalette::Text));
    axis->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
  }
  m_plot->legend->setBrush(pal.color(QPalette::Base));
  m_plot->legend->setTextColor(pal.color(QPalette::Text));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(120);
}

void LivePlot::addPoint(const QString& series, double step, double value) {
  QCPGraph* graph = m_graphs.value(series);
  if (!graph) {
    static const QColor kColours[] = {QColor(0x1f77b4), QColor(0xd62728), QColor(0x2ca02c),
                                      QColor(0xff7f0e), QColor(0x9467bd), QColor(0x8c564b)};
    graph = m_plot->addGraph();
    graph->setName(series);
    graph->setPen(QPen(kColours[m_graphs.size() % 6], 1.5));
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
