#include "get_models_dialog.h"

#include <algorithm>

#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <chrono>
#include <cmath>
#include <filesystem>

#include "engine_bridge.h"
#include "error_text.h"
#include "hub/hub.h"

namespace atelier {

namespace {
namespace fs = std::filesystem;
enum Column { NameColumn, SizeColumn, UseColumn, StateColumn };
enum Role { IdRole = Qt::UserRole, KindRole, StateRole, PathRole };

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString native(const fs::path& p) { return QDir::toNativeSeparators(QString::fromStdString(p.string())); }
QString bytes(double n) { return QLocale().formattedDataSize(qint64(n), 1, QLocale::DataSizeSIFormat); }

QString duration(double seconds) {
  const qint64 s = qint64(std::ceil(seconds));
  const QLatin1Char zero('0');
  if (s >= 3600) return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, zero).arg(s % 60, 2, 10, zero);
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, zero);
}

QPushButton* button(QWidget* parent, const QString& text, const char* name, const QString& tip) {
  auto* b = new QPushButton(text, parent);
  b->setObjectName(QLatin1String(name));
  b->setToolTip(tip);
  b->setAutoDefault(false);
  return b;
}

double valueOf(const JobProgress& p, const QString& name, double fallback = 0) {
  for (const auto& [key, value] : p.values)
    if (key == name) return value;
  return fallback;
}

// The download: fetch's progress reported as KiB steps (bytes, rate and ETA as named values),
// at most ten times a second; each callback is a checkpoint, which throws once cancelled (the
// downloader stops, keeps the .part and rethrows).
JobFn fetchJob(std::shared_ptr<const hub::Catalog> catalog, std::string id, fs::path dir) {
  return [catalog = std::move(catalog), id = std::move(id), dir = std::move(dir)](JobContext& ctx) {
    std::chrono::steady_clock::time_point last;
    auto progress = [&ctx, &last](const hub::FetchProgress& p) {
      const auto now = std::chrono::steady_clock::now();
      if ((p.file.total > 0 && p.file.bytes >= p.file.total) || now - last >= std::chrono::milliseconds(100)) {
        last = now;
        Progress r;
        r.step = int64_t(p.file.bytes / 1024);
        r.steps = int64_t(p.file.total / 1024);
        r.losses = {
            {"bytes", double(p.file.bytes)},     {"total_bytes", double(p.file.total)}, {"bytes_per_second", p.file.bytes_per_second},
            {"eta_seconds", p.file.eta_seconds}, {"file_index", double(p.file_index)},  {"file_count", double(p.file_count)}};
        ctx.report(std::move(r));
      }
      ctx.checkpoint();
    };
    try {
      const auto fetched = hub::fetch(*catalog, id, dir, progress, [&ctx] { return ctx.cancel_requested(); });
      // Opened by the program's own readers: where no checksum is published, what proves it.
      if (const auto* e = catalog->find(id); e && std::find(fetched.begin(), fetched.end(), e->id) != fetched.end())
        hub::check_loads(*e, dir);
    } catch (...) {
      if (!ctx.cancel_requested()) throw;  // cancelled: the job ends so, the .part kept
    }
  };
}
}  // namespace

GetModelsDialog::Presence GetModelsDialog::presence() {
  Presence p;
  try {
    const hub::Catalog catalog = hub::load_catalog();
    for (const auto& s : hub::model_status(catalog)) {
      if (s.state == hub::InstallState::Missing) continue;
      p.clip = p.clip || s.entry->kind == "clip";
      p.vqgan = p.vqgan || s.entry->kind == "vqgan";
    }
  } catch (...) {
    p = {};
    p.error = errorMessage(EngineError::fromCurrentException(), tr("the model catalogue"));
  }
  return p;
}

