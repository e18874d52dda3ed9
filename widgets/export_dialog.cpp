// The animation export dialog and what it chooses: sizes, frames, timing, and safe file names.
#include "export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace atelier {

namespace {

constexpr int kLongestSlug = 60;  // room for the seed and the extension within any file system's 255

// Letters and digits of text in ASCII ("ü" as "u": the accent goes with the decomposition),
// lower case, anything else as single '-', none at either end.
QString slug(const QString& text) {
  QString out;
  for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
    if (c.isMark()) continue;
    const char16_t u = c.unicode();
    if ((u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9')) out += c;
    else if (u >= u'A' && u <= u'Z') out += c.toLower();
    else if (!out.isEmpty() && !out.endsWith(QLatin1Char('-'))) out += QLatin1Char('-');
  }
  while (out.endsWith(QLatin1Char('-'))) out.chop(1);
  return out;
}

const QStringList& formats() {
  static const QStringList f{QStringLiteral("gif"), QStringLiteral("webp"), QStringLiteral("mp4")};
  return f;
}

}  // namespace

QSize AnimationExport::outputSize(const QSize& canvas) const {
  const int w = std::max(1, canvas.width()), h = std::max(1, canvas.height());
  if (longSide > 0) {
    const double f = double(longSide) / std::max(w, h);
    return {std::max(1, int(std::lround(w * f))), std::max(1, int(std::lround(h * f)))};
  }
  const int s = std::max(1, scale);
  return {w * s, h * s};
}

QList<int> AnimationExport::frameIndices(int count) const {
  QList<int> out;
  const int step = std::max(1, every);
  for (int i = 0; i < count; i += step) out << i;
  if (count > 0 && out.last() != count - 1) out << count - 1;
  return out;
}

double AnimationExport::seconds(int count) const {
  return (fps > 0 ? double(frameIndices(count).size()) / fps : 0.0) + holdSeconds;
}

AnimationExport AnimationExport::suggestedFor(const QSize& canvas) {
  AnimationExport o;
  const int side = std::max(canvas.width(), canvas.height());
  o.scale = side >= 256 ? 1 : side >= 128 ? 2 : 4;
  o.fps = 12.0;
  o.holdSeconds = 1.0;
  return o;
}

ExportDialog::ExportDialog(const QSize& canvas, int frames, QWidget* parent)
    : QDialog(parent),
      m_canvas(canvas),
      m_frames(frames),
      m_size(new QComboBox(this)),
      m_longSide(new QSpinBox(this)),
      m_scaling(new QComboBox(this)),
      m_fps(new QDoubleSpinBox(this)),
      m_hold(new QDoubleSpinBox(this)),
      m_every(new QSpinBox(this)),
      m_format(new QComboBox(this)),
      m_folder(new QLineEdit(this)),
      m_fileName(new QLineEdit(this)),
      m_summary(new QLabel(this)),
      m_warning(new QLabel(this)) {
  setObjectName(QStringLiteral("exportDialog"));
  setWindowTitle(tr("Export Animation"));
  m_size->setObjectName(QStringLiteral("exportSize"));
  for (int s : {1, 2, 4}) m_size->addItem(QString(), s);
  m_size->addItem(tr("Longer side:"), 0);
  m_size->setToolTip(tr("The frames enlarged by a factor, or to a length in pixels of their longer side"));
  m_longSide->setObjectName(QStringLiteral("exportLongSide"));
  m_longSide->setRange(16, 4096);
  m_longSide->setSuffix(tr(" px"));
  m_longSide->setValue(512);
  m_scaling->setObjectName(QStringLiteral("exportScaling"));
  m_scaling->addItem(tr("Nearest (crisp pixels)"), false);
  m_scaling->addItem(tr("Smooth"), true);
  m_scaling->setToolTip(tr("How frames are enlarged: nearest keeps a small model's pixels sharp, smooth blends them"));
  m_fps->setObjectName(QStringLiteral("exportFps"));
  m_fps->setRange(1.0, 60.0);
  m_fps->setDecimals(1);
  m_fps->setSuffix(tr(" fps"));
  m_hold->setObjectName(QStringLiteral("exportHold"));
  m_hold->setRange(0.0, 30.0);
  m_hold->setDecimals(1);
  m_hold->setSingleStep(0.5);
  m_hold->setSuffix(tr(" s"));
  m_hold->setToolTip(tr("How much longer the last frame stays, so the loop rests on the result"));
  m_every->setObjectName(QStringLiteral("exportEvery"));
  m_every->setRange(1, 1000);
  m_every->setToolTip(tr("1: every frame; N: every Nth frame, for a shorter file (the last frame is always in)"));
  m_format->setObjectName(QStringLiteral("exportFormat"));
  m_format->addItem(QStringLiteral("GIF"), formats()[0]);
  m_format->addItem(QStringLiteral("WebP"), formats()[1]);
  m_format->addItem(QStringLiteral("MP4"), formats()[2]);
  m_folder->setObjectName(QStringLiteral("exportFolder"));
  m_fileName->setObjectName(QStringLiteral("exportFileName"));
  m_summary->setObjectName(QStringLiteral("exportSummary"));
  m_warning->setObjectName(QStringLiteral("exportWarning"));
  m_warning->setWordWrap(true);
  m_warning->setForegroundRole(QPalette::PlaceholderText);

  auto* sizeRow = new QHBoxLayout;
  sizeRow->addWidget(m_size, 1);
  sizeRow->addWidget(m_longSide);
  auto* browse = new QPushButton(tr("Choose…"), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Folder"), folder());
    if (!dir.isEmpty()) setFolder(dir);
  });
  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(m_folder, 1);
  folderRow->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("Size:"), sizeRow);
  form->addRow(tr("Scaling:"), m_scaling);
  form->addRow(tr("Frame rate:"), m_fps);
  form->addRow(tr("Hold last frame:"), m_hold);
  form->addRow(tr("Every Nth frame:"), m_every);
  form->addRow(tr("Format:"), m_format);
  form->addRow(tr("Folder:"), folderRow);
  form->addRow(tr("File name:"), m_fileName);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_ok = buttons->button(QDialogButtonBox::Ok);
  m_ok->setText(tr("Export"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(m_warning);
  layout->addWidget(buttons);

  for (QComboBox* c : {m_size, m_scaling}) connect(c, &QComboBox::currentIndexChanged, this, &ExportDialog::refresh);
  connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChosen);
  for (QSpinBox* s : {m_longSide, m_every}) connect(s, &QSpinBox::valueChanged, this, &ExportDialog::refresh);
  for (QDoubleSpinBox* s : {m_fps, m_hold}) connect(s, &QDoubleSpinBox::valueChanged, this, &ExportDialog::refresh);
  connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::refresh);
  connect(m_fileName, &QLineEdit::textChanged, this, [this] {
    // A typed extension chooses the format (without renaming the file back).
    const int at = m_format->findData(QFileInfo(m_fileName->text()).suffix().toLower());
    if (at >= 0) {
      const QSignalBlocker block(m_format);
      m_format->setCurrentIndex(at);
    }
    refresh();
  });
  setOptions(AnimationExport::suggestedFor(canvas));
}

