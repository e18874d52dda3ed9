// The GAN tab: samples, the grid, the interpolation, and their exports.
#include "gan_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "biggan_controls.h"
#include "heat_strip.h"
#include "image_canvas.h"
#include "note_box.h"
#include "save_file.h"

namespace atelier {

namespace {
constexpr double kFps = 24.0;
}  // namespace

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
      m_caption(new QLabel(this)),
      m_model(new QComboBox(this)),
      m_seed(new QSpinBox(this)),
      m_truncate(new QCheckBox(tr("&Truncate at"), this)),
      m_truncation(new QDoubleSpinBox(this)),
      m_gridSize(new QSpinBox(this)),
      m_grid(new QListWidget(this)),
      m_frameCount(new QSpinBox(this)),
      m_play(new QPushButton(tr("Play &Interpolation"), this)),
      m_status(new QLabel(this)),
      m_timer(new QTimer(this)) {
  m_banner->setWordWrap(true);
  m_banner->setForegroundRole(QPalette::PlaceholderText);
  m_canvas->setPlaceholder(tr("G(z) appears here: press Sample."));
  m_z->setToolTip(tr("The latent vector z fed to the generator"));
  m_z->setLimit(3.0);
  m_caption->setAlignment(Qt::AlignCenter);
  m_status->setWordWrap(true);

  m_model->setObjectName(QStringLiteral("ganModel"));
  m_model->setToolTip(tr("The generator: the shipped mini-GANs, any found in the model folders, and BigGAN-deep models there"));
  connect(m_model, &QComboBox::activated, this, [this](int) { Q_EMIT modelChosen(currentModelPath()); });
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setRange(0, std::numeric_limits<int>::max());
  m_seed->setToolTip(tr("The seed that draws z: the same seed gives the same image"));
  connect(m_seed, &QSpinBox::valueChanged, this, [this] {
    if (!m_settingSeed) requestSample();
  });
  auto* sample = new QPushButton(tr("&Sample"), this);
  sample->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
  sample->setToolTip(tr("Draw a new z from a fresh seed and generate (Ctrl+R)"));
  connect(sample, &QPushButton::clicked, this, &GanPanel::sampleNew);
  m_truncation->setRange(0.1, 3.0);
  m_truncation->setSingleStep(0.1);
  m_truncation->setValue(1.0);
  m_truncation->setEnabled(false);
  const QString truncHelp = tr("Truncation: components of z beyond ±t are drawn again. Smaller t trades variety for "
                               "typical, cleaner images");
  m_truncate->setToolTip(truncHelp);
  m_truncation->setToolTip(truncHelp);
  connect(m_truncate, &QCheckBox::toggled, this, [this](bool on) {
    m_truncation->setEnabled(on);
    requestSample();
  });
  connect(m_truncation, &QDoubleSpinBox::valueChanged, this, [this] {
    if (m_truncate->isChecked()) requestSample();
  });

  m_gridSize->setRange(2, 8);
  m_gridSize->setValue(4);
  m_gridSize->setToolTip(tr("Rows and columns of the grid: samples of the seeds from the current one on"));
  auto* makeGrid = new QPushButton(tr("Sample &Grid"), this);
  connect(makeGrid, &QPushButton::clicked, this, &GanPanel::requestGrid);
  // An N × N grid, N columns wide, always whole: the cells follow the view's size (layoutGrid),
  // so there is nothing to scroll to.
  m_grid->setObjectName(QStringLiteral("ganGrid"));
  m_grid->setViewMode(QListView::IconMode);
  m_grid->setFlow(QListView::LeftToRight);
  m_grid->setWrapping(true);
  m_grid->setResizeMode(QListView::Adjust);
  m_grid->setMovement(QListView::Static);
  m_grid->setSpacing(0);
  m_grid->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_grid->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_grid->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  m_grid->setMinimumHeight(120);
  m_grid->installEventFilter(this);
  m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_grid->setToolTip(tr("Click a sample to show it; Ctrl+click two to interpolate between them"));
  connect(m_grid, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) { setSeed(item->data(Qt::UserRole).toInt()), requestSample(); });
  m_frameCount->setRange(2, 480);
  m_frameCount->setValue(48);
  m_frameCount->setToolTip(tr("Frames of the interpolation, both ends included"));
  m_play->setToolTip(tr("Play the spherical path between the two selected samples' z (or this seed and the next)"));
  connect(m_play, &QPushButton::clicked, this, [this] {
    if (playing()) stopPlaying();
    else requestInterpolation();
  });
  m_timer->setInterval(int(1000 / kFps));
  connect(m_timer, &QTimer::timeout, this, [this] {
    if (m_frames.isEmpty()) return stopPlaying();
    m_frameIndex = (m_frameIndex + 1) % int(m_frames.size());
    m_canvas->setImage(m_frames[m_frameIndex]);
    m_caption->setText(tr("Interpolation: frame %1 of %2").arg(m_frameIndex + 1).arg(m_frames.size()));
  });

  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("E&xport"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton);
  menu->addAction(tr("Image…"), this, [this] { exportImage(m_sample, tr("image")); });
  menu->addAction(tr("Grid…"), this, [this] { exportImage(gridImage(), tr("grid")); });
  menu->addAction(tr("Interpolation as Animation (GIF, MP4, WebP)…"), this, &GanPanel::exportInterpolation);
  menu->addAction(tr("Interpolation as PNG Frames…"), this, &GanPanel::exportFrames);
  exportButton->setMenu(menu);
  m_needModel << m_model << m_seed << sample << m_truncate << makeGrid << m_play << exportButton;

