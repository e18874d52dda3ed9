// What the CLIP + VQGAN and CLIPDraw tabs share: an explanation, a side panel of settings, and
// the live run view. Subclasses fill the settings form: VqganPanel (vqgan_panel.h) and DrawPanel
// (draw_panel.h).
#pragma once
#include <QWidget>

#include <QImage>
#include <QList>
#include <QPointer>

#include <optional>

#include "export_dialog.h"

class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTimer;

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
  void appendFrame(const QImage& frame) { m_frames << frame; }  // a running job's next frame
  QList<QImage> frames() const { return m_frames; }
  bool saveFrames(const QString& folder);  // false + status on failure
  QString status() const;
  void setStatus(const QString& text);
  // Where exports go (the window remembers it; empty: ExportDialog::defaultFolder).
  void setExportFolder(const QString& folder) { m_exportFolder = folder; }
  QString exportFolder() const;
  // The run as an animation: opens the export dialog (not blocking); its Export emits
  // animationExportRequested with what was chosen, and exportFolderChosen.
  void requestAnimationExport();
  ExportDialog* exportDialog() const { return m_exportDialog; }  // the open one, or null
  void requestFramesExport();  // asks for a folder (from the export folder), then saveFrames

 Q_SIGNALS:
  void promptsEdited(const QString& prompts);  // debounced, for a running job
  void animationExportRequested(const QString& path, const QList<QImage>& frames,
                                const atelier::AnimationExport& options = atelier::AnimationExport());
  void exportFolderChosen(const QString& folder);  // for the window to remember

 protected:
  GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent);
  QFormLayout* form() const { return m_form; }
  QPlainTextEdit* promptEdit() const { return m_prompts; }
  QLabel* statusLabel() const { return m_status; }  // subclasses place it in their form
  virtual int exportSeed() const { return 0; }      // the run's seed, in the proposed file name
  // The settings' number boxes.
  static QSpinBox* intBox(QWidget* parent, int lo, int hi, int value);
  static QDoubleSpinBox* realBox(QWidget* parent, double lo, double hi, double value, int decimals);

 private:
  NoteBox* m_note;
  QFormLayout* m_form;
  QPlainTextEdit* m_prompts;
  RunView* m_run;
  QLabel* m_status;
  QTimer* m_promptTimer;
  QList<QImage> m_frames;
  QString m_exportFolder;
  std::optional<AnimationExport> m_exportOptions;  // the last export's, offered again
  QString m_exportFormat = QStringLiteral("gif");
  QPointer<ExportDialog> m_exportDialog;
};

}  // namespace atelier
