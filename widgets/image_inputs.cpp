// The CLIP + VQGAN tab's image prompts, init image, start without one and init weight.
#include "image_inputs.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSizePolicy>
#include <QVBoxLayout>

#include <algorithm>
#include <initializer_list>

namespace atelier {

namespace {
QString absolute(const QString& path) { return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath(); }

// A file's name for the list and the label; its whole path (and whether it is there) in the tooltip.
QString pathTip(const QString& path) {
  const QString shown = QDir::toNativeSeparators(path);
  return QFileInfo::exists(path) ? shown : ImageInputs::tr("%1 (not found)").arg(shown);
}
}  // namespace

ImageInputs::ImageInputs(QFormLayout* form, int row, QWidget* owner)
    : QObject(owner),
      m_owner(owner),
      m_promptsLabel(new QLabel(owner)),
      m_list(new QListWidget(owner)),
      m_add(new QPushButton(owner)),
      m_remove(new QPushButton(owner)),
      m_removeAction(new QAction(m_list)),
      m_initLabel(new QLabel(owner)),
      m_initName(new QLabel(owner)),
      m_choose(new QPushButton(owner)),
      m_clear(new QPushButton(owner)),
      m_noiseLabel(new QLabel(owner)),
      m_noise(new QComboBox(owner)),
      m_weightLabel(new QLabel(owner)),
      m_weight(new QDoubleSpinBox(owner)),
      m_folder(QDir::homePath()) {
  m_list->setObjectName(QStringLiteral("imagePrompts"));
  m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_list->setMaximumHeight(m_list->fontMetrics().height() * 4 + 2 * m_list->frameWidth());
  m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
  m_removeAction->setShortcut(QKeySequence::Delete);
  m_removeAction->setShortcutContext(Qt::WidgetShortcut);
  m_list->addAction(m_removeAction);
  m_add->setObjectName(QStringLiteral("addImagePrompt"));
  m_remove->setObjectName(QStringLiteral("removeImagePrompt"));
  connect(m_add, &QPushButton::clicked, this, &ImageInputs::chooseImagePrompts);
  connect(m_remove, &QPushButton::clicked, this, &ImageInputs::removeSelected);
  connect(m_removeAction, &QAction::triggered, this, &ImageInputs::removeSelected);
  connect(m_list, &QListWidget::itemSelectionChanged, this, &ImageInputs::refresh);
  auto* promptsField = new QWidget(owner);
  auto* promptsRow = new QHBoxLayout(promptsField);
  promptsRow->setContentsMargins(0, 0, 0, 0);
  promptsRow->addWidget(m_list, 1);
  auto* promptButtons = new QVBoxLayout;
  promptButtons->addWidget(m_add);
  promptButtons->addWidget(m_remove);
  promptButtons->addStretch(1);
  promptsRow->addLayout(promptButtons);

  m_initName->setObjectName(QStringLiteral("initImage"));
  // A long name is cut off rather than widening the settings column; the tooltip has the path.
  m_initName->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_initName->setMinimumWidth(40);
  m_choose->setObjectName(QStringLiteral("chooseInitImage"));
  m_clear->setObjectName(QStringLiteral("clearInitImage"));
  connect(m_choose, &QPushButton::clicked, this, &ImageInputs::chooseInitImage);
  connect(m_clear, &QPushButton::clicked, this, [this] { setInitImage({}); });
  auto* initField = new QWidget(owner);
  auto* initRow = new QHBoxLayout(initField);
  initRow->setContentsMargins(0, 0, 0, 0);
  initRow->addWidget(m_initName, 1);
  initRow->addWidget(m_clear);
  initRow->addWidget(m_choose);

  m_noise->setObjectName(QStringLiteral("initNoise"));
  for (const char* name : {"codes", "pixels", "gradient", "smooth"}) m_noise->addItem(QString(), QString::fromLatin1(name));

  m_weight->setObjectName(QStringLiteral("initWeight"));
  m_weight->setRange(0.0, 10.0);
  m_weight->setSingleStep(0.1);
  m_weight->setDecimals(2);
  m_weight->setValue(0.0);

  form->insertRow(row, m_promptsLabel, promptsField);
  form->insertRow(row + 1, m_initLabel, initField);
  form->insertRow(row + 2, m_noiseLabel, m_noise);
  form->insertRow(row + 3, m_weightLabel, m_weight);
  m_promptsLabel->setBuddy(m_list);
  m_initLabel->setBuddy(m_choose);
  m_noiseLabel->setBuddy(m_noise);
  m_weightLabel->setBuddy(m_weight);
  retranslate();
}

QStringList ImageInputs::imagePrompts() const {
  QStringList paths;
  for (int i = 0; i < m_list->count(); ++i) paths << m_list->item(i)->data(Qt::UserRole).toString();
  return paths;
}

void ImageInputs::setImagePrompts(const QStringList& paths) {
  m_list->clear();
  for (const QString& path : paths) addImagePrompt(path);
  refresh();
}

bool ImageInputs::addImagePrompt(const QString& path) {
  const QString file = absolute(path);
  if (file.isEmpty() || imagePrompts().contains(file)) return false;  // twice would weigh it twice
  auto* item = new QListWidgetItem(QFileInfo(file).fileName(), m_list);
  item->setData(Qt::UserRole, file);
  m_folder = QFileInfo(file).absolutePath();
  refresh();
  return true;
}

void ImageInputs::removeSelected() {
  qDeleteAll(m_list->selectedItems());
  refresh();
}

void ImageInputs::setInitImage(const QString& path) {
  m_initPath = absolute(path);
  if (!m_initPath.isEmpty()) m_folder = QFileInfo(m_initPath).absolutePath();
  refresh();
}

double ImageInputs::initWeight() const { return m_weight->value(); }
void ImageInputs::setInitWeight(double weight) { m_weight->setValue(weight); }

QString ImageInputs::initNoise() const { return m_noise->currentData().toString(); }
void ImageInputs::setInitNoise(const QString& name) { m_noise->setCurrentIndex(std::max(0, m_noise->findData(name))); }

void ImageInputs::setInitEnabled(bool enabled) {
  m_initEnabled = enabled;
  refresh();
}

QString ImageInputs::fileFilter() const { return tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)"); }

void ImageInputs::chooseImagePrompts() {
  const QStringList files = QFileDialog::getOpenFileNames(m_owner, tr("Add Image Prompts"), m_folder, fileFilter());
  for (const QString& file : files) addImagePrompt(file);
}

void ImageInputs::chooseInitImage() {
  const QString file = QFileDialog::getOpenFileName(m_owner, tr("Choose Init Image"), m_folder, fileFilter());
  if (!file.isEmpty()) setInitImage(file);
}

void ImageInputs::retranslate() {
  m_promptsLabel->setText(tr("Image prompts:"));
  m_add->setText(tr("Add…"));
  m_remove->setText(tr("Remove"));
  m_removeAction->setText(tr("Remove"));
  m_initLabel->setText(tr("Init image:"));
  m_clear->setText(tr("Clear"));
  m_choose->setText(tr("Choose…"));
  m_noiseLabel->setText(tr("Start:"));
  m_noise->setItemText(0, tr("Random codes"));
  m_noise->setItemText(1, tr("Random pixels"));
  m_noise->setItemText(2, tr("Colour gradient"));
  m_noise->setItemText(3, tr("Soft colour patches"));
  m_weightLabel->setText(tr("Init weight:"));
  refresh();
}

void ImageInputs::refresh() {
  m_remove->setEnabled(!m_list->selectedItems().isEmpty());
  m_removeAction->setEnabled(m_remove->isEnabled());
  const QString promptsTip = tr("Images whose CLIP embeddings are targets too, each with weight 1 (CLIP + VQGAN and CLIP + GAN)");
  m_promptsLabel->setToolTip(promptsTip);
  m_list->setToolTip(m_list->count() == 0 ? promptsTip : QString());  // the items' tooltips name their files
  for (int i = 0; i < m_list->count(); ++i) m_list->item(i)->setToolTip(pathTip(m_list->item(i)->data(Qt::UserRole).toString()));
  m_add->setToolTip(tr("Add image files as image prompts"));
  m_remove->setToolTip(tr("Remove the selected image prompts (Delete)"));

  m_initName->setText(m_initPath.isEmpty() ? tr("none") : QFileInfo(m_initPath).fileName());
  for (QWidget* w : std::initializer_list<QWidget*>{m_initLabel, m_initName, m_choose, m_weightLabel, m_weight})
    w->setEnabled(m_initEnabled);
  m_clear->setEnabled(m_initEnabled && !m_initPath.isEmpty());
  // The start is what CLIP + VQGAN begins with when there is no init image.
  m_noiseLabel->setEnabled(m_initEnabled && m_initPath.isEmpty());
  m_noise->setEnabled(m_noiseLabel->isEnabled());
  const QString noiseTip = !m_initEnabled      ? tr("Only CLIP + VQGAN has a start to choose")
                           : m_initPath.isEmpty() ? tr("What CLIP + VQGAN starts from without an init image: a random code in every cell, "
                                                       "or the codes of random pixels, of a random colour gradient or of soft colour patches")
                                                  : tr("The init image is the start; clear it to start from noise");
  m_noiseLabel->setToolTip(noiseTip);
  m_noise->setToolTip(noiseTip);
  if (!m_initEnabled) {
    const QString why = tr("Only CLIP + VQGAN starts from an init image: a GAN's latent can't be made from a picture. "
                           "Image prompts work with both generators.");
    for (QWidget* w : std::initializer_list<QWidget*>{m_initLabel, m_initName, m_choose, m_clear, m_weightLabel, m_weight})
      w->setToolTip(why);
    return;
  }
  const QString initTip = tr("CLIP + VQGAN starts from this image's codes instead of random ones");
  m_initLabel->setToolTip(initTip);
  m_initName->setToolTip(m_initPath.isEmpty() ? initTip : pathTip(m_initPath));
  m_choose->setToolTip(tr("Choose the image CLIP + VQGAN starts from"));
  m_clear->setToolTip(tr("Start from random codes again"));
  const QString weightTip = tr("Pulls the image towards the init image; 0 = only start from it");
  m_weightLabel->setToolTip(weightTip);
  m_weight->setToolTip(weightTip);
}

}  // namespace atelier
