// The mini-CLIP trainer's loss and its adversarial batches, apart so that tests can reach them.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <utility>

#include "clip/detail/model.h"

namespace atelier::train {

// The symmetric contrastive loss of a batch of normalised images [B, 3, S, S] and tokens [B, T]
// against soft targets [B, B] (pairs with the same caption are both right), under bf16 autocast
// where asked (CPU: bfloat16; CUDA: half); and the logits [images, texts]. text_features, when
// given, stand for encode_text(tokens).
std::pair<at::Tensor, at::Tensor> contrastive_loss(clip::ClipModelImpl& model, const at::Tensor& images, const at::Tensor& tokens,
                                                   const at::Tensor& targets, bool bf16, const at::Tensor& text_features = {});

// The batch's normalised images moved by up to levels / 255 per pixel (each channel's bound
// divided by its normalisation's std, so the bound holds in pixel units) to raise the loss: a
// uniform random start, then one signed-gradient step of 1.25 times the bound, clipped to the
// bound and to the pixels' range [0, 1] (Wong, Rice and Kolter 2020, "Fast is better than free").
// The texts' features are fixed for the attack, and only the input's gradient is taken. The
// random start is drawn from start_seed alone.
at::Tensor adversarial_images(clip::ClipModelImpl& model, const at::Tensor& images, const at::Tensor& tokens, const at::Tensor& targets,
                              double levels, bool bf16, uint64_t start_seed);

}  // namespace atelier::train