GetModelsDialog::GetModelsDialog(EngineBridge* bridge, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_table(new QTableWidget(0, 4, this)),
      m_download(button(this, tr("&Download"), "download",
                        tr("Downloads the model (and what it needs) into your models folder, checking its SHA-256"))),
      m_cancel(
          button(this, tr("&Cancel"), "cancelDownload", tr("Stops the download; the part downloaded is kept and Download resumes it"))),
      m_verify(button(this, tr("&Verify"), "verify", tr("Checks each file's size and SHA-256 against the published or recorded one"))),
      m_remove(
          button(this, tr("&Remove"), "remove", tr("Deletes the model's files from your models folder (never files found elsewhere)"))),
      m_useClip(button(this, tr("Use for C&LIP"), "useForClip", tr("Loads it in the CLIP tab"))),
      m_useVqgan(button(this, tr("Use for CLIP + V&QGAN"), "useForVqgan", tr("Makes it the VQGAN of CLIP + VQGAN runs"))),
      m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)) {
  setWindowTitle(tr("Get Models"));
  setModal(false);
  setProperty("confirm", true);
  m_table->setObjectName(QStringLiteral("catalogue"));
  m_table->setHorizontalHeaderLabels({tr("Name"), tr("Size"), tr("What it is for"), tr("State")});
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setSelectionMode(QAbstractItemView::SingleSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(UseColumn, QHeaderView::Stretch);
  m_table->setWordWrap(true);
  m_progress->setObjectName(QStringLiteral("downloadProgress"));
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(QString());
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {m_download, m_cancel, m_verify, m_remove}) buttons->addWidget(b);
  buttons->addStretch(1);
  buttons->addWidget(m_useClip);
  buttons->addWidget(m_useVqgan);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_table, 1);
  layout->addLayout(buttons);
  layout->addWidget(m_progress);
  layout->addWidget(m_status);
  resize(860, 420);

  connect(m_table, &QTableWidget::itemSelectionChanged, this, &GetModelsDialog::updateButtons);
  connect(m_download, &QPushButton::clicked, this, &GetModelsDialog::download);
  connect(m_cancel, &QPushButton::clicked, this, &GetModelsDialog::cancelDownload);
  connect(m_verify, &QPushButton::clicked, this, &GetModelsDialog::verify);
  connect(m_remove, &QPushButton::clicked, this, &GetModelsDialog::removeSelected);
  connect(m_useClip, &QPushButton::clicked, this, [this] { Q_EMIT useForClip(selected(PathRole).toString()); });
  connect(m_useVqgan, &QPushButton::clicked, this, [this] { Q_EMIT useForVqgan(selected(PathRole).toString()); });
  connect(bridge, &EngineBridge::progress, this, &GetModelsDialog::onProgress);
  connect(bridge, &EngineBridge::finished, this, [this](qint64 job) {
    if (job == m_job) onEnded(tr("%1 is installed in %2.").arg(m_jobId, native(hub::default_install_dir())), true);
  });
  connect(bridge, &EngineBridge::cancelled, this, [this](qint64 job) {
    if (job == m_job) onEnded(tr("The download of %1 was stopped. The part downloaded is kept: Download resumes it.").arg(m_jobId), false);
  });
  connect(bridge, &EngineBridge::failed, this, [this](qint64 job, const QString& name, const EngineError& error) {
    if (job == m_job) onEnded(errorMessage(error, name), false);
  });
  refresh();
}

GetModelsDialog::~GetModelsDialog() {
  if (m_job != 0 && m_bridge) m_bridge->cancel(m_job);
}

