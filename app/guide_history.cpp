// GuideController's history: each run's record (run.json) with its live edits placed at the
// steps they took effect after, and the gallery's restore and continue.
#include "guide_controller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include "history_dialog.h"

namespace atelier {

void GuideController::onProgress(qint64 step, const QStringList& names) {
  if (m_pendingEdit >= 0 && m_pendingEdit < m_record.promptChanges.size()) {
    // The first step scored against the edited prompts places the edit just before it; until
    // then the edit has not driven a step (this one was still the old prompts').
    if (names == m_pendingNames) {
      m_record.promptChanges[m_pendingEdit].first = m_step;
      m_pendingEdit = -1;
    } else {
      m_record.promptChanges[m_pendingEdit].first = step;
    }
  }
  m_step = step;
  m_names = names;
  m_record.stepsDone = step;
}

void GuideController::endRecord(const QString& state) {
  m_pendingEdit = -1;
  m_record.state = state;
  m_record.ended = QDateTime::currentDateTimeUtc();
  // A run that never made a frame leaves nothing to browse: its (empty) folder goes.
  if (!m_written.isValid()) {
    if (!m_runDir.isEmpty()) QDir().rmdir(m_runDir);
  } else {
    writeRecord();
  }
  if (m_historyDialog) m_historyDialog->setActiveRun({});
  updateUpscale();  // a finished or stopped run can go on at twice its size
}

bool GuideController::writeRecord() {
  if (m_runDir.isEmpty() || !m_written.isValid()) return false;  // written with the first frame
  // The gallery may have marked the run a favourite meanwhile: that stays.
  bool ok = false;
  const RunRecord onDisk = RunRecord::load(m_runDir, &ok);
  if (ok && onDisk.recorded) m_record.favourite = onDisk.favourite;
  QString error;
  if (m_record.save(&error)) return true;
  m_panel->setStatus(error);
  return false;
}

HistoryDialog* GuideController::showHistory() {
  if (!m_historyDialog) {
    m_historyDialog = new HistoryDialog(m_history, m_panel);
    connect(m_historyDialog, &HistoryDialog::restoreRequested, this, &GuideController::restoreRun);
    connect(m_historyDialog, &HistoryDialog::continueRequested, this, &GuideController::continueRun);
  } else {
    m_historyDialog->reload();
  }
  m_historyDialog->setActiveRun(active() ? m_runDir : QString());
  m_historyDialog->show();
  m_historyDialog->raise();
  m_historyDialog->activateWindow();
  return m_historyDialog;
}

bool GuideController::restoreRun(const QString& folder) {
  bool ok = false;
  const RunRecord r = RunRecord::load(folder, &ok);
  if (!ok) {
    m_panel->setStatus(tr("%1 holds no run.").arg(QDir::toNativeSeparators(folder)));
    return false;
  }
  m_panel->setSettings(r.settings);
  QString text = tr("Settings restored from the run of %1.").arg(QLocale().toString(r.started.toLocalTime(), QLocale::ShortFormat));
  if (!r.promptChanges.isEmpty())
    text += QLatin1Char(' ') + tr("Its prompts changed %n time(s) while it ran: these are the first; Continue from Last Frame goes on "
                                  "with the last.",
                                  nullptr, int(r.promptChanges.size()));
  const QString vqgan = nextVqgan();
  if (!r.settings.gan && !r.model.isEmpty() && !vqgan.isEmpty() && QFileInfo(r.model) != QFileInfo(vqgan))
    text += QLatin1Char(' ') +
            tr("It used the VQGAN %1; runs now use %2.").arg(QDir::toNativeSeparators(r.model), QDir::toNativeSeparators(vqgan));
  m_panel->setStatus(text);
  return true;
}

qint64 GuideController::continueRun(const QString& folder) {
  bool ok = false;
  const RunRecord r = RunRecord::load(folder, &ok);
  if (!ok) {
    m_panel->setStatus(tr("%1 holds no run.").arg(QDir::toNativeSeparators(folder)));
    return 0;
  }
  if (active()) {
    m_panel->setStatus(tr("A run is going on: stop it before continuing another."));
    return 0;
  }
  const VqganPanel::Settings s = r.settingsAt(-1);
  m_panel->setSettings(s);
  const QString vqgan = s.usesVqgan() ? r.model : QString();
  const QVector<float> latent = RunRecord::readLatent(r.latentPath());
  if (latent.isEmpty() && (s.gan || !QFile::exists(r.imagePath()))) {
    m_panel->setStatus(tr("That run kept no latent, and a GAN can't start from an image: its settings are restored."));
    return 0;
  }
  if (latent.isEmpty() && s.usesDrawer()) {  // a drawer starts from its parameters only
    m_panel->setStatus(tr("That run kept no latent to go on from: its settings are restored."));
    return 0;
  }
  const qint64 id = latent.isEmpty() ? launch(s, {}, {}, r.imagePath(), vqgan, r.name()) : launch(s, latent, {}, {}, vqgan, r.name());
  m_panel->setStatus(
      tr("Continuing the run of %1 from its last frame.").arg(QLocale().toString(r.started.toLocalTime(), QLocale::ShortFormat)));
  return id;
}

void GuideController::showStatus(const QString& text) { m_panel->setStatus(text); }

}  // namespace atelier
