// The CLIP + VQGAN and CLIPDraw tabs' common part: the note, the prompts, the settings form
// beside the run view, the status line and the exports of a run's frames.
#include "guided_panel.h"

#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "note_box.h"
#include "run_view.h"
#include "save_file.h"

namespace atelier {

GuidedPanel::GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(noteTitle, noteHtml, this)),
      m_form(new QFormLayout),
      m_prompts(new QPlainTextEdit(this)),
      m_run(new RunView(this)),
      m_status(new QLabel(this)),
      m_promptTimer(new QTimer(this)) {
  m_status->setWordWrap(true);
  // Prompts edited while a run goes on reach it once typing pauses.
  m_promptTimer->setSingleShot(true);
  m_promptTimer->setInterval(400);
  connect(m_prompts, &QPlainTextEdit::textChanged, m_promptTimer, qOverload<>(&QTimer::start));
  connect(m_promptTimer, &QTimer::timeout, this, [this] { Q_EMIT promptsEdited(prompts()); });
  m_prompts->setPlaceholderText(tr("a red barn:1 | a storm:0.5 | blurry:-1"));
  m_prompts->setToolTip(tr("Prompts separated by |, each with an optional :weight (negative pushes away)"));
  m_prompts->setMaximumHeight(96);
  m_form->addRow(tr("Prompts:"), m_prompts);

  auto* settings = new QWidget(this);
  auto* settingsLayout = new QVBoxLayout(settings);
  settingsLayout->addLayout(m_form);
  settingsLayout->addStretch(1);
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(settings);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(300);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(scroll);
  splitter->addWidget(m_run);
  splitter->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addWidget(splitter, 1);
}

QString GuidedPanel::prompts() const { return m_prompts->toPlainText(); }
QString GuidedPanel::status() const { return m_status->text(); }
void GuidedPanel::setStatus(const QString& text) { m_status->setText(text); }

bool GuidedPanel::writeImage(const QImage& image, const QString& path, QString* error) {
  QString why;
  if (saveImageAtomically(image, path, &why)) return true;
  *error = couldNotWrite(path, why);
  return false;
}

bool GuidedPanel::saveFrames(const QString& folder) {
  QString error;
  if (!writeFrames(m_frames, folder, &error)) {
    setStatus(error);
    return false;
  }
  setStatus(tr("Saved %1 frames in %2").arg(m_frames.size()).arg(QDir::toNativeSeparators(folder)));
  return true;
}

QString GuidedPanel::exportFolder() const { return m_exportFolder.isEmpty() ? ExportDialog::defaultFolder() : m_exportFolder; }

void GuidedPanel::requestAnimationExport() {
  if (m_frames.isEmpty()) return setStatus(tr("There are no frames yet: press Run."));
  if (m_exportDialog) return m_exportDialog->raise();
  // The frames as they are now: a running job's later ones are not in what the dialog counted.
  const QList<QImage> frames = m_frames;
  const QSize canvas = frames.first().size();
  const QString name = ExportDialog::proposedFileName(prompts(), QString::number(exportSeed()), m_exportFormat);
  m_exportDialog = ExportDialog::ask(this, canvas, int(frames.size()), m_exportOptions.value_or(AnimationExport::suggestedFor(canvas)),
                                     exportFolder(), name);
  ExportDialog* dialog = m_exportDialog;
  connect(dialog, &QDialog::accepted, this, [this, dialog, frames] {
    m_exportOptions = dialog->options();
    m_exportFormat = QFileInfo(dialog->fileName()).suffix().toLower();
    m_exportFolder = dialog->folder();
    Q_EMIT exportFolderChosen(m_exportFolder);
    const QString path = dialog->path();
    setStatus(tr("Writing %1…").arg(QDir::toNativeSeparators(path)));
    Q_EMIT animationExportRequested(path, frames, *m_exportOptions);
  });
}

void GuidedPanel::requestFramesExport() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"), exportFolder());
  if (!folder.isEmpty()) saveFrames(folder);
}

bool GuidedPanel::writeFrames(const QList<QImage>& frames, const QString& folder, QString* error) {
  if (frames.isEmpty()) {
    *error = tr("There are no frames yet: press Run.");
    return false;
  }
  return saveFramesAtomically(frames, folder, error);
}

void GuidedPanel::setPrompts(const QString& prompts) {
  m_prompts->setPlainText(prompts);
  m_promptTimer->stop();  // set by the program (restored, a saved frame opened): not an edit for the run
}

void GuidedPanel::setModelAvailable(bool available, const QString& reason) {
  m_run->setRunnable(available, reason);  // the run view says why it can't run
}

QSpinBox* GuidedPanel::intBox(QWidget* parent, int lo, int hi, int value) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setValue(value);
  return s;
}

QDoubleSpinBox* GuidedPanel::realBox(QWidget* parent, double lo, double hi, double value, int decimals) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setValue(value);
  return s;
}

}  // namespace atelier
