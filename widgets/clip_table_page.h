// The CLIP tab's table: prompts x images as a heatmap of the cosines, the softmax over images
// (each row sums to 1) or over prompts (each column does); a click on a cell says that pair's
// numbers; exported as CSV (read back by readCsv) or PNG.
#pragma once
#include <QList>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QCPColorMap;
class QCPItemRect;
class QCPItemText;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace atelier {

class ClipTablePage : public QWidget {
  Q_OBJECT
 public:
  explicit ClipTablePage(QWidget* parent = nullptr);

  QString prompts() const;  // as typed, one per line
  void setPrompts(const QString& prompts);
  QStringList promptList() const;  // the non-empty lines
  // The scorer's answer: a row per prompt, a column per image.
  void showTable(const QStringList& prompts, const QStringList& images, const QList<QVector<double>>& cosine,
                 const QList<QVector<double>>& overImages, const QList<QVector<double>>& overPrompts);
  void showError(const QString& message);
  // From a request (prompts: how many) to its answer or error: a busy bar and a word on the work.
  void showBusy(int prompts);
  bool busy() const;
  QList<QVector<double>> shownTable() const;  // the chosen measure
  void setMeasure(int measure);  // 0 cosine, 1 softmax over images, 2 softmax over prompts
  void focusCell(int prompt, int image);
  QString focusText() const;
  bool exportCsv(const QString& path);
  bool exportPng(const QString& path);
  // Reads what exportCsv writes: the matrix, its prompts and image names.
  static QList<QVector<double>> readCsv(const QString& path, QStringList* prompts, QStringList* images);
  QCustomPlot* heatmap() const { return m_heatmap; }
  void setModelAvailable(bool available);

 Q_SIGNALS:
  void tableRequested(const QStringList& prompts);

 protected:
  void changeEvent(QEvent* event) override;  // a theme switch restyles the heatmap

 private:
  void draw();
  void drawNumbers(const QList<QVector<double>>& m);
  void restyle();
  void setStatus(const QString& text);

  QPlainTextEdit* m_prompts = nullptr;
  QComboBox* m_measure = nullptr;
  QPushButton* m_compute = nullptr;
  QStackedWidget* m_stack = nullptr;  // a word on what goes here, then the heatmap
  QCustomPlot* m_heatmap = nullptr;
  QCPColorMap* m_map = nullptr;
  QCPItemRect* m_focus = nullptr;
  QList<QCPItemText*> m_numbers;  // each cell's value, written on it
  QLabel* m_info = nullptr;
  QProgressBar* m_busy = nullptr;  // indeterminate, while the worker scores
  QStringList m_rows, m_cols;
  QList<QVector<double>> m_cos, m_overImages, m_overPrompts;
};

}  // namespace atelier
