// The GAN tab: sample z, see G(z); the seed (shown and editable), truncation, z as a heat strip,
// a grid of samples (click one to select it), and the spherical interpolation between two of
// them played as an animation; exports of the image, the grid and the interpolation. With a
// class-conditional generator (BigGAN-deep), also the class (searchable), BigGAN's truncation
// and the class an interpolation walks to (BigGanControls).
// Engine-free: requests go out as signals, answers come in through the show*() slots.
#pragma once
#include <QImage>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QVector>
#include <QWidget>

#include <optional>

#include "export_dialog.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSlider;
class QSpinBox;
class QTimer;

namespace atelier {

class BigGanControls;
class HeatStrip;
class ImageCanvas;
class NoteBox;

class GanPanel : public QWidget {
  Q_OBJECT
 public:
  explicit GanPanel(QWidget* parent = nullptr);
  NoteBox* note() const { return m_note; }
  ImageCanvas* canvas() const { return m_canvas; }
  HeatStrip* zStrip() const { return m_z; }
  QListWidget* gridView() const { return m_grid; }
  int seed() const;
  void setSeed(int seed);
  double truncation() const;  // a DCGAN's: 0: off (BigGAN-deep's: bigGan()->truncation())
  void setTruncation(double truncation);
  // The rows of a class-conditional generator: shown once setClassNames names its classes.
  BigGanControls* bigGan() const { return m_big; }
  // The loaded generator's class names (in class-index order); empty: it has none (a DCGAN): the
  // class rows hide and the DCGAN's truncation shows.
  void setClassNames(const QStringList& names);
  int gridCount() const;  // samples a grid asks for: N × N
  void setGridSize(int n);  // N, from 2 to 8
  int gridColumns() const { return m_gridColumns; }  // of the grid shown
  int frames() const;
  QString currentModelPath() const;
  QString currentModelName() const;  // as the Generator box shows it
  void setCurrentModelPath(const QString& path);  // selects it (no modelChosen: not the user's choice)
  void setModelAvailable(bool available, const QString& reason);
  void setModels(const QStringList& names, const QStringList& paths, const QString& preferred);
  QList<QImage> interpolationFrames() const { return m_frames; }
  bool playing() const;
  void setStatus(const QString& text);
  QString status() const;
  QImage gridImage() const;  // the grid as one image, 2 px apart
  // Exports without dialogs (the menu's entries ask for the path, then call these).
  bool saveImage(const QImage& image, const QString& path);
  bool saveFrames(const QString& folder);  // frame_0000.png ...
  QImage sampleImage() const { return m_sample; }
  // Where exports go (the window remembers it; empty: ExportDialog::defaultFolder).
  void setExportFolder(const QString& folder) { m_exportFolder = folder; }
  QString exportFolder() const;
  // The interpolation as an animation: opens the export dialog (not blocking); its Export emits
  // animationExportRequested with what was chosen, and exportFolderChosen.
  void exportInterpolation();
  ExportDialog* exportDialog() const { return m_exportDialog; }  // the open one, or null

 public Q_SLOTS:
  void showSample(int seed, const QImage& image, const QVector<double>& z, int classIndex = -1);
  void showGrid(const QList<QImage>& images, const QList<int>& seeds);
  void showInterpolation(const QList<QImage>& frames);
  void requestSample();       // the current seed and truncation
  void sampleNew();           // a fresh random seed
  void requestGrid();
  void requestInterpolation();
  void stopPlaying();

 Q_SIGNALS:
  void modelChosen(const QString& path);
  // classIndex -1: a DCGAN (no class); truncation: the DCGAN's or BigGAN's, as the generator takes it.
  void sampleRequested(int seed, double truncation, int classIndex);
  void gridRequested(int firstSeed, int count, double truncation, int classIndex);
  // z slerps from seedA's to seedB's; a BigGAN's class vector goes linearly from classA's one-hot to classB's.
  void interpolationRequested(int seedA, int seedB, int frames, double truncation, int classA, int classB);
  void animationExportRequested(const QString& path, const QList<QImage>& frames, const atelier::AnimationExport& options);
  void exportFolderChosen(const QString& folder);  // for the window to remember

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;  // the grid view's resizes

 private:
  // Cells that put the shown grid's columns side by side in the view, and its rows within its
  // height: the whole grid at once, icons scaled to the cell, no scrolling.
  void layoutGrid();
  void exportImage(const QImage& image, const QString& what);
  void exportFrames();
  QPair<int, int> interpolationEnds() const;
  double requestTruncation() const;  // the generator's: BigGAN's when it has classes
  int requestClass() const;          // -1: a DCGAN

  NoteBox* m_note;
  QLabel* m_banner;
  ImageCanvas* m_canvas;
  HeatStrip* m_z;
  QLabel* m_caption;
  QComboBox* m_model;
  QSpinBox* m_seed;
  QCheckBox* m_truncate;
  QDoubleSpinBox* m_truncation;
  QSpinBox* m_gridSize;
  QListWidget* m_grid;
  QSpinBox* m_frameCount;
  BigGanControls* m_big = nullptr;
  QPushButton* m_play;
  QLabel* m_status;
  QTimer* m_timer;
  QList<QWidget*> m_needModel;
  QImage m_sample;
  QList<QImage> m_gridImages;
  int m_gridColumns = 0;
  QSize m_gridIcon;  // the icons' size, made for the cells
  QList<QImage> m_frames;
  int m_frameIndex = 0;
  QPair<int, int> m_interpolated;  // the seeds at the ends of m_frames, for the file name
  QString m_exportFolder;
  std::optional<AnimationExport> m_exportOptions;  // the last export's, offered again
  QString m_exportFormat = QStringLiteral("gif");
  QPointer<ExportDialog> m_exportDialog;
  bool m_settingSeed = false;
};

}  // namespace atelier
