// The contrastive loss and the adversarial batch of the mini-CLIP's training (detail/contrastive.h).
#include "train/detail/contrastive.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/csrc/autograd/autograd.h>

#include "clip/preprocess.h"
#include "runtime/detail/torch_compat.h"

namespace atelier::train {

// The symmetric contrastive loss of a batch (soft targets: pairs with the same caption are both
// right), under bf16 autocast where asked; and the logits [images, texts].
std::pair<at::Tensor, at::Tensor> contrastive_loss(clip::ClipModelImpl& model, const at::Tensor& images, const at::Tensor& tokens,
                                                   const at::Tensor& targets, bool bf16, const at::Tensor& text_features) {
  const auto device = images.device().is_cpu() ? c10::kCPU : c10::kCUDA;
  if (bf16) {
    torch_compat::set_autocast_enabled(device, true);
    if (device == c10::kCPU) torch_compat::set_autocast_dtype(device, at::kBFloat16);  // CUDA keeps its default, half
  }
  auto img = model.encode_image(images).to(at::kFloat);
  auto txt = text_features.defined() ? text_features : model.encode_text(tokens).to(at::kFloat);
  if (bf16) {
    torch_compat::clear_autocast_cache();
    torch_compat::set_autocast_enabled(device, false);
  }
  img = img / img.norm(2, 1, true);
  txt = txt / txt.norm(2, 1, true);
  auto logits = model.logit_scale.exp() * at::matmul(img, txt.t());  // [images, texts]
  auto ce = [](const at::Tensor& l, const at::Tensor& t) { return -(t * at::log_softmax(l, 1)).sum(1).mean(); };
  return {0.5 * (ce(logits, targets) + ce(logits.t(), targets.t())), logits};
}

// The batch's images moved by up to o.adversarial / 255 per pixel (in pixel units: a channel's
// step is divided by its normalisation's std) to raise the loss: a uniform random start, then one
// signed-gradient step of 1.25 times the bound, clipped to the bound and to the pixels' range
// (Wong, Rice and Kolter 2020, "Fast is better than free"). The texts' features are fixed for
// the attack, and only the input's gradient is taken.
at::Tensor adversarial_images(clip::ClipModelImpl& model, const at::Tensor& images, const at::Tensor& tokens, const at::Tensor& targets,
                              double levels, bool bf16, uint64_t start_seed) {
  const auto opts = images.options();
  const auto stdv = at::tensor({clip::kStd[0], clip::kStd[1], clip::kStd[2]}, opts).view({1, 3, 1, 1});
  const auto mean = at::tensor({clip::kMean[0], clip::kMean[1], clip::kMean[2]}, opts).view({1, 3, 1, 1});
  const auto eps = (levels / 255.0) / stdv;  // the bound per channel, in normalised units
  const auto lo = (0 - mean) / stdv, hi = (1 - mean) / stdv;
  at::Tensor text;
  {
    at::NoGradGuard no_grad;
    text = model.encode_text(tokens).to(at::kFloat);
  }
  // The random start from its own generator: a resumed run draws what the whole run drew.
  auto gen = at::make_generator<at::CPUGeneratorImpl>(start_seed);
  const auto u = at::rand(images.sizes(), gen, at::TensorOptions().dtype(at::kFloat)).to(images.device(), images.scalar_type());
  auto delta = ((u * 2 - 1) * eps).requires_grad_(true);
  auto [loss, logits] = contrastive_loss(model, at::max(at::min(images + delta, hi), lo), tokens, targets, bf16, text);
  (void)logits;
  const auto grad = torch::autograd::grad({loss}, {delta})[0];
  at::NoGradGuard no_grad;
  auto moved = at::max(at::min(delta.detach() + 1.25 * eps * grad.sign(), eps), -eps);
  return at::max(at::min(images + moved, hi), lo).detach();
}

}  // namespace atelier::train