void ExportDialog::setOptions(const AnimationExport& o) {
  const int at = o.longSide > 0 ? m_size->findData(0) : m_size->findData(o.scale);
  m_size->setCurrentIndex(std::max(0, at));
  if (o.longSide > 0) m_longSide->setValue(o.longSide);
  m_scaling->setCurrentIndex(o.smooth ? 1 : 0);
  m_fps->setValue(o.fps);
  m_hold->setValue(o.holdSeconds);
  m_every->setValue(o.every);
  refresh();
}

AnimationExport ExportDialog::options() const {
  AnimationExport o;
  const int scale = m_size->currentData().toInt();
  o.scale = std::max(1, scale);
  o.longSide = scale == 0 ? m_longSide->value() : 0;
  o.smooth = m_scaling->currentData().toBool();
  o.fps = m_fps->value();
  o.holdSeconds = m_hold->value();
  o.every = m_every->value();
  return o;
}

void ExportDialog::setFolder(const QString& folder) { m_folder->setText(QDir::toNativeSeparators(folder)); }
QString ExportDialog::folder() const { return QDir::fromNativeSeparators(m_folder->text().trimmed()); }
void ExportDialog::setFileName(const QString& name) { m_fileName->setText(name); }

QString ExportDialog::fileName() const {
  const QString name = m_fileName->text().trimmed();
  if (name.isEmpty() || formats().contains(QFileInfo(name).suffix().toLower())) return name;
  return name + QLatin1Char('.') + m_format->currentData().toString();
}

