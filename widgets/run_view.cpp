#include "run_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include "image_canvas.h"
#include "live_plot.h"

namespace atelier {

namespace {
constexpr int kMaxThumbnails = 64;
constexpr int kThumbSize = 64;
}  // namespace

RunView::RunView(QWidget* parent)
    : QWidget(parent),
      m_canvas(new ImageCanvas(this)),
      m_stats(new QLabel(this)),
      m_busy(new QProgressBar(this)),
      m_plot(new LivePlot(this)),
      m_thumbs(new QListWidget(this)),
      m_run(new QPushButton(tr("&Run"), this)),
      m_pause(new QPushButton(tr("&Pause"), this)),
      m_resume(new QPushButton(tr("Res&ume"), this)),
      m_stop(new QPushButton(tr("&Stop"), this)),
      m_restart(new QPushButton(tr("Restart from here"), this)),
      m_reason(new QLabel(this)) {
  m_run->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
  m_run->setToolTip(tr("Start the run (Ctrl+Return)"));
  m_stop->setShortcut(QKeySequence(Qt::Key_Escape));
  m_stop->setToolTip(tr("Stop the run (Esc)"));
  m_canvas->setPlaceholder(tr("The image appears here and evolves as the run goes."));
  m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_busy->setObjectName(QStringLiteral("runBusy"));
  m_busy->setRange(0, 0);
  m_busy->setTextVisible(false);
  m_busy->setMaximumWidth(120);
  m_busy->setToolTip(tr("Loading the models; the first step follows"));
  m_busy->hide();
  m_reason->setWordWrap(true);
  m_reason->setForegroundRole(QPalette::PlaceholderText);

  m_thumbs->setViewMode(QListView::IconMode);
  m_thumbs->setFlow(QListView::LeftToRight);
  m_thumbs->setWrapping(false);
  m_thumbs->setIconSize(QSize(kThumbSize, kThumbSize));
  m_thumbs->setFixedHeight(kThumbSize + 36);
  m_thumbs->setMovement(QListView::Static);
  m_thumbs->setToolTip(tr("Earlier frames: click one to inspect it"));
  connect(m_thumbs, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    m_canvas->setImage(item->data(Qt::UserRole).value<QImage>());
  });
  connect(m_thumbs, &QListWidget::currentItemChanged, this, [this] { updateButtons(); });
  m_restart->setToolTip(tr("Run again from the selected frame, exactly where it was, with the current prompts and settings"));
  m_restart->setVisible(false);
  m_restart->setObjectName(QStringLiteral("restartButton"));
  m_run->setObjectName(QStringLiteral("runButton"));
  m_pause->setObjectName(QStringLiteral("pauseButton"));
  m_resume->setObjectName(QStringLiteral("resumeButton"));
  m_stop->setObjectName(QStringLiteral("stopButton"));
  connect(m_restart, &QPushButton::clicked, this, [this] {
    if (selectedStep() >= 0) Q_EMIT restartRequested(selectedStep());
  });

  auto* buttons = new QHBoxLayout;
  for (auto* b : {m_run, m_pause, m_resume, m_stop}) buttons->addWidget(b);
  buttons->addWidget(m_busy);
  buttons->addWidget(m_stats, 1);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(m_canvas);
  splitter->addWidget(m_plot);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(buttons);
  layout->addWidget(m_reason);
  layout->addWidget(splitter, 1);
  auto* strip = new QHBoxLayout;
  strip->addWidget(m_thumbs, 1);
  strip->addWidget(m_restart, 0, Qt::AlignVCenter);
  layout->addLayout(strip);

  connect(m_run, &QPushButton::clicked, this, &RunView::runRequested);
  connect(m_pause, &QPushButton::clicked, this, &RunView::pauseRequested);
  connect(m_resume, &QPushButton::clicked, this, &RunView::resumeRequested);
  connect(m_stop, &QPushButton::clicked, this, &RunView::stopRequested);
  clear();
  updateButtons();
}

