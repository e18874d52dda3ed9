#include "io/detail/zip_index.h"

#include "runtime/error.h"

namespace atelier::io {

namespace {

uint64_t le(std::string_view d, size_t at, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t(uint8_t(d[at + i])) << (8 * i);
  return v;
}

}  // namespace

std::map<std::string, ZipEntry> read_zip_index(std::string_view d, const std::string& source) {
  auto bad = [&](const std::string& what) { return Error(ErrorKind::BadFile, source + ": a damaged zip directory (" + what + ")"); };
  // The end of central directory record: its signature within the last 64 KB + 22 bytes.
  if (d.size() < 22) throw bad("too short");
  size_t eocd = std::string_view::npos;
  const size_t lowest = d.size() > 65557 ? d.size() - 65557 : 0;
  for (size_t i = d.size() - 22;; --i) {
    if (le(d, i, 4) == 0x06054b50) {
      eocd = i;
      break;
    }
    if (i == lowest) break;
  }
  if (eocd == std::string_view::npos) throw bad("no end record");
  uint64_t entries = le(d, eocd + 10, 2), dir_size = le(d, eocd + 12, 4), dir_offset = le(d, eocd + 16, 4);
  if (entries == 0xFFFF || dir_size == 0xFFFFFFFF || dir_offset == 0xFFFFFFFF) {  // zip64
    if (eocd < 20 || le(d, eocd - 20, 4) != 0x07064b50) throw bad("a zip64 archive without its locator");
    const uint64_t rec = le(d, eocd - 20 + 8, 8);
    if (rec > d.size() - 56 || le(d, size_t(rec), 4) != 0x06064b50) throw bad("a zip64 end record out of place");
    entries = le(d, size_t(rec) + 32, 8);
    dir_size = le(d, size_t(rec) + 40, 8);
    dir_offset = le(d, size_t(rec) + 48, 8);
  }
  if (dir_offset > d.size() || dir_size > d.size() - dir_offset) throw bad("a directory outside the file");
  if (entries > dir_size / 46) throw bad("more entries than the directory holds");
  std::map<std::string, ZipEntry> out;
  size_t p = size_t(dir_offset);
  const size_t end = size_t(dir_offset + dir_size);
  for (uint64_t e = 0; e < entries; ++e) {
    if (end - p < 46 || le(d, p, 4) != 0x02014b50) throw bad("an entry out of place");
    ZipEntry z;
    z.method = uint16_t(le(d, p + 10, 2));
    z.compressed = le(d, p + 20, 4);
    z.uncompressed = le(d, p + 24, 4);
    const size_t name_len = le(d, p + 28, 2), extra_len = le(d, p + 30, 2), comment_len = le(d, p + 32, 2);
    if (end - p - 46 < name_len + extra_len + comment_len) throw bad("an entry longer than the directory");
    std::string name(d.substr(p + 46, name_len));
    // zip64 sizes: the extra field 0x0001 holds those stored as 0xFFFFFFFF, in order.
    for (size_t x = p + 46 + name_len, xend = x + extra_len; xend - x >= 4;) {
      const uint64_t id = le(d, x, 2), len = le(d, x + 2, 2);
      if (len > xend - x - 4) throw bad("an extra field longer than its entry");
      if (id == 0x0001) {
        size_t q = x + 4;
        if (z.uncompressed == 0xFFFFFFFF && q + 8 <= x + 4 + len) z.uncompressed = le(d, q, 8), q += 8;
        if (z.compressed == 0xFFFFFFFF && q + 8 <= x + 4 + len) z.compressed = le(d, q, 8);
      }
      x += 4 + len;
    }
    out[std::move(name)] = z;
    p += 46 + name_len + extra_len + comment_len;
  }
  return out;
}

}  // namespace atelier::io