  auto* truncRow = new QHBoxLayout;
  truncRow->addWidget(m_truncate);
  truncRow->addWidget(m_truncation, 1);
  auto* form = new QFormLayout;
  form->addRow(tr("Generator:"), m_model);
  form->addRow(tr("Seed:"), m_seed);
  form->addRow(QString(), sample);
  form->addRow(truncRow);
  auto* sampling = new QGroupBox(tr("Sample"), this);
  sampling->setLayout(form);

  auto* gridForm = new QFormLayout;
  gridForm->addRow(tr("Grid:"), m_gridSize);
  gridForm->addRow(QString(), makeGrid);
  gridForm->addRow(m_grid);
  gridForm->addRow(tr("Frames:"), m_frameCount);
  gridForm->addRow(QString(), m_play);
  gridForm->addRow(QString(), exportButton);
  gridForm->addRow(m_status);
  auto* grids = new QGroupBox(tr("Grid and interpolation"), this);
  grids->setLayout(gridForm);
  // BigGAN-deep's class and truncation under the generator, its "To class" above the frames.
  m_big = new BigGanControls(form, 1, gridForm, 3, this);
  connect(m_big, &BigGanControls::classChosen, this, [this] { requestSample(), requestGrid(); });
  connect(m_big, &BigGanControls::truncationChanged, this, &GanPanel::requestSample);
  connect(m_big, &BigGanControls::unmatched, this, &GanPanel::setStatus);

