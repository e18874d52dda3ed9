// The engine's runtime: the worker, job control, errors, threads, devices and model paths.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <c10/util/Exception.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "clip/clip.h"
#include "common/crafted_images.h"
#include "common/errors.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/model_cache.h"
#include "runtime/model_paths.h"
#include "runtime/runtime_info.h"
#include "runtime/worker.h"

using namespace atelier;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
// Waits (bounded) for a condition set by the worker thread.
template <typename Pred>
bool waitFor(Pred pred, std::chrono::milliseconds limit = 10s) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

// A model for the cache's tests: counts its loads.
struct FakeModel {
  static inline int loads = 0;
  std::string name;
  explicit FakeModel(std::string n) : name(std::move(n)) { ++loads; }
  size_t bytes() const { return 1000; }
};

// A run of many short steps that records how far it got.
struct SteppedRun {
  std::atomic<int> step{0};
  std::atomic<bool> stop{false};
  JobFn fn(int steps = 100000) {
    return [this, steps](JobContext& ctx) {
      for (int i = 0; i < steps && !stop; ++i) {
        ctx.checkpoint();
        std::this_thread::sleep_for(2ms);  // one step of work
        ++step;
      }
    };
  }
};

struct Finished {
  std::promise<JobResult> promise;
  FinishedFn fn() {
    return [this](const JobResult& r) { promise.set_value(r); };
  }
  JobResult get() {
    auto f = promise.get_future();
    if (f.wait_for(10s) != std::future_status::ready) qFatal("job did not finish in 10 s");
    return f.get();
  }
};
}  // namespace

