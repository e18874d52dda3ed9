// The training window's panel: the run's settings, Start / Stop / Use, the curves and the pairs.
#include "train_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "live_plot.h"
#include "note_box.h"

namespace atelier {

namespace {
constexpr int kThumb = 40;
}

TrainPanel::TrainPanel(QWidget* parent)
    : QWidget(parent),
      m_note(new NoteBox(
          tr("How CLIP learns"),
          tr("<p>Each step shows CLIP a batch of images and their captions. It encodes all of them and scores every "
             "image against every caption: a square of cosine similarities. The loss asks each image to pick its own "
             "caption out of the batch's, and each caption its own image (a softmax along rows and along columns), so "
             "matching pairs are pulled together and the rest pushed apart: a <b>contrastive</b> objective.</p>"
             "<p>The table shows the step's first eight pairs: each row is an image with its caption, and how it shares "
             "its softmax among the eight captions. Training makes the diagonal win. <i>Contrast groups</i> put five "
             "shapes in a batch that differ only in position, colour or shape, so those words must be read; <i>part groups</i> "
             "put a shape beside pieces of it that are not it (\"a red square\" beside \"a red corner\"), so that a piece "
             "is not taken for the whole.</p>"),
          this)),
      m_out(new QLineEdit(this)),
      m_from(new QComboBox(this)),
      m_resume(new QCheckBox(tr("Resume the folder's run"), this)),
      m_steps(new QSpinBox(this)),
      m_batch(new QSpinBox(this)),
      m_lr(new QDoubleSpinBox(this)),
      m_contrast(new QDoubleSpinBox(this)),
      m_emoji(new QDoubleSpinBox(this)),
      m_clipart(new QDoubleSpinBox(this)),
      m_strokes(new QDoubleSpinBox(this)),
      m_adversarial(new QDoubleSpinBox(this)),
      m_parts(new QDoubleSpinBox(this)),
      m_visionLayers(new QSpinBox(this)),
      m_textLayers(new QSpinBox(this)),
      m_start(new QPushButton(tr("&Start"), this)),
      m_stop(new QPushButton(tr("S&top"), this)),
      m_use(new QPushButton(tr("&Use This Model"), this)),
      m_status(new QLabel(this)),
      m_plot(new LivePlot(this)),
      m_pairs(new QTableWidget(this)) {
  m_out->setPlaceholderText(tr("A folder for the run: checkpoints, metrics.csv, the model"));
  auto* browse = new QPushButton(tr("Browse…"), this);
  auto* outRow = new QHBoxLayout;
  outRow->addWidget(m_out, 1);
  outRow->addWidget(browse);
  m_from->setObjectName(QStringLiteral("startFrom"));
  m_steps->setObjectName(QStringLiteral("steps"));
  m_lr->setObjectName(QStringLiteral("learningRate"));
  m_emoji->setObjectName(QStringLiteral("emojiShare"));
  m_clipart->setObjectName(QStringLiteral("clipArtShare"));
  m_strokes->setObjectName(QStringLiteral("strokesShare"));
  m_adversarial->setObjectName(QStringLiteral("adversarialStep"));
  m_parts->setObjectName(QStringLiteral("partGroups"));
  m_visionLayers->setObjectName(QStringLiteral("visionLayers"));
  m_textLayers->setObjectName(QStringLiteral("textLayers"));
  m_from->addItem(tr("Random weights (a new model)"));
  m_from->addItem(tr("The shipped mini-CLIP (fine-tune it)"));
  m_from->addItem(tr("Another model…"));
  const Settings defaults;
  m_steps->setRange(1, 1000000);
  m_steps->setValue(defaults.steps);
  m_batch->setRange(2, 4096);
  m_batch->setValue(defaults.batch);
  m_lr->setDecimals(6);
  m_lr->setRange(0.0, 0.1);
  m_lr->setSingleStep(1e-4);
  m_lr->setValue(defaults.lr);
  m_contrast->setRange(0.0, 1.0);
  m_contrast->setSingleStep(0.05);
  m_contrast->setValue(defaults.contrast);
  m_contrast->setToolTip(tr("Share of each batch in groups of five shapes alike but for their position or colour"));
  for (QDoubleSpinBox* share : {m_emoji, m_clipart, m_strokes}) {
    share->setRange(0.0, 1.0);
    share->setSingleStep(0.05);
  }
  m_emoji->setValue(defaults.emoji);
  m_clipart->setValue(defaults.clipart);
  m_strokes->setValue(defaults.strokes);
  m_adversarial->setRange(0.0, 64.0);
  m_adversarial->setDecimals(1);
  m_adversarial->setSingleStep(1.0);
  m_adversarial->setSpecialValueText(tr("off"));
  m_adversarial->setSuffix(tr(" / 255"));
  m_adversarial->setValue(defaults.adversarial);
  m_parts->setRange(0.0, 1.0);
  m_parts->setSingleStep(0.05);
  m_parts->setValue(defaults.parts);
  m_parts->setToolTip(tr("Share of each batch in part groups: a shape beside four pieces of it that are not it (a square beside "
                         "\"a red corner\", a circle beside \"a red arc\"), so that a piece of a shape is not taken for the shape; "
                         "contrast groups and part groups together at most 1"));
  m_adversarial->setToolTip(tr("Adversarial training: before the model learns from an image, the image is moved by up to this many "
                               "levels per pixel in the direction that fools the model most. A model that holds against that has "
                               "gradients that follow edges and form, so the images it guides show more of the prompt's form. "
                               "About 1.5 times slower; 4 is a good start"));
  for (QSpinBox* layers : {m_visionLayers, m_textLayers}) {
    layers->setRange(0, 64);
    layers->setSpecialValueText(tr("as the model"));
    layers->setToolTip(tr("Starting from a model: deepen this tower to this many blocks. The new blocks start as the identity, so "
                          "the run begins from exactly what the model computed and adds room for more; each block costs time "
                          "(8 vision and 6 text blocks from 4 and 4: about twice a step's time)"));
  }
  m_visionLayers->setValue(defaults.visionLayers);
  m_textLayers->setValue(defaults.textLayers);
  m_emoji->setToolTip(tr("Share of each batch drawn from the emoji; emoji, clip art and strokes together at most 1, the rest are shapes"));
  m_clipart->setToolTip(tr("Share of each batch drawn from openclipart's drawings; emoji, clip art and strokes together at most 1, the "
                           "rest are shapes. Needs the Debian packages openclipart-png and openclipart-svg "
                           "(packaging/install-deps.sh --training)"));
  m_strokes->setToolTip(tr("Share of each batch in strokes that are no shape (scribbles, arcs), captioned as such, so that a few "
                           "red curves are not \"a red circle\"; emoji, clip art and strokes together at most 1"));
  m_resume->setEnabled(false);

  auto* form = new QFormLayout;
  form->addRow(tr("Folder:"), outRow);
  form->addRow(tr("Start from:"), m_from);
  form->addRow(QString(), m_resume);
  form->addRow(tr("Steps:"), m_steps);
  form->addRow(tr("Batch:"), m_batch);
  form->addRow(tr("Learning rate:"), m_lr);
  form->addRow(tr("Contrast groups:"), m_contrast);
  form->addRow(tr("Part groups:"), m_parts);
  form->addRow(tr("Emoji share:"), m_emoji);
  form->addRow(tr("Clip art share:"), m_clipart);
  form->addRow(tr("Strokes share:"), m_strokes);
  form->addRow(tr("Adversarial step:"), m_adversarial);
  // Labels beside the boxes, not prefixes: a box at 0 shows only its "as the model".
  auto* layersRow = new QHBoxLayout;
  auto* visionLabel = new QLabel(tr("&Vision:"), this);
  auto* textLabel = new QLabel(tr("Te&xt:"), this);
  visionLabel->setBuddy(m_visionLayers);
  textLabel->setBuddy(m_textLayers);
  layersRow->addWidget(visionLabel);
  layersRow->addWidget(m_visionLayers);
  layersRow->addWidget(textLabel);
  layersRow->addWidget(m_textLayers);
  layersRow->addStretch(1);
  form->addRow(tr("Deepen to (blocks):"), layersRow);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_start);
  buttons->addWidget(m_stop);
  buttons->addStretch(1);
  buttons->addWidget(m_use);
  m_stop->setEnabled(false);
  m_use->setEnabled(false);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  m_pairs->setColumnCount(9);
  QStringList headers{tr("Image and caption")};
  for (int c = 1; c <= 8; ++c) headers << QString::number(c);
  m_pairs->setHorizontalHeaderLabels(headers);
  m_pairs->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  for (int c = 1; c <= 8; ++c) m_pairs->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  m_pairs->verticalHeader()->setDefaultSectionSize(kThumb + 4);
  m_pairs->verticalHeader()->hide();  // the captions are numbered
  m_pairs->setIconSize(QSize(kThumb, kThumb));
  m_pairs->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_pairs->setSelectionMode(QAbstractItemView::NoSelection);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(m_plot);
  split->addWidget(m_pairs);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);
  split->setSizes({360, 640});

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_note);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addWidget(m_status);
  layout->addWidget(split, 1);

  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder for the Run"), m_out->text());
    if (dir.isEmpty()) return;
    m_out->setText(dir);
    askAboutFolder();
  });
  connect(m_out, &QLineEdit::editingFinished, this, [this] {
    if (m_out->text().trimmed() != m_folder) askAboutFolder();  // leaving the field unchanged keeps the Resume choice
  });
  connect(m_from, &QComboBox::activated, this, [this](int index) {
    Start start = Start(index);
    if (start == Start::File) {
      const QString file = QFileDialog::getOpenFileName(this, tr("Start from a Model"), m_file,
                                                        tr("Mini-CLIP models (*.safetensors);;All files (*)"));
      if (file.isEmpty()) {
        start = Start::Random;
        m_from->setCurrentIndex(int(start));
      } else {
        m_file = file;
      }
    }
    // The recipe of the start finally chosen (random weights when the file dialog was cancelled).
    applyRecipe(start);
    updateLayers();
  });
  // What the user types is theirs: a later choice of start does not overwrite it.
  connect(m_steps, &QSpinBox::valueChanged, this, [this] { m_stepsEdited = m_stepsEdited || !m_applying; });
  connect(m_lr, &QDoubleSpinBox::valueChanged, this, [this] { m_lrEdited = m_lrEdited || !m_applying; });
  // Shares over a whole batch are said as they are typed, not only when Start refuses them.
  connect(m_emoji, &QDoubleSpinBox::valueChanged, this, &TrainPanel::showMixProblem);
  connect(m_clipart, &QDoubleSpinBox::valueChanged, this, &TrainPanel::showMixProblem);
  connect(m_strokes, &QDoubleSpinBox::valueChanged, this, &TrainPanel::showMixProblem);
  connect(m_contrast, &QDoubleSpinBox::valueChanged, this, &TrainPanel::showMixProblem);
  connect(m_parts, &QDoubleSpinBox::valueChanged, this, &TrainPanel::showMixProblem);
  connect(m_start, &QPushButton::clicked, this, &TrainPanel::requestStart);
  updateLayers();
  connect(m_stop, &QPushButton::clicked, this, &TrainPanel::stopRequested);
  connect(m_use, &QPushButton::clicked, this, [this] {
    if (!m_result.isEmpty()) Q_EMIT useRequested(m_result);
  });
}