  auto* side = new QVBoxLayout;
  side->addWidget(sampling);
  side->addWidget(grids, 1);
  auto* centre = new QVBoxLayout;
  centre->addWidget(m_canvas, 1);
  centre->addWidget(m_caption);
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

void GanPanel::setSeed(int seed) {
  m_settingSeed = true;
  m_seed->setValue(seed);
  m_settingSeed = false;
}

double GanPanel::truncation() const { return m_truncate->isChecked() ? m_truncation->value() : 0.0; }

double GanPanel::requestTruncation() const { return m_big->active() ? m_big->truncation() : truncation(); }
int GanPanel::requestClass() const { return m_big->active() ? m_big->classIndex() : -1; }

void GanPanel::setClassNames(const QStringList& names) {
  m_big->setClassNames(names);
  m_truncate->setVisible(names.isEmpty());  // BigGAN-deep's own truncation replaces the DCGAN's
  m_truncation->setVisible(names.isEmpty());
}

void GanPanel::setTruncation(double t) {
  const QSignalBlocker a(m_truncate), b(m_truncation);
  m_truncate->setChecked(t > 0);
  m_truncation->setEnabled(t > 0);
  if (t > 0) m_truncation->setValue(t);
}

int GanPanel::gridCount() const { return m_gridSize->value() * m_gridSize->value(); }
void GanPanel::setGridSize(int n) { m_gridSize->setValue(n); }
int GanPanel::frames() const { return m_frameCount->value(); }
QString GanPanel::currentModelPath() const { return m_model->currentData().toString(); }
QString GanPanel::currentModelName() const { return m_model->currentText(); }
void GanPanel::setCurrentModelPath(const QString& path) {
  const QSignalBlocker block(m_model);
  const int at = m_model->findData(path);
  if (at >= 0) m_model->setCurrentIndex(at);
}
bool GanPanel::playing() const { return m_timer->isActive(); }
void GanPanel::setStatus(const QString& text) { m_status->setText(text); }
QString GanPanel::status() const { return m_status->text(); }

void GanPanel::setModelAvailable(bool available, const QString& reason) {
  m_banner->setText(reason);
  m_banner->setVisible(!available);
  for (auto* w : m_needModel) w->setEnabled(available);
  m_big->setEnabled(available);
}

void GanPanel::setModels(const QStringList& names, const QStringList& paths, const QString& preferred) {
  const QSignalBlocker block(m_model);
  m_model->clear();
  for (int i = 0; i < names.size(); ++i) m_model->addItem(names[i], paths.value(i));
  const int at = m_model->findText(preferred);
  m_model->setCurrentIndex(at >= 0 ? at : 0);
}

void GanPanel::requestSample() {
  stopPlaying();
  Q_EMIT sampleRequested(seed(), requestTruncation(), requestClass());
}

void GanPanel::sampleNew() {
  setSeed(int(QRandomGenerator::global()->bounded(1000000)));
  requestSample();
}

void GanPanel::requestGrid() { Q_EMIT gridRequested(seed(), gridCount(), requestTruncation(), requestClass()); }

QPair<int, int> GanPanel::interpolationEnds() const {
  const auto selected = m_grid->selectedItems();
  if (selected.size() >= 2) return {selected[0]->data(Qt::UserRole).toInt(), selected[1]->data(Qt::UserRole).toInt()};
  return {seed(), seed() + 1};
}

void GanPanel::requestInterpolation() {
  const auto [a, b] = interpolationEnds();
  m_interpolated = {a, b};
  const int from = requestClass(), to = m_big->active() ? m_big->toClassIndex() : -1;
  Q_EMIT interpolationRequested(a, b, frames(), requestTruncation(), from, to);
}

void GanPanel::stopPlaying() {
  m_timer->stop();
  m_play->setText(tr("Play &Interpolation"));
}

void GanPanel::showSample(int seed, const QImage& image, const QVector<double>& z, int classIndex) {
  m_sample = image;
  m_canvas->setImage(image);
  m_z->setLimit(classIndex >= 0 ? 2.0 * m_big->truncation() : 3.0);  // BigGAN's z lies within ±2t
  m_z->setValues(z);
  if (classIndex >= 0)
    m_caption->setText(
        tr("Seed %1 · %2 · %3×%4").arg(seed).arg(m_big->classLabel(classIndex)).arg(image.width()).arg(image.height()));
  else
    m_caption->setText(tr("Seed %1 · %2×%3").arg(seed).arg(image.width()).arg(image.height()));
}

void GanPanel::showGrid(const QList<QImage>& images, const QList<int>& seeds) {
  m_gridImages = images;
  // N × N samples come N to a row, as gridImage() lays them out.
  m_gridColumns = images.isEmpty() ? 0 : int(std::ceil(std::sqrt(double(images.size()))));
  m_gridIcon = QSize();
  m_grid->clear();
  for (int i = 0; i < images.size(); ++i) {
    // No caption: at 8 × 8 it would take the room of the images; the tooltip names the seed.
    auto* item = new QListWidgetItem(m_grid);
    item->setData(Qt::UserRole, seeds.value(i));
    item->setToolTip(tr("Seed %1").arg(seeds.value(i)));
  }
  layoutGrid();
}

bool GanPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_grid && event->type() == QEvent::Resize) layoutGrid();
  return QWidget::eventFilter(watched, event);
}

