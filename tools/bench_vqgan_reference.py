#!/usr/bin/env python3
"""The reference's VQGAN decoder speed, to put beside `clip-atelier-cli bench vqgan` on the same
machine: taming-transformers' Decoder (from a local checkout given on the command line; not part
of this project) with random weights of the f16-16384 configuration, forward and
forward+backward to the latent, milliseconds per image, one JSON line.

    /usr/bin/python3 tools/bench_vqgan_reference.py /path/to/taming-transformers --size 256 --threads 2
"""
import argparse
import json
import sys
import time
import types

import torch

ap = argparse.ArgumentParser()
ap.add_argument("taming")
ap.add_argument("--size", type=int, default=256)
ap.add_argument("--repeats", type=int, default=3)
ap.add_argument("--threads", type=int, default=0)
args = ap.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)
sys.modules["einops"] = types.ModuleType("einops")  # imported, not used by the decoder
sys.path.insert(0, args.taming)
from taming.modules.diffusionmodules.model import Decoder  # noqa: E402

dd = dict(double_z=False, z_channels=256, resolution=256, in_channels=3, out_ch=3, ch=128, ch_mult=[1, 1, 2, 2, 4],
          num_res_blocks=2, attn_resolutions=[16], dropout=0.0)
torch.manual_seed(0)
dec = Decoder(**dd).eval()
post = torch.nn.Conv2d(256, 256, 1)
for p in list(dec.parameters()) + list(post.parameters()):
    p.requires_grad_(False)
z = torch.randn(1, 256, args.size // 16, args.size // 16)
with torch.no_grad():
    dec(post(z))
    t0 = time.perf_counter()
    for _ in range(args.repeats):
        dec(post(z))
    fwd = (time.perf_counter() - t0) / args.repeats * 1000
zz = z.clone().requires_grad_(True)
dec(post(zz)).sum().backward()
t0 = time.perf_counter()
for _ in range(args.repeats):
    zz.grad = None
    dec(post(zz)).sum().backward()
bwd = (time.perf_counter() - t0) / args.repeats * 1000
print(json.dumps({"model": "reference f16-16384", "size": args.size, "threads": torch.get_num_threads(),
                  "decode_ms": fwd, "decode_backward_ms": bwd}))
