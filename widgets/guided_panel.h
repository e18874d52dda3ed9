// What the CLIP + VQGAN and CLIPDraw tabs share: an explanation, a side panel of settings, and
// the live run view. Subclasses fill the settings form.
#pragma once
#include <QWidget>

#include <QColor>
#include <QImage>
#include <QList>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;
class QDragEnterEvent;
class QDropEvent;

namespace atelier {

class NoteBox;
class RunView;

class GuidedPanel : public QWidget {
  Q_OBJECT
 public:
  // An image (format by the extension), written whole or not at all; error says what failed.
  static bool writeImage(const QImage& image, const QString& path, QString* error);
  // Numbered PNGs (frame_0000.png ...) in folder, each written whole.
  static bool writeFrames(const QList<QImage>& frames, const QString& folder, QString* error);
  NoteBox* note() const { return m_note; }
  RunView* runView() const { return m_run; }
  QString prompts() const;
  void setPrompts(const QString& prompts);
  void setModelAvailable(bool available, const QString& reason);
  // The run's frames (the window collects them), exported as numbered PNGs or an animation.
  void setFrames(const QList<QImage>& frames) { m_frames = frames; }
  QList<QImage> frames() const { return m_frames; }
  bool saveFrames(const QString& folder);  // false + status on failure
  QString status() const;
  void setStatus(const QString& text);

 Q_SIGNALS:
  void promptsEdited(const QString& prompts);  // debounced, for a running job
  void animationExportRequested(const QString& path, const QList<QImage>& frames);

 protected:
  GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent);
  QFormLayout* form() const { return m_form; }
  QPlainTextEdit* promptEdit() const { return m_prompts; }
  QLabel* statusLabel() const { return m_status; }  // subclasses place it in their form
  void requestAnimationExport();                   // asks for a path, then animationExportRequested
  void requestFramesExport();                      // asks for a folder, then saveFrames

 private:
  NoteBox* m_note;
  QFormLayout* m_form;
  QPlainTextEdit* m_prompts;
  RunView* m_run;
  QLabel* m_status;
  QTimer* m_promptTimer;
  QList<QImage> m_frames;
};

// CLIP + VQGAN: prompts steer a VQGAN latent (or a GAN's z). Engine-free, like DrawPanel.
class VqganPanel : public GuidedPanel {
  Q_OBJECT
 public:
  struct Settings {
    QString prompts, generatorPath, optimiser = QStringLiteral("adam");
    int steps = 150, cutn = 16, seed = 0, size = 128;  // size: CLIP + VQGAN's square image
    double cutPow = 1.0, lr = 0.05;
    bool gan = true;  // CLIP + GAN; false: CLIP + VQGAN
  };
  explicit VqganPanel(QWidget* parent = nullptr);
  Settings settings() const;
  void setSettings(const Settings& settings);
  void setGenerators(const QStringList& names, const QStringList& paths);
  // The VQGAN a CLIP + VQGAN run uses (the first found in the model folders); empty: none.
  void setVqgan(const QString& name);
  // The current frame as PNG with every parameter in its text chunks; false + status on failure.
  bool saveFrame(const QString& path);
  static Settings settingsFromPng(const QString& path, bool* ok);  // what saveFrame wrote
  bool loadSettingsFromPng(const QString& path);  // also by dropping the PNG on the tab
  // The frame with the settings in its PNG text chunks; written whole or not at all.
  static QImage withSettings(QImage frame, const Settings& settings);
  void setHistoryFolder(const QString& folder) { m_historyFolder = folder; }

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 Q_SIGNALS:
  void learningRateEdited(double lr);
  void modeChanged(bool gan);

 private:
  QComboBox* m_mode;
  QComboBox* m_generator;
  QLabel* m_vqganName;
  QComboBox* m_preset;
  QSpinBox* m_steps;
  QSpinBox* m_cutn;
  QDoubleSpinBox* m_cutPow;
  QDoubleSpinBox* m_lr;
  QComboBox* m_optimiser;
  QSpinBox* m_seed;
  QComboBox* m_size;
  QString m_historyFolder;
};

// CLIPDraw: prompts steer coloured Bezier strokes through a differentiable rasteriser.
// Engine-free: the window runs the job; the panel holds the settings and the finished drawing
// (its SVG, the final image, the run's frames) and exports them.
class DrawPanel : public GuidedPanel {
  Q_OBJECT
 public:
  struct Settings {
    QString prompts, style;
    int strokes = 64, iterations = 300, seed = 0, size = 64;
    double maxWidth = 50;
    QColor background = Qt::white;
    bool filled = false;  // filled closed shapes instead of open strokes
  };
  explicit DrawPanel(QWidget* parent = nullptr);
  Settings settings() const;
  void setSettings(const Settings& settings);
  // The finished (or stopped) run: its SVG, its final image and its frames.
  void setResult(const QString& svg, const QImage& image, const QList<QImage>& frames);
  QString svg() const { return m_svg; }
  void playReplay(const QList<QImage>& frames);  // the strokes drawn one by one
  bool replaying() const;
  // Exports without dialogs (the buttons ask for the path, then call these); false + status on failure.
  bool saveSvg(const QString& path);
  bool saveImage(const QString& path);

 Q_SIGNALS:
  void replayRequested();

 private:
  QLineEdit* m_style;
  QSpinBox* m_strokes;
  QDoubleSpinBox* m_maxWidth;
  QSpinBox* m_iterations;
  QSpinBox* m_seed;
  QComboBox* m_size;
  QComboBox* m_background;
  QComboBox* m_shapes;
  QPushButton* m_replay;
  QToolButton* m_export;
  QTimer* m_replayTimer;
  QString m_svg;
  QImage m_image;
  QList<QImage> m_replayFrames;
  int m_replayIndex = 0;
};

}  // namespace atelier