void GanPanel::layoutGrid() {
  if (m_gridColumns <= 0) return;
  const int rows = (int(m_gridImages.size()) + m_gridColumns - 1) / m_gridColumns;
  // The view's area without scroll bars (they are off). QListView's icon mode starts a new row
  // when an item would pass the last pixel (width - 1), so N cells of (width - 1) / N fit in one
  // row and an (N+1)th does not.
  const QSize area = m_grid->maximumViewportSize();
  const int cellWidth = std::max(8, (area.width() - 1) / m_gridColumns);
  const int cellHeight = std::max(8, std::min(cellWidth, (area.height() - 1) / std::max(1, rows)));
  m_grid->setGridSize(QSize(cellWidth, cellHeight));
  // A margin for the selection frame around each icon.
  const int side = std::max(4, std::min(cellWidth, cellHeight) - 6);
  const QSize icon(side, side);
  if (icon == m_gridIcon) return;
  m_gridIcon = icon;
  m_grid->setIconSize(icon);
  // The samples are small (64 px): scaled up or down to the cell here, as QIcon only ever shrinks.
  for (int i = 0; i < m_grid->count() && i < m_gridImages.size(); ++i)
    m_grid->item(i)->setIcon(QIcon(QPixmap::fromImage(m_gridImages[i].scaled(icon, Qt::KeepAspectRatio, Qt::SmoothTransformation))));
}

void GanPanel::showInterpolation(const QList<QImage>& frames) {
  m_frames = frames;
  m_frameIndex = -1;
  if (frames.isEmpty()) return;
  m_timer->start();
  m_play->setText(tr("&Stop"));
}

QImage GanPanel::gridImage() const {
  if (m_gridImages.isEmpty()) return {};
  const int n = int(m_gridImages.size()), cols = int(std::ceil(std::sqrt(double(n)))), rows = (n + cols - 1) / cols;
  const QSize cell = m_gridImages.first().size();
  QImage grid((cell.width() + 2) * cols + 2, (cell.height() + 2) * rows + 2, QImage::Format_RGB888);
  grid.fill(QColor(128, 128, 128));
  QPainter p(&grid);
  for (int i = 0; i < n; ++i) p.drawImage(2 + i % cols * (cell.width() + 2), 2 + i / cols * (cell.height() + 2), m_gridImages[i]);
  return grid;
}

bool GanPanel::saveImage(const QImage& image, const QString& path) {
  if (image.isNull()) {
    setStatus(tr("Nothing to export yet."));
    return false;
  }
  return saveAndReport(path, image, [this](const QString& line) { setStatus(line); });
}

bool GanPanel::saveFrames(const QString& folder) {
  if (m_frames.isEmpty()) {
    setStatus(tr("Play an interpolation first."));
    return false;
  }
  QString error;
  if (!saveFramesAtomically(m_frames, folder, &error)) {
    setStatus(error);
    return false;
  }
  setStatus(tr("Saved %1 frames in %2").arg(m_frames.size()).arg(QDir::toNativeSeparators(folder)));
  return true;
}

QString GanPanel::exportFolder() const { return m_exportFolder.isEmpty() ? ExportDialog::defaultFolder() : m_exportFolder; }

void GanPanel::exportImage(const QImage& image, const QString& what) {
  if (image.isNull()) return setStatus(tr("Nothing to export yet."));
  const QString path = QFileDialog::getSaveFileName(this, tr("Export the %1").arg(what),
                                                    QDir(exportFolder()).filePath(QStringLiteral("gan-%1.png").arg(seed())),
                                                    tr("Images (*.png *.jpg *.webp)"));
  if (path.isEmpty()) return;
  m_exportFolder = QFileInfo(path).absolutePath();
  Q_EMIT exportFolderChosen(m_exportFolder);
  saveImage(image, path);
}

void GanPanel::exportInterpolation() {
  if (m_frames.isEmpty()) return setStatus(tr("Play an interpolation first."));
  if (m_exportDialog) return m_exportDialog->raise();
  const QList<QImage> frames = m_frames;
  const QSize canvas = frames.first().size();
  // At the player's rate, and no rest at the end: the loop runs from B straight back to A.
  AnimationExport suggested = AnimationExport::suggestedFor(canvas);
  suggested.fps = kFps;
  suggested.holdSeconds = 0;
  const QString name = ExportDialog::proposedFileName(m_model->currentText() + QStringLiteral(" interpolation"),
                                                      QStringLiteral("%1-to-%2").arg(m_interpolated.first).arg(m_interpolated.second), m_exportFormat);
  m_exportDialog = ExportDialog::ask(this, canvas, int(frames.size()), m_exportOptions.value_or(suggested), exportFolder(), name);
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

void GanPanel::exportFrames() {
  if (m_frames.isEmpty()) return setStatus(tr("Play an interpolation first."));
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder for the frames"), exportFolder());
  if (!folder.isEmpty()) saveFrames(folder);
}

}  // namespace atelier
