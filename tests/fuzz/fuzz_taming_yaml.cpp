// The taming-transformers YAML config reader (a VQGAN's model.yaml) on arbitrary bytes written
// to a file: vqgan::config_from_yaml (read_taming_yaml, yaml_integer on every number, validate),
// then, for a configuration it accepts, the parameter shapes the loader compares with a checkpoint.
#include "fuzz/fuzz_common.h"

#if __has_include("vqgan/detail/config.h") && !defined(ATELIER_NO_TAMING_YAML)
#include "vqgan/detail/config.h"

namespace atelier::fuzz {

bool has_taming_yaml_reader() { return true; }

void read_taming_yaml(std::string_view data) {
  static InputFile file("config.yaml");
  const vqgan::VqganConfig config = vqgan::config_from_yaml(file.write(data));
  (void)config.describe();
  (void)config.factor();
  (void)config.parameter_count();
  (void)config.parameter_shapes();
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_taming_yaml)

#else  // the reader is not there (yet, or not in this build): tst_bad_files skips its files

namespace atelier::fuzz {

bool has_taming_yaml_reader() { return false; }

void read_taming_yaml(std::string_view) {
  throw Error(ErrorKind::Unsupported, "this build has no engine/vqgan/detail/config.h (read_taming_yaml)");
}

}  // namespace atelier::fuzz

#endif
