#include "guided_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <limits>

#include "note_box.h"
#include "run_view.h"

namespace atelier {

GuidedPanel::GuidedPanel(const QString& noteTitle, const QString& noteHtml, QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(noteTitle, noteHtml, this)),
      m_form(new QFormLayout),
      m_prompts(new QPlainTextEdit(this)),
      m_run(new RunView(this)) {
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

void GuidedPanel::setPrompts(const QString& prompts) { m_prompts->setPlainText(prompts); }

void GuidedPanel::setModelAvailable(bool available, const QString& reason) {
  m_run->setRunnable(available, reason);  // the run view says why it can't run
}

namespace {
QSpinBox* spin(QWidget* parent, int lo, int hi, int value) {
  auto* s = new QSpinBox(parent);
  s->setRange(lo, hi);
  s->setValue(value);
  return s;
}
QDoubleSpinBox* dspin(QWidget* parent, double lo, double hi, double value, int decimals) {
  auto* s = new QDoubleSpinBox(parent);
  s->setRange(lo, hi);
  s->setDecimals(decimals);
  s->setValue(value);
  return s;
}
}  // namespace

VqganPanel::VqganPanel(QWidget* parent)
    : GuidedPanel(
          tr("How CLIP steers a generator"),
          tr("<p>A generator turns a latent z into an image; CLIP says how well an image matches a text. "
             "Put them in a loop: decode z, encode the image with CLIP, and take the cosine similarity s "
             "to the prompt's embedding. Using −s as a loss and back-propagating through CLIP and the "
             "generator to z moves the image, step by step, towards the prompt.</p>"
             "<p>It looks like training, but it happens at every generation: only z changes, both networks "
             "stay frozen. Staying in a generator's latent space (here VQGAN's grid of codebook vectors) "
             "keeps the pictures natural-looking instead of adversarial noise.</p>"),
          parent) {
  auto* mode = new QComboBox(this);
  mode->addItems({tr("CLIP + VQGAN"), tr("CLIP + GAN")});
  auto* preset = new QComboBox(this);
  preset->addItems({tr("Fast preview"), tr("Quality"), tr("Custom")});
  auto* init = new QLineEdit(this);
  init->setPlaceholderText(tr("optional init image"));
  auto* size = new QComboBox(this);
  size->addItems({QStringLiteral("128 × 128"), QStringLiteral("256 × 256"), QStringLiteral("384 × 384"),
                  QStringLiteral("512 × 512")});
  form()->addRow(tr("Generator:"), mode);
  form()->addRow(tr("Preset:"), preset);
  form()->addRow(tr("Init image:"), init);
  form()->addRow(tr("Size:"), size);
  form()->addRow(tr("Steps:"), spin(this, 1, 100000, 300));
  form()->addRow(tr("Cutouts:"), spin(this, 1, 128, 32));
  form()->addRow(tr("Cut power:"), dspin(this, 0.1, 5.0, 1.0, 2));
  form()->addRow(tr("Learning rate:"), dspin(this, 0.001, 1.0, 0.1, 3));
  form()->addRow(tr("Seed:"), spin(this, 0, std::numeric_limits<int>::max(), 0));
}

DrawPanel::DrawPanel(QWidget* parent)
    : GuidedPanel(
          tr("How CLIPDraw paints"),
          tr("<p>A generator is not the only way to give CLIP something to optimise. Optimising raw pixels "
             "against a prompt gives noisy, unnatural pictures, so CLIPDraw restricts the image to a few "
             "hundred coloured Bezier strokes instead: that restriction is its \"natural image prior\".</p>"
             "<p>The strokes start at random. A differentiable rasteriser draws them, CLIP scores the drawing "
             "against the prompt, and the gradient of that score moves every stroke's control points, "
             "width and colour. The result is a drawing you can export as SVG and edit.</p>"),
          parent) {
  auto* background = new QComboBox(this);
  background->addItems({tr("white"), tr("black"), tr("grey")});
  form()->addRow(tr("Strokes:"), spin(this, 1, 2048, 256));
  form()->addRow(tr("Max width:"), dspin(this, 0.5, 50.0, 10.0, 1));
  form()->addRow(tr("Iterations:"), spin(this, 1, 100000, 1000));
  form()->addRow(tr("Seed:"), spin(this, 0, std::numeric_limits<int>::max(), 0));
  form()->addRow(tr("Background:"), background);
  auto* replay = new QPushButton(tr("Replay Strokes"), this);
  auto* svg = new QPushButton(tr("Export SVG…"), this);
  replay->setEnabled(false);
  svg->setEnabled(false);
  form()->addRow(QString(), replay);
  form()->addRow(QString(), svg);
}

}  // namespace atelier