TrainPanel::Settings TrainPanel::settings() const {
  Settings s;
  s.out = m_out->text().trimmed();
  const auto start = Start(m_from->currentIndex());
  s.init = start == Start::Shipped ? m_shipped : start == Start::File ? m_file : QString();
  s.resume = m_resume->isEnabled() && m_resume->isChecked();
  s.steps = m_steps->value();
  s.batch = m_batch->value();
  s.lr = m_lr->value();
  s.contrast = m_contrast->value();
  s.emoji = m_emoji->value();
  s.clipart = m_clipart->value();
  s.strokes = m_strokes->value();
  s.adversarial = m_adversarial->value();
  s.parts = m_parts->value();
  s.visionLayers = s.init.isEmpty() ? 0 : m_visionLayers->value();
  s.textLayers = s.init.isEmpty() ? 0 : m_textLayers->value();
  return s;
}

void TrainPanel::setSettings(const Settings& s) {
  const QScopedValueRollback<bool> applying(m_applying, true);
  m_stepsEdited = m_lrEdited = false;
  m_out->setText(s.out);
  m_steps->setValue(s.steps);
  m_batch->setValue(s.batch);
  m_lr->setValue(s.lr);
  m_contrast->setValue(s.contrast);
  m_emoji->setValue(s.emoji);
  m_clipart->setValue(s.clipart);
  m_strokes->setValue(s.strokes);
  m_adversarial->setValue(s.adversarial);
  m_parts->setValue(s.parts);
  m_visionLayers->setValue(s.visionLayers);
  m_textLayers->setValue(s.textLayers);
  if (s.init.isEmpty()) setStart(Start::Random);
  else if (s.init == m_shipped) setStart(Start::Shipped);
  else setStart(Start::File, s.init);
  askAboutFolder();
  if (m_resume->isEnabled()) m_resume->setChecked(s.resume);
}

