// BigGAN-deep against the reference (huggingface/pytorch-pretrained-BigGAN): a tiny random model
// made and saved by the reference code as the published files are (config.json, pytorch_model.bin
// in torch.save's legacy format; tools/make_biggan_fixtures.py) gives the reference's outputs
// within 1e-4 for several classes and truncations, between stored statistics too. The legacy
// reader gives the tensors of the same state dict saved as a zip (shared storages at offsets,
// transposed strides), honours a storage view, and refuses truncated files, storages larger than
// the file and globals outside the allow-list as the zip reader does. A config that disagrees
// with the weights is refused naming the tensor; gradients reach z and the class vector.
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "common/errors.h"
#include "gan/biggan.h"
#include "gan/detail/biggan.h"
#include "io/detail/checkpoint.h"
#include "io/detail/tensor_image.h"

using namespace atelier;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(ATELIER_SOURCE_DIR) / "tests" / "data" / "biggan";
constexpr int kCases = 5;

double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The kind and message of the atelier::Error a call throws (Internal, "(no error)" when none).
std::pair<ErrorKind, std::string> failure(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return {e.kind(), e.what()};
  }
  return {ErrorKind::Internal, "(no error)"};
}

std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
fs::path writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
  return file;
}

// ---- a legacy torch.save file, opcode by opcode (protocol 2, as torch.save writes it) ---------
std::string le(uint64_t v, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += char((v >> (8 * i)) & 0xff);
  return s;
}
std::string str(const std::string& s) { return "X" + le(s.size(), 4) + s; }
std::string num(uint32_t i) { return "J" + le(i, 4); }
std::string long8(int64_t i) { return "\x8a\x08" + le(uint64_t(i), 8); }
std::string global(const std::string& module, const std::string& name) { return "c" + module + "\n" + name + "\n"; }
std::string tuple(const std::string& items) { return "(" + items + "t"; }
// The persistent id of a float storage: ('storage', torch.FloatStorage, key, 'cpu', numel, view).
std::string storage(const std::string& key, const std::string& numel, const std::string& view = "N") {
  return tuple(str("storage") + global("torch", "FloatStorage") + str(key) + str("cpu") + numel + view) + "Q";
}
// torch._utils._rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()).
std::string tensor(const std::string& storage_id, uint32_t offset, const std::vector<uint32_t>& size, const std::vector<uint32_t>& stride) {
  std::string s, t;
  for (auto d : size) s += num(d);
  for (auto d : stride) t += num(d);
  return global("torch._utils", "_rebuild_tensor_v2") + "(" + storage_id + num(offset) + tuple(s) + tuple(t) + "\x89" +
         global("collections", "OrderedDict") + ")R" + "tR";
}
// The magic number's, the protocol version's (1001) and the system information's pickles.
const std::string kHeader = std::string("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.") + "\x80\x02M\xe9\x03." + "\x80\x02}" +
                            str("little_endian") + "\x88s.";
std::string keys(const std::vector<std::string>& names) {
  std::string s = "\x80\x02(";
  for (const auto& k : names) s += str(k);
  return s + "l.";
}
std::string floats(const std::vector<float>& values) {  // a storage's record: its element count, then its bytes
  std::string s = le(values.size(), 8);
  s.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  return s;
}

}  // namespace

class TestBigGan : public QObject {
  Q_OBJECT
  io::StateDict m_golden;
  QTemporaryDir m_dir;
  fs::path at(const std::string& name) const { return fs::path(m_dir.path().toStdString()) / name; }

 private Q_SLOTS:
  void initTestCase() { m_golden = io::read_state_dict(kData / "golden.pt"); }

