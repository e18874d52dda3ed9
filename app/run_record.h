// A guided run's record in its history folder (run.json beside latest.png and latent.f32): the
// settings it started with, every prompt and learning-rate change with the step it took effect
// after, the models, dates, how far it got, and whether the user marked it a favourite. Runs
// from before run.json (latest.png alone) read back from the PNG's text chunks.
#pragma once
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QVector>

#include "vqgan_panel.h"

namespace atelier {

struct RunRecord {
  QString folder;                 // the run's folder (absolute)
  VqganPanel::Settings settings;  // as the run started (prompts and lr: the first ones)
  // Live edits: (step, value). step is the last step done with the value before: the new value
  // drives step + 1 on, so a frame of step s was made with the last change whose step < s.
  QList<QPair<qint64, QString>> promptChanges;
  QList<QPair<qint64, double>> lrChanges;
  QString model;  // the generator's file: the VQGAN that loaded, or the GAN
  QString clip;   // the CLIP asked for (empty: the default)
  QDateTime started, ended;
  QString state;           // running, finished, stopped, failed; empty: unknown (older runs)
  qint64 stepsDone = -1;   // -1: unknown
  qint64 latentStep = -1;  // the step of latent.f32 (a continuation starts there); -1: none
  QString continuedFrom;   // the run (folder name, @step for a thumbnail) this one went on from
  bool favourite = false;
  bool recorded = false;  // run.json was there (false: read from latest.png)

  QString name() const;                  // the folder's name
  QString imagePath() const;             // latest.png
  QString latentPath() const;            // latent.f32
  QString promptsAt(qint64 step) const;  // the prompts the frame of this step was made with
  double lrAt(qint64 step) const;
  QString lastPrompts() const;
  // The settings as they were at step (prompts and learning rate of that step); -1: at the end.
  VqganPanel::Settings settingsAt(qint64 step) const;
  QStringList allPrompts() const;  // the first and every change: what the search looks in
  // A live edit: one at the same step as the last replaces it (only the later drove a step).
  // Returns whether it was added (false: the prompts were those in use already).
  bool addPromptChange(qint64 step, const QString& prompts);
  void addLrChange(qint64 step, double lr);

  // A run's folder: run.json, else latest.png's settings. ok: one of them was readable.
  static RunRecord load(const QString& folder, bool* ok = nullptr);
  // run.json, whole or not at all (QSaveFile); error says why not.
  bool save(QString* error = nullptr) const;
  // Every run under the history folder, newest first; folders with neither file are left out.
  static QList<RunRecord> scan(const QString& history);
  // The latent as raw little-endian float32, whole or not at all; empty when unreadable.
  static bool writeLatent(const QString& path, const QVector<float>& latent, QString* error);
  static QVector<float> readLatent(const QString& path);
};

}  // namespace atelier