void TrainPanel::setRecipes(const Recipe& fromScratch, const Recipe& fineTune) {
  m_scratch = fromScratch;
  m_fineTune = fineTune;
  for (Start start : {Start::Random, Start::Shipped, Start::File}) {
    const Recipe& r = start == Start::Random ? m_scratch : m_fineTune;
    if (r.steps > 0)
      m_from->setItemData(int(start), tr("Proposes %1 steps at a learning rate of %2").arg(r.steps).arg(r.lr), Qt::ToolTipRole);
  }
}

void TrainPanel::applyRecipe(Start start) {
  const Recipe& recipe = start == Start::Random ? m_scratch : m_fineTune;
  if (recipe.steps <= 0) return;
  const QScopedValueRollback<bool> applying(m_applying, true);
  if (!m_stepsEdited) m_steps->setValue(recipe.steps);
  if (!m_lrEdited) m_lr->setValue(recipe.lr);
  if (m_stepsEdited || m_lrEdited)
    setStatus(tr("The steps and learning rate you set are kept; this start's recipe is %1 steps at a learning rate of %2.")
                  .arg(recipe.steps)
                  .arg(recipe.lr));
}

void TrainPanel::askAboutFolder() {
  m_folder = m_out->text().trimmed();
  // An empty folder until the window says otherwise.
  setFolderState(false);
  setHistory({}, {}, {});
  Q_EMIT folderChosen(m_folder);
}