  void loadsThePublishedLayout() {
    QVERIFY(gan::is_biggan_folder(kData));
    QVERIFY(gan::is_biggan_folder(kData / "pytorch_model.bin"));
    QVERIFY(!gan::is_biggan_folder(fs::path(ATELIER_SOURCE_DIR) / "tests" / "data" / "vqgan"));
    const auto model = gan::BigGan::load(kData);
    QCOMPARE(model.info().resolution, int64_t(32));
    QCOMPARE(model.info().z_dim, int64_t(8));
    QCOMPARE(model.info().num_classes, int64_t(10));
    QCOMPARE(model.info().name, std::string("biggan"));
    QVERIFY2(contains(model.info().architecture, "attention at 8 px"), model.info().architecture.c_str());
    QVERIFY(model.bytes() > 100'000);
    QCOMPARE(model.net().image_size(), int64_t(32));
    // The reference's download names: NAME-pytorch_model.bin beside NAME-config.json.
    fs::create_directories(at("downloads"));
    fs::copy_file(kData / "pytorch_model.bin", at("downloads") / "biggan-deep-tiny-pytorch_model.bin");
    fs::copy_file(kData / "config.json", at("downloads") / "biggan-deep-tiny-config.json");
    QVERIFY(gan::is_biggan_folder(at("downloads") / "biggan-deep-tiny-pytorch_model.bin"));
    QCOMPARE(gan::BigGan::load(at("downloads") / "biggan-deep-tiny-pytorch_model.bin").info().name, std::string("biggan-deep-tiny"));
  }

  void outputsMatchTheReference() {
    auto model = gan::BigGan::load(kData / "pytorch_model.bin");
    gan::BigGanNet& net = model.net();
    at::NoGradGuard no_grad;
    for (int i = 0; i < kCases; ++i) {
      const std::string n = std::to_string(i);
      const double t = m_golden.at("truncation" + n).item<double>();
      const at::Tensor want = m_golden.at("out" + n);
      const at::Tensor got = net.forward(m_golden.at("z" + n), m_golden.at("class" + n), t);
      qInfo("truncation %.3f: max |delta| %.2e", t, maxDiff(got, want));
      QVERIFY2(maxDiff(got, want) <= 1e-4, ("case " + n).c_str());
      QVERIFY(maxDiff(net.generate(m_golden.at("z" + n), m_golden.at("class" + n), t), (want + 1) * 0.5) <= 1e-4);
      // The public API: 8-bit images of the same outputs, within one level.
      const at::Tensor z = m_golden.at("z" + n).contiguous(), c = m_golden.at("class" + n).contiguous();
      std::vector<gan::Latent> zs;
      std::vector<gan::ClassVector> cs;
      for (int64_t b = 0; b < z.size(0); ++b) {
        zs.emplace_back(z[b].data_ptr<float>(), z[b].data_ptr<float>() + z.size(1));
        cs.emplace_back(c[b].data_ptr<float>(), c[b].data_ptr<float>() + c.size(1));
      }
      const auto images = model.generate(zs, cs, t);
      // The acceptance bar against the reference's own 8-bit images (convert_to_images): at most
      // 2/255 anywhere and under 0.5% of values off at all. Measured: identical.
      const at::Tensor reference = m_golden.at("image" + n).permute({0, 2, 3, 1}).contiguous();
      for (int64_t b = 0; b < z.size(0); ++b) {
        const uint8_t* r = reference[b].data_ptr<uint8_t>();
        const auto& px = images[size_t(b)].pixels;
        QCOMPARE(int64_t(px.size()), reference[b].numel());
        int worst = 0;
        size_t off = 0;
        for (size_t p = 0; p < px.size(); ++p) {
          const int d = std::abs(int(px[p]) - int(r[p]));
          worst = std::max(worst, d);
          off += d > 0;
        }
        qInfo("case %s image %lld: max %d/255, %zu of %zu values differ", n.c_str(), (long long)b, worst, off, px.size());
        QVERIFY(worst <= 2);
        QVERIFY(double(off) < 0.005 * double(px.size()));
      }
    }
    // The current class and truncation of the GeneratorNet interface.
    net.set_class(m_golden.at("class1")[1]);
    net.set_truncation(m_golden.at("truncation1").item<double>());
    QVERIFY(maxDiff(net.generate(m_golden.at("z1").slice(0, 1, 2)), (m_golden.at("out1").slice(0, 1, 2) + 1) * 0.5) <= 1e-4);
  }

  void gradientsReachZAndTheClassVector() {
    auto model = gan::BigGan::load(kData);
    gan::BigGanNet& net = model.net();
    net.freeze();
    const at::Tensor z = m_golden.at("z2").clone().requires_grad_(true);
    const at::Tensor logits = at::randn({2, 10}).requires_grad_(true);
    net.generate(z, at::softmax(logits, 1), 0.73).mean().backward();
    QVERIFY(z.grad().defined() && z.grad().abs().sum().item<double>() > 0);
    QVERIFY(logits.grad().defined() && logits.grad().abs().sum().item<double>() > 0);
    // Through the interface the guidance loop steers: the current class vector keeps its graph.
    const at::Tensor z2 = m_golden.at("z0").clone().requires_grad_(true), logits2 = at::zeros({10}).requires_grad_(true);
    net.set_class(at::softmax(logits2, 0));
    net.generate(z2).pow(2).mean().backward();
    QVERIFY(z2.grad().abs().sum().item<double>() > 0 && logits2.grad().abs().sum().item<double>() > 0);
  }

  void latentsAndArgumentsAreChecked() {
    const auto model = gan::BigGan::load(kData);
    const gan::Latent a = model.latent(7, 1.0), b = model.latent(7, 1.0), half = model.latent(7, 0.5);
    QCOMPARE(a, b);
    QVERIFY(a != model.latent(8, 1.0));
    for (size_t i = 0; i < a.size(); ++i) {
      QVERIFY(std::abs(a[i]) <= 2.0f);
      QCOMPARE(half[i], a[i] * 0.5f);  // the same draws, scaled by the truncation
    }
    QCOMPARE(failure([&] { model.latent(1, 0.0); }).first, ErrorKind::InvalidArgument);
    QCOMPARE(failure([&] { model.generate(a, int64_t(10), 0.5); }).first, ErrorKind::InvalidArgument);
    QCOMPARE(failure([&] { model.generate(a, int64_t(3), 1.5); }).first, ErrorKind::InvalidArgument);
    QCOMPARE(failure([&] { model.generate(gan::Latent(9), int64_t(3), 0.5); }).first, ErrorKind::InvalidArgument);
    const Image im = model.generate(a, int64_t(3), 0.5);
    QCOMPARE(im.width, 32);
    QCOMPARE(im.pixels.size(), size_t(32 * 32 * 3));
  }

  void theLegacyReaderGivesTheZipsTensors() {
    std::string kind;
    const io::StateDict legacy = io::read_state_dict(kData / "pytorch_model.bin", &kind);
    QCOMPARE(kind, std::string("legacy"));
    const io::StateDict zip = io::read_state_dict(kData / "state_dict.pt");
    QCOMPARE(legacy.size(), zip.size());
    for (const auto& [name, t] : zip) {
      QVERIFY2(legacy.count(name), name.c_str());
      QVERIFY2(legacy.at(name).sizes() == t.sizes() && at::equal(legacy.at(name), t), name.c_str());
    }
    // As the reference's converter leaves them: a batch norm's means and variances in one
    // storage, the variances at an offset; weights as transposed views.
    const at::Tensor& means = legacy.at("generator.layers.0.bn_0.running_means");
    const at::Tensor& vars = legacy.at("generator.layers.0.bn_0.running_vars");
    QVERIFY(vars.data_ptr<float>() == means.data_ptr<float>() + means.numel());
    QVERIFY(!legacy.at("generator.gen_z.weight_orig").is_contiguous());
  }

  void aStorageViewIsHonoured() {
    // Storage "0" of 6 floats; "a" is a view of it from element 2 (pre-1.0 files), read from
    // its element 1: [3, 4, 5]. "b" is the whole storage as 2 x 3.
    const std::string pkl = "\x80\x02}(" + str("a") + tensor(storage("0", num(6), tuple(str("v") + num(2) + num(4))), 1, {3}, {1}) +
                            str("b") + tensor(storage("0", num(6)), 0, {2, 3}, {3, 1}) + "u.";
    const fs::path file = writeBytes(at("view.pt"), kHeader + pkl + keys({"0"}) + floats({0, 1, 2, 3, 4, 5}));
    const io::StateDict sd = io::read_state_dict(file);
    QVERIFY(at::equal(sd.at("a"), at::arange(3, 6, at::kFloat)));
    QVERIFY(at::equal(sd.at("b"), at::arange(6, at::kFloat).view({2, 3})));
    // A view past its storage.
    const std::string past = "\x80\x02}(" + str("a") + tensor(storage("0", num(6), tuple(str("v") + num(4) + num(4))), 0, {1}, {1}) + "u.";
    const auto [kind, msg] = failure([&] {
      io::read_state_dict(writeBytes(at("past.pt"), kHeader + past + keys({"0"}) + floats({0, 1, 2, 3, 4, 5})));
    });
    QCOMPARE(kind, ErrorKind::BadFile);
    QVERIFY2(contains(msg, "past the end of its storage"), msg.c_str());
  }

  void damagedLegacyFilesAreRefused() {
    const std::string whole = readBytes(kData / "pytorch_model.bin");
    for (double f : {0.9999, 0.9, 0.5, 0.1, 0.01}) {
      const fs::path file = writeBytes(at("cut.bin"), whole.substr(0, size_t(double(whole.size()) * f)));
      const auto [kind, msg] = failure([&] { io::read_state_dict(file); });
      QCOMPARE(kind, ErrorKind::BadFile);
      QVERIFY2(contains(msg, "cut.bin"), msg.c_str());
      if (f > 0.99) QVERIFY2(contains(msg, "truncated"), msg.c_str());
    }
    const std::string one = "\x80\x02}(" + str("w") + tensor(storage("0", num(4)), 0, {4}, {1}) + "u.";
    // A storage declared larger than the whole file: refused before it is allocated.
    const std::string huge = "\x80\x02}(" + str("w") + tensor(storage("0", long8(int64_t(1) << 40)), 0, {4}, {1}) + "u.";
    auto [kind, msg] = failure([&] {
      io::read_state_dict(writeBytes(at("huge.pt"), kHeader + huge + keys({"0"}) + floats({1, 2, 3, 4})));
    });
    QCOMPARE(kind, ErrorKind::BadFile);
    QVERIFY2(contains(msg, "more than the rest of the file"), msg.c_str());
    // A record whose element count is not the declared one.
    std::tie(kind, msg) = failure([&] {
      io::read_state_dict(writeBytes(at("count.pt"), kHeader + one + keys({"0"}) + floats({1, 2, 3})));
    });
    QCOMPARE(kind, ErrorKind::BadFile);
    QVERIFY2(contains(msg, "3 elements in the file"), msg.c_str());
    // A storage no tensor declared; a declared storage with no data.
    std::tie(kind, msg) = failure([&] {
      io::read_state_dict(writeBytes(at("extra.pt"), kHeader + one + keys({"1"}) + floats({1, 2, 3, 4})));
    });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "no tensor uses it"), msg.c_str());
    std::tie(kind, msg) = failure([&] { io::read_state_dict(writeBytes(at("nodata.pt"), kHeader + one + keys({}))); });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "no data"), msg.c_str());
    // A persistent id that is not a storage.
    const std::string module = "\x80\x02" + tuple(str("module") + num(0)) + "Q.";
    std::tie(kind, msg) = failure([&] { io::read_state_dict(writeBytes(at("module.pt"), kHeader + module + keys({}))); });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "persistent id"), msg.c_str());
    // A pickle that is not torch.save's.
    std::tie(kind, msg) = failure([&] { io::read_state_dict(writeBytes(at("bare.pkl"), "\x80\x02}" + std::string(20, 'N') + ".")); });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "magic number"), msg.c_str());
  }

  void aLegacyPickleNamingOsSystemIsRefusedAsInAZip() {
    fs::remove("/tmp/clip_atelier_pwned");
    const std::string pkl = "\x80\x02" + global("posix", "system") + tuple(str("echo pwned > /tmp/clip_atelier_pwned")) + "R.";
    const auto [kind, msg] = failure([&] { io::read_state_dict(writeBytes(at("system.pt"), kHeader + pkl + keys({}))); });
    {
      caffe2::serialize::PyTorchStreamWriter writer(at("system_zip.pt").string());
      writer.writeRecord("data.pkl", pkl.data(), pkl.size());
      writer.writeEndOfFile();
    }
    const auto zip = failure([&] { io::read_state_dict(at("system_zip.pt")); });
    QCOMPARE(kind, ErrorKind::Unsupported);
    QCOMPARE(kind, zip.first);
    QVERIFY2(contains(msg, "posix.system") && contains(msg, "nothing was run") && contains(msg, "system.pt"), msg.c_str());
    QVERIFY(!fs::exists("/tmp/clip_atelier_pwned"));
  }

  void aConfigThatDisagreesWithTheWeightsIsRefused() {
    const fs::path folder = at("wide");
    fs::create_directories(folder);
    fs::copy_file(kData / "pytorch_model.bin", folder / "pytorch_model.bin", fs::copy_options::overwrite_existing);
    std::string config = readBytes(kData / "config.json");
    const std::string from = "\"channel_width\": 4", to = "\"channel_width\": 8";
    QVERIFY(contains(config, from));
    writeBytes(folder / "config.json", config.replace(config.find(from), from.size(), to));
    auto [kind, msg] = failure([&] { gan::BigGan::load(folder); });
    QCOMPARE(kind, ErrorKind::BadFile);
    QVERIFY2(contains(msg, "generator.gen_z.weight_orig has shape [1024, 16], expected [2048, 16]"), msg.c_str());
    QVERIFY(!gan::is_biggan_folder(at("nothing")));
    // A tensor missing; a config the reference could not run.
    io::StateDict sd = io::read_state_dict(kData / "pytorch_model.bin");
    sd.erase("generator.layers.2.gamma");
    const auto config_ok = gan::BigGanConfig::read(kData / "config.json");
    std::tie(kind, msg) = failure([&] { gan::BigGanNet(config_ok, sd, "t.bin"); });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "t.bin has no generator.layers.2.gamma"), msg.c_str());
    std::tie(kind, msg) = failure(
        [&] { gan::BigGanConfig::parse(R"({"output_dim": 32, "channel_width": 4, "layers": [[false, 16, 4], [true, 4, 1]]})", "c.json"); });
    QVERIFY2(kind == ErrorKind::BadFile && contains(msg, "c.json") && contains(msg, "shortcut"), msg.c_str());
  }
};

QTEST_GUILESS_MAIN(TestBigGan)
#include "tst_biggan.moc"
