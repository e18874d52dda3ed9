#include "runtime/model_cache.h"

#include <algorithm>

namespace atelier {

std::shared_ptr<void> ModelCache::find(const std::string& kind, const std::string& path, const std::string& device) const {
  for (const Slot& s : slots_)
    if (s.kind == kind && s.path == path && s.device == device) return s.model;
  return nullptr;
}

void ModelCache::insert(const std::string& kind, const std::string& path, const std::string& device,
                        std::shared_ptr<void> model, size_t bytes) {
  // The unused models of this kind go: the new one is the kind's most recent.
  slots_.erase(std::remove_if(slots_.begin(), slots_.end(),
                              [&](const Slot& s) { return s.kind == kind && s.model.use_count() == 1; }),
               slots_.end());
  slots_.push_back({kind, path, device, std::move(model), bytes});
}

bool ModelCache::contains(const std::string& kind, const std::string& path, const std::string& device) const {
  std::lock_guard lock(mutex_);
  return find(kind, path, device) != nullptr;
}

std::vector<ModelCache::Entry> ModelCache::entries() const {
  std::lock_guard lock(mutex_);
  std::vector<Entry> out;
  for (const Slot& s : slots_) out.push_back({s.kind, s.path, s.device, s.bytes, s.model.use_count() - 1});
  return out;
}

size_t ModelCache::bytes() const {
  std::lock_guard lock(mutex_);
  size_t total = 0;
  for (const Slot& s : slots_) total += s.bytes;
  return total;
}

void ModelCache::release_unused() {
  std::lock_guard lock(mutex_);
  slots_.erase(std::remove_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.model.use_count() == 1; }),
               slots_.end());
}

void ModelCache::clear() {
  std::lock_guard lock(mutex_);
  slots_.clear();
}

}  // namespace atelier