void TrainPanel::setFolderState(bool hasCheckpoint) {
  m_hasCheckpoint = hasCheckpoint;
  updateResume();
}

void TrainPanel::setHistory(const QVector<double>& steps, const QVector<double>& loss, const QVector<double>& accuracy) {
  if (m_running) return;  // the run's own points are plotted
  m_plot->clear();
  m_firstStep = -1;
  const qsizetype n = std::min({steps.size(), loss.size(), accuracy.size()});
  for (qsizetype i = 0; i < n; ++i) {
    m_plot->addPoint(tr("loss"), steps[i], loss[i]);
    m_plot->addPoint(tr("accuracy"), steps[i], accuracy[i]);
  }
  if (n > 0)
    setStatus(tr("This folder's run: step %1 so far (loss %2, accuracy %3%).")
                  .arg(steps[n - 1])
                  .arg(loss[n - 1], 0, 'f', 3)
                  .arg(100 * accuracy[n - 1], 0, 'f', 1));
}

void TrainPanel::setShippedModel(const QString& path) {
  m_shipped = path;
  // Without a shipped model there is nothing to fine-tune.
  if (auto* model = qobject_cast<QStandardItemModel*>(m_from->model()))
    if (QStandardItem* item = model->item(int(Start::Shipped))) item->setEnabled(!path.isEmpty());
  if (path.isEmpty() && m_from->currentIndex() == int(Start::Shipped)) {
    m_from->setCurrentIndex(int(Start::Random));
    applyRecipe(Start::Random);  // random weights with the fine-tune's numbers would mislead
  }
  updateLayers();
}

