// The CLIP + VQGAN tab's queue of runs, its batches and their labelled grids.
#include "run_queue.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>
#include <vector>

#include "guided_panel.h"
#include "image_convert.h"
#include "io/grid.h"
#include "queue_panel.h"
#include "runtime/limits.h"

namespace atelier {

namespace {

constexpr int kGanSideGuess = 256;  // a GAN's image side, for a batch's grid before it has run

// The grid's labels in the person's font and script (OpenCV's font has ASCII only): centred in
// their box, shortened in the middle when too long, in the engine's ink.
void qtLabel(Image& grid, const GridBox& box, const std::string& text, int scale) {
  QImage view(grid.pixels.data(), grid.width, grid.height, qsizetype(grid.width) * 3, QImage::Format_RGB888);
  QPainter painter(&view);
  QFont font = QGuiApplication::font();
  font.setPixelSize(12 * scale);
  painter.setFont(font);
  painter.setPen(QColor(32, 32, 32));
  painter.setRenderHint(QPainter::TextAntialiasing);
  const QRect whole(box.x, box.y, box.width, box.height);
  painter.setClipRect(whole);
  const int margin = 4 * scale;
  const QRect room = whole.adjusted(margin, 0, -margin, 0);
  const QString shown =
      QFontMetrics(font).elidedText(QString::fromStdString(text).simplified(), Qt::ElideMiddle, std::max(1, room.width()));
  painter.drawText(room, Qt::AlignCenter, shown);
}

// The grid's file name: "grid-20261201-101500-seed1-4-lr.png".
QString gridName(const QString& batchName) {
  QString safe;
  for (const QChar c : batchName) safe += c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_') ? c : QLatin1Char('_');
  return QStringLiteral("grid-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")) +
         (safe.isEmpty() ? QString() : QLatin1Char('-') + safe.left(40)) + QStringLiteral(".png");
}

}  // namespace

RunQueue::RunQueue(StartFn start, BusyFn busy, QObject* parent) : QObject(parent), m_start(std::move(start)), m_busy(std::move(busy)) {}

int RunQueue::indexOf(qint64 id) const {
  for (int i = 0; i < m_waiting.size(); ++i)
    if (m_waiting[i].id == id) return i;
  return -1;
}

qint64 RunQueue::append(const VqganPanel::Settings& settings, const QString& caption) {
  Item item;
  item.id = m_nextId++;
  item.settings = settings;
  item.caption = caption.isEmpty() ? QueuePanel::caption(settings) : caption;
  m_waiting.append(item);
  refreshView();
  Q_EMIT changed();
  startNext();
  return item.id;
}

int RunQueue::appendBatch(const RunBatch& batch, QString* error) {
  const QString why = checkBatch(batch);
  if (error) *error = why;
  if (!why.isEmpty()) return 0;
  const int id = m_nextBatch++;
  Batch b;
  b.rows = int(batch.rowLabels.size());
  b.columns = int(batch.columnLabels.size());
  b.rowLabels = batch.rowLabels;
  b.columnLabels = batch.columnLabels;
  b.name = batch.name;
  b.cells.resize(qsizetype(b.rows) * b.columns);
  b.pending = int(batch.runs.size());
  m_batches.insert(id, b);
  for (const RunBatch::Run& run : batch.runs) {
    Item item;
    item.id = m_nextId++;
    item.settings = run.settings;
    item.caption = run.caption.isEmpty() ? QueuePanel::caption(run.settings) : run.caption;
    item.batch = id;
    item.row = run.row;
    item.column = run.column;
    m_waiting.append(item);
  }
  refreshView();
  Q_EMIT changed();
  startNext();
  return id;
}

bool RunQueue::moveUp(qint64 id) {
  const int i = indexOf(id);
  if (i <= 0) return false;
  m_waiting.swapItemsAt(i, i - 1);
  refreshView();
  Q_EMIT changed();
  return true;
}

bool RunQueue::moveDown(qint64 id) {
  const int i = indexOf(id);
  if (i < 0 || i + 1 >= m_waiting.size()) return false;
  m_waiting.swapItemsAt(i, i + 1);
  refreshView();
  Q_EMIT changed();
  return true;
}

bool RunQueue::remove(qint64 id) {
  const int i = indexOf(id);
  if (i < 0) return false;
  const Item item = m_waiting.takeAt(i);
  refreshView();
  Q_EMIT changed();
  cancelled(item);
  return true;
}

void RunQueue::clear() {
  if (m_waiting.isEmpty()) return;
  const QList<Item> gone = std::exchange(m_waiting, {});
  refreshView();
  Q_EMIT changed();
  for (const Item& item : gone) cancelled(item);
}

void RunQueue::cancelled(const Item& item) {
  if (!item.batch) return;
  const auto it = m_batches.find(item.batch);
  if (it == m_batches.end()) return;
  if (--it->pending == 0) finishBatch(item.batch);  // its cell stays "not run"
}

void RunQueue::setPaused(bool paused) {
  if (m_paused == paused) return refreshView();
  m_paused = paused;
  if (!paused) Q_EMIT message({});  // a "paused because..." line is past
  refreshView();
  Q_EMIT changed();
  startNext();
}

