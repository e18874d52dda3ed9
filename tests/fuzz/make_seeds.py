#!/usr/bin/python3
"""Writes the fuzz harnesses' seed corpora, from the test fixtures in tests/data/ (nothing is
copied into the repository): build/fuzz/seeds/<harness>/ by default. tools/fuzz.sh runs it
before every fuzzing session; the seeds stay out of the repository, made afresh each time.

    /usr/bin/python3 tests/fuzz/make_seeds.py [OUT_DIR] [--max-bytes N]

pickle        the data.pkl (and constants.pkl) of every PyTorch zip under tests/data, small state dicts
checkpoint    the fixtures up to --max-bytes, small torch.save zips (stored and deflated, Lightning- and
              TorchScript-shaped) and safetensors files of every dtype the reader knows
vocab         tests/data/clip/tiny_vocab.txt.gz, gzip'd and plain, whole and cut
tokenizer     every prompt of the tokenizer goldens
hf_vocab      tests/data/clip/tiny_hf's vocab.json + merges.txt (the harness's layout), and smaller ones
taming_yaml   tests/data/vqgan/tiny.yaml, block and flow style
png_settings  the PNG fixtures and frames carrying the CLIP + VQGAN tab's settings
Plain Python 3 (no torch); the writers are tests/data/bad/make_bad.py's."""
import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import struct
import sys
import zipfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DATA = os.path.join(ROOT, "tests", "data")

sys.dont_write_bytecode = True  # no __pycache__ in tests/data/bad (tst_bad_files reads every folder there)
spec = importlib.util.spec_from_file_location("make_bad", os.path.join(DATA, "bad", "make_bad.py"))
bad = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bad)