void TrainPanel::setStart(Start start, const QString& file) {
  if (start == Start::File) m_file = file;
  m_from->setCurrentIndex(int(start));
  updateLayers();
}

void TrainPanel::updateLayers() {
  // Only a model can be deepened: random weights are a new model of the default depth.
  const bool fromModel = Start(m_from->currentIndex()) != Start::Random;
  for (QSpinBox* layers : {m_visionLayers, m_textLayers}) layers->setEnabled(fromModel && !m_running);
}

void TrainPanel::setRunning(bool running) {
  m_running = running;
  m_start->setEnabled(!running);
  m_stop->setEnabled(running);
  for (QWidget* w : std::initializer_list<QWidget*>{m_out, m_from, m_steps, m_batch, m_lr, m_contrast, m_emoji, m_clipart, m_strokes, m_adversarial, m_parts})
    w->setEnabled(!running);
  updateLayers();
  if (running) {
    m_use->setEnabled(false);
    m_resume->setEnabled(false);
    m_firstStep = -1;
  } else {
    updateResume();
  }
}

void TrainPanel::setStatus(const QString& text) { m_status->setText(text); }
QString TrainPanel::status() const { return m_status->text(); }

void TrainPanel::setResult(const QString& modelPath) {
  m_result = modelPath;
  m_use->setEnabled(!modelPath.isEmpty());
}

void TrainPanel::requestStart() {
  if (m_out->text().trimmed() != m_folder) askAboutFolder();  // typed, and started before leaving the field
  const Settings s = settings();
  if (s.out.isEmpty()) {
    setStatus(tr("Choose a folder for the run first."));
    return;
  }
  if (QFileInfo(s.out).exists() && !QFileInfo(s.out).isDir()) {
    setStatus(tr("%1 is a file, not a folder.").arg(s.out));
    return;
  }
  if (!mixProblem().isEmpty()) {
    showMixProblem();
    return;
  }
  if (!s.resume && m_hasCheckpoint) {
    setStatus(tr("%1 already holds a run: tick Resume to go on with it, or choose another folder.").arg(s.out));
    return;
  }
  if (!s.resume) clear();
  else askAboutFolder();  // the curve so far, which the run goes on from
  Q_EMIT startRequested(s);
}

QString TrainPanel::mixProblem() const {
  const double contrast = m_contrast->value(), parts = m_parts->value();
  if (contrast + parts > 1 + 1e-9)
    return tr("Contrast groups (%1) and part groups (%2) together are more than a whole batch: lower one so that they add up to 1 "
              "at most.")
        .arg(contrast, 0, 'f', 2)
        .arg(parts, 0, 'f', 2);
  const double emoji = m_emoji->value(), clipart = m_clipart->value(), strokes = m_strokes->value();
  if (emoji + clipart + strokes <= 1 + 1e-9) return {};
  return tr("Emoji (%1), clip art (%2) and strokes (%3) together are more than a whole batch: lower one so that they add up "
            "to 1 at most (the rest are shapes).")
      .arg(emoji, 0, 'f', 2)
      .arg(clipart, 0, 'f', 2)
      .arg(strokes, 0, 'f', 2);
}