class TestRuntime : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void jobsRunInOrderOnOneThread() {
    Worker worker(1);
    std::vector<int> order;
    std::mutex m;
    std::set<std::thread::id> threads;
    Finished last;
    for (int i = 0; i < 5; ++i) {
      worker.submit("job", [&, i](JobContext&) {
        std::lock_guard lock(m);
        order.push_back(i);
        threads.insert(std::this_thread::get_id());
      }, {}, i == 4 ? last.fn() : FinishedFn{});
    }
    QCOMPARE(last.get().state, JobState::Finished);
    QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4}));
    QCOMPARE(threads.size(), size_t(1));
    QVERIFY(*threads.begin() != std::this_thread::get_id());
  }

  void cancelTakesEffectWithinOneStep() {
    Worker worker(1);
    std::atomic<int64_t> step{0};
    Finished done;
    JobHandle job = worker.submit("steps", [&](JobContext& ctx) {
      for (int i = 0; i < 100000; ++i) {
        ctx.checkpoint();
        std::this_thread::sleep_for(2ms);  // one "step" of work
        step = i + 1;
      }
    }, {}, done.fn());
    QVERIFY(waitFor([&] { return step >= 5; }));
    const int64_t at_cancel = step;
    job.cancel();
    JobResult r = done.get();
    QCOMPARE(r.state, JobState::Cancelled);
    // The step under way when cancel came may finish; no further step starts.
    QVERIFY2(step <= at_cancel + 1, qPrintable(QString("cancelled at %1, ran to %2").arg(at_cancel).arg(step.load())));
    QCOMPARE(job.state(), JobState::Cancelled);
  }

  void pauseHoldsAndResumeContinues() {
    Worker worker(1);
    std::atomic<int64_t> step{0};
    Finished done;
    JobHandle job = worker.submit("steps", [&](JobContext& ctx) {
      for (int i = 0; i < 200; ++i) {
        ctx.checkpoint();
        std::this_thread::sleep_for(1ms);
        step = i + 1;
      }
    }, {}, done.fn());
    QVERIFY(waitFor([&] { return step >= 3; }));
    job.pause();
    QVERIFY(waitFor([&] { return job.state() == JobState::Paused; }));
    const int64_t held = step;
    std::this_thread::sleep_for(50ms);
    QCOMPARE(step.load(), held);
    job.resume();
    QCOMPARE(done.get().state, JobState::Finished);
    QCOMPARE(step.load(), int64_t(200));
  }

  void cancelWakesAPausedJob() {
    Worker worker(1);
    std::atomic<int64_t> step{0};
    Finished done;
    JobHandle job = worker.submit("steps", [&](JobContext& ctx) {
      for (;;) {
        ctx.checkpoint();
        ++step;
        std::this_thread::sleep_for(1ms);
      }
    }, {}, done.fn());
    QVERIFY(waitFor([&] { return step >= 2; }));
    job.pause();
    QVERIFY(waitFor([&] { return job.state() == JobState::Paused; }));
    job.cancel();
    QCOMPARE(done.get().state, JobState::Cancelled);
  }

  void parameterChangesReachTheRunningJob() {
    Worker worker(1);
    std::atomic<bool> ready{false};
    std::atomic<double> seen{0.0};
    Finished done;
    JobHandle job = worker.submit("params", [&](JobContext& ctx) {
      ready = true;
      for (int i = 0; i < 5000; ++i) {
        ctx.checkpoint();
        auto changes = ctx.take_changes();
        if (auto it = changes.find("lr"); it != changes.end()) {
          seen = std::get<double>(it->second);
          return;
        }
        std::this_thread::sleep_for(1ms);
      }
    }, {}, done.fn());
    QVERIFY(waitFor([&] { return ready.load(); }));
    job.set_param("lr", 0.25);
    QCOMPARE(done.get().state, JobState::Finished);
    QCOMPARE(seen.load(), 0.25);
  }

  void aTaskRunsBetweenTwoStepsOfARun() {
    // The ordering the CLIP tab relies on while CLIP + VQGAN paints: a task submitted during a
    // run is answered at the run's next checkpoint, before the run takes one more step (N = 1).
    // The run's steps are gated by the test, so the count is exact however busy the machine is.
    Worker worker(1);
    std::mutex m;
    std::condition_variable cv;
    int permits = 0, step = 0;
    bool waiting = false, stop = false;
    Finished runDone;
    worker.submit("long run", [&](JobContext& ctx) {
      for (;;) {
        ctx.checkpoint();
        std::unique_lock lock(m);
        waiting = true;
        cv.notify_all();
        cv.wait(lock, [&] { return permits > 0 || stop; });
        waiting = false;
        if (stop) return;
        --permits;
        ++step;  // one step of work
      }
    }, {}, runDone.fn());
    auto grant = [&](int n) {
      std::lock_guard lock(m);
      permits += n;
      cv.notify_all();
    };
    auto atGate = [&] {
      std::unique_lock lock(m);
      return cv.wait_for(lock, 10s, [&] { return waiting && permits == 0; });
    };
    grant(3);
    for (int i = 0; i < 20; ++i) {
      QVERIFY(atGate());  // the run has passed its checkpoint and waits to take its next step
      int submittedAt = 0;
      {
        std::lock_guard lock(m);
        submittedAt = step;
      }
      std::atomic<int> ranAt{-1};
      Finished taskDone;
      worker.submit_task("score", [&](JobContext&) {
        std::lock_guard lock(m);
        ranAt = step;
      }, {}, taskDone.fn());
      grant(1);  // one step, then the checkpoint where the task must run
      QCOMPARE(taskDone.get().state, JobState::Finished);
      QCOMPARE(ranAt.load(), submittedAt + 1);
    }
    {
      std::lock_guard lock(m);
      stop = true;
      cv.notify_all();
    }
    QCOMPARE(runDone.get().state, JobState::Finished);
  }

  void tasksGoAheadOfQueuedRuns() {
    Worker worker(1);
    std::vector<std::string> order;
    std::mutex m;
    std::promise<void> release;
    auto gate = release.get_future().share();
    auto record = [&](std::string name) {
      return [&, name](JobContext&) {
        std::lock_guard lock(m);
        order.push_back(name);
      };
    };
    worker.submit("blocker", [gate](JobContext&) { gate.wait(); });
    worker.submit("run a", record("run a"));
    worker.submit_task("task b", record("task b"));
    Finished last;
    worker.submit("run c", record("run c"), {}, last.fn());
    release.set_value();
    last.get();
    QCOMPARE(order, (std::vector<std::string>{"task b", "run a", "run c"}));
  }

  void aPausedRunStillServesTasks() {
    Worker worker(1);
    SteppedRun run;
    Finished runDone;
    JobHandle job = worker.submit("long run", run.fn(), {}, runDone.fn());
    QVERIFY(waitFor([&] { return run.step >= 3; }));
    job.pause();
    QVERIFY(waitFor([&] { return job.state() == JobState::Paused; }));
    const int pausedAt = run.step;
    Finished taskDone;
    worker.submit_task("score", [](JobContext&) {}, {}, taskDone.fn());
    QCOMPARE(taskDone.get().state, JobState::Finished);
    QCOMPARE(job.state(), JobState::Paused);  // still paused: the task did not resume it
    QCOMPARE(run.step.load(), pausedAt);
    job.cancel();
    QCOMPARE(runDone.get().state, JobState::Cancelled);
  }

  void cancellingAQueuedRunEndsItAtOnce() {
    Worker worker(1);
    SteppedRun first;
    Finished firstDone, queuedDone;
    worker.submit("first", first.fn(), {}, firstDone.fn());
    std::atomic<bool> ran{false};
    JobHandle queued = worker.submit("queued", [&](JobContext&) { ran = true; }, {}, queuedDone.fn());
    QVERIFY(waitFor([&] { return first.step >= 2; }));
    worker.cancel(queued);
    QCOMPARE(queuedDone.get().state, JobState::Cancelled);  // within a step of the first run, not at its end
    QVERIFY(first.step < 100000);
    QVERIFY(!ran);
    first.stop = true;
    QCOMPARE(firstDone.get().state, JobState::Finished);
  }

  void nextStepHandsChangesAndStops() {
    Worker worker(1);
    std::atomic<bool> ready{false};
    std::vector<std::string> names;
    Finished done;
    JobHandle job = worker.submit("loop", [&](JobContext& ctx) {
      ready = true;
      while (ctx.next_step([&](const std::string& name, const ParamValue&) { names.push_back(name); }))
        std::this_thread::sleep_for(1ms);
    }, {}, done.fn());
    QVERIFY(waitFor([&] { return ready.load(); }));
    job.set_param(param::prompts, std::string("a blue square"));
    job.set_param(param::lr, 0.1);
    QVERIFY(waitFor([&] { return job.state() == JobState::Running; }));
    std::this_thread::sleep_for(20ms);
    job.cancel();
    QCOMPARE(done.get().state, JobState::Cancelled);  // next_step said stop; the worker reports it
    std::sort(names.begin(), names.end());  // one step or two, depending on when the loop looked
    QCOMPARE(names, (std::vector<std::string>{"lr", "prompts"}));
  }

  void failuresKeepTheirKind() {
    Worker worker(1);
    Finished done;
    worker.submit("load", [](JobContext&) { throw Error(ErrorKind::NotFound, "no VQGAN is installed"); }, {}, done.fn());
    const JobResult r = done.get();
    QCOMPARE(r.state, JobState::Failed);
    QCOMPARE(r.kind, ErrorKind::NotFound);
    Finished oom;
    worker.submit("alloc", [](JobContext&) { throw std::bad_alloc(); }, {}, oom.fn());
    QCOMPARE(oom.get().kind, ErrorKind::Device);
  }

  void theModelCacheLoadsOncePerFile() {
    ModelCache cache;
    FakeModel::loads = 0;
    auto load = [](const char* name) { return [name] { return FakeModel(name); }; };
    auto a = cache.get<FakeModel>("clip", "/m/a.pt", "cpu", load("a"));
    auto a2 = cache.get<FakeModel>("clip", "/m/a.pt", "cpu", load("a"));
    QCOMPARE(a.get(), a2.get());
    QCOMPARE(FakeModel::loads, 1);
    QCOMPARE(cache.bytes(), size_t(1000));
    auto vq = cache.get<FakeModel>("vqgan", "/m/v.ckpt", "cpu", load("v"));  // another kind: both stay
    QCOMPARE(cache.entries().size(), size_t(2));
    // While a holder keeps a, loading b keeps both; once nobody holds a, the next load frees it.
    auto b = cache.get<FakeModel>("clip", "/m/b.pt", "cpu", load("b"));
    QVERIFY(cache.contains("clip", "/m/a.pt"));
    a.reset();
    a2.reset();
    b.reset();
    auto c = cache.get<FakeModel>("clip", "/m/c.pt", "cpu", load("c"));
    QVERIFY(!cache.contains("clip", "/m/a.pt"));
    QVERIFY(!cache.contains("clip", "/m/b.pt"));
    QVERIFY(cache.contains("vqgan", "/m/v.ckpt"));
    QCOMPARE(FakeModel::loads, 4);
    // A failed load caches nothing and reaches the caller.
    QVERIFY_THROWS_EXCEPTION(Error, cache.get<FakeModel>("clip", "/m/bad.pt", "cpu", []() -> FakeModel {
      throw Error(ErrorKind::BadFile, "truncated");
    }));
    QVERIFY(!cache.contains("clip", "/m/bad.pt"));
    QVERIFY(cache.contains("clip", "/m/c.pt"));
  }

  void twoHoldersOfTheShippedClipShareOneCopy() {
    // The CLIP tab and a CLIP + VQGAN run ask for the same checkpoint: resident memory grows once.
    ModelCache cache;
    const size_t before = resident_memory_bytes();
    auto tab = clip::shared_clip(cache);  // the default (shipped) mini-CLIP
    const size_t afterFirst = resident_memory_bytes();
    auto run = clip::shared_clip(cache);
    const size_t afterSecond = resident_memory_bytes();
    QCOMPARE(tab.get(), run.get());
    const size_t bytes = tab->bytes();
    qInfo("mini-CLIP %.1f MB of parameters; resident +%.1f MB for the first holder, +%.1f MB for the second",
          bytes / 1e6, (double(afterFirst) - double(before)) / 1e6, (double(afterSecond) - double(afterFirst)) / 1e6);
    QCOMPARE(cache.bytes(), bytes);
    QVERIFY(afterFirst - before >= bytes / 2);  // the measure sees a load
    QVERIFY(double(afterSecond) - double(afterFirst) < 0.1 * double(bytes));
  }

  void exceptionsBecomeReadableFailures_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("atelier::Error") << 0 << "the checkpoint has no visual.proj";
    QTest::newRow("std::runtime_error") << 1 << "plain failure";
    QTest::newRow("c10::Error") << 2 << "LibTorch:";
    QTest::newRow("non-exception") << 3 << "unknown error";
  }
  void exceptionsBecomeReadableFailures() {
    QFETCH(int, kind);
    QFETCH(QString, expected);
    Worker worker(1);
    Finished done;
    worker.submit("throws", [kind](JobContext&) {
      switch (kind) {
        case 0: throw Error(ErrorKind::BadFile, "the checkpoint has no visual.proj");
        case 1: throw std::runtime_error("plain failure");
        case 2: throw_a_torch_error();
        default: throw 42;
      }
    }, {}, done.fn());
    JobResult r = done.get();
    QCOMPARE(r.state, JobState::Failed);
    QVERIFY2(QString::fromStdString(r.message).contains(expected), r.message.c_str());
    QVERIFY(r.message.find('\n') == std::string::npos);  // one line, no C++ backtrace
    // The worker survives and runs the next job.
    Finished next;
    worker.submit("ok", [](JobContext&) {}, {}, next.fn());
    QCOMPARE(next.get().state, JobState::Finished);
  }

  void progressAndFramesReachCallbacks() {
    Worker worker(1);
    std::vector<int64_t> steps;
    std::vector<int64_t> frames;
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) { steps.push_back(p.step); };
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(f.step); };
    Finished done;
    worker.submit("report", [](JobContext& ctx) {
      for (int i = 1; i <= 3; ++i) {
        ctx.report({i, 3, 0.0, {{"loss", 1.0 / i}}});
        ctx.emit_frame({2, 2, i, std::vector<uint8_t>(12, 255)});
      }
    }, cb, done.fn());
    QCOMPARE(done.get().state, JobState::Finished);
    QCOMPARE(steps, (std::vector<int64_t>{1, 2, 3}));
    QCOMPARE(frames, (std::vector<int64_t>{1, 2, 3}));
  }

  void threadCountIsAppliedInTheWorker() {
    Worker worker(1);
    Finished a;
    std::atomic<int> seen{0};
    worker.submit("threads", [&](JobContext&) { seen = current_thread_count(); }, {}, a.fn());
    a.get();
    QCOMPARE(seen.load(), 1);
    if (default_thread_count() > 1) {
      worker.set_threads(0);  // all cores
      Finished b;
      worker.submit("threads", [&](JobContext&) { seen = current_thread_count(); }, {}, b.fn());
      b.get();
      QCOMPARE(seen.load(), default_thread_count());
    }
  }

  void destroyingTheWorkerCancelsItsJobs() {
    std::atomic<bool> started{false};
    std::atomic<int> finished{0};
    auto t0 = std::chrono::steady_clock::now();
    {
      Worker worker(1);
      auto count = [&](const JobResult& r) { if (r.state == JobState::Cancelled) ++finished; };
      worker.submit("forever", [&](JobContext& ctx) {
        started = true;
        for (;;) { ctx.checkpoint(); std::this_thread::sleep_for(1ms); }
      }, {}, count);
      worker.submit("queued", [](JobContext&) { QFAIL("a queued job ran after destruction began"); }, {}, count);
      QVERIFY(waitFor([&] { return started.load(); }));
    }
    QVERIFY(std::chrono::steady_clock::now() - t0 < 5s);
    QCOMPARE(finished.load(), 2);
  }

  void deviceSelection() {
    DeviceInfo cpu = select_device(DeviceChoice::Cpu);
    QCOMPARE(QString::fromStdString(cpu.name), QString("cpu"));
    DeviceInfo autoDevice = select_device(DeviceChoice::Auto);
    QCOMPARE(QString::fromStdString(autoDevice.name), QString(autoDevice.cuda_devices > 0 ? "cuda:0" : "cpu"));
    if (autoDevice.cuda_devices == 0) {
      try {
        select_device(DeviceChoice::Cuda);
        QFAIL("asking for CUDA without a GPU must fail");
      } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::Device);
        QVERIFY(QString(e.what()).contains("CUDA"));
      }
    }
    QVERIFY_THROWS_EXCEPTION(Error, parse_device_choice("gpu"));
  }

  void blasIsDetected() {
    BlasInfo blas = detect_blas();
    QVERIFY(!blas.name.empty());
    QVERIFY(blas.name != "none found");
  }

  void modelSearchPaths() {
    QTemporaryDir a, b, xdg, home;
    qputenv(kModelPathEnv, QByteArray(a.path().toUtf8() + ":" + b.path().toUtf8()));
    qputenv("XDG_DATA_HOME", xdg.path().toUtf8());
    const QByteArray realHome = qgetenv("HOME");
    qputenv("HOME", home.path().toUtf8());
    qunsetenv("HF_HOME");
    qunsetenv("HF_HUB_CACHE");
    auto dirs = model_search_paths();
    QCOMPARE(dirs.size(), size_t(4));
    QCOMPARE(dirs[0].kind, ModelDirKind::Environment);
    QCOMPARE(QString::fromStdString(dirs[1].path.string()), b.path());
    QCOMPARE(dirs[2].kind, ModelDirKind::User);
    QCOMPARE(QString::fromStdString(dirs[2].path.string()), xdg.path() + "/clip-atelier/models");
    QCOMPARE(dirs[3].kind, ModelDirKind::Embedded);
    QVERIFY(dirs[3].exists);
    // Where other tools put models, searched after the user's folder, without copying: OpenAI's
    // ~/.cache/clip and the Hugging Face hub cache's openai/clip-vit-* snapshots.
    QVERIFY(QDir().mkpath(home.path() + "/.cache/clip"));
    QVERIFY(QDir().mkpath(home.path() + "/.cache/huggingface/hub/models--openai--clip-vit-base-patch32/snapshots/abc123"));
    QVERIFY(QDir().mkpath(home.path() + "/.cache/huggingface/hub/models--someone--other/snapshots/def"));
    dirs = model_search_paths();
    QCOMPARE(dirs.size(), size_t(6));
    QCOMPARE(dirs[3].kind, ModelDirKind::Found);
    QCOMPARE(QString::fromStdString(dirs[3].path.string()), home.path() + "/.cache/clip");
    QCOMPARE(QString::fromStdString(dirs[4].path.string()),
             home.path() + "/.cache/huggingface/hub/models--openai--clip-vit-base-patch32/snapshots");
    QCOMPARE(dirs[5].kind, ModelDirKind::Embedded);
    qputenv("HOME", realHome);

    // Formats are sniffed from the bytes, not the names.
    auto write = [](const QString& path, const std::string& bytes) {
      std::ofstream(path.toStdString(), std::ios::binary) << bytes;
    };
    std::string header = R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    std::string st(8, '\0');
    for (int i = 0; i < 8; ++i) st[i] = char((header.size() >> (8 * i)) & 0xff);
    write(a.path() + "/tiny.safetensors", st + header + std::string(4, '\0'));
    // A header of 0x280 bytes: its length starts 80 02, a pickle's magic, and it is still safetensors.
    std::string padded = header.substr(0, header.size() - 1) + std::string(0x280 - header.size(), ' ') + "}";
    for (int i = 0; i < 8; ++i) st[i] = char((padded.size() >> (8 * i)) & 0xff);
    write(a.path() + "/padded.safetensors", st + padded + std::string(4, '\0'));
    write(a.path() + "/model.pt", std::string("PK\x03\x04", 4) + "rest");
    write(a.path() + "/lies.ckpt", "not a checkpoint at all");
    write(a.path() + "/notes.txt", "ignored");
    auto models = find_models({dirs[0]});  // the files written above, not the shipped models
    QCOMPARE(models.size(), size_t(4));
    std::map<std::string, std::string> formats;
    for (auto& m : models) formats[m.path.filename().string()] = m.format;
    QCOMPARE(QString::fromStdString(formats["tiny.safetensors"]), QString("safetensors"));
    QCOMPARE(QString::fromStdString(formats["padded.safetensors"]), QString("safetensors"));
    QCOMPARE(QString::fromStdString(formats["model.pt"]), QString("pytorch-zip"));
    QCOMPARE(QString::fromStdString(formats["lies.ckpt"]), QString("unknown"));
    qunsetenv(kModelPathEnv);
  }

  // ---- hostile images and careless outputs (issue 16) ----------------------------------------

  void imageSizesAreReadFromTheHeader() {
    QTemporaryDir dir;
    auto header = [&](const QString& name, const QByteArray& bytes) {
      const QString path = dir.filePath(name);
      if (!crafted::writeFile(path, bytes)) qFatal("can't write %s", qPrintable(path));
      return read_image_header(path.toStdString());
    };
    ImageHeader h = header("wide.png", crafted::greyPng(999999, 1, 1));
    QCOMPARE(QString::fromStdString(h.format), QStringLiteral("PNG"));
    QCOMPARE(h.width, int64_t(999999));
    QCOMPARE(h.height, int64_t(1));
    h = header("a.gif", crafted::gifHeader(640, 480));
    QCOMPARE(h.width, int64_t(640));
    QCOMPARE(h.height, int64_t(480));
    h = header("a.bmp", crafted::bmpHeader(300, -200));  // negative: rows top-down
    QCOMPARE(h.width, int64_t(300));
    QCOMPARE(h.height, int64_t(200));
    h = header("lossless.webp", crafted::webpLosslessHeader(16383, 7));
    QCOMPARE(h.width, int64_t(16383));
    QCOMPARE(h.height, int64_t(7));
    h = header("extended.webp", crafted::webpExtendedHeader(100000, 3));
    QCOMPARE(h.width, int64_t(100000));
    QCOMPARE(h.height, int64_t(3));
    QVERIFY(header("notes.png", "just some text").format.empty());
    // JPEG (the frame header after other segments) and TIFF, as OpenCV writes them.
    Image img{48, 20, 3, std::vector<uint8_t>(48 * 20 * 3, 90)};
    for (const char* ext : {".jpg", ".tif", ".png", ".bmp", ".webp", ".ppm"}) {
      const std::string path = dir.filePath(QStringLiteral("written") + QLatin1String(ext)).toStdString();
      write_image(path, img);
      h = read_image_header(path);
      QVERIFY2(h.width == 48 && h.height == 20, ext);
      QCOMPARE(read_image(path).width, 48);
    }
    // A damaged header of a known format says which.
    QVERIFY(errorOf([&] { header("cut.png", QByteArray("\x89PNG\r\n\x1a\n\0\0", 10)); }).find("damaged PNG") != std::string::npos);
  }

  void oversizedImagesAreRefusedBeforeDecoding() {
    QTemporaryDir dir;
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    // A valid 1 KB PNG of 999999 x 1 pixels: too wide, and an aspect ratio of 999999.
    const QString wide = dir.filePath("wide.png");
    const QByteArray png = crafted::greyPng(999999, 1, 1);
    QVERIFY(png.size() < 4096);
    QVERIFY(crafted::writeFile(wide, png));
    std::string e = errorOf([&] { read_image(wide.toStdString()); });
    QVERIFY2(e.find("999999 x 1 pixels") != std::string::npos && e.find(std::to_string(limits::kMaxImageSide)) != std::string::npos, e.c_str());
    // 30000 x 30000 grey (900 megapixels, 5.3 GB decoded as it was): the pixel limit.
    const QString big = dir.filePath("big.png");
    QVERIFY(crafted::writeFile(big, crafted::greyPng(30000, 30000, 2)));
    e = errorOf([&] { read_image(big.toStdString()); });
    QVERIFY2(e.find("30000 x 30000") != std::string::npos && e.find("megapixels") != std::string::npos &&
                 e.find(std::to_string(limits::kMaxImagePixels)) != std::string::npos,
             e.c_str());
    // The aspect ratio alone: 20000 x 100 is within every other limit.
    const QString strip = dir.filePath("strip.bmp");
    QVERIFY(crafted::writeFile(strip, crafted::bmpHeader(20000, 100)));
    e = errorOf([&] { read_image(strip.toStdString()); });
    QVERIFY2(e.find("aspect ratio") != std::string::npos && e.find("32:1") != std::string::npos, e.c_str());
    // Headers of other formats claiming too much.
    QVERIFY(crafted::writeFile(dir.filePath("huge.webp"), crafted::webpExtendedHeader(16000000, 16000000)));
    QVERIFY(errorOf([&] { read_image(dir.filePath("huge.webp").toStdString()); }).find("16000000 x 16000000") != std::string::npos);
    QVERIFY(crafted::writeFile(dir.filePath("huge.gif"), crafted::gifHeader(65535, 65535)));
    QVERIFY(errorOf([&] { read_image(dir.filePath("huge.gif").toStdString()); }).find("65535 x 65535") != std::string::npos);
    rusage after{};
    getrusage(RUSAGE_SELF, &after);
    // Nothing was decoded: the peak resident memory (KiB) grew by well under the 5 MB a single
    // row of the first file needs at 8 bits, let alone the second's 900 MB.
    QVERIFY2(after.ru_maxrss - before.ru_maxrss < 64 * 1024, qPrintable(QString::number(after.ru_maxrss - before.ru_maxrss)));
    QVERIFY2(after.ru_maxrss < 2L * 1024 * 1024, qPrintable(QString::number(after.ru_maxrss)));
  }

  void aTruncatedJpegIsRefused() {
    QTemporaryDir dir;
    const std::string whole = dir.filePath("whole.jpg").toStdString();
    Image img{64, 64, 3, std::vector<uint8_t>(64 * 64 * 3)};
    for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = uint8_t((i * 2654435761u) >> 24);  // noise: a long scan
    write_image(whole, img);
    QCOMPARE(read_image(whole).width, 64);
    const QByteArray bytes = crafted::readFile(QString::fromStdString(whole));
    const QString cut = dir.filePath("cut.jpg");
    QVERIFY(crafted::writeFile(cut, bytes.left(bytes.size() * 6 / 10)));
    const std::string e = errorOf([&] { read_image(cut.toStdString()); });
    QVERIFY2(e.find("truncated") != std::string::npos && e.find("cut.jpg") != std::string::npos, e.c_str());
  }

  void outputsAreCheckedAndPartialFilesRemoved() {
    QTemporaryDir dir;
    const fs::path root = dir.path().toStdString();
    const Image img{8, 8, 3, std::vector<uint8_t>(8 * 8 * 3, 200)};
    // Before a run: a missing folder, a file where the folder should be, an unknown extension,
    // a folder where the file should be.
    QVERIFY(errorOf([&] { check_image_output(root / "missing" / "x.png"); }).find("no folder") != std::string::npos);
    std::ofstream(root / "file") << "x";
    QVERIFY(errorOf([&] { check_image_output(root / "file" / "x.png"); }).find("is not a folder") != std::string::npos);
    QVERIFY(errorOf([&] { check_image_output(root / "x.abc"); }).find(".abc") != std::string::npos);
    fs::create_directory(root / "taken.png");
    QVERIFY(errorOf([&] { check_image_output(root / "taken.png"); }).find("is a folder") != std::string::npos);
    check_image_output(root / "fine.png");
    if (::geteuid() != 0) {  // root writes anywhere
      fs::create_directory(root / "ro");
      fs::permissions(root / "ro", fs::perms::owner_read | fs::perms::owner_exec);
      QVERIFY(errorOf([&] { check_image_output(root / "ro" / "x.png"); }).find("permission denied") != std::string::npos);
      QVERIFY(fs::is_empty(root / "ro"));
    }
    // A rename that fails (the target is a folder) leaves no X.partial behind.
    const std::string e = errorOf([&] { write_image(root / "taken.png", img); });
    QVERIFY2(e.find("taken.png") != std::string::npos, e.c_str());
    QVERIFY(!fs::exists(root / "taken.png.partial"));
    QVERIFY(fs::is_directory(root / "taken.png"));
    // An unknown extension leaves nothing either.
    QVERIFY(errorOf([&] { write_image(root / "x.abc", img); }).find(".abc") != std::string::npos);
    QVERIFY(!fs::exists(root / "x.abc.partial") && !fs::exists(root / "x.abc"));
    // Errors say what failed: a full disk is a full disk.
    QVERIFY(write_error_text(ENOSPC).find("disk is full") != std::string::npos);
    QVERIFY(write_error_text(EDQUOT).find("quota") != std::string::npos);
    QVERIFY(write_error_text(EACCES).find("permission denied") != std::string::npos);
    // Nothing but what was made on purpose is left.
    std::set<std::string> left;
    for (const auto& entry : fs::directory_iterator(root)) left.insert(entry.path().filename().string());
    left.erase("ro");
    QCOMPARE(left, (std::set<std::string>{"file", "taken.png"}));
  }

  void threadCountsAreBounded() {
    const int most = max_thread_count();
    QVERIFY(most >= 1);
    QVERIFY(most <= limits::kMaxThreads);
    QVERIFY(most <= limits::kMaxThreadsPerCore * default_thread_count());
    QCOMPARE(bounded_thread_count(100000), most);
    QCOMPARE(bounded_thread_count(-3), 0);
    QCOMPARE(bounded_thread_count(1), 1);
    const std::string e = errorOf([] { check_thread_count(100000, "--threads"); });
    QVERIFY2(e.find("--threads 100000") != std::string::npos && e.find(std::to_string(most)) != std::string::npos, e.c_str());
    QVERIFY(errorOf([] { check_thread_count(-1, "--threads"); }).find("--threads -1") != std::string::npos);
    // Whatever is asked, OpenMP gets at most the bound.
    int applied = 0;
    std::thread([&] {
      apply_thread_count(100000);
      applied = current_thread_count();
    }).join();
    QVERIFY2(applied >= 1 && applied <= most, qPrintable(QString::number(applied)));
  }

 private:
  [[noreturn]] static void throw_a_torch_error();
};

void TestRuntime::throw_a_torch_error() { TORCH_CHECK(false, "shapes [2, 3] and [4] don't match"); }

QTEST_GUILESS_MAIN(TestRuntime)
#include "tst_runtime.moc"