void RunView::setState(State state) {
  m_state = state;
  if (state == State::Idle && starting()) {  // ended before a first step (failed or stopped)
    m_busy->hide();
    m_stats->setText(tr("idle"));
  }
  updateButtons();
}

void RunView::showStarting() {
  m_stats->setText(tr("Starting…"));
  m_busy->show();
}

bool RunView::starting() const { return !m_busy->isHidden(); }

QString RunView::progressText() const { return m_stats->text(); }

void RunView::setRunnable(bool runnable, const QString& reason) {
  m_runnable = runnable;
  m_reason->setText(reason);
  m_reason->setVisible(!runnable && !reason.isEmpty());
  updateButtons();
}

void RunView::updateButtons() {
  m_run->setEnabled(m_runnable && m_state == State::Idle);
  m_pause->setEnabled(m_state == State::Running);
  m_resume->setEnabled(m_state == State::Paused);
  m_stop->setEnabled(m_state != State::Idle);
  m_restart->setEnabled(m_restartable && m_runnable && m_state == State::Idle && m_thumbs->currentItem() != nullptr);
}

void RunView::setRestartable(bool restartable) {
  m_restartable = restartable;
  m_restart->setVisible(restartable);
  updateButtons();
}

QList<qint64> RunView::thumbnailSteps() const {
  QList<qint64> steps;
  for (int i = 0; i < m_thumbs->count(); ++i) steps << m_thumbs->item(i)->data(Qt::UserRole + 1).toLongLong();
  return steps;
}

void RunView::selectThumbnail(int index) {
  QListWidgetItem* item = m_thumbs->item(index);
  if (!item) return;
  m_thumbs->setCurrentItem(item);
  m_canvas->setImage(item->data(Qt::UserRole).value<QImage>());
}

qint64 RunView::selectedStep() const {
  const QListWidgetItem* item = m_thumbs->currentItem();
  return item ? item->data(Qt::UserRole + 1).toLongLong() : -1;
}

void RunView::showFrame(const QImage& image, qint64 step) {
  if (starting()) {  // a frame before the first progress: started all the same
    m_busy->hide();
    m_stats->setText(tr("step %1").arg(step));
  }
  m_canvas->setImage(image);
  // Keep a thumbnail every so often, bounded: the strip is a history, not a recording.
  if (m_lastThumbStep < 0 || step - m_lastThumbStep >= 10) {
    m_lastThumbStep = step;
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(kThumbSize, kThumbSize, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                     QString::number(step));
    item->setData(Qt::UserRole, image);
    item->setData(Qt::UserRole + 1, step);
    m_thumbs->addItem(item);
    while (m_thumbs->count() > kMaxThumbnails) delete m_thumbs->takeItem(0);
    m_thumbs->scrollToBottom();
  }
}

void RunView::showProgress(qint64 step, qint64 steps, double seconds, const QVector<QPair<QString, double>>& values) {
  m_busy->hide();
  double rate = seconds > 0 ? step / seconds : 0.0;
  QString text = steps > 0 ? tr("step %1 / %2").arg(step).arg(steps) : tr("step %1").arg(step);
  text += QStringLiteral("  ·  ") + tr("%1 it/s").arg(rate, 0, 'f', 2);
  if (steps > 0 && rate > 0) text += QStringLiteral("  ·  ") + tr("ETA %1 s").arg((steps - step) / rate, 0, 'f', 0);
  m_stats->setText(text);
  for (const auto& [name, value] : values) m_plot->addPoint(name, double(step), value);
}

void RunView::clear() {
  m_canvas->setImage({});
  m_busy->hide();
  m_stats->setText(tr("idle"));
  m_plot->clear();
  m_thumbs->clear();
  m_lastThumbStep = -1;
}

QImage RunView::currentImage() const { return m_canvas->image(); }

int RunView::thumbnailCount() const { return m_thumbs->count(); }

}  // namespace atelier
