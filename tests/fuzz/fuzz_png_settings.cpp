// The reader of the settings a CLIP + VQGAN frame carries in its PNG text chunks (a file opened
// or dropped on the tab, a run's history): VqganPanel::settingsFromPng on arbitrary bytes written
// to a file. Qt's image readers decode it; the panel reads the text chunks as numbers.
#include <QString>

#include "fuzz/fuzz_common.h"
#include "vqgan_panel.h"

namespace atelier::fuzz {

void read_png_settings(std::string_view data) {
  static InputFile file("settings.png");
  bool ok = false;
  const VqganPanel::Settings s = VqganPanel::settingsFromPng(QString::fromStdString(file.write(data).string()), &ok);
  (void)s;
  // The reader's own refusal is ok == false (it throws nothing): said as an Error, for the logs.
  if (!ok) throw Error(ErrorKind::BadFile, "not a PNG with CLIP Atelier's settings (settingsFromPng: ok is false)");
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_png_settings)
