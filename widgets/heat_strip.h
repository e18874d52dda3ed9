// A vector shown as a strip of coloured cells (one per dimension), on a colour scale that
// several strips can share; the value under the cursor is shown as a tooltip.
#pragma once
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPColorMap;

namespace atelier {

class HeatStrip : public QWidget {
  Q_OBJECT
 public:
  explicit HeatStrip(QWidget* parent = nullptr);
  void setValues(const QVector<double>& values);
  QVector<double> values() const { return m_values; }
  // Symmetric scale [-limit, limit]; strips that share a limit are comparable.
  void setLimit(double limit);
  void clear();
  QCustomPlot* plot() const { return m_plot; }
  QSize sizeHint() const override { return {240, 28}; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void changeEvent(QEvent* event) override;  // a theme switch: the background follows

 private:
  QCustomPlot* m_plot;
  QCPColorMap* m_map;
  QVector<double> m_values;
  double m_limit = 1.0;
};

}  // namespace atelier
