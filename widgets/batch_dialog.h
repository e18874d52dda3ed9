// Batch… in the CLIP + VQGAN tab's queue (issue 21, item 6): the tab's settings run once per seed
// (the grid's rows; "1-4,9" as generate --seeds reads it) times the values of one setting (the
// columns: learning rate, steps, cutouts, cut power, size, or prompts one per line), with the
// grid's labels as the command line writes them ("seed 3", "lr=0.05").
#pragma once
#include <QDialog>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include "vqgan_panel.h"

class QComboBox;
class QDialogButtonBox;
class QEvent;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace atelier {

// A batch: rows x columns of runs, row by row (seed 1's values, then seed 2's...).
struct RunBatch {
  struct Run {
    VqganPanel::Settings settings;
    int row = 0, column = 0;  // its cell in the grid
    QString caption;          // the queue's line: "a red circle · seed 3 · lr=0.05"
  };
  QList<Run> runs;
  QStringList rowLabels;     // "seed 3", one a row
  QStringList columnLabels;  // "lr=0.05" (a prompt: the prompt), one a column; one "" without a setting
  QString name;              // for the grid's file name: "seed1-4-lr"
};

class BatchDialog : public QDialog {
  Q_OBJECT
 public:
  enum class Sweep { None, LearningRate, Steps, Cutouts, CutPower, Size, Prompts };
  // The seeds of a spec, or none and error says why. The app installs the engine's parse_seeds
  // (io/grid.h; RunQueue::parseSeeds), so the field reads what generate --seeds reads.
  using SeedParser = std::function<QList<quint64>(const QString& spec, QString* error)>;
  // Why a planned batch can't run (e.g. its grid would be too long to save); empty: fine.
  using BatchCheck = std::function<QString(const RunBatch& batch)>;
  // Runs in one batch: the engine's kMaxBatchRuns (io/grid.h); tst_queue compares them.
  static constexpr int kMaxRuns = 256;
  static constexpr int kMaxValues = 64;  // a setting's values, as generate --sweep takes

  BatchDialog(const VqganPanel::Settings& base, SeedParser parseSeeds, BatchCheck check = {}, QWidget* parent = nullptr);

  // The batch of the fields (objectNames "batchSeeds", "batchSetting", "batchValues",
  // "batchPrompts"); no runs while they are refused, and problem() says why ("batchProblem").
  RunBatch batch() const { return m_batch; }
  QString problem() const { return m_problem; }
  void setSeeds(const QString& spec);
  void setSweep(Sweep sweep, const QString& values);  // values: comma-separated, prompts one per line

  // The plan without the dialog: base once per seed (its seed replaced), times each value of
  // sweep (values as typed, comma-separated, in the C locale: "0.05, 0.1"; prompts one per line,
  // empty lines skipped), each value checked against the tab's own bounds and given once. Empty
  // runs and error set when refused.
  static RunBatch plan(const VqganPanel::Settings& base, const QString& seeds, Sweep sweep, const QString& values,
                       const SeedParser& parseSeeds, QString* error);
  static QString key(Sweep sweep);  // the command line's name: "lr", "steps", "cutn", "cut-pow", "size", "prompts"

 protected:
  void changeEvent(QEvent* event) override;  // LanguageChange: the texts again

 private:
  void update();  // plans the fields, shows the count or the problem, enables OK
  void retranslate();
  Sweep sweep() const;

  VqganPanel::Settings m_base;
  SeedParser m_parseSeeds;
  BatchCheck m_check;
  QLabel* m_intro;
  QLabel* m_seedsLabel;
  QLineEdit* m_seeds;
  QLabel* m_settingLabel;
  QComboBox* m_setting;
  QLabel* m_valuesLabel;
  QLineEdit* m_values;
  QPlainTextEdit* m_prompts;
  QLabel* m_summary;
  QLabel* m_problemLabel;
  QDialogButtonBox* m_buttons;
  RunBatch m_batch;
  QString m_problem;
};

}  // namespace atelier
