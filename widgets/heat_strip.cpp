#include "heat_strip.h"

#include <QHelpEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include "live_plot.h"
#include "qcp.h"

namespace atelier {

HeatStrip::HeatStrip(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
  m_plot->xAxis->setVisible(false);
  m_plot->yAxis->setVisible(false);
  m_plot->axisRect()->setAutoMargins(QCP::msNone);
  m_plot->axisRect()->setMargins(QMargins(0, 0, 0, 0));
  m_plot->setBackground(palette().color(QPalette::Base));
  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  // Blue for negative, white for zero, red for positive: the sign at a glance.
  QCPColorGradient gradient;
  gradient.clearColorStops();
  gradient.setColorStopAt(0.0, QColor(0x21, 0x66, 0xac));
  gradient.setColorStopAt(0.5, QColor(0xf7, 0xf7, 0xf7));
  gradient.setColorStopAt(1.0, QColor(0xb2, 0x18, 0x2b));
  m_map->setGradient(gradient);
  m_map->setInterpolate(false);
  m_map->setTightBoundary(true);
  m_plot->installEventFilter(this);
  m_plot->setAttribute(Qt::WA_Hover);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  setMinimumHeight(16);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  clear();
}

void HeatStrip::clear() {
  m_values.clear();
  m_map->setVisible(false);  // empty: just the background
  m_map->data()->setSize(1, 1);
  m_map->data()->setCell(0, 0, 0.0);
  m_map->data()->setRange(QCPRange(0, 1), QCPRange(0, 1));
  m_plot->xAxis->setRange(0, 1);
  m_plot->yAxis->setRange(0, 1);
  m_map->setDataRange(QCPRange(-m_limit, m_limit));
  m_plot->replot();
}

void HeatStrip::setValues(const QVector<double>& values) {
  if (values.isEmpty()) return clear();
  m_values = values;
  m_map->setVisible(true);
  int n = values.size();
  m_map->data()->setSize(n, 1);
  m_map->data()->setRange(QCPRange(0.5, n - 0.5), QCPRange(0, 1));
  for (int i = 0; i < n; ++i) m_map->data()->setCell(i, 0, values[i]);
  m_plot->xAxis->setRange(0, n);
  m_plot->yAxis->setRange(-0.5, 0.5);
  m_map->setDataRange(QCPRange(-m_limit, m_limit));
  m_plot->replot();
}

void HeatStrip::setLimit(double limit) {
  m_limit = limit > 0 ? limit : 1.0;
  m_map->setDataRange(QCPRange(-m_limit, m_limit));
  m_plot->replot();
}

void HeatStrip::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (!isThemeChange(event)) return;
  // The cells keep their diverging scale (it is data); the empty strip and the gaps are the
  // theme's.
  m_plot->setBackground(palette().color(QPalette::Base));
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool HeatStrip::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::ToolTip && !m_values.isEmpty()) {
    auto* help = static_cast<QHelpEvent*>(event);
    int i = static_cast<int>(m_plot->xAxis->pixelToCoord(help->pos().x()));
    if (i >= 0 && i < m_values.size())
      QToolTip::showText(help->globalPos(), tr("dimension %1: %2").arg(i).arg(m_values[i], 0, 'g', 4), m_plot);
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

}  // namespace atelier
