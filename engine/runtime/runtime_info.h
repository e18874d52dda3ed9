// What the engine runs on: versions, BLAS, compute device and threads.
#pragma once
#include <cstdint>
#include <string>

namespace atelier {

struct BlasInfo {
  std::string name;          // "OpenBLAS (OpenMP)", "reference BLAS", "MKL", ...
  std::string library;       // the shared object that provides sgemm_, symlinks resolved
  std::string detail;        // e.g. OpenBLAS's build configuration
  bool reference = false;    // the slow netlib reference implementation: warn the user
};

enum class DeviceChoice { Auto, Cpu, Cuda };

struct DeviceInfo {
  std::string name = "cpu";  // "cpu" or "cuda:0": what jobs run on
  bool cuda_built = false;   // this LibTorch was built with CUDA
  int cuda_devices = 0;      // GPUs visible to it
};

struct RuntimeInfo {
  std::string version;        // CLIP Atelier
  std::string torch_version;
  std::string opencv_version;  // empty in a LibTorch-only build
  BlasInfo blas;
  DeviceInfo device;
  int threads = 1;            // intra-op threads the engine uses
  int cores = 1;              // hardware threads of this machine
  bool bf16_fast = false;     // the CPU has native bfloat16 dot products (AVX512-BF16 / AMX)
};

// The engine's process-wide settings: CLI flags and the GUI's preferences end up here.
struct RuntimeOptions {
  int threads = 0;                          // <= 0: all cores
  DeviceChoice device = DeviceChoice::Auto;
};

struct Versions {
  std::string atelier;
  std::string torch;
  std::string opencv;  // empty in a LibTorch-only build
};
Versions versions();

int default_thread_count();
// The most intra-op threads the engine runs: min(limits::kMaxThreads, limits::kMaxThreadsPerCore
// x this machine's hardware threads). More only adds OpenMP threads that compete for the cores
// (100000 asked for made 1,132 threads in the CLI and 8,681 in the GUI).
int max_thread_count();
// A thread count as asked (0 or less: all cores) bounded to 0..max_thread_count().
int bounded_thread_count(int threads);
// Throws Error(InvalidArgument) naming `option` and the limit when threads is negative or over
// max_thread_count(); the CLI's --threads.
void check_thread_count(int64_t threads, const std::string& option);
// Resident memory of this process in bytes (/proc/self/statm; 0 where there is none).
size_t resident_memory_bytes();
// Sets LibTorch's intra-op threads for the calling thread (OpenMP keeps it per thread), at most
// max_thread_count() whatever is asked.
void apply_thread_count(int threads);
int current_thread_count();

// Keeps large tensor buffers in the heap between steps instead of unmapping and mapping them
// again each time (glibc's default): measured, ViT-B/32 image encoding went from 20 to 25.6
// images/s on 2 cores (README, "Speed"). Process-wide; call once at start.
void tune_allocator();

BlasInfo detect_blas();
// Cuda when asked or (Auto) when present; asking for CUDA without a GPU is an Error.
DeviceInfo select_device(DeviceChoice choice);
DeviceChoice parse_device_choice(const std::string& text);  // "auto", "cpu", "cuda"

// Applies the options to the calling thread and describes the result.
RuntimeInfo configure_runtime(const RuntimeOptions& options);

// True when /proc/cpuinfo lists avx512_bf16 or amx_bf16 (read once): the CPU computes bfloat16
// natively, and the engine's CLIP-guided loops use bf16 autocast for CLIP there.
bool cpu_has_native_bf16();

}  // namespace atelier
