// A live line plot of a run: one curve per named series (total loss, each prompt's similarity),
// appended to as progress arrives, rescaled to fit.
#pragma once
#include <QHash>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace atelier {

class LivePlot : public QWidget {
  Q_OBJECT
 public:
  explicit LivePlot(QWidget* parent = nullptr);
  void addPoint(const QString& series, double step, double value);
  void clear();
  int seriesCount() const { return m_graphs.size(); }
  int pointCount(const QString& series) const;
  QSize sizeHint() const override { return {480, 160}; }

 private:
  QCustomPlot* m_plot;
  QHash<QString, QCPGraph*> m_graphs;
};

}  // namespace atelier