void TrainPanel::showMixProblem() {
  const QString problem = mixProblem();
  if (!problem.isEmpty()) setStatus(problem);
  else if (!m_mixStatus.isEmpty() && status() == m_mixStatus) setStatus({});  // the shares were fixed: the complaint goes
  m_mixStatus = problem;
}

void TrainPanel::updateResume() {
  m_resume->setEnabled(m_hasCheckpoint && !m_running);
  m_resume->setChecked(m_hasCheckpoint);
}

void TrainPanel::showProgress(qint64 step, qint64 steps, double seconds, double loss, double accuracy) {
  if (m_firstStep < 0) m_firstStep = step - 1;
  m_plot->addPoint(tr("loss"), double(step), loss);
  m_plot->addPoint(tr("accuracy"), double(step), accuracy);
  const double rate = seconds > 0 ? double(step - m_firstStep) / seconds : 0;
  QString left = QStringLiteral("–");
  if (rate > 0) {
    const qint64 s = qint64(std::llround(double(steps - step) / rate));
    left = s >= 3600 ? QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'))
                     : QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  }
  setStatus(tr("Step %1 of %2 · %3 steps/s · %4 left · loss %5 · accuracy %6%")
                .arg(step)
                .arg(steps)
                .arg(rate, 0, 'f', 2)
                .arg(left)
                .arg(loss, 0, 'f', 3)
                .arg(100 * accuracy, 0, 'f', 1));
}

void TrainPanel::showPairs(const QList<QImage>& images, const QStringList& captions, const QVector<float>& softmax) {
  const int n = int(images.size());
  if (captions.size() != n || softmax.size() != n * n) return;
  m_pairs->setRowCount(n);
  m_pairs->setColumnCount(n + 1);
  for (int r = 0; r < n; ++r) {
    auto* pair = new QTableWidgetItem(QIcon(QPixmap::fromImage(images[r].scaled(kThumb, kThumb, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                      QStringLiteral("%1. %2").arg(r + 1).arg(captions[r]));
    pair->setToolTip(captions[r]);
    m_pairs->setItem(r, 0, pair);
    for (int c = 0; c < n; ++c) {
      const double v = std::clamp(double(softmax[r * n + c]), 0.0, 1.0);
      auto* cell = new QTableWidgetItem(QString::number(v, 'f', 2));
      cell->setData(Qt::UserRole, v);  // what colourPairs shades the cell by
      cell->setTextAlignment(Qt::AlignCenter);
      cell->setToolTip(tr("image %1 with caption %2: %3").arg(r + 1).arg(c + 1).arg(captions[c]));
      if (c == r) {
        QFont f = cell->font();
        f.setBold(true);
        cell->setFont(f);
      }
      m_pairs->setItem(r, c + 1, cell);
    }
  }
  colourPairs();
}

void TrainPanel::colourPairs() {
  // From the base colour (a share of 0) to the highlight (1), in the current theme's colours.
  const QColor base = palette().color(QPalette::Base), hi = palette().color(QPalette::Highlight);
  for (int r = 0; r < m_pairs->rowCount(); ++r)
    for (int c = 1; c < m_pairs->columnCount(); ++c) {
      QTableWidgetItem* cell = m_pairs->item(r, c);
      if (!cell) continue;
      const double v = cell->data(Qt::UserRole).toDouble();
      cell->setBackground(QColor::fromRgbF(float(base.redF() + (hi.redF() - base.redF()) * v), float(base.greenF() + (hi.greenF() - base.greenF()) * v),
                                           float(base.blueF() + (hi.blueF() - base.blueF()) * v)));
      cell->setForeground(v > 0.5 ? palette().color(QPalette::HighlightedText) : palette().color(QPalette::Text));
    }
}

void TrainPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) colourPairs();
}

void TrainPanel::clear() {
  m_plot->clear();
  m_pairs->setRowCount(0);
  m_firstStep = -1;
  setResult({});
}

}  // namespace atelier
