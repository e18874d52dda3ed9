// Hostile checkpoints (issue 16): pickles and zip archives crafted to crash, hang or exhaust
// the reader. Each is refused with a message naming the problem, or read within its budget,
// in bounded time and memory; the process's own peak (getrusage) stays under 2 GB for all of
// them together, so under it for each.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <caffe2/serialize/inline_container.h>
#include <sys/resource.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "common/errors.h"
#include "common/process.h"
#include "io/detail/checkpoint.h"
#include "io/detail/pickle.h"
#include "runtime/limits.h"

using namespace atelier;
namespace fs = std::filesystem;

namespace {

// ---- a few pickle opcodes, enough to build what an attacker would -------------------------
std::string le32(uint32_t v) { return {char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; }
std::string str(const std::string& s) { return "X" + le32(uint32_t(s.size())) + s; }
std::string num(uint32_t i) { return "J" + le32(i); }
std::string global(const std::string& module, const std::string& name) { return "c" + module + "\n" + name + "\n"; }
std::string tuple(const std::string& items) { return "(" + items + "t"; }
const std::string kProto = "\x80\x02";

// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).
std::string tensor(const std::string& key, uint32_t storage_numel, const std::vector<uint32_t>& size,
                   const std::vector<uint32_t>& stride) {
  std::string s, t;
  for (auto d : size) s += num(d);
  for (auto d : stride) t += num(d);
  return global("torch._utils", "_rebuild_tensor_v2") + "(" +
         tuple(str("storage") + global("torch", "FloatStorage") + str(key) + str("cpu") + num(storage_numel)) + "Q" + num(0) +
         tuple(s) + tuple(t) + "\x89" + global("collections", "OrderedDict") + ")R" + "tR";
}

// A torch.save-like zip: data.pkl and float storages (zeros) named 0, 1, ...
fs::path writeZip(const fs::path& file, const std::string& pickle, const std::vector<size_t>& storage_numels = {},
                  bool compress = false) {
  caffe2::serialize::PyTorchStreamWriter writer(file.string());
  writer.writeRecord("data.pkl", pickle.data(), pickle.size(), compress);
  for (size_t i = 0; i < storage_numels.size(); ++i) {
    std::vector<float> zeros(storage_numels[i], 0.0f);
    writer.writeRecord("data/" + std::to_string(i), zeros.data(), zeros.size() * sizeof(float), compress);
  }
  writer.writeEndOfFile();
  return file;
}

constexpr long kPeakLimitMb = 2048;

}  // namespace

class TestHostileCheckpoints : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  fs::path at(const std::string& name) const { return fs::path(dir_.path().toStdString()) / name; }

  void checkPeak() {
    const long mb = peakMegabytes();
    QVERIFY2(mb < kPeakLimitMb, (std::to_string(mb) + " MB peak").c_str());
  }

 private Q_SLOTS:
  void cleanupTestCase() { qInfo("peak resident memory of all cases: %ld MB (limit %ld MB)", peakMegabytes(), kPeakLimitMb); }

  void aWellFormedCraftedCheckpointLoads() {
    // The builder itself is right: a 2x3 tensor in a dict reads back.
    const auto file = writeZip(at("good.pt"), kProto + "}(" + str("w") + tensor("0", 6, {2, 3}, {3, 1}) + "u.", {6});
    const auto sd = io::read_state_dict(file);
    QCOMPARE(sd.size(), size_t(1));
    QCOMPARE(sd.at("w").sizes().vec(), (std::vector<int64_t>{2, 3}));
  }

