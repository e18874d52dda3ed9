// The CLIPDraw tab: prompts steer coloured Bezier strokes through a differentiable rasteriser
// (or, the line sketch preset, black strokes of one width).
// Engine-free: the window runs the job; the panel holds the settings and the finished drawing
// (its SVG, the final image, the run's frames) and exports them.
#pragma once
#include <QColor>
#include <QImage>
#include <QList>
#include <QString>

#include "guided_panel.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class QToolButton;

namespace atelier {

class DrawPanel : public GuidedPanel {
  Q_OBJECT
 public:
  struct Settings {
    QString prompts, style;
    int strokes = 64, iterations = 300, seed = 0, size = 64;
    double maxWidth = 50;
    QColor background = Qt::white;
    bool filled = false;  // filled closed shapes instead of open strokes
    // The line sketch preset: black open strokes, all sketchWidth px wide; only their points are
    // optimised (maxWidth unused). Not with filled.
    bool sketch = false;
    double sketchWidth = 2;
  };
  explicit DrawPanel(QWidget* parent = nullptr);
  Settings settings() const;
  void setSettings(const Settings& settings);
  // The finished (or stopped) run: its SVG, its final image and its frames. svgWithTransparent:
  // the SVG that keeps the strokes the run faded out entirely (empty: there were none).
  void setResult(const QString& svg, const QImage& image, const QList<QImage>& frames, const QString& svgWithTransparent = {});
  QString svg() const;  // the one the export writes: with or without the transparent strokes
  // The export's "Keep fully transparent strokes" (off: they are left out of the SVG).
  void setKeepTransparent(bool keep);
  bool keepTransparent() const;
  void playReplay(const QList<QImage>& frames);  // the strokes drawn one by one
  bool replaying() const;
  // Exports without dialogs (the buttons ask for the path, then call these); false + status on failure.
  bool saveSvg(const QString& path);
  bool saveImage(const QString& path);

 Q_SIGNALS:
  void replayRequested();
  void upscaleRequested();  // the ×2 button (objectName "drawUpscale"): the last drawing at twice its size

 protected:
  int exportSeed() const override;

 private:
  // A path from a save dialog in the export folder, the name proposed from prompt and seed; the
  // folder chosen is remembered (exportFolderChosen). Empty: cancelled.
  QString askSavePath(const QString& title, const QString& extension, const QString& filter);

  QLineEdit* m_style;
  QSpinBox* m_strokes;
  QDoubleSpinBox* m_maxWidth;
  QDoubleSpinBox* m_sketchWidth;
  QSpinBox* m_iterations;
  QSpinBox* m_seed;
  QComboBox* m_size;
  QComboBox* m_background;
  QComboBox* m_shapes;
  QPushButton* m_replay;
  QPushButton* m_upscale;
  QToolButton* m_export;
  QCheckBox* m_keepTransparent;
  QTimer* m_replayTimer;
  QString m_svg;
  QString m_svgWithTransparent;
  QImage m_image;
  QList<QImage> m_replayFrames;
  int m_replayIndex = 0;
};

}  // namespace atelier