void GetModelsDialog::refresh() {
  const QString selected = selectedId();
  m_table->setRowCount(0);
  std::vector<hub::ModelStatus> states;
  try {
    m_catalog = std::make_shared<const hub::Catalog>(hub::load_catalog());
    states = hub::model_status(*m_catalog);
  } catch (...) {
    setStatus(errorMessage(EngineError::fromCurrentException(), tr("the model catalogue")));
  }
  for (const auto& s : states) {
    const hub::CatalogEntry& e = *s.entry;
    QStringList tip{tr("Licence: %1").arg(qs(e.licence))};
    for (const auto& f : e.files)
      tip << tr("%1 from %2 (SHA-256: %3)").arg(qs(f.name), qs(f.url), f.sha256.empty() ? tr("none published") : qs(f.sha256));
    if (!s.recorded_sha256.empty()) tip << tr("SHA-256 recorded at download: %1").arg(qs(s.recorded_sha256));
    const QString state = s.state == hub::InstallState::Installed ? tr("installed")
                          : s.state == hub::InstallState::Found   ? tr("found at %1").arg(native(s.files.front()))
                                                                  : tr("not installed");
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    const QStringList texts{qs(e.name), qs(e.approx_size), qs(e.description), state};
    for (int c = 0; c < texts.size(); ++c) {
      auto* item = new QTableWidgetItem(texts[c]);
      item->setToolTip(tip.join(QLatin1Char('\n')));
      m_table->setItem(row, c, item);
    }
    QTableWidgetItem* first = m_table->item(row, NameColumn);
    first->setData(IdRole, qs(e.id));
    first->setData(KindRole, qs(e.kind));
    first->setData(StateRole, int(s.state));
    first->setData(PathRole, s.files.empty() ? QString() : QString::fromStdString(s.files.front().string()));
  }
  m_table->resizeColumnToContents(NameColumn);
  m_table->resizeColumnToContents(SizeColumn);
  m_table->resizeColumnToContents(StateColumn);
  if (!select(selected) && m_table->rowCount() > 0) m_table->selectRow(0);
  updateButtons();
}

int GetModelsDialog::rowOf(const QString& id) const {
  for (int r = 0; r < m_table->rowCount(); ++r)
    if (!id.isEmpty() && m_table->item(r, NameColumn)->data(IdRole).toString().compare(id, Qt::CaseInsensitive) == 0) return r;
  return -1;
}

bool GetModelsDialog::select(const QString& id) {
  const int row = rowOf(id);
  if (row >= 0) m_table->selectRow(row);
  return row >= 0;
}

QString GetModelsDialog::stateText(const QString& id) const {
  const int row = rowOf(id);
  return row < 0 ? QString() : m_table->item(row, StateColumn)->text();
}

QVariant GetModelsDialog::selected(int role) const {
  const auto rows = m_table->selectionModel()->selectedRows();
  return rows.isEmpty() ? QVariant() : m_table->item(rows.first().row(), NameColumn)->data(role);
}

QString GetModelsDialog::selectedId() const { return selected(IdRole).toString(); }
int GetModelsDialog::selectedState() const { return selected(StateRole).isValid() ? selected(StateRole).toInt() : -1; }

QString GetModelsDialog::status() const { return m_status->text(); }
void GetModelsDialog::setStatus(const QString& text) { m_status->setText(text); }

void GetModelsDialog::updateButtons() {
  const QString kind = selected(KindRole).toString();
  const int state = selectedState();
  const bool here = state == int(hub::InstallState::Installed) || state == int(hub::InstallState::Found);
  const bool downloading = m_job != 0;
  m_download->setEnabled(!downloading && state == int(hub::InstallState::Missing));
  m_cancel->setEnabled(downloading);
  m_verify->setEnabled(here && !m_verifying);
  m_remove->setEnabled(!downloading && state == int(hub::InstallState::Installed));
  m_useClip->setEnabled(here && kind == QLatin1String("clip"));
  m_useVqgan->setEnabled(here && kind == QLatin1String("vqgan"));
}

void GetModelsDialog::download() {
  const QString id = selectedId();
  if (id.isEmpty() || m_job != 0 || !m_catalog || !m_bridge) return;
  m_jobId = id;
  m_progress->setRange(0, 0);  // busy until the server says how much
  m_progress->setFormat(tr("Connecting…"));
  setStatus(tr("Downloading %1…").arg(id));
  m_job = m_bridge->submit(tr("Downloading %1").arg(id), fetchJob(m_catalog, id.toStdString(), hub::default_install_dir()));
  updateButtons();
}