QString ExportDialog::path() const { return QDir(folder()).filePath(fileName()); }
QString ExportDialog::summary() const { return m_summary->text(); }

void ExportDialog::formatChosen() {
  // The file keeps its name and takes the format's extension.
  const QString name = m_fileName->text().trimmed();
  const QFileInfo info(name);
  const QString base = formats().contains(info.suffix().toLower()) ? name.left(name.size() - info.suffix().size() - 1) : name;
  if (!base.isEmpty()) {
    const QSignalBlocker block(m_fileName);
    m_fileName->setText(base + QLatin1Char('.') + m_format->currentData().toString());
  }
  refresh();
}

void ExportDialog::refresh() {
  for (int i = 0; i < m_size->count(); ++i) {
    const int s = m_size->itemData(i).toInt();
    if (s == 0) continue;
    m_size->setItemText(i, tr("×%1 (%2 × %3)").arg(s).arg(m_canvas.width() * s).arg(m_canvas.height() * s));
  }
  m_longSide->setEnabled(m_size->currentData().toInt() == 0);
  const AnimationExport o = options();
  const QSize out = o.outputSize(m_canvas);
  const int written = int(o.frameIndices(m_frames).size());
  m_summary->setText(tr("%1 × %2 px · %n frame(s) · %3 s", nullptr, written).arg(out.width()).arg(out.height()).arg(o.seconds(m_frames), 0, 'f', 1));
  QString warning;
  bool ok = !fileName().isEmpty();
  if (folder().isEmpty()) {
    warning = tr("Choose a folder.");
    ok = false;
  } else if (!QFileInfo(folder()).isDir()) {
    warning = tr("The folder %1 does not exist.").arg(m_folder->text());
    ok = false;
  } else if (ok && QFileInfo::exists(path())) {
    warning = tr("%1 is already there: Export replaces it.").arg(fileName());
  }
  m_warning->setText(warning);
  m_warning->setVisible(!warning.isEmpty());
  m_ok->setEnabled(ok);
}

ExportDialog* ExportDialog::ask(QWidget* parent, const QSize& canvas, int frames, const AnimationExport& options, const QString& folder,
                                const QString& fileName) {
  auto* dialog = new ExportDialog(canvas, frames, parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setOptions(options);
  const QString dir = folder.isEmpty() ? defaultFolder() : folder;
  dialog->setFolder(dir);
  dialog->setFileName(unusedFileName(dir, fileName));
  dialog->open();
  return dialog;
}

QString ExportDialog::defaultFolder() {
  const QString pictures = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
  return !pictures.isEmpty() && QFileInfo(pictures).isDir() ? pictures : QDir::homePath();
}

QString ExportDialog::proposedFileName(const QString& prompts, const QString& seed, const QString& extension) {
  // The first prompt, less its ":weight" (a number, not part of the subject).
  static const QRegularExpression weight(QStringLiteral(R"(:\s*[-+]?(\d+\.?\d*|\.\d+)\s*$)"));
  QString subject = slug(prompts.section(QLatin1Char('|'), 0, 0).trimmed().remove(weight));
  if (subject.size() > kLongestSlug) {
    subject.truncate(kLongestSlug);
    const int dash = int(subject.lastIndexOf(QLatin1Char('-')));  // end at a whole word
    if (dash > kLongestSlug / 2) subject.truncate(dash);
    while (subject.endsWith(QLatin1Char('-'))) subject.chop(1);
  }
  if (subject.isEmpty()) subject = QStringLiteral("run");
  const QString s = slug(seed);
  return subject + (s.isEmpty() ? QString() : QStringLiteral("_seed-") + s) + QLatin1Char('.') + extension;
}

QString ExportDialog::unusedFileName(const QString& folder, const QString& name) {
  const QDir dir(folder);
  if (!QFileInfo::exists(dir.filePath(name))) return name;
  const QFileInfo info(name);
  const QString base = info.completeBaseName(), suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
  for (int i = 2;; ++i) {
    const QString candidate = QStringLiteral("%1-%2%3").arg(base, QString::number(i), suffix);
    if (!QFileInfo::exists(dir.filePath(candidate))) return candidate;
  }
}

}  // namespace atelier