def fixtures(*exts):
    for sub in ("clip", "vqgan"):
        for dirpath, _, names in os.walk(os.path.join(DATA, sub)):
            for n in sorted(names):
                if n.endswith(exts):
                    yield os.path.join(dirpath, n)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def state_dicts():
    """Small state dicts in the shapes the loaders meet."""
    T, S = bad.Tensor, bad.Storage
    w = bad.float_tensor("0", [0.5, -1.0, 2.0, 3.0, 4.0, 5.0], [2, 3])
    out = {
        "state_dict": {"visual.conv1.weight": w, "logit_scale": bad.float_tensor("1", [4.6])},
        "shared_storage": {"a": w, "b": T(w.storage, [3], [1], 3), "t": T(w.storage, [3, 2], [1, 3])},
        "dtypes": {c: T(S(str(i), 2, c), [2]) for i, c in enumerate(["HalfStorage", "BFloat16Storage", "DoubleStorage", "LongStorage",
                                                                    "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage"])},
        "parameter": {"weight": T(S("0", 4), [2, 2], parameter=True)},
        "lightning": {"epoch": 3, "global_step": 10, "pytorch-lightning_version": "1.4.2",
                      "state_dict": {"encoder.conv_in.weight": bad.float_tensor("0", [1.0] * 8, [2, 1, 2, 2]),
                                     "loss.discriminator.main.0.weight": bad.float_tensor("1", [1.0])},
                      "optimizer_states": [{"state": {}, "param_groups": [{"lr": 4.5e-6, "params": [0, 1]}]}],
                      "hyper_parameters": {"ddconfig": {"ch": 32, "ch_mult": [1, 2]}}},
        "nested": {"model": {"layers": [{"w": bad.float_tensor("0", [1.0, 2.0])}, {"w": bad.float_tensor("1", [3.0])}]}},
        "scalars": {"a": 1, "b": 2.5, "c": "text", "d": b"bytes", "e": None, "f": True, "g": (1, 2), "h": [1, [2, [3]]],
                    "j": 1 << 70, "k": -5},
        "empty_tensor": {"e": T(S("0", 0), [0, 3])},
    }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=os.path.join(ROOT, "build", "fuzz", "seeds"))
    ap.add_argument("--max-bytes", type=int, default=64 * 1024, help="largest seed (libFuzzer's max_len follows the corpus)")
    args = ap.parse_args()
    counts = {}

    def seed(harness, data, name=None):
        if len(data) > args.max_bytes:
            return
        d = os.path.join(args.out, harness)
        os.makedirs(d, exist_ok=True)
        name = name or hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        counts[harness] = counts.get(harness, 0) + 1

    # pickle + checkpoint: the fixtures
    for path in fixtures(".pt", ".ckpt", ".safetensors", ".bin"):
        data = read(path)
        seed("checkpoint", data, os.path.basename(path))
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                for n in z.namelist():
                    if n.endswith(("data.pkl", "constants.pkl")):
                        seed("pickle", z.read(n), os.path.basename(path) + "." + os.path.basename(n))
        elif data[:2] == b"\x80\x02":
            seed("pickle", data, os.path.basename(path))
    for name, sd in state_dicts().items():
        pkl = bad.torch_pickle(sd)
        seed("pickle", pkl, name + ".pkl")
        seed("checkpoint", bad.torch_zip(pkl, bad.storages_of(sd).values()), name + ".pt")
        seed("checkpoint", bad.torch_zip(pkl, bad.storages_of(sd).values(), deflate=True, name="deflated"), name + "_deflated.pt")
    sd = state_dicts()["state_dict"]
    seed("checkpoint", bad.torch_zip(bad.torch_pickle(sd), bad.storages_of(sd).values(), name="model",
                                     extra=[("constants.pkl", bad.torch_pickle(())), ("code/__torch__/model.py", b"class Model: pass\n")]),
         "torchscript_shaped.pt")
    seed("checkpoint", bad.safetensors({"a": ("F32", [2, 2], struct.pack("<4f", 1, 2, 3, 4)), "b": ("F16", [3], bytes(6)),
                                        "c": ("BF16", [1, 2], bytes(4)), "d": ("F64", [1], bytes(8)), "e": ("I64", [2], bytes(16)),
                                        "f": ("I32", [], bytes(4)), "g": ("I16", [1], bytes(2)), "h": ("I8", [2], bytes(2)),
                                        "i": ("U8", [0], b""), "j": ("BOOL", [1], b"\x01")},
                                       metadata={"format": "pt", "clip-atelier": "mini"}), "dtypes.safetensors")
    seed("checkpoint", bad.safetensors({"w": ("F32", [1], bytes(4))}), "one.safetensors")

    # vocab
    tiny = read(os.path.join(DATA, "clip", "tiny_vocab.txt.gz"))
    text = gzip.decompress(tiny)
    seed("vocab", tiny, "tiny_vocab.txt.gz")
    seed("vocab", text, "tiny_vocab.txt")
    head = b"\n".join(text.split(b"\n")[:40]) + b"\n"
    seed("vocab", head, "head.txt")
    seed("vocab", gzip.compress(head, mtime=0), "head.txt.gz")

    # tokenizer
    prompts = set()
    for name in ("tokenizer_golden.json", "tiny_tokenizer_golden.json"):
        g = json.loads(read(os.path.join(DATA, "clip", name)))
        for e in g.get("entries", []) + g.get("dropped", []):
            prompts.add(e["text"])
    for p in sorted(prompts):
        seed("tokenizer", p.encode("utf-8", "surrogatepass"))

    # hf_vocab
    sep = b"\n--merges.txt--\n"
    vocab = read(os.path.join(DATA, "clip", "tiny_hf", "vocab.json"))
    merges = read(os.path.join(DATA, "clip", "tiny_hf", "merges.txt"))
    seed("hf_vocab", vocab + sep + merges, "tiny_hf")
    v = json.loads(vocab)
    small = {k: i for i, k in enumerate(sorted(v, key=v.get)[:300])}
    small.setdefault("<|startoftext|>", len(small))
    small.setdefault("<|endoftext|>", len(small))
    seed("hf_vocab", json.dumps(small).encode() + sep + b"\n".join(merges.split(b"\n")[:30]) + b"\n", "small")

    # taming_yaml
    y = read(os.path.join(DATA, "vqgan", "tiny.yaml"))
    seed("taming_yaml", y, "tiny.yaml")
    seed("taming_yaml", b"model:\n  params: {embed_dim: 8, n_embed: 32, ddconfig: {double_z: false, z_channels: 8, resolution: 16,"
                        b" in_channels: 3, out_ch: 3, ch: 32, ch_mult: [1, 2], num_res_blocks: 1, attn_resolutions: [8],"
                        b" dropout: 0.0}}\n", "flow.yaml")

    # png_settings
    for path in fixtures(".png"):
        seed("png_settings", read(path), os.path.basename(path))
    seed("png_settings", bad.png(16, 16, bad.SETTINGS), "settings_grey.png")
    seed("png_settings", bad.png(4, 4, bad.settings_with(mode="gan", prompts="a rocket|a red heart:-0.5"), color_type=6), "settings_rgba.png")
    seed("png_settings", bad.png(4, 4, [], ztexts=[(k, v.encode("latin-1")) for k, v in bad.SETTINGS], color_type=2), "settings_ztxt.png")

    print(" ".join("%s:%d" % kv for kv in sorted(counts.items())))


if __name__ == "__main__":
    main()
