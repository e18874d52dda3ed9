#include "runtime/runtime_info.h"

#include "atelier/version.h"
#include "runtime/error.h"
#include "runtime/limits.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/DeviceType.h>
#include <torch/cuda.h>
#include <torch/version.h>
#ifdef ATELIER_WITH_OPENCV
#include <opencv2/core/version.hpp>
#endif

#include <dlfcn.h>
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

namespace atelier {

Versions versions() {
  Versions v{ATELIER_VERSION, TORCH_VERSION, {}};
#ifdef ATELIER_WITH_OPENCV
  v.opencv = CV_VERSION;
#endif
  return v;
}

size_t resident_memory_bytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * size_t(sysconf(_SC_PAGESIZE));
}

int default_thread_count() {
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

int max_thread_count() {
  return std::min<int64_t>(limits::kMaxThreads, int64_t(limits::kMaxThreadsPerCore) * default_thread_count());
}

int bounded_thread_count(int threads) { return std::clamp(threads, 0, max_thread_count()); }

void check_thread_count(int64_t threads, const std::string& option) {
  if (threads < 0)
    throw Error(ErrorKind::InvalidArgument, option + " " + std::to_string(threads) + ": give a number of threads, or 0 for all cores");
  if (threads > max_thread_count())
    throw Error(ErrorKind::InvalidArgument, option + " " + std::to_string(threads) + " is over the limit of " + std::to_string(max_thread_count()) +
                                                " threads on this machine (" + std::to_string(limits::kMaxThreadsPerCore) + " per core for its " +
                                                std::to_string(default_thread_count()) + " cores, at most " + std::to_string(limits::kMaxThreads) + ")");
}

void apply_thread_count(int threads) {
  const int n = bounded_thread_count(threads);
  at::set_num_threads(n > 0 ? n : default_thread_count());
}

int current_thread_count() { return at::get_num_threads(); }

void tune_allocator() {
  static const bool done = [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum: buffers below it come from the heap
    mallopt(M_TRIM_THRESHOLD, 1 << 30);   // and the heap is not trimmed after every step
    return true;
  }();
  (void)done;
}

BlasInfo detect_blas() {
  BlasInfo info;
  if (at::hasMKL()) {
    info.name = "MKL";
    info.detail = "linked into LibTorch";
    return info;
  }
  void* sgemm = dlsym(RTLD_DEFAULT, "sgemm_");
  if (!sgemm) {
    info.name = "none found";
    return info;
  }
  Dl_info where{};
  if (dladdr(sgemm, &where) && where.dli_fname) {
    std::error_code ec;
    auto real = std::filesystem::canonical(where.dli_fname, ec);
    info.library = ec ? std::string(where.dli_fname) : real.string();
  }
  using ConfigFn = char* (*)();
  using ParallelFn = int (*)();
  auto config = reinterpret_cast<ConfigFn>(dlsym(RTLD_DEFAULT, "openblas_get_config"));
  auto parallel = reinterpret_cast<ParallelFn>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
  if (config) {
    info.detail = config();
    int mode = parallel ? parallel() : -1;  // 0 sequential, 1 pthreads, 2 OpenMP
    info.name = mode == 2   ? "OpenBLAS (OpenMP)"
                : mode == 1 ? "OpenBLAS (pthreads)"
                : mode == 0 ? "OpenBLAS (sequential)"
                            : "OpenBLAS";
  } else if (dlsym(RTLD_DEFAULT, "bli_info_get_version_str")) {
    info.name = "BLIS";
  } else if (info.library.find("/blas/libblas.so") != std::string::npos) {
    // Debian's alternatives point libblas.so.3 at .../blas/libblas.so.3 for netlib's reference.
    info.name = "reference BLAS";
    info.reference = true;
  } else {
    info.name = "unknown BLAS";
  }
  return info;
}

DeviceChoice parse_device_choice(const std::string& text) {
  if (text == "auto") return DeviceChoice::Auto;
  if (text == "cpu") return DeviceChoice::Cpu;
  if (text == "cuda") return DeviceChoice::Cuda;
  throw Error(ErrorKind::InvalidArgument, "unknown device '" + text + "': use auto, cpu or cuda");
}

DeviceInfo select_device(DeviceChoice choice) {
  DeviceInfo info;
  info.cuda_built = at::hasCUDA();
  info.cuda_devices = info.cuda_built ? static_cast<int>(torch::cuda::device_count()) : 0;
  bool use_cuda = info.cuda_devices > 0 && choice != DeviceChoice::Cpu;
  if (choice == DeviceChoice::Cuda && !use_cuda) {
    throw Error(ErrorKind::Device, info.cuda_built
                                       ? "CUDA was asked for, but no GPU is visible"
                                       : "CUDA was asked for, but this LibTorch was built without CUDA");
  }
  info.name = use_cuda ? "cuda:0" : "cpu";
  return info;
}

RuntimeInfo configure_runtime(const RuntimeOptions& options) {
  tune_allocator();
  apply_thread_count(options.threads);
  RuntimeInfo info;
  const Versions v = versions();
  info.version = v.atelier;
  info.torch_version = v.torch;
  info.opencv_version = v.opencv;
  info.blas = detect_blas();
  info.device = select_device(options.device);
  info.threads = current_thread_count();
  info.cores = default_thread_count();
  info.bf16_fast = at::globalContext().userEnabledMkldnn() && __builtin_cpu_supports("avx512bf16");
  return info;
}

}  // namespace atelier