void RunQueue::startNext() { advance(true); }

void RunQueue::advance(bool mindBusy) {
  // The tab's own run goes first; the queue's next run waits for it.
  if (mindBusy && m_busy && !m_current && !m_paused && !m_waiting.isEmpty() && m_busy()) return;
  if (m_starting) return;  // the loop below goes on when the run started ends at once
  while (!m_current && !m_paused && !m_waiting.isEmpty()) {
    m_current = m_waiting.takeFirst();
    const Item item = *m_current;
    refreshView();
    Q_EMIT changed();
    Q_EMIT started(item.id, item.caption);
    m_starting = true;
    if (m_start) m_start(item.settings, item.caption);
    m_starting = false;
  }
}

void RunQueue::runEnded(bool finished, const QImage& finalFrame) {
  if (!m_current) return;  // not a run of the queue's
  const Item item = *std::exchange(m_current, std::nullopt);
  if (item.batch) {
    const auto it = m_batches.find(item.batch);
    if (it != m_batches.end()) {
      const qsizetype cell = qsizetype(item.row) * it->columns + item.column;
      if (cell >= 0 && cell < it->cells.size()) it->cells[cell] = {finalFrame, !finished && !finalFrame.isNull()};
      if (--it->pending == 0) finishBatch(item.batch);
    }
  }
  // A run stopped or failed: the next ones wait for the person (a broken model would fail them all).
  if (!finished && !m_waiting.isEmpty()) {
    m_paused = true;
    Q_EMIT message(tr("The queue is paused: “%1” did not finish. Resume Queue starts the next run.").arg(item.caption));
  }
  refreshView();
  Q_EMIT changed();
  // The run that ended was the queue's: the tab is free for the next one (the engine may still
  // count the ended job as active while it announces its end).
  advance(false);
}

void RunQueue::finishBatch(int id) {
  const auto it = m_batches.find(id);
  if (it == m_batches.end()) return;
  const Batch b = *it;
  m_batches.erase(it);
  int width = 0, height = 0;
  for (const Cell& c : b.cells)
    if (!c.image.isNull()) width = std::max(width, c.image.width()), height = std::max(height, c.image.height());
  if (width == 0) {
    Q_EMIT message(tr("No run of the batch made an image: there is no grid."));
    return;
  }
  std::vector<GridCell> cells(size_t(b.cells.size()));
  for (qsizetype i = 0; i < b.cells.size(); ++i)
    if (!b.cells[i].image.isNull()) cells[size_t(i)] = {toEngineImage(b.cells[i].image), b.cells[i].stopped ? tr("stopped").toStdString() : std::string()};
  // Too many pixels for one image (many large runs): the cells smaller, until it fits.
  GridLayout layout = grid_layout(b.rows, b.columns, width, height);
  for (int tries = 0; tries < 8; ++tries) {
    const double pixels = double(layout.width) * layout.height / double(limits::kMaxImagePixels);
    const double side = double(std::max(layout.width, layout.height)) / limits::kMaxImageSide;
    if (pixels <= 1 && side <= 1) break;
    const double f = 0.97 * std::min(1 / std::sqrt(std::max(1.0, pixels)), 1 / std::max(1.0, side));
    width = height = 0;
    for (GridCell& c : cells) {
      if (c.image.width <= 0) continue;
      c.image = resize_image(c.image, std::max(1, int(c.image.width * f)), std::max(1, int(c.image.height * f)));
      width = std::max(width, c.image.width), height = std::max(height, c.image.height);
    }
    layout = grid_layout(b.rows, b.columns, width, height);
  }
  QImage grid;
  try {
    check_image_size(layout.width, layout.height, "the grid");
    std::vector<std::string> rows, columns;
    for (const QString& l : b.rowLabels) rows.push_back(l.toStdString());
    for (const QString& l : b.columnLabels) columns.push_back(l.toStdString());
    grid = toQImage(draw_grid(layout, cells, rows, columns, GridText{tr("not run").toStdString(), qtLabel}));
  } catch (const std::exception& e) {
    Q_EMIT message(tr("The batch's grid could not be made: %1").arg(QString::fromStdString(e.what())));
    return;
  }
  QString name = gridName(b.name);
  if (!m_gridFolder.isEmpty()) {
    const QDir folder(m_gridFolder);
    for (int n = 2; QFileInfo::exists(folder.filePath(name)); ++n)
      name = gridName(b.name).replace(QStringLiteral(".png"), QStringLiteral("-%1.png").arg(n));
  }
  Q_EMIT gridReady(id, grid, name);
  if (m_gridFolder.isEmpty()) return;
  QString error;
  const QString path = QDir(m_gridFolder).filePath(name);
  if (!QDir().mkpath(m_gridFolder) || !GuidedPanel::writeImage(grid, path, &error)) {
    Q_EMIT message(error.isEmpty() ? tr("The batch's grid could not be saved in %1.").arg(QDir::toNativeSeparators(m_gridFolder)) : error);
    return;
  }
  Q_EMIT gridSaved(path);
  Q_EMIT message(tr("The batch's grid is saved: %1").arg(QDir::toNativeSeparators(path)));
}

