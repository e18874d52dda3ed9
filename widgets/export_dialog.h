// The animation export dialog of the GAN, CLIP + VQGAN and CLIPDraw tabs: the size (x1, x2, x4
// or the longer side in pixels; nearest or smooth), the frame rate, how long the last frame is
// held, every frame or every Nth, the format, and the file, named from the prompt and seed in
// the one export folder the program remembers. Engine-free: the panels hand the chosen
// AnimationExport to the window, whose exporter writes exactly that.
#pragma once
#include <QDialog>
#include <QList>
#include <QMetaType>
#include <QSize>
#include <QString>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace atelier {

// What an animation export writes, apart from the file.
struct AnimationExport {
  int scale = 1;             // 1, 2 or 4: the frames' size times this (when longSide is 0)
  int longSide = 0;          // the longer side in pixels, the other in proportion; 0: by scale
  bool smooth = false;       // enlarging: false nearest (crisp pixels), true interpolated
  double fps = 24.0;
  double holdSeconds = 0.0;  // the last frame stays on this much longer
  int every = 1;             // every Nth frame; the last frame always (it is the result)

  // The animation's size for frames of canvas (at least 1 x 1).
  QSize outputSize(const QSize& canvas) const;
  // Which of count frames are written: 0, every, 2 * every, ... and the last.
  QList<int> frameIndices(int count) const;
  // How long the animation plays, for count frames.
  double seconds(int count) const;
  // A first choice for frames of canvas: enlarged to a useful size (at least 256 px on the
  // longer side, where x4 reaches it), and the last frame held a second.
  static AnimationExport suggestedFor(const QSize& canvas);
  bool operator==(const AnimationExport&) const = default;
};

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // canvas: the frames' size; frames: how many there are (the summary counts what is written).
  ExportDialog(const QSize& canvas, int frames, QWidget* parent = nullptr);

  void setOptions(const AnimationExport& options);
  AnimationExport options() const;
  // The export folder (the window remembers it); a folder that doesn't exist disables Export.
  void setFolder(const QString& folder);
  QString folder() const;
  // The file name; its extension (.gif, .webp, .mp4) chooses the format, and one is added when
  // it names none.
  void setFileName(const QString& name);
  QString fileName() const;
  QString path() const;     // the folder and the file name
  QString summary() const;  // "256 × 256 px · 16 frames · 2.3 s", as shown

  // Opens a dialog (window-modal, not blocking: the event loop and a run go on) for frames of
  // canvas, filled with options, folder and fileName (made unused in folder); deleted when
  // closed. The caller connects accepted and reads the choice from the dialog.
  static ExportDialog* ask(QWidget* parent, const QSize& canvas, int frames, const AnimationExport& options, const QString& folder,
                           const QString& fileName);
  // Where exports go before the user has chosen a folder: Pictures, else home.
  static QString defaultFolder();
  // A file name from the first prompt and the seed, in characters safe on every file system
  // (ASCII letters and digits, '-' and '_'): "a red circle:1 | blurry:-1", "3", "gif" gives
  // "a-red-circle_seed-3.gif". An empty prompt gives "run".
  static QString proposedFileName(const QString& prompts, const QString& seed, const QString& extension);
  // name in folder, or name-2, name-3, ... when a file of that name is already there.
  static QString unusedFileName(const QString& folder, const QString& name);

 private:
  void formatChosen();
  void refresh();  // the sizes in the choices, the summary, the warning, Export enabled

  QSize m_canvas;
  int m_frames;
  QComboBox* m_size;
  QSpinBox* m_longSide;
  QComboBox* m_scaling;
  QDoubleSpinBox* m_fps;
  QDoubleSpinBox* m_hold;
  QSpinBox* m_every;
  QComboBox* m_format;
  QLineEdit* m_folder;
  QLineEdit* m_fileName;
  QLabel* m_summary;
  QLabel* m_warning;
  QPushButton* m_ok;
};

}  // namespace atelier

Q_DECLARE_METATYPE(atelier::AnimationExport)
