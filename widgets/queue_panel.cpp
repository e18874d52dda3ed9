// The queue's view: a folding group with the waiting runs and the buttons that act on them.
#include "queue_panel.h"

#include <QAction>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace atelier {

namespace {
constexpr int kIdRole = Qt::UserRole;
constexpr int kCaptionPrompt = 48;  // characters of the prompts a caption shows
}  // namespace

QueuePanel::QueuePanel(QWidget* parent)
    : QWidget(parent),
      m_header(new QToolButton(this)),
      m_body(new QWidget(this)),
      m_current(new QLabel(m_body)),
      m_list(new QListWidget(m_body)),
      m_add(new QPushButton(m_body)),
      m_batch(new QPushButton(m_body)),
      m_up(new QPushButton(m_body)),
      m_down(new QPushButton(m_body)),
      m_remove(new QPushButton(m_body)),
      m_pause(new QPushButton(m_body)),
      m_clear(new QPushButton(m_body)),
      m_status(new QLabel(m_body)) {
  setObjectName(QStringLiteral("queuePanel"));
  m_header->setObjectName(QStringLiteral("queueToggle"));
  m_header->setCheckable(true);
  m_header->setAutoRaise(true);
  m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  connect(m_header, &QToolButton::toggled, this, &QueuePanel::setExpanded);
  m_current->setObjectName(QStringLiteral("queueCurrent"));
  m_current->setWordWrap(true);
  m_current->hide();
  m_list->setObjectName(QStringLiteral("queueList"));
  m_list->setSelectionMode(QAbstractItemView::SingleSelection);
  m_list->setMinimumHeight(60);
  m_list->setMaximumHeight(160);
  m_add->setObjectName(QStringLiteral("queueAdd"));
  m_batch->setObjectName(QStringLiteral("queueBatch"));
  m_up->setObjectName(QStringLiteral("queueUp"));
  m_down->setObjectName(QStringLiteral("queueDown"));
  m_remove->setObjectName(QStringLiteral("queueRemove"));
  m_pause->setObjectName(QStringLiteral("queuePause"));
  m_pause->setCheckable(true);
  m_clear->setObjectName(QStringLiteral("queueClear"));
  m_status->setObjectName(QStringLiteral("queueStatus"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();

  auto* removeKey = new QAction(m_list);
  removeKey->setShortcut(QKeySequence::Delete);
  removeKey->setShortcutContext(Qt::WidgetShortcut);
  m_list->addAction(removeKey);

  const auto selected = [this](void (QueuePanel::*signal)(qint64)) {
    return [this, signal] {
      if (const qint64 id = selectedId(); id >= 0) Q_EMIT(this->*signal)(id);
    };
  };
  connect(m_add, &QPushButton::clicked, this, &QueuePanel::addRequested);
  connect(m_batch, &QPushButton::clicked, this, &QueuePanel::batchRequested);
  connect(m_up, &QPushButton::clicked, this, selected(&QueuePanel::moveUpRequested));
  connect(m_down, &QPushButton::clicked, this, selected(&QueuePanel::moveDownRequested));
  connect(m_remove, &QPushButton::clicked, this, selected(&QueuePanel::removeRequested));
  connect(removeKey, &QAction::triggered, this, selected(&QueuePanel::removeRequested));
  connect(m_clear, &QPushButton::clicked, this, &QueuePanel::clearRequested);
  connect(m_pause, &QPushButton::clicked, this, [this](bool checked) {
    // The queue says whether it paused (setPaused); until then the button shows what it was.
    const QSignalBlocker block(m_pause);
    m_pause->setChecked(m_paused);
    Q_EMIT pauseRequested(checked);
  });
  connect(m_list, &QListWidget::itemSelectionChanged, this, &QueuePanel::updateButtons);

  auto* buttons = new QGridLayout;
  buttons->setContentsMargins(0, 0, 0, 0);
  buttons->addWidget(m_add, 0, 0);
  buttons->addWidget(m_batch, 0, 1);
  buttons->addWidget(m_up, 1, 0);
  buttons->addWidget(m_down, 1, 1);
  buttons->addWidget(m_remove, 2, 0);
  buttons->addWidget(m_clear, 2, 1);
  buttons->addWidget(m_pause, 3, 0, 1, 2);
  auto* body = new QVBoxLayout(m_body);
  body->setContentsMargins(0, 0, 0, 0);
  body->addWidget(m_current);
  body->addWidget(m_list);
  body->addLayout(buttons);
  body->addWidget(m_status);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(m_header);
  column->addWidget(m_body);
  setExpanded(false);
  retranslate();
  updateButtons();
}

void QueuePanel::setRows(const QList<Row>& rows) {
  const qint64 keep = selectedId();
  const bool grew = rows.size() > m_rows.size();
  m_rows = rows;
  {
    const QSignalBlocker block(m_list);
    m_list->clear();
    for (const Row& row : rows) {
      auto* item = new QListWidgetItem(row.caption, m_list);
      item->setData(kIdRole, row.id);
      item->setToolTip(row.tip.isEmpty() ? row.caption : row.tip);
    }
  }
  if (keep >= 0) select(keep);
  if (grew) setExpanded(true);
  retranslate();  // the header counts the runs
}

void QueuePanel::setCurrent(const QString& caption) {
  m_currentCaption = caption;
  m_current->setVisible(!caption.isEmpty());
  if (!caption.isEmpty()) setExpanded(true);
  retranslate();
}

void QueuePanel::setPaused(bool paused) {
  m_paused = paused;
  const QSignalBlocker block(m_pause);
  m_pause->setChecked(paused);
  retranslate();
}

void QueuePanel::setStatus(const QString& text) {
  m_status->setText(text);
  m_status->setVisible(!text.isEmpty());
}

QString QueuePanel::status() const { return m_status->isHidden() ? QString() : m_status->text(); }

qint64 QueuePanel::selectedId() const {
  const QList<QListWidgetItem*> items = m_list->selectedItems();
  return items.isEmpty() ? -1 : items.first()->data(kIdRole).toLongLong();
}

void QueuePanel::select(qint64 id) {
  for (int i = 0; i < m_list->count(); ++i)
    if (m_list->item(i)->data(kIdRole).toLongLong() == id) {
      m_list->setCurrentRow(i);
      m_list->item(i)->setSelected(true);
      break;
    }
  updateButtons();
}

bool QueuePanel::expanded() const { return !m_body->isHidden(); }

void QueuePanel::setExpanded(bool expanded) {
  m_body->setVisible(expanded);
  const QSignalBlocker block(m_header);
  m_header->setChecked(expanded);
  m_header->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
}

void QueuePanel::updateButtons() {
  const QList<QListWidgetItem*> items = m_list->selectedItems();
  const int row = items.isEmpty() ? -1 : m_list->row(items.first());
  m_up->setEnabled(row > 0);
  m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
  m_remove->setEnabled(row >= 0);
  m_clear->setEnabled(m_list->count() > 0);
}

QString QueuePanel::caption(const VqganPanel::Settings& s, const QString& swept) {
  QString what = (s.schedule.trimmed().isEmpty() ? s.prompts : s.schedule).simplified();
  if (what.isEmpty()) what = tr("(the default prompt)");
  if (what.size() > kCaptionPrompt) what = what.left(kCaptionPrompt - 1) + QChar(0x2026);  // …
  if (!s.schedule.trimmed().isEmpty()) what = tr("schedule: %1").arg(what);
  QStringList parts{what, tr("seed %1").arg(s.seed)};
  if (!swept.isEmpty()) parts << swept;
  return parts.join(QStringLiteral(" · "));
}

void QueuePanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::LanguageChange) retranslate();
}

