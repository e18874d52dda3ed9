// Test helper: hostile image files made at test time, byte by byte. A PNG may claim any size in
// its IHDR whatever its data holds (a 999999 x 1 grey PNG is 1 KB); OpenCV itself can't make such
// files (it would have to allocate them), so they are written here with Qt's zlib (qCompress) and
// a CRC-32 of our own.
#pragma once
#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>

namespace crafted {

inline uint32_t crc32(const QByteArray& bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (char ch : bytes) {
    c ^= uint8_t(ch);
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return c ^ 0xFFFFFFFFu;
}

inline QByteArray be32(uint32_t v) {
  QByteArray b(4, '\0');
  for (int i = 0; i < 4; ++i) b[i] = char((v >> (24 - 8 * i)) & 0xFF);
  return b;
}

inline QByteArray le(uint32_t v, int bytes) {
  QByteArray b(bytes, '\0');
  for (int i = 0; i < bytes; ++i) b[i] = char((v >> (8 * i)) & 0xFF);
  return b;
}

inline QByteArray pngChunk(const char* type, const QByteArray& data) {
  const QByteArray body = QByteArray(type, 4) + data;
  return be32(uint32_t(data.size())) + body + be32(crc32(body));
}

// An 8-bit grey PNG of width x height whose IDAT holds `rows` rows of zeros (all of them makes a
// valid file; fewer, a file whose header is all that matters).
inline QByteArray greyPng(uint32_t width, uint32_t height, uint32_t rows) {
  QByteArray ihdr = be32(width) + be32(height);
  ihdr.append(char(8)).append(char(0)).append(char(0)).append(char(0)).append(char(0));  // depth 8, grey, deflate, no filter, no interlace
  const QByteArray raw(qsizetype(rows) * (qsizetype(width) + 1), '\0');                // each row: filter byte 0 + pixels
  const QByteArray zlib = qCompress(raw, 9).mid(4);                                      // qCompress puts the length first
  return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", zlib) + pngChunk("IEND", {});
}

// Headers alone of other formats, claiming width x height.
inline QByteArray gifHeader(uint16_t width, uint16_t height) {
  return QByteArray("GIF89a") + le(width, 2) + le(height, 2) + QByteArray("\xF0\x00\x00", 3) + QByteArray(16, '\0');
}
inline QByteArray bmpHeader(int32_t width, int32_t height) {
  return QByteArray("BM") + le(0, 4) + le(0, 4) + le(54, 4) + le(40, 4) + le(uint32_t(width), 4) + le(uint32_t(height), 4) +
         le(1, 2) + le(24, 2) + QByteArray(24, '\0');
}
inline QByteArray webpLosslessHeader(uint32_t width, uint32_t height) {  // VP8L: 14-bit sides
  const uint32_t bits = (width - 1) | ((height - 1) << 14);
  return QByteArray("RIFF") + le(100, 4) + QByteArray("WEBPVP8L") + le(80, 4) + QByteArray(1, '\x2F') + le(bits, 4) + QByteArray(16, '\0');
}
inline QByteArray webpExtendedHeader(uint32_t width, uint32_t height) {  // VP8X: 24-bit sides
  return QByteArray("RIFF") + le(100, 4) + QByteArray("WEBPVP8X") + le(10, 4) + le(0, 4) + le(width - 1, 3) + le(height - 1, 3) +
         QByteArray(16, '\0');
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace crafted
