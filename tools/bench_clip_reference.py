#!/usr/bin/python3
"""Times OpenAI's reference CLIP (clip/model.py) the way `clip-atelier-cli bench clip` times the
engine: random ViT weights, one warm-up batch, then `repeats` timed batches, same thread count.

The reference is not part of this project: pass the folder that holds its clip/model.py
(e.g. a checkout of the openai/CLIP repository). Needs Debian's python3-torch.

  /usr/bin/python3 tools/bench_clip_reference.py --reference /path/to/CLIP --threads 2 --batch 32
"""
import argparse
import importlib.util
import json
import sys
import time

import torch

CONFIGS = {  # embed, resolution, vision layers, width, patch, context, vocab, text width, heads, layers
    "vit-b-32": (512, 224, 12, 768, 32, 77, 49408, 512, 8, 12),
    "vit-b-16": (512, 224, 12, 768, 16, 77, 49408, 512, 8, 12),
    "vit-l-14": (768, 224, 24, 1024, 14, 77, 49408, 768, 12, 12),
}


def seconds_per_call(fn, repeats):
    fn()
    t0 = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - t0) / repeats


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", required=True, help="folder holding clip/model.py")
    ap.add_argument("--config", default="vit-b-32", choices=CONFIGS)
    ap.add_argument("--threads", type=int, default=torch.get_num_threads())
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--grad", action="store_true")
    args = ap.parse_args()

    spec = importlib.util.spec_from_file_location("clip_model", f"{args.reference}/clip/model.py")
    model_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(model_py)

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = model_py.CLIP(*CONFIGS[args.config]).float().eval()
    pixels = torch.randn(args.batch, 3, 224, 224)
    tokens = torch.randint(1, 49407, (args.batch, 77))
    tokens[:, 10] = 49407

    if args.grad:
        def image():
            x = pixels.clone().requires_grad_(True)
            model.encode_image(x).sum().backward()
    else:
        def image():
            with torch.no_grad():
                model.encode_image(pixels)

    def text():
        with torch.no_grad():
            model.encode_text(tokens)

    image_s = seconds_per_call(image, args.repeats)
    text_s = seconds_per_call(text, args.repeats)
    print(json.dumps({"implementation": "openai/CLIP model.py (PyTorch %s)" % torch.__version__,
                      "config": args.config, "threads": torch.get_num_threads(), "batch": args.batch,
                      "grad": args.grad, "images_per_s": args.batch / image_s, "texts_per_s": args.batch / text_s}))


if __name__ == "__main__":
    sys.exit(main())
