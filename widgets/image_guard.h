// What the GUI checks before it decodes an image a person drops or opens: the size from the
// header (QImageReader::size) within the engine's limits (runtime/limits.h; the widgets do
// not include engine headers, so the numbers are repeated here and tst_widgets checks they are
// the same), and for PNG files, every chunk within the file (libpng allocates what a chunk
// declares: a 126-byte PNG whose text chunk claims 2 GB made it allocate 2 GB).
#pragma once
#include <QString>

namespace atelier::image_guard {

inline constexpr qint64 kMaxPixels = qint64(64) << 20;
inline constexpr int kMaxSide = 32768;
inline constexpr int kMaxAspect = 32;

// Empty when the file may be decoded; otherwise why not, in words.
QString problem(const QString& path);

}  // namespace atelier::image_guard