void GetModelsDialog::cancelDownload() {
  if (m_job != 0 && m_bridge) m_bridge->cancel(m_job);
}

void GetModelsDialog::onProgress(const JobProgress& p) {
  if (p.job != m_job || m_job == 0) return;
  const double done = valueOf(p, QStringLiteral("bytes")), total = valueOf(p, QStringLiteral("total_bytes"));
  const double rate = valueOf(p, QStringLiteral("bytes_per_second")), eta = valueOf(p, QStringLiteral("eta_seconds"), -1);
  const int index = int(valueOf(p, QStringLiteral("file_index"))), count = int(valueOf(p, QStringLiteral("file_count")));
  m_progress->setRange(0, int(std::max<qint64>(p.steps, 0)));
  if (p.steps > 0) m_progress->setValue(int(std::min(p.step, p.steps)));
  QString text = total > 0 ? tr("%1 of %2").arg(bytes(done), bytes(total)) : bytes(done);
  if (rate > 0) text += QStringLiteral(" · ") + tr("%1/s").arg(bytes(rate));
  if (eta >= 0) text += QStringLiteral(" · ") + tr("%1 left").arg(duration(eta));
  if (count > 1) text += QStringLiteral(" · ") + tr("file %1 of %2").arg(index).arg(count);
  m_progress->setFormat(text);
}

void GetModelsDialog::onEnded(const QString& text, bool completed) {
  const QString id = m_jobId;
  m_job = 0;
  m_jobId.clear();
  if (!completed) m_progress->setRange(0, 1);
  m_progress->setValue(completed ? m_progress->maximum() : 0);
  m_progress->setFormat(completed ? tr("Done") : QString());
  refresh();
  setStatus(text);
  Q_EMIT downloadEnded(id, completed);
  if (completed) Q_EMIT modelsChanged();
}

void GetModelsDialog::verify() {
  const QString id = selectedId();
  if (id.isEmpty() || !m_catalog || !m_bridge || m_verifying) return;
  struct Checked {
    bool ok = true;
    QStringList lines;
  };
  m_verifying = true;
  updateButtons();
  setStatus(tr("Verifying %1…").arg(id));
  auto catalog = m_catalog;
  m_bridge->ask<Checked>(
      this, tr("Verifying %1").arg(id),
      [catalog, entry = id.toStdString()] {
        Checked c;
        for (const auto& v : hub::verify(*catalog, entry)) {
          c.ok = c.ok && v.ok;
          c.lines << QStringLiteral("%1 %2: %3").arg(v.ok ? QStringLiteral("✓") : QStringLiteral("✗"), native(v.file), qs(v.message));
        }
        return c;
      },
      [this, id](const Checked& c, const EngineError& error) {
        m_verifying = false;
        updateButtons();
        if (!error.isNull()) return setStatus(errorMessage(error, tr("Verifying %1").arg(id)));
        setStatus((c.ok ? tr("%1 is as expected:").arg(id) : tr("%1 is not as expected:").arg(id)) + QLatin1Char('\n') +
                  c.lines.join(QLatin1Char('\n')));
      });
}

void GetModelsDialog::removeSelected() {
  const QString id = selectedId();
  if (id.isEmpty() || !m_catalog || selectedState() != int(hub::InstallState::Installed) || m_job != 0) return;
  if (property("confirm").toBool() &&
      QMessageBox::question(this, tr("Remove Model"), tr("Delete the files of %1 from your models folder?").arg(id)) != QMessageBox::Yes)
    return;
  QString text;
  try {
    QStringList files;
    for (const auto& f : hub::remove(*m_catalog, id.toStdString())) files << native(f);
    text = tr("Removed %1").arg(files.join(QStringLiteral(", ")));
  } catch (...) {
    text = errorMessage(EngineError::fromCurrentException(), tr("Removing %1").arg(id));
  }
  refresh();
  setStatus(text);
  Q_EMIT modelsChanged();
}

}  // namespace atelier
