// The restricted unpickler on arbitrary bytes (a data.pkl): io::unpickle with storages that are
// zeros of the asked dtype and size (at most 4 MB: a bigger one is refused here, as a real
// archive's record would be missing), then collect_tensors, then every tensor read.
#include <ATen/ATen.h>

#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_tensors.h"
#include "io/detail/pickle.h"

namespace atelier::fuzz {

void read_pickle(std::string_view data) {
  one_thread();
  constexpr int64_t kMaxStorageBytes = 4 << 20;
  const io::StorageLoader storages = [](const std::string& key, at::ScalarType dtype, int64_t numel) {
    if (numel < 0 || numel > kMaxStorageBytes / int64_t(c10::elementSize(dtype)))
      throw Error(ErrorKind::BadFile, "fuzz.pkl: the harness gives storages of at most 4 MB, not " + std::to_string(numel) + " elements");
    return at::zeros({numel}, at::TensorOptions().dtype(dtype));
  };
  const auto result = io::unpickle(data, storages, "fuzz.pkl");
  touch_tensors(io::collect_tensors(result.root), uint64_t(1) << 30);
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_pickle)
