// Training a mini-CLIP from the window: where the run goes and what it starts from (random
// weights, the shipped mini-CLIP, another model), steps, batch, learning rate, contrast groups
// and the data mix (shares of emoji, clip art and strokes, the rest shapes); Start, Stop (a checkpoint;
// Resume goes on), the loss and accuracy as they fall and rise, and a window on CLIP's
// objective: the step's first image-caption pairs and each image's softmax over those
// captions, whose diagonal training makes win.
// Engine-free: a start goes out as a signal, progress comes in through the show*() slots; what a
// folder holds (a checkpoint, metrics.csv) and the recipes' numbers come from the window.
#pragma once
#include <QImage>
#include <QList>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace atelier {

class LivePlot;
class NoteBox;

class TrainPanel : public QWidget {
  Q_OBJECT
 public:
  enum class Start { Random, Shipped, File };
  struct Settings {
    QString out;        // the run's folder
    QString init;       // a model to start from; empty: random weights
    bool resume = false;  // go on with the folder's checkpoint
    int steps = 2500;
    int batch = 256;
    double lr = 2e-4;
    double contrast = 0.2;
    // The data mix: shares of a batch, together at most 1 (the rest shapes); Start refuses more.
    double emoji = 0.5;
    double clipart = 0;  // openclipart's drawings: the Debian packages openclipart-png and -svg
    double strokes = 0;  // strokes that are no shape (scribbles, arcs), captioned as such
    // Adversarial training: each image moved by up to this many levels of 255 per pixel to raise
    // the loss before the model learns from it (0: off). Gradients that follow form; 1.5x slower.
    double adversarial = 0;
    double parts = 0;  // share in part groups: a shape beside pieces of it ("a red corner"); contrast + parts at most 1
    // Starting from a model: deepen its towers to this many blocks (new blocks start as the
    // identity, so the run begins from what the model computed); 0 keeps its depth.
    int visionLayers = 0, textLayers = 0;
  };
  // What "Start from" proposes: from scratch for random weights, the fine-tune for a model.
  // Choosing a start sets steps and rate to its recipe, but never over values the user typed
  // (the status says so); setSettings' values count as proposals, not as the user's.
  struct Recipe {
    int steps = 0;  // 0: none given, the choice leaves steps and rate as they are
    double lr = 0;
  };

  explicit TrainPanel(QWidget* parent = nullptr);
  NoteBox* note() const { return m_note; }
  LivePlot* plot() const { return m_plot; }
  QTableWidget* pairs() const { return m_pairs; }
  QPushButton* startButton() const { return m_start; }
  QPushButton* stopButton() const { return m_stop; }
  QPushButton* useButton() const { return m_use; }
  QCheckBox* resumeBox() const { return m_resume; }

  Settings settings() const;
  void setSettings(const Settings& settings);
  // Where the shipped mini-CLIP is (the "shipped" choice starts from it); empty: not installed.
  void setShippedModel(const QString& path);
  void setStart(Start start, const QString& file = {});
  void setRunning(bool running);
  bool running() const { return m_running; }
  void setStatus(const QString& text);
  QString status() const;
  // The run ended with a model file (the trained weights) that "Use This Model" loads.
  void setResult(const QString& modelPath);
  void setRecipes(const Recipe& fromScratch, const Recipe& fineTune);
  // The answers to folderChosen: whether the folder holds a checkpoint to resume from, and its
  // run so far (metrics.csv's step, loss and accuracy), plotted; both empty when there is none.
  void setFolderState(bool hasCheckpoint);
  void setHistory(const QVector<double>& steps, const QVector<double>& loss, const QVector<double>& accuracy);

 public Q_SLOTS:
  void showProgress(qint64 step, qint64 steps, double seconds, double loss, double accuracy);
  void showPairs(const QList<QImage>& images, const QStringList& captions, const QVector<float>& softmax);
  void clear();

 Q_SIGNALS:
  void startRequested(const atelier::TrainPanel::Settings& settings);
  void stopRequested();
  void useRequested(const QString& modelPath);
  // A folder was chosen (browsed, typed, set, or about to be started in): answer with
  // setFolderState and setHistory. Until then the panel takes it for an empty folder.
  void folderChosen(const QString& folder);

 protected:
  void changeEvent(QEvent* event) override;  // a theme switch recolours the pairs' cells

 private:
  void requestStart();
  void askAboutFolder();
  void updateResume();
  void applyRecipe(Start start);
  void updateLayers();  // the depth boxes: enabled when starting from a model and not running
  void colourPairs();
  QString mixProblem() const;  // why the shares of emoji and clip art can't be used; empty when they can
  void showMixProblem();

  NoteBox* m_note;
  QLineEdit* m_out;
  QComboBox* m_from;
  QCheckBox* m_resume;
  QSpinBox* m_steps;
  QSpinBox* m_batch;
  QDoubleSpinBox* m_lr;
  QDoubleSpinBox* m_contrast;
  QDoubleSpinBox* m_emoji;
  QDoubleSpinBox* m_clipart;
  QDoubleSpinBox* m_strokes;
  QDoubleSpinBox* m_adversarial;
  QDoubleSpinBox* m_parts;
  QSpinBox* m_visionLayers;
  QSpinBox* m_textLayers;
  QPushButton* m_start;
  QPushButton* m_stop;
  QPushButton* m_use;
  QLabel* m_status;
  LivePlot* m_plot;
  QTableWidget* m_pairs;
  QString m_shipped, m_file, m_result;
  Recipe m_scratch, m_fineTune;
  bool m_applying = false;  // the panel itself sets steps or rate: not the user's edit
  bool m_stepsEdited = false, m_lrEdited = false;
  QString m_mixStatus;         // the status showMixProblem set last ("" when the shares were fine)
  QString m_folder;            // the folder last chosen, which setFolderState answers for
  bool m_hasCheckpoint = false;
  bool m_running = false;
  qint64 m_firstStep = -1;  // of this start: the pace counts only its own steps
};

}  // namespace atelier

Q_DECLARE_METATYPE(atelier::TrainPanel::Settings)
