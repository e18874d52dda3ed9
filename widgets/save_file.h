// Saving the widgets' exports: each file written whole or not at all (QSaveFile), and the status
// line that says how it went ("Saved …" or "Could not write …: why").
#pragma once
#include <QList>
#include <QString>

#include <functional>

class QImage;
class QIODevice;

namespace atelier {

// Fills the file; false when it could not (an image that does not encode).
using FileWriter = std::function<bool(QIODevice& file)>;
// Takes a status line.
using StatusReport = std::function<void(const QString& line)>;

// Writes path through write: the file appears whole or not at all. On failure error says why.
bool saveAtomically(const QString& path, const FileWriter& write, QString* error);
// The image in the format the path's extension names (PNG when it names none).
bool saveImageAtomically(const QImage& image, const QString& path, QString* error);
// Numbered PNGs (frame_0000.png ...) in folder, each written whole. On failure error is the whole
// status line (couldNotWrite for the frame that failed).
bool saveFramesAtomically(const QList<QImage>& frames, const QString& folder, QString* error);
// UTF-8 text, for saveAtomically.
FileWriter textWriter(const QString& text);

// "Could not write <path>: <why>", the status line of a failed save.
QString couldNotWrite(const QString& path, const QString& why);
// Saves and puts how it went on report: "Saved <path>", or couldNotWrite. Returns whether it saved.
bool saveAndReport(const QString& path, const FileWriter& write, const StatusReport& report);
bool saveAndReport(const QString& path, const QImage& image, const StatusReport& report);

}  // namespace atelier