void QueuePanel::retranslate() {
  const int n = int(m_rows.size());
  m_header->setText(m_paused ? tr("Queue (%n waiting, paused)", nullptr, n) : tr("Queue (%n waiting)", nullptr, n));
  m_header->setToolTip(tr("Runs that wait their turn: each starts when the one before it ends"));
  m_current->setText(tr("Running: %1").arg(m_currentCaption));
  m_list->setToolTip(tr("The waiting runs, the next one at the top"));
  m_list->setAccessibleName(tr("Waiting runs"));
  m_add->setText(tr("&Add to Queue"));
  m_add->setToolTip(tr("A run with the tab's settings as they are now, after the waiting ones"));
  m_batch->setText(tr("&Batch…"));
  m_batch->setToolTip(tr("One run per seed, times one setting's values; their final images as a labelled grid"));
  m_up->setText(tr("Up"));
  m_up->setToolTip(tr("Run the selected run earlier"));
  m_down->setText(tr("Down"));
  m_down->setToolTip(tr("Run the selected run later"));
  m_remove->setText(tr("Remove"));
  m_remove->setToolTip(tr("Cancel the selected run: it will not run (Delete)"));
  m_clear->setText(tr("Clear"));
  m_clear->setToolTip(tr("Cancel every waiting run (the one running goes on)"));
  m_pause->setText(m_paused ? tr("Resume Queue") : tr("Pause Queue"));
  m_pause->setToolTip(m_paused ? tr("Start the waiting runs again, one after the other")
                               : tr("Start no further run; the one running goes on (its Stop ends it)"));
}

}  // namespace atelier
