#include "history_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

#include "compare_dialog.h"
#include "image_guard.h"

namespace atelier {

namespace {
constexpr int kThumb = 128;
constexpr int kPreview = 256;
constexpr int kFolderRole = Qt::UserRole;

QImage latestImage(const RunRecord& r) {
  if (!image_guard::problem(r.imagePath()).isEmpty()) return {};
  QImageReader reader(r.imagePath());
  return reader.read();
}

// Where a run can go on from: its latent (exact, either generator), else VQGAN's init image.
bool canContinue(const RunRecord& r) { return QFile::exists(r.latentPath()) || (r.settings.usesVqgan() && QFile::exists(r.imagePath())); }
}  // namespace

HistoryDialog::HistoryDialog(const QString& historyFolder, QWidget* parent)
    : QDialog(parent),
      m_folder(historyFolder),
      m_search(new QLineEdit(this)),
      m_favouritesOnly(new QCheckBox(tr("Favourites only"), this)),
      m_list(new QListWidget(this)),
      m_empty(new QLabel(tr("No runs yet: every run of the CLIP + VQGAN tab is kept here."), this)),
      m_image(new QLabel(this)),
      m_details(new QLabel(this)),
      m_favourite(new QCheckBox(tr("Favourite"), this)),
      m_restore(new QPushButton(tr("&Restore Settings"), this)),
      m_continue(new QPushButton(tr("&Continue from Last Frame"), this)),
      m_compare(new QPushButton(tr("Co&mpare…"), this)),
      m_delete(new QPushButton(tr("&Delete"), this)),
      m_status(new QLabel(this)) {
  setWindowTitle(tr("History"));
  setObjectName(QStringLiteral("historyDialog"));
  m_search->setObjectName(QStringLiteral("historySearch"));
  m_search->setPlaceholderText(tr("Search the prompts"));
  m_search->setClearButtonEnabled(true);
  m_favouritesOnly->setObjectName(QStringLiteral("historyFavouritesOnly"));
  m_list->setObjectName(QStringLiteral("historyList"));
  m_list->setViewMode(QListView::IconMode);
  m_list->setIconSize(QSize(kThumb, kThumb));
  m_list->setGridSize(QSize(kThumb + 40, kThumb + 56));
  m_list->setResizeMode(QListView::Adjust);
  m_list->setMovement(QListView::Static);
  m_list->setWordWrap(true);
  m_list->setUniformItemSizes(true);
  m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
  m_empty->setWordWrap(true);
  m_image->setFixedSize(kPreview, kPreview);
  m_image->setAlignment(Qt::AlignCenter);
  m_details->setObjectName(QStringLiteral("historyDetails"));
  m_details->setWordWrap(true);
  m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  m_status->setWordWrap(true);
  m_favourite->setObjectName(QStringLiteral("historyFavourite"));
  m_restore->setObjectName(QStringLiteral("historyRestore"));
  m_restore->setToolTip(tr("The tab takes this run's settings, with the prompts it started with"));
  m_continue->setObjectName(QStringLiteral("historyContinue"));
  m_continue->setToolTip(tr("A new run that starts from this run's last frame, with the prompts it ended with"));
  m_compare->setObjectName(QStringLiteral("historyCompare"));
  m_compare->setToolTip(tr("Select two runs (Ctrl+click) to see them side by side or wipe between them"));
  m_delete->setObjectName(QStringLiteral("historyDelete"));

  auto* top = new QHBoxLayout;
  top->addWidget(m_search, 1);
  top->addWidget(m_favouritesOnly);
  auto* side = new QWidget(this);
  auto* sideLayout = new QVBoxLayout(side);
  sideLayout->addWidget(m_image, 0, Qt::AlignHCenter);
  sideLayout->addWidget(m_details, 1);
  sideLayout->addWidget(m_favourite);
  auto* actions = new QGridLayout;
  actions->addWidget(m_restore, 0, 0);
  actions->addWidget(m_continue, 0, 1);
  actions->addWidget(m_compare, 1, 0);
  actions->addWidget(m_delete, 1, 1);
  sideLayout->addLayout(actions);
  auto* splitter = new QSplitter(this);
  splitter->addWidget(m_list);
  splitter->addWidget(side);
  splitter->setStretchFactor(0, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_empty);
  layout->addWidget(splitter, 1);
  layout->addWidget(m_status);
  layout->addWidget(buttons);

  connect(m_search, &QLineEdit::textChanged, this, &HistoryDialog::refill);
  connect(m_favouritesOnly, &QCheckBox::toggled, this, &HistoryDialog::refill);
  connect(m_list, &QListWidget::itemSelectionChanged, this, &HistoryDialog::showDetails);
  connect(m_list, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { Q_EMIT restoreRequested(item->data(kFolderRole).toString()); });
  connect(m_favourite, &QCheckBox::clicked, this, [this](bool on) {
    if (selectedRuns().size() == 1) setFavourite(selectedRuns().first(), on);
  });
  connect(m_restore, &QPushButton::clicked, this, [this] {
    if (selectedRuns().size() == 1) Q_EMIT restoreRequested(selectedRuns().first());
  });
  connect(m_continue, &QPushButton::clicked, this, [this] {
    if (selectedRuns().size() != 1) return;
    Q_EMIT continueRequested(selectedRuns().first());
    hide();  // the tab shows the new run
  });
  connect(m_compare, &QPushButton::clicked, this, [this] {
    const QStringList two = selectedRuns();
    if (two.size() == 2) compare(two[0], two[1]);
  });
  connect(m_delete, &QPushButton::clicked, this, [this] {
    for (const QString& folder : selectedRuns()) deleteRun(folder);
  });
  resize(980, 640);
  reload();
}

QString HistoryDialog::status() const { return m_status->text(); }

void HistoryDialog::reload() {
  m_runs = RunRecord::scan(m_folder);
  refill();
}

const RunRecord* HistoryDialog::record(const QString& folder) const {
  for (const RunRecord& r : m_runs)
    if (r.folder == folder) return &r;
  return nullptr;
}

QString HistoryDialog::caption(const RunRecord& r) const {
  return QLocale().toString(r.started.toLocalTime(), QLocale::ShortFormat) + QStringLiteral(" · ") + r.lastPrompts();
}

void HistoryDialog::refill() {
  const QStringList keep = selectedRuns();
  const QStringList words = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  const QSignalBlocker block(m_list);
  m_list->clear();
  for (const RunRecord& r : std::as_const(m_runs)) {
    if (m_favouritesOnly->isChecked() && !r.favourite) continue;
    const QString prompts = r.allPrompts().join(QLatin1Char('\n'));
    if (!std::all_of(words.begin(), words.end(), [&](const QString& w) { return prompts.contains(w, Qt::CaseInsensitive); })) continue;
    const QImage image = latestImage(r);
    QPixmap thumb = image.isNull() ? QPixmap(kThumb, kThumb) : QPixmap::fromImage(image.scaled(kThumb, kThumb, Qt::KeepAspectRatio));
    if (image.isNull()) thumb.fill(palette().color(QPalette::Mid));
    const QString date = QLocale().toString(r.started.toLocalTime(), QLocale::ShortFormat);
    const QString first = r.lastPrompts().section(QLatin1Char('|'), 0, 0).trimmed();
    auto* item = new QListWidgetItem(QIcon(thumb), (r.favourite ? QStringLiteral("★ ") : QString()) + date + QLatin1Char('\n') +
                                                       fontMetrics().elidedText(first, Qt::ElideRight, kThumb + 30));
    item->setData(kFolderRole, r.folder);
    item->setToolTip(r.allPrompts().join(QStringLiteral("\n→ ")));
    m_list->addItem(item);
    item->setSelected(keep.contains(r.folder));
  }
  m_empty->setVisible(m_runs.isEmpty());
  showDetails();
}

QStringList HistoryDialog::shownRuns() const {
  QStringList out;
  for (int i = 0; i < m_list->count(); ++i) out << m_list->item(i)->data(kFolderRole).toString();
  return out;
}

void HistoryDialog::setFilter(const QString& text) { m_search->setText(text); }

void HistoryDialog::select(const QStringList& folders) {
  {
    const QSignalBlocker block(m_list);
    for (int i = 0; i < m_list->count(); ++i) m_list->item(i)->setSelected(folders.contains(m_list->item(i)->data(kFolderRole).toString()));
  }
  showDetails();
}

QStringList HistoryDialog::selectedRuns() const {
  QStringList out;
  for (int i = 0; i < m_list->count(); ++i)
    if (m_list->item(i)->isSelected()) out << m_list->item(i)->data(kFolderRole).toString();
  return out;
}

void HistoryDialog::showDetails() {
  const QStringList selected = selectedRuns();
  const RunRecord* r = selected.size() == 1 ? record(selected.first()) : nullptr;
  m_restore->setEnabled(r);
  m_continue->setEnabled(r && canContinue(*r));
  m_favourite->setEnabled(r);
  m_favourite->setChecked(r && r->favourite);
  m_compare->setEnabled(selected.size() == 2);
  m_delete->setEnabled(!selected.isEmpty() && !selected.contains(m_active));
  if (!r) {
    m_image->clear();
    m_details->setText(selected.size() == 2 ? tr("Two runs selected: Compare shows them side by side.") : QString());
    return;
  }
  const QImage image = latestImage(*r);
  m_image->setPixmap(image.isNull() ? QPixmap() : QPixmap::fromImage(image.scaled(kPreview, kPreview, Qt::KeepAspectRatio)));
  const VqganPanel::Settings& s = r->settings;
  QString html = tr("<b>Prompts:</b> %1").arg(s.prompts.toHtmlEscaped());
  for (const auto& [step, prompts] : r->promptChanges) html += tr("<br>after step %1: %2").arg(step).arg(prompts.toHtmlEscaped());
  const QString model = r->model.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(QFileInfo(r->model).fileName().toHtmlEscaped());
  const QString steps = r->stepsDone >= 0 ? tr("%1 of %2").arg(r->stepsDone).arg(s.steps) : QString::number(s.steps);
  html += QStringLiteral("<br><br>") + tr("<b>Date:</b> %1").arg(QLocale().toString(r->started.toLocalTime(), QLocale::LongFormat));
  html += QStringLiteral("<br>") + tr("<b>Generator:</b> %1").arg(VqganPanel::generatorTitle(s) + model);
  html += QStringLiteral("<br>") + tr("<b>Seed:</b> %1 · <b>Size:</b> %2 · <b>Steps:</b> %3").arg(s.seed).arg(s.size).arg(steps);
  html += QStringLiteral("<br>") +
          tr("<b>Cutouts:</b> %1 · <b>Learning rate:</b> %2 · <b>Optimiser:</b> %3").arg(s.cutn).arg(s.lr).arg(s.optimiser);
  if (!r->continuedFrom.isEmpty()) html += QStringLiteral("<br>") + tr("Continued from %1").arg(r->continuedFrom.toHtmlEscaped());
  if (!r->recorded)
    html +=
        QStringLiteral("<br><i>") + tr("A run from before run records: the prompts are those of its last frame.") + QStringLiteral("</i>");
  m_details->setText(html);
  m_continue->setToolTip(canContinue(*r) ? tr("A new run that starts from this run's last frame, with the prompts it ended with")
                                         : tr("This CLIP + GAN run kept no latent: only its settings can be restored"));
}

bool HistoryDialog::setFavourite(const QString& folder, bool favourite) {
  const RunRecord* found = record(folder);
  if (!found) return false;
  // Read again: the run may be going on, and its controller rewrites the record.
  bool ok = false;
  RunRecord r = RunRecord::load(folder, &ok);
  r.favourite = favourite;
  QString error;
  if (!ok || !r.save(&error)) {
    m_status->setText(error.isEmpty() ? tr("%1 holds no run to mark.").arg(QDir::toNativeSeparators(folder)) : error);
    return false;
  }
  reload();
  return true;
}

bool HistoryDialog::deleteRun(const QString& folder) {
  const RunRecord* r = record(folder);
  // Only a run of this history: never a folder elsewhere.
  if (!r || QFileInfo(folder).absoluteDir() != QDir(m_folder)) return false;
  if (folder == m_active) {
    m_status->setText(tr("That run is going on: stop it before deleting it."));
    return false;
  }
  const QString name = caption(*r);
  bool gone = QFile::moveToTrash(folder);
  const bool trashed = gone;
  if (!gone) {
    if (m_confirmDelete &&
        QMessageBox::question(this, tr("Delete Run"),
                              tr("This desktop has no trash to move it to. Delete the run of %1 for good?").arg(name)) != QMessageBox::Yes)
      return false;
    gone = QDir(folder).removeRecursively();
  }
  if (!gone) {
    m_status->setText(tr("Could not delete %1.").arg(QDir::toNativeSeparators(folder)));
    reload();  // what is left of it
    return false;
  }
  m_status->setText(trashed ? tr("Moved to the trash: %1").arg(name) : tr("Deleted: %1").arg(name));
  reload();
  return true;
}

CompareDialog* HistoryDialog::compare(const QString& a, const QString& b) {
  const RunRecord* ra = record(a);
  const RunRecord* rb = record(b);
  if (!ra || !rb) return nullptr;
  if (!m_compareDialog) {
    m_compareDialog = new CompareDialog(this);
    m_compareDialog->setObjectName(QStringLiteral("compareDialog"));
  }
  m_compareDialog->setImages(latestImage(*ra), caption(*ra), latestImage(*rb), caption(*rb));
  m_compareDialog->show();
  m_compareDialog->raise();
  return m_compareDialog;
}

void HistoryDialog::setActiveRun(const QString& folder) {
  const bool ended = !m_active.isEmpty() && folder.isEmpty();
  m_active = folder;
  if (ended || !record(folder))
    reload();  // a new run appears, an ended one shows its last frame
  else
    showDetails();
}

}  // namespace atelier