  void aMillionNestedListsAreRefused() {
    // 2 MB: MARK x 1,000,000, EMPTY_LIST, LIST x 1,000,000. The recursive walk overflowed the stack.
    const size_t n = 1'000'000;
    const std::string pkl = kProto + std::string(n, '(') + "]" + std::string(n, 'l') + ".";
    const auto file = writeZip(at("nested.pt"), pkl);
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("nested deeper than") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("nested.pt") != std::string::npos, msg.c_str());
    checkPeak();
  }

  void aSharedSubgraphIsWalkedOnce() {
    // 60 levels of [x, x] through the memo: 2^60 paths. With a tensor at the leaves.
    std::string pkl = kProto + tensor("0", 4, {4}, {1}) + "q" + std::string(1, '\0');
    for (int level = 1; level <= 60; ++level)
      pkl += "(h" + std::string(1, char(level - 1)) + "h" + std::string(1, char(level - 1)) + "lq" + std::string(1, char(level));
    pkl += ".";
    const auto file = writeZip(at("dag.pt"), pkl, {4});
    QElapsedTimer timer;
    timer.start();
    const auto sd = io::read_state_dict(file);
    QVERIFY2(timer.elapsed() < 10'000, "read in bounded time");
    QCOMPARE(sd.size(), size_t(2));  // each container once: the leaf list names its two items
    checkPeak();
  }

  void aDeflatedPickleOfFiftyMillionValuesIsRefused() {
    // 50 MB of None, deflated to about 50 KB. Inflated in full before any check; now within a
    // budget relative to the archive, and its values counted.
    const std::string pkl = kProto + "(" + std::string(50'000'000, 'N') + "l.";
    const auto file = writeZip(at("nones.pt"), pkl, {}, true);
    QVERIFY(fs::file_size(file) < 200'000);
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("past what any checkpoint needs") != std::string::npos, msg.c_str());
    checkPeak();
  }

  void aZipBombIsRefusedBeforeInflating() {
    // 160 MB of zeros in a storage record deflates to about 160 KB: more than 16 times the
    // archive, refused from the zip's directory before miniz inflates anything.
    const std::string pkl = kProto + "}(" + str("w") + tensor("0", 40'000'000, {40'000'000}, {1}) + "u.";
    const auto file = writeZip(at("bomb.pt"), pkl, {40'000'000}, true);
    QVERIFY(fs::file_size(file) < 2'000'000);
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("inflate to more than") != std::string::npos, msg.c_str());
    checkPeak();
  }

  void stridesOfZeroCannotDeclareAHugeModel() {
    // A 4096 x 4096 weight over a storage of 4 floats: strides of 0.
    const std::string pkl = kProto + "}(" + str("transformer.resblocks.0.mlp.c_fc.weight") + tensor("0", 4, {4096, 4096}, {0, 0}) + "u.";
    const auto file = writeZip(at("stride0.pt"), pkl, {4});
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("strides repeat elements") != std::string::npos, msg.c_str());
  }

  void globalsOutsideTheAllowListAreRefusedByName() {
    // Nothing would run here anyway; but timeit.timeit("os.system(...)") loaded silently.
    const std::string pkl = kProto + global("timeit", "timeit") + tuple(str("import os; os.system('true')")) + "R.";
    const auto file = writeZip(at("timeit.pt"), pkl);
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("timeit.timeit") != std::string::npos && msg.find("nothing was run") != std::string::npos, msg.c_str());
    QVERIFY(io::allowed_global("torch._utils._rebuild_tensor_v2"));
    QVERIFY(io::allowed_global("torch.BFloat16Storage"));
    QVERIFY(io::allowed_global("__torch__.clip.model.CLIP"));
    QVERIFY(!io::allowed_global("builtins.eval"));
    QVERIFY(!io::allowed_global("torch.load"));
    QVERIFY(!io::allowed_global("torch.storage._load_from_bytes"));
    // Objects of a user's classes stay opaque (Lightning keeps callbacks' states so); not those
    // of modules that only mean running code.
    QVERIFY(io::instantiable("__main__.SomeLightningCallback"));
    QVERIFY(!io::instantiable("os.system") && !io::instantiable("builtins.eval") && !io::instantiable("timeit.Timer"));
    const std::string newobj = kProto + global("subprocess", "Popen") + ")\x81.";
    const std::string msg2 = errorOf([&] { io::unpickle(newobj, nullptr, "t.pkl"); });
    QVERIFY2(msg2.find("subprocess.Popen") != std::string::npos, msg2.c_str());
  }

  void aTupleDoesNotReachPastAMark() {
    const std::string pkl = kProto + "N(\x85.";  // MARK then TUPLE1: the None is below the mark
    const std::string msg = errorOf([&] { io::unpickle(pkl, nullptr, "t.pkl"); });
    QVERIFY2(msg.find("TUPLE past a mark") != std::string::npos, msg.c_str());
  }

  void aMemoIndexMustBeANumber() {
    const std::string pkl = kProto + "Np12garbage\n.";
    const std::string msg = errorOf([&] { io::unpickle(pkl, nullptr, "t.pkl"); });
    QVERIFY2(msg.find("malformed memo index") != std::string::npos, msg.c_str());
  }

  void aSafetensorsShapeLargerThanTheFileIsRefused() {
    // 2^62 elements over 0 bytes: the product overflowed to 0 and matched the empty range.
    const std::string header = R"({"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}})";
    const fs::path file = at("huge.safetensors");
    {
      std::ofstream out(file, std::ios::binary);
      const uint64_t n = header.size();
      for (int i = 0; i < 8; ++i) out.put(char(n >> (8 * i)));
      out << header;
    }
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("larger than the file") != std::string::npos, msg.c_str());
  }

  void aVeryLongKeyIsRefused() {
    const std::string key(1'000'000, '7');
    const std::string pkl = kProto + "}(" + str(key) + tensor("0", 1, {1}, {1}) + "u.";
    const auto file = writeZip(at("longkey.pt"), pkl, {1});
    const std::string msg = errorOf([&] { io::read_state_dict(file); });
    QVERIFY2(msg.find("over the limit of") != std::string::npos, msg.c_str());
  }
};

QTEST_GUILESS_MAIN(TestHostileCheckpoints)
#include "tst_hostile_checkpoints.moc"
