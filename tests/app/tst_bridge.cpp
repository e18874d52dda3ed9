// The bridge from the engine's worker to the GUI: frames on the GUI thread and in order, a
// bounded mailbox when the GUI stalls, errors as messages, cancel and pause.
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

#include "engine_bridge.h"
#include "runtime/runtime_info.h"

using namespace atelier;
using namespace std::chrono_literals;

namespace {
Frame makeFrame(int w, int h, int64_t step) {
  Frame f{w, h, step, std::vector<uint8_t>(size_t(w) * h * 3), {}};
  for (size_t i = 0; i < f.rgb.size(); ++i) f.rgb[i] = uint8_t((i + step) & 0xff);
  return f;
}

long long rssBytes() { return static_cast<long long>(resident_memory_bytes()); }
}  // namespace

class TestBridge : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void framesArriveOnTheGuiThreadInOrder() {
    EngineBridge bridge(1);
    QList<qint64> steps;
    bool allOnGuiThread = true;
    connect(&bridge, &EngineBridge::frameReady, this, [&](qint64, const QImage& image, qint64 step) {
      allOnGuiThread &= QThread::currentThread() == qApp->thread();
      QCOMPARE(image.size(), QSize(32, 24));
      steps << step;
    });
    QSignalSpy finished(&bridge, &EngineBridge::finished);
    bridge.submit(QStringLiteral("frames"), [](JobContext& ctx) {
      for (int i = 1; i <= 200; ++i) {
        ctx.checkpoint();
        ctx.emit_frame(makeFrame(32, 24, i));
        if (i % 10 == 0) std::this_thread::sleep_for(1ms);
      }
    });
    QVERIFY(finished.wait(10000));
    QVERIFY(allOnGuiThread);
    QVERIFY(!steps.isEmpty());
    for (int i = 1; i < steps.size(); ++i) QVERIFY2(steps[i] > steps[i - 1], "frames out of order");
    QCOMPARE(steps.last(), qint64(200));  // the final frame is never dropped
  }

  void aStalledGuiDoesNotGrowMemory() {
    EngineBridge bridge(1);
    std::atomic<bool> done{false};
    constexpr int kFrames = 1500;  // 1500 x 768 KiB = 1.1 GiB if they were queued
    int delivered = 0;
    qint64 lastStep = 0;
    connect(&bridge, &EngineBridge::frameReady, this, [&](qint64, const QImage&, qint64 step) {
      ++delivered;
      lastStep = step;
    });
    const long long before = rssBytes();
    bridge.submit(QStringLiteral("flood"), [&](JobContext& ctx) {
      for (int i = 1; i <= kFrames; ++i) ctx.emit_frame(makeFrame(512, 512, i));
      done = true;
    });
    // The GUI thread does not process events while the job floods it with frames.
    long long peak = before;
    while (!done) {
      peak = std::max(peak, rssBytes());
      std::this_thread::sleep_for(2ms);
    }
    peak = std::max(peak, rssBytes());
    QVERIFY(bridge.framesInFlight() <= 1);
    QVERIFY2(peak - before < 96LL * 1024 * 1024,
             qPrintable(QString("RSS grew by %1 MiB").arg((peak - before) / (1024.0 * 1024.0))));
    QSignalSpy finished(&bridge, &EngineBridge::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY2(delivered <= 2, qPrintable(QString("%1 stale frames delivered").arg(delivered)));
    QCOMPARE(lastStep, qint64(kFrames));
    QVERIFY(bridge.framesDropped() >= kFrames - 2);
    qInfo("RSS growth while the GUI stalled: %.1f MiB for %d frames of 768 KiB",
          (peak - before) / (1024.0 * 1024.0), kFrames);
  }

  void anExceptionReachesTheGuiAsAMessage() {
    EngineBridge bridge(1);
    QSignalSpy failed(&bridge, &EngineBridge::failed);
    bridge.submit(QStringLiteral("broken"), [](JobContext&) { throw std::runtime_error("the model's shapes do not fit"); });
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(1).toString(), QStringLiteral("broken"));
    const EngineError error = failed.first().at(2).value<EngineError>();
    QVERIFY(error.detail.contains(QStringLiteral("shapes do not fit")));
    QCOMPARE(error.kind, ErrorKind::Internal);  // a plain exception is nothing the user did
    // The bridge keeps working.
    QSignalSpy finished(&bridge, &EngineBridge::finished);
    bridge.submit(QStringLiteral("fine"), [](JobContext&) {});
    QVERIFY(finished.wait(10000));
  }

  void cancelPauseAndParametersFromTheGui() {
    EngineBridge bridge(1);
    std::atomic<int> steps{0};
    std::atomic<int> seenSize{0};
    QSignalSpy busy(&bridge, &EngineBridge::busyChanged);
    QSignalSpy cancelled(&bridge, &EngineBridge::cancelled);
    QSignalSpy progress(&bridge, &EngineBridge::progress);
    const qint64 job = bridge.submit(QStringLiteral("long"), [&](JobContext& ctx) {
      for (;;) {
        ctx.checkpoint();
        auto changes = ctx.take_changes();
        if (changes.count("size")) seenSize = int(std::get<int64_t>(changes["size"]));
        ctx.report({++steps, 0, 0.0, {{"loss", 1.0}}});
        std::this_thread::sleep_for(1ms);
      }
    });
    QTRY_VERIFY(steps > 3);
    QVERIFY(bridge.busy());
    bridge.setParam(job, "size", int64_t(256));
    QTRY_COMPARE(seenSize.load(), 256);
    const int before = steps;
    bridge.pause(job + 1);  // another job's id: this one goes on
    QTRY_VERIFY(steps > before + 10);
    bridge.pause(job);
    QTest::qWait(30);
    const int held = steps;
    QTest::qWait(50);
    QCOMPARE(steps.load(), held);
    bridge.resume(job);
    QTRY_VERIFY(steps > held);
    bridge.cancel(job);
    QVERIFY(cancelled.wait(10000));
    QVERIFY(!bridge.isActive(job));
    QVERIFY(!bridge.busy());
    QCOMPARE(busy.count(), 2);
    QVERIFY(progress.count() > 0);
    auto p = progress.last().first().value<JobProgress>();
    QCOMPARE(p.values.first().first, QStringLiteral("loss"));
  }

  void askAnswersBetweenTheStepsOfARun() {
    EngineBridge bridge(1);
    std::atomic<int> steps{0};
    const qint64 job = bridge.submit(QStringLiteral("long"), [&](JobContext& ctx) {
      for (;;) {
        ctx.checkpoint();
        ++steps;
        std::this_thread::sleep_for(5ms);
      }
    });
    QTRY_VERIFY(steps > 2);
    int answer = 0;
    QObject receiver;
    bridge.ask<int>(&receiver, QStringLiteral("add"), [] { return 40 + 2; }, [&](int result, const EngineError& error) {
      QVERIFY(error.isNull());
      answer = result;
    });
    QTRY_COMPARE(answer, 42);
    QVERIFY(bridge.isActive(job));  // answered while the run goes on (tst_runtime checks the exact order)
    // A failure comes with its kind; an answer for a receiver that is gone is dropped.
    EngineError seen;
    bridge.ask<int>(&receiver, QStringLiteral("fail"), []() -> int { throw Error(ErrorKind::BadFile, "truncated"); },
                    [&](int, const EngineError& error) { seen = error; });
    QTRY_COMPARE(seen.kind, ErrorKind::BadFile);
    QCOMPARE(seen.detail, QStringLiteral("truncated"));
    bool called = false;
    {
      QObject gone;
      bridge.ask<int>(&gone, QStringLiteral("late"), [] { return 1; }, [&](int, const EngineError&) { called = true; });
    }
    QTest::qWait(100);
    QVERIFY(!called);
    bridge.cancel(job);
  }

  void destroyingTheBridgeDuringAJobIsClean() {
    std::atomic<bool> running{false};
    auto* bridge = new EngineBridge(1);
    bridge->submit(QStringLiteral("forever"), [&](JobContext& ctx) {
      running = true;
      for (int i = 0;; ++i) {
        ctx.checkpoint();
        ctx.emit_frame(makeFrame(64, 64, i));
      }
    });
    QTRY_VERIFY(running.load());
    QElapsedTimer t;
    t.start();
    delete bridge;
    QVERIFY(t.elapsed() < 2000);
    QTest::qWait(20);  // any event posted by the dying job is discarded, not delivered
  }
};

QTEST_MAIN(TestBridge)
#include "tst_bridge.moc"
