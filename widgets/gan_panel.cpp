#include "gan_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include "heat_strip.h"
#include "image_canvas.h"
#include "note_box.h"

namespace atelier {

GanPanel::GanPanel(QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(
          tr("What a GAN does"),
          tr("<p>A generative adversarial network is two networks trained against each other. The "
             "<b>generator</b> G turns a vector of random numbers z into an image; the "
             "<b>discriminator</b> D looks at an image and says how likely it is to be real.</p>"
             "<p>D is trained to maximise log D(x) + log(1 − D(G(z))): high on real images x, low on "
             "generated ones. G is trained to fool it, pushing D(G(z)) towards 1. They take turns, and "
             "as each improves the other must too, until G's images are hard to tell from real ones. "
             "Every z gives a different image; nearby z give similar ones.</p>"),
          this)),
      m_banner(new QLabel(this)),
      m_canvas(new ImageCanvas(this)),
      m_z(new HeatStrip(this)),
      m_model(new QComboBox(this)),
      m_seed(new QSpinBox(this)) {
  m_banner->setWordWrap(true);
  m_banner->setForegroundRole(QPalette::PlaceholderText);
  m_canvas->setPlaceholder(tr("G(z) appears here: press Sample."));
  m_z->setToolTip(tr("The latent vector z fed to the generator"));

  m_seed->setRange(0, std::numeric_limits<int>::max());
  m_seed->setToolTip(tr("The seed that draws z: the same seed gives the same image"));
  auto* sample = new QPushButton(tr("&Sample"), this);
  sample->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  sample->setToolTip(tr("Draw a new z and generate (Ctrl+R)"));
  connect(sample, &QPushButton::clicked, this, [this] { Q_EMIT sampleRequested(m_seed->value()); });
  auto* truncation = new QSlider(Qt::Horizontal, this);
  truncation->setRange(10, 200);
  truncation->setValue(100);
  truncation->setToolTip(tr("Truncation: smaller values trade variety for typical, cleaner images"));
  auto* gridSize = new QSpinBox(this);
  gridSize->setRange(2, 8);
  gridSize->setValue(4);
  auto* makeGrid = new QPushButton(tr("Sample &Grid"), this);
  auto* grid = new QListWidget(this);
  grid->setViewMode(QListView::IconMode);
  grid->setIconSize(QSize(64, 64));
  grid->setResizeMode(QListView::Adjust);
  auto* frames = new QSpinBox(this);
  frames->setRange(2, 240);
  frames->setValue(48);
  auto* play = new QPushButton(tr("Play &Interpolation"), this);
  play->setToolTip(tr("Pick two samples in the grid, then play the spherical path between their z"));
  auto* exportButton = new QPushButton(tr("Export…"), this);
  m_needModel << m_model << sample << truncation << makeGrid << play << exportButton;

  auto* form = new QFormLayout;
  form->addRow(tr("Generator:"), m_model);
  form->addRow(tr("Seed:"), m_seed);
  form->addRow(QString(), sample);
  form->addRow(tr("Truncation:"), truncation);
  auto* sampling = new QGroupBox(tr("Sample"), this);
  sampling->setLayout(form);

  auto* gridForm = new QFormLayout;
  gridForm->addRow(tr("Grid size:"), gridSize);
  gridForm->addRow(QString(), makeGrid);
  gridForm->addRow(grid);
  gridForm->addRow(tr("Frames:"), frames);
  gridForm->addRow(QString(), play);
  gridForm->addRow(QString(), exportButton);
  auto* grids = new QGroupBox(tr("Grid and interpolation"), this);
  grids->setLayout(gridForm);

  auto* side = new QVBoxLayout;
  side->addWidget(sampling);
  side->addWidget(grids, 1);
  auto* centre = new QVBoxLayout;
  centre->addWidget(m_canvas, 1);
  centre->addWidget(new QLabel(tr("z:"), this));
  centre->addWidget(m_z);
  auto* body = new QHBoxLayout;
  body->addLayout(centre, 3);
  body->addLayout(side, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addWidget(m_banner);
  layout->addLayout(body, 1);
}

int GanPanel::seed() const { return m_seed->value(); }

void GanPanel::setSeed(int seed) { m_seed->setValue(seed); }

void GanPanel::setModelAvailable(bool available, const QString& reason) {
  m_banner->setText(reason);
  m_banner->setVisible(!available);
  for (auto* w : m_needModel) w->setEnabled(available);
}

}  // namespace atelier
