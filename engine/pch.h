// Precompiled header of the engine's private files: the heavy, stable headers only.
// (ATen alone, not <torch/torch.h>: 2.3 s a file instead of 8 s, measured in TOOLCHAIN.md.)
#pragma once
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#ifdef ATELIER_WITH_OPENCV
#include <opencv2/core.hpp>
#endif
#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>
