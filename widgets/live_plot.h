// A live line plot of a run: one curve per named series (total loss, each prompt's similarity),
// appended to as progress arrives, rescaled to fit. Its legend sits in a row above the axes,
// so it never covers the newest points.
#pragma once
#include <QHash>
#include <QWidget>

class QCustomPlot;
class QCPGraph;
class QEvent;
class QPalette;

namespace atelier {

// Colours a QCustomPlot from a palette: background, axes, tick labels, grid, legend, titles and
// the colour scales' axes. Every plot calls it when built and again on a palette or style
// change (View ▸ Theme), so a theme reaches each plot without a registry of plots.
void stylePlot(QCustomPlot* plot, const QPalette& palette);
// Whether event is the kind after which a plot restyles (a palette or a style change).
bool isThemeChange(const QEvent* event);

class LivePlot : public QWidget {
  Q_OBJECT
 public:
  explicit LivePlot(QWidget* parent = nullptr);
  void addPoint(const QString& series, double step, double value);
  void clear();
  int seriesCount() const { return m_graphs.size(); }
  int pointCount(const QString& series) const;
  QCustomPlot* plot() const { return m_plot; }
  QSize sizeHint() const override { return {480, 160}; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QCustomPlot* m_plot;
  QHash<QString, QCPGraph*> m_graphs;
};

}  // namespace atelier
