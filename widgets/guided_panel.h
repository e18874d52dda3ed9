// What the CLIP + VQGAN and CLIPDraw tabs share: an explanation, a side panel of settings, and
// the live run view. Subclasses fill the settings form.
#pragma once
#include <QWidget>

class QFormLayout;
class QPlainTextEdit;

namespace atelier {

class NoteBox;
class RunView;

class GuidedPanel : public QWidget {
  Q_OBJECT
 public:
  NoteBox* note() const { return m_note; }
  RunView* runView() const { return m_run; }
  QString prompts() const;
  void setPrompts(const QString& prompts);
  void setModelAvailable(bool available, const QString& reason);

 protected:
  GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent);
  QFormLayout* form() const { return m_form; }
  QPlainTextEdit* promptEdit() const { return m_prompts; }

 private:
  NoteBox* m_note;
  QFormLayout* m_form;
  QPlainTextEdit* m_prompts;
  RunView* m_run;
};

// CLIP + VQGAN: prompts steer a VQGAN latent (or a GAN's z).
class VqganPanel : public GuidedPanel {
  Q_OBJECT
 public:
  explicit VqganPanel(QWidget* parent = nullptr);
};

// CLIPDraw: prompts steer coloured Bezier strokes through a differentiable rasteriser.
class DrawPanel : public GuidedPanel {
  Q_OBJECT
 public:
  explicit DrawPanel(QWidget* parent = nullptr);
};

}  // namespace atelier