void RunQueue::bind(QueuePanel* view, SettingsFn settings) {
  if (m_view) {
    disconnect(m_view, nullptr, this, nullptr);
    disconnect(this, nullptr, m_view, nullptr);
  }
  m_view = view;
  m_settings = std::move(settings);
  if (!view) return;
  connect(view, &QueuePanel::addRequested, this, [this] {
    if (m_settings) append(m_settings());
  });
  connect(view, &QueuePanel::batchRequested, this, &RunQueue::openBatchDialog);
  connect(view, &QueuePanel::moveUpRequested, this, [this](qint64 id) {
    if (moveUp(id) && m_view) m_view->select(id);
  });
  connect(view, &QueuePanel::moveDownRequested, this, [this](qint64 id) {
    if (moveDown(id) && m_view) m_view->select(id);
  });
  connect(view, &QueuePanel::removeRequested, this, &RunQueue::remove);
  connect(view, &QueuePanel::clearRequested, this, &RunQueue::clear);
  connect(view, &QueuePanel::pauseRequested, this, &RunQueue::setPaused);
  connect(this, &RunQueue::message, view, &QueuePanel::setStatus);
  refreshView();
}

BatchDialog* RunQueue::openBatchDialog() {
  if (m_dialog) {
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
  }
  auto* dialog = new BatchDialog(m_settings ? m_settings() : VqganPanel::Settings(), &RunQueue::parseSeeds, &RunQueue::checkBatch,
                                 m_view ? m_view->window() : nullptr);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    QString error;
    if (!appendBatch(dialog->batch(), &error)) Q_EMIT message(error);
  });
  m_dialog = dialog;
  dialog->open();
  return dialog;
}

void RunQueue::refreshView() {
  if (!m_view) return;
  QList<QueuePanel::Row> rows;
  for (const Item& item : std::as_const(m_waiting)) {
    const VqganPanel::Settings& s = item.settings;
    const QString what = s.schedule.trimmed().isEmpty() ? s.prompts : s.schedule;
    QStringList how{tr("%n step(s)", nullptr, s.steps), tr("%n cutout(s)", nullptr, s.cutn), tr("cut power %1").arg(s.cutPow),
                    tr("learning rate %1").arg(s.lr)};
    how.prepend(VqganPanel::generatorTitle(s));  // CLIP + VQGAN, CLIP + GAN, pixel art, an FFT image
    if (!s.gan) how << tr("%1 × %1 px").arg(s.size);  // a GAN makes its own size
    how << tr("seed %1").arg(s.seed);
    const QString details = how.join(QStringLiteral(", "));
    rows.append({item.id, item.caption, what.trimmed().isEmpty() ? details : what.trimmed() + QLatin1Char('\n') + details});
  }
  m_view->setRows(rows);
  m_view->setCurrent(m_current ? m_current->caption : QString());
  m_view->setPaused(m_paused);
}

QList<quint64> RunQueue::parseSeeds(const QString& spec, QString* error) {
  try {
    const std::vector<uint64_t> seeds = parse_seeds(spec.toStdString(), tr("Seeds").toStdString());
    return QList<quint64>(seeds.begin(), seeds.end());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return {};
  }
}

QString RunQueue::checkBatch(const RunBatch& batch) {
  const int rows = int(batch.rowLabels.size()), columns = int(batch.columnLabels.size());
  if (batch.runs.isEmpty() || rows == 0 || columns == 0) return tr("The batch has no runs.");
  if (batch.runs.size() > kMaxBatchRuns)
    return tr("%1 runs: at most %2 in a batch.").arg(batch.runs.size()).arg(kMaxBatchRuns);
  QSet<qsizetype> cells;
  int side = 0;
  for (const RunBatch::Run& run : batch.runs) {
    if (run.row < 0 || run.row >= rows || run.column < 0 || run.column >= columns)
      return tr("A run's cell (row %1, column %2) is outside the grid of %3 × %4.").arg(run.row + 1).arg(run.column + 1).arg(rows).arg(columns);
    const qsizetype cell = qsizetype(run.row) * columns + run.column;
    if (cells.contains(cell)) return tr("Two runs share the cell in row %1, column %2.").arg(run.row + 1).arg(run.column + 1);
    cells.insert(cell);
    side = std::max(side, run.settings.gan ? kGanSideGuess : run.settings.size);
  }
  // The grid's shape: one image may be at most limits::kMaxAspect times longer than wide.
  const GridLayout g = grid_layout(rows, columns, side, side);
  const int longer = std::max(g.width, g.height), shorter = std::max(1, std::min(g.width, g.height));
  if (longer > shorter * limits::kMaxAspect)
    return tr("A grid of %1 × %2 runs would be %3 × %4 pixels, too long and narrow for one image (at most %5:1): give fewer "
              "seeds, or sweep a setting across them.")
        .arg(rows)
        .arg(columns)
        .arg(g.width)
        .arg(g.height)
        .arg(limits::kMaxAspect);
  return {};
}

}  // namespace atelier
