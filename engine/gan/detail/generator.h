// The generator interface the guidance loop steers and the GAN tab samples: a differentiable
// map from a latent z to an image. DCGAN implements it here; BigGAN-deep or StyleGAN2 would too.
#pragma once
#include <ATen/ATen.h>

#include <string>

namespace atelier::gan {

class GeneratorNet {
 public:
  virtual ~GeneratorNet() = default;
  virtual int64_t z_dim() const = 0;
  virtual int64_t image_size() const = 0;
  virtual int64_t channels() const = 0;  // 1 (grey) or 3 (RGB)
  // z [B, z_dim] -> images [B, 3, S, S] in [0, 1] (grey is repeated to three channels);
  // differentiable in z.
  virtual at::Tensor generate(const at::Tensor& z) = 0;
  virtual std::string describe() const = 0;
  // No gradients for the generator's own weights (guidance only moves z).
  virtual void freeze() = 0;
};

}  // namespace atelier::gan
