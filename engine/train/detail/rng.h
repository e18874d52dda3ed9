// A small deterministic generator for datasets: the stream for (seed, index) is fixed, so any
// sample can be made again without replaying the ones before it.
#pragma once
#include <cstdint>

namespace atelier::train {

class Rng {
 public:
  Rng(uint64_t seed, uint64_t index) : s_(mix(seed * 0x9E3779B97F4A7C15ULL ^ mix(index + 0x632BE59BD9B4E019ULL))) {}
  uint64_t next() { return mix(s_ += 0x9E3779B97F4A7C15ULL); }
  int uniform(int n) { return int(next() % uint64_t(n)); }  // [0, n)
  float uniformf(float lo, float hi) { return lo + (hi - lo) * float(next() >> 40) / float(1ULL << 24); }

 private:
  static uint64_t mix(uint64_t z) {  // splitmix64's finaliser
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t s_;
};

}  // namespace atelier::train
