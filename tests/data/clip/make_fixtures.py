#!/usr/bin/env python3
"""Generate the CLIP test fixtures and golden reference outputs in this folder.

Everything here is produced by running OpenAI's reference CLIP implementation
(https://github.com/openai/CLIP) in Python, so that the C++/LibTorch port can
be checked against the exact numbers the reference gives.  The reference code
is NOT part of this project: pass the folder that holds it with --reference
(either a checkout of the openai/CLIP repository, i.e. a folder containing
``clip/model.py``, or the ``clip/`` package folder itself).  OpenAI's BPE
merge list is read from --openai-vocab and is never copied here.

Usage (from the repository root; see README.md in this folder):

    /usr/bin/python3 tests/data/clip/make_fixtures.py \
        --reference /tmp/clipref \
        --openai-vocab ../shared/data/clip/bpe_simple_vocab_16e6.txt.gz \
        --article ../shared/article.txt

Requirements: Python 3 with torch (tested with 1.13), torchvision (0.14),
ftfy (6.1), regex, numpy and Pillow.  No transformers/safetensors packages are
needed: safetensors files are written by hand (the format is trivial).

The script is deterministic: all randomness comes from fixed seeds, gzip and
zip files are written without timestamps, and the legacy (pre-1.6) pickle's
storage keys (memory addresses in torch's writer) are renamed to "0", "1", ...
Running it twice produces byte-identical files (on the same library versions).
"""

import argparse
import ast
import copy
import gzip
import hashlib
import html  # noqa: F401  (the reference's basic_clean uses it)
import importlib.util
import io
import json
import math
import os
import pickle
import struct
import sys
import types
import zipfile
from collections import Counter, OrderedDict
from typing import List, Union

import numpy as np
import torch

torch.set_num_threads(1)

HERE = os.path.dirname(os.path.abspath(__file__))

# Fixed seeds (changing any of these changes the fixtures).
SEED_MODEL = 20240601      # torch.manual_seed before constructing the tiny CLIP
SEED_NOISE = 20240602      # generator for the perturbation of every parameter
SEED_IMAGES = 20240603     # generator for the golden input images
SEED_SAMPLES = 20240604    # generator for the sampled 224-px preprocessing positions
SEED_PNG = 20240605        # numpy generator for the synthetic gray/RGBA PNGs

NOISE_STD = 0.05           # std of the perturbation added to every parameter
N_TINY_MERGES = 400        # merges learned for the project's tiny BPE vocabulary
CONTEXT_LENGTH = 77


# --------------------------------------------------------------------------
# Loading the reference implementation (from outside the project).
# --------------------------------------------------------------------------

def _sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_reference(ref_root):
    """Import the reference's model.py and simple_tokenizer.py, and the few
    functions of clip.py that are needed (tokenize, _transform).

    clip.py itself cannot simply be imported: at import time it needs
    `packaging` and `tqdm` and builds a SimpleTokenizer from a vocabulary file
    that must sit beside it.  So its source is parsed and only the BICUBIC
    selection block and the functions `_convert_image_to_rgb`, `_transform`
    and `tokenize` are executed, verbatim, in a namespace that provides what
    they use.  `tokenize` reads the module-global `_tokenizer`, which we set to
    the tokenizer we want (OpenAI's vocab or the tiny one).
    """
    if os.path.isfile(os.path.join(ref_root, "clip", "model.py")):
        pkg_dir = os.path.join(ref_root, "clip")
    elif os.path.isfile(os.path.join(ref_root, "model.py")):
        pkg_dir = ref_root
    else:
        sys.exit(f"--reference {ref_root}: no clip/model.py there")
    pkg_dir = os.path.abspath(pkg_dir)

    # A stub package named "clip" so that the modules get the same qualified
    # names as in the reference (clip.model.CLIP ...) without running
    # clip/__init__.py (which imports clip.py).
    pkg = types.ModuleType("clip")
    pkg.__path__ = [pkg_dir]
    sys.modules["clip"] = pkg

    def _load(name):
        spec = importlib.util.spec_from_file_location(f"clip.{name}", os.path.join(pkg_dir, f"{name}.py"))
        mod = importlib.util.module_from_spec(spec)
        sys.modules[f"clip.{name}"] = mod
        spec.loader.exec_module(mod)
        setattr(pkg, name, mod)
        return mod

    model_mod = _load("model")
    tok_mod = _load("simple_tokenizer")

    clip_py = os.path.join(pkg_dir, "clip.py")
    with open(clip_py, encoding="utf-8") as f:
        clip_src = f.read()
    tree = ast.parse(clip_src, clip_py)
    wanted_funcs = {"_convert_image_to_rgb", "_transform", "tokenize"}
    nodes = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in wanted_funcs:
            nodes.append(node)
        elif isinstance(node, ast.Try) and "BICUBIC" in ast.get_source_segment(clip_src, node):
            nodes.append(node)
    found = {n.name for n in nodes if isinstance(n, ast.FunctionDef)}
    if found != wanted_funcs:
        sys.exit(f"clip.py: could not find {sorted(wanted_funcs - found)}")
    clip_code = compile(ast.Module(body=nodes, type_ignores=[]), clip_py, "exec")

    class _VersionShim:
        """Stands in for packaging.version (only `parse(a) < parse(b)` is used)."""

        @staticmethod
        def parse(s):
            import re
            return tuple(int(re.match(r"\d*", p).group() or 0) for p in str(s).split(".")[:3])

    def clip_functions(tokenizer):
        """Return a namespace with clip.py's functions bound to `tokenizer`."""
        from PIL import Image
        from torchvision.transforms import CenterCrop, Compose, Normalize, Resize, ToTensor
        ns = dict(torch=torch, Image=Image, Compose=Compose, Resize=Resize, CenterCrop=CenterCrop,
                  ToTensor=ToTensor, Normalize=Normalize, Union=Union, List=List,
                  version=_VersionShim, _tokenizer=tokenizer, __name__="clip.clip")
        exec(clip_code, ns)
        return types.SimpleNamespace(**{k: ns[k] for k in ("tokenize", "_transform", "BICUBIC")})

    files = {n: _sha256_file(os.path.join(pkg_dir, n)) for n in ("model.py", "simple_tokenizer.py", "clip.py")}
    return model_mod, tok_mod, clip_functions, files


# --------------------------------------------------------------------------
# Small output helpers.
# --------------------------------------------------------------------------

def floats(t):
    """A float tensor as a flat list of Python floats (exact float32 values;
    json writes them with repr, i.e. full precision)."""
    return [float(v) for v in t.detach().to(torch.float64).reshape(-1).tolist()]


def write_json(path, obj):
    """Compact JSON; top-level keys on their own lines, and lists of dicts one
    item per line, so that diffs stay readable."""
    def dump(o):
        return json.dumps(o, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    parts = []
    for k, v in obj.items():
        if isinstance(v, list) and v and all(isinstance(e, dict) for e in v):
            body = "[\n" + ",\n".join(dump(e) for e in v) + "\n]"
        else:
            body = dump(v)
        parts.append(f"{dump(k)}:{body}")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n" + ",\n".join(parts) + "\n}\n")


def gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    # mtime=0 and no file name in the header: reproducible bytes.
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(data)
    return buf.getvalue()


# --------------------------------------------------------------------------
# safetensors (written and read by hand).
# --------------------------------------------------------------------------

_ST_DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}


def _tensor_bytes(t):
    t = t.detach().contiguous().cpu()
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: reinterpret the bits
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def write_safetensors(path, tensors: "OrderedDict[str, torch.Tensor]"):
    """8-byte LE header length N, N bytes of JSON header (space padded so the
    data starts at a multiple of 8), then the tensors back to back in the
    order given."""
    header, blobs, offset = OrderedDict(), [], 0
    for name, t in tensors.items():
        b = _tensor_bytes(t)
        header[name] = {"dtype": _ST_DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    header["__metadata__"] = {"format": "pt"}
    h = json.dumps(header, separators=(",", ":")).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    """Minimal reader used to check what we wrote."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    base = 8 + n
    out = OrderedDict()
    np_types = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        raw = data[base + a:base + b]
        if info["dtype"] == "BF16":
            t = torch.from_numpy(np.frombuffer(raw, dtype="<i2").copy()).view(torch.bfloat16)
        else:
            t = torch.from_numpy(np.frombuffer(raw, dtype=np.dtype(np_types[info["dtype"]]).newbyteorder("<")).copy())
        out[name] = t.reshape(info["shape"])
    return out, header


# --------------------------------------------------------------------------
# 1. Tokenizer golden with OpenAI's vocabulary.
# --------------------------------------------------------------------------

# Prompts covering the cleaning and splitting rules (grouped by theme).
TOKENIZER_PROMPTS = [
    # plain English
    "a diagram",
    "a photo of a cat",
    "A photo of a dog sitting on the grass.",
    "an astronaut riding a horse on the moon",
    "the quick brown fox jumps over the lazy dog",
    # punctuation
    "Hello, world!",
    "wait... what?!",
    "(parentheses) [brackets] {braces}",
    "semi;colon:colon -- dash \u2014 em-dash \u2013 en-dash",
    "quotes \"double\" and 'single'",
    # numbers
    "3.14",
    "2021",
    "100%",
    "in 2021, prices rose 100%",
    "1,000,000 dollars and 0.5 cents",
    "version 1.2.3-beta",
    # contractions
    "it's a dog's life",
    "we'll see, they've gone, you're here, I'd go",
    "I'M SHOUTING, DON'T",
    "it\u2019s curly",
    # accents (composed and decomposed)
    "caf\u00e9 cr\u00e8me",
    "na\u00efve fa\u00e7ade",
    "cafe\u0301 with a combining accent",
    "\u00c5ngstr\u00f6m \u00fcber stra\u00dfe",
    # emoji
    "\U0001F680 rocket",
    "\U0001F469\u200d\U0001F680",
    "\u2764\ufe0f",
    "I \u2764\ufe0f NY \U0001F5FD",
    "\U0001F44D\U0001F3FD thumbs up",
    "\U0001F1EB\U0001F1F7 flag",
    # CJK
    "\u6771\u4eac\u30bf\u30ef\u30fc",
    "\ud55c\uad6d\uc5b4",
    "\u4e2d\u6587",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3067\u3059\u3002",
    # HTML entities (ftfy unescapes unless the segment contains '<'; then
    # basic_clean unescapes twice more)
    "&amp;",
    "&lt;b&gt;",
    "&amp;amp;",
    "fish &amp; chips",
    "<b>bold</b> &amp;amp; more",
    "<i>&amp;amp;amp;</i>",
    "&quot;quoted&quot; &#39;apos&#39; &#x41;&#66;",
    "a &amp;amp;amp; b\n<c> &amp;amp;amp; d\n&amp;amp;amp; e",  # '<' turns ftfy's unescaping off for the rest
    "&nbsp;non&nbsp;breaking",
    # curly quotes
    "\u201cquoted\u201d \u2018text\u2019",
    "\u201alow\u201b \u201edouble low\u201f",
    # fullwidth / halfwidth
    "\uff21\uff22\uff23",
    "\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48\u3000\uff53\uff50\uff41\uff43\uff45 \uff11\uff12\uff13",
    "\uff76\uff80\uff76\uff85 halfwidth katakana",
    # ligatures
    "\ufb01ne \ufb02our \ufb00",
    "\u0133ssel \u01c6",
    # whitespace
    "tabs\tand\nnewlines\r\nand   multiple   spaces",
    "  leading and trailing  ",
    "",
    "     ",
    "\t\n\r \u00a0\u2003\u3000",
    # control and invisible characters
    "bell\x07 and\x01 delete\x7f chars",
    "nul\x00char",
    "zero\u200bwidth\u200djoiner and bom\ufeff",
    "soft\u00adhyphen",
    # special tokens typed literally
    "<|endoftext|>",
    "hello <|startoftext|> world <|endoftext|>",
    "<|ENDOFTEXT|>",
    # upper case and case mapping
    "HELLO WORLD",
    "MiXeD CaSe",
    "\u0130stanbul",
    "\u039f\u0394\u039f\u03a3 \u03a3\u039f\u03a6\u0399\u0391",
    # mixed scripts and symbols
    "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440 hello \u4e16\u754c \u0645\u0631\u062d\u0628\u0627",
    "abc\u0430\u0431\u0432",
    "\u2115 \u211d \u2211 \u221e \u2264 \u2265",
    "x\u00b2 + y\u00b3 = \u00bd",
    "\u216b roman numeral",
    "\u0967\u0968\u0969 devanagari digits",
    # very long words and repeated letters
    "supercalifragilisticexpialidocious",
    "pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism",
    "a" * 40,
    "sooooooo goooood!!!!!!",
    # URL, e-mail, code-like text
    "https://www.example.com/path?query=1&lang=en#frag",
    "email me at someone@example.org",
    "def f(x): return x**2 + 1  # comment",
    "if (a && b) { c[i] = d->e; }",
    "snake_case camelCase kebab-case",
    # length boundary: 75 tokens fit (77 with start/end) ...
    " ".join(["a"] * 75),
    # ... over-long prompts (76 tokens and more)
    " ".join(["a"] * 76),
    "A very long caption describing a busy city street at night, with neon signs, wet asphalt "
    "reflecting the lights, people holding umbrellas, taxis waiting at the crossing, a street "
    "vendor selling roasted chestnuts, steam rising from a manhole, and a tram passing by in the "
    "background while a dog watches from a doorway. Above the rooftops, a full moon hides behind thin "
    "clouds and a few stars shine over the harbour.",
    " ".join(str(i) for i in range(1, 61)),
    # mojibake: ftfy's fix_encoding changes these, so they are dropped (see README)
    "caf\u00c3\u00a9 cr\u00c3\u00a8me",
    "\u00c3\u00bcber",
]

TINY_PROMPTS = [
    "a diagram",
    "a photo of a cat",
    "an astronaut riding a horse on the moon",
    "A photo of a dog sitting on the grass.",
    "Hello, world!",
    "in 2021, prices rose 100%",
    "it's a dog's life",
    "I'M SHOUTING, DON'T",
    "caf\u00e9 cr\u00e8me",
    "\U0001F680 rocket",
    "\u6771\u4eac\u30bf\u30ef\u30fc",
    "&amp;amp; \u201cquoted\u201d",
    "\ufb01ne \uff21\uff22\uff23",
    "<|endoftext|>",
    "",
    "supercalifragilisticexpialidocious",
    "generative adversarial networks and latent space",
    "https://www.example.com/path?query=1",
    " ".join(["a"] * 76),
    "CLIP guides a GAN through its latent space to produce images from a text prompt, one step at "
    "a time, comparing the image and the caption embeddings with a cosine similarity score.",
]


def changed_by_mojibake_repair(ftfy, text):
    """True if ftfy's encoding repair (fix_encoding, which the C++ side does
    not implement) changes this text."""
    return ftfy.fix_encoding(text) != text or ftfy.fix_text(text) != ftfy.fix_text(text, fix_encoding=False)


def tokenizer_entries(tok_mod, tokenizer, clip_fns, prompts):
    """Reference tokenization of `prompts` (as clip.tokenize does)."""
    entries = []
    for text in prompts:
        clean = tok_mod.whitespace_clean(tok_mod.basic_clean(text)).lower()
        bpe = tokenizer.encode(text)
        n_tokens = len(bpe) + 2
        try:
            ids = clip_fns.tokenize(text, context_length=CONTEXT_LENGTH)[0].tolist()
        except RuntimeError as e:
            assert "too long" in str(e)
            entries.append({"text": text, "truncate": False, "error": "too long", "n_tokens": n_tokens})
            ids_t = clip_fns.tokenize(text, context_length=CONTEXT_LENGTH, truncate=True)[0].tolist()
            entries.append({"text": text, "truncate": True, "clean": clean, "n_tokens": n_tokens,
                            "bpe_tokens": bpe, "ids": ids_t})
            continue
        entries.append({"text": text, "clean": clean, "n_tokens": n_tokens, "bpe_tokens": bpe, "ids": ids})
    return entries


# --------------------------------------------------------------------------
# 2. The project's own tiny BPE vocabulary.
# --------------------------------------------------------------------------

def corpus_words(tok_mod, pattern, texts):
    """Word frequencies (words as tuples of byte-unicode symbols, the last
    one carrying '</w>'), split exactly like SimpleTokenizer.encode does."""
    import regex as re
    byte_encoder = tok_mod.bytes_to_unicode()
    freq = Counter()
    for text in texts:
        clean = tok_mod.whitespace_clean(tok_mod.basic_clean(text)).lower()
        for token in re.findall(pattern, clean):
            if token in ("<|startoftext|>", "<|endoftext|>"):
                continue
            sym = "".join(byte_encoder[b] for b in token.encode("utf-8"))
            freq[tuple(sym[:-1]) + (sym[-1] + "</w>",)] += 1
    return freq


def merge_word(word, pair):
    a, b = pair
    out, i = [], 0
    while i < len(word):
        if i < len(word) - 1 and word[i] == a and word[i + 1] == b:
            out.append(a + b)
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def learn_bpe(tok_mod, freq, n_merges):
    """Plain BPE: repeatedly merge the most frequent adjacent pair (ties: the
    lexicographically smallest pair).  A merge whose result already exists in
    the vocabulary is skipped (banned), so every merge adds a new, unique
    token and vocab.json has no duplicates."""
    base = list(tok_mod.bytes_to_unicode().values())
    known = set(base) | {c + "</w>" for c in base}
    words = dict(freq)
    merges, banned = [], set()
    while len(merges) < n_merges:
        pairs = Counter()
        for w, f in words.items():
            for p in zip(w, w[1:]):
                pairs[p] += f
        cands = [(-c, p) for p, c in pairs.items() if p not in banned]
        if not cands:
            break
        _, best = min(cands)
        if best[0] + best[1] in known:
            banned.add(best)
            continue
        merges.append(best)
        known.add(best[0] + best[1])
        words = {merge_word(w, best) if best[0] in w else w: f for w, f in words.items()}
    return merges


# --------------------------------------------------------------------------
# 3. The tiny CLIP and its serialisations.
# --------------------------------------------------------------------------

def to_hf_state_dict(sd, vision_layers, text_layers, n_ctx, n_patches_plus_1):
    """OpenAI key names -> Hugging Face transformers CLIPModel key names."""
    hf = OrderedDict()

    def layers(src_prefix, dst_prefix, n):
        for i in range(n):
            s, d = f"{src_prefix}.{i}", f"{dst_prefix}.{i}"
            w, b = sd[f"{s}.attn.in_proj_weight"], sd[f"{s}.attn.in_proj_bias"]
            width = w.shape[1]
            for j, name in enumerate(("q_proj", "k_proj", "v_proj")):
                hf[f"{d}.self_attn.{name}.weight"] = w[j * width:(j + 1) * width].clone()
                hf[f"{d}.self_attn.{name}.bias"] = b[j * width:(j + 1) * width].clone()
            hf[f"{d}.self_attn.out_proj.weight"] = sd[f"{s}.attn.out_proj.weight"]
            hf[f"{d}.self_attn.out_proj.bias"] = sd[f"{s}.attn.out_proj.bias"]
            hf[f"{d}.layer_norm1.weight"] = sd[f"{s}.ln_1.weight"]
            hf[f"{d}.layer_norm1.bias"] = sd[f"{s}.ln_1.bias"]
            hf[f"{d}.mlp.fc1.weight"] = sd[f"{s}.mlp.c_fc.weight"]
            hf[f"{d}.mlp.fc1.bias"] = sd[f"{s}.mlp.c_fc.bias"]
            hf[f"{d}.mlp.fc2.weight"] = sd[f"{s}.mlp.c_proj.weight"]
            hf[f"{d}.mlp.fc2.bias"] = sd[f"{s}.mlp.c_proj.bias"]
            hf[f"{d}.layer_norm2.weight"] = sd[f"{s}.ln_2.weight"]
            hf[f"{d}.layer_norm2.bias"] = sd[f"{s}.ln_2.bias"]

    hf["text_model.embeddings.token_embedding.weight"] = sd["token_embedding.weight"]
    hf["text_model.embeddings.position_embedding.weight"] = sd["positional_embedding"]
    hf["text_model.embeddings.position_ids"] = torch.arange(n_ctx, dtype=torch.int64).unsqueeze(0)
    layers("transformer.resblocks", "text_model.encoder.layers", text_layers)
    hf["text_model.final_layer_norm.weight"] = sd["ln_final.weight"]
    hf["text_model.final_layer_norm.bias"] = sd["ln_final.bias"]
    hf["text_projection.weight"] = sd["text_projection"].t().contiguous()
    hf["vision_model.embeddings.class_embedding"] = sd["visual.class_embedding"]
    hf["vision_model.embeddings.patch_embedding.weight"] = sd["visual.conv1.weight"]
    hf["vision_model.embeddings.position_embedding.weight"] = sd["visual.positional_embedding"]
    hf["vision_model.embeddings.position_ids"] = torch.arange(n_patches_plus_1, dtype=torch.int64).unsqueeze(0)
    hf["vision_model.pre_layrnorm.weight"] = sd["visual.ln_pre.weight"]  # sic: HF's spelling
    hf["vision_model.pre_layrnorm.bias"] = sd["visual.ln_pre.bias"]
    layers("visual.transformer.resblocks", "vision_model.encoder.layers", vision_layers)
    hf["vision_model.post_layernorm.weight"] = sd["visual.ln_post.weight"]
    hf["vision_model.post_layernorm.bias"] = sd["visual.ln_post.bias"]
    hf["visual_projection.weight"] = sd["visual.proj"].t().contiguous()
    hf["logit_scale"] = sd["logit_scale"].reshape([])
    return hf


def hf_forward(hf, images, tokens, heads, eot_id):
    """An independent re-implementation of transformers' CLIPModel forward pass
    (quick_gelu, eps 1e-5) reading the HF key names, used only to check that the
    key mapping (q/k/v split, transposed projections) is right."""
    F = torch.nn.functional

    def encoder(x, prefix, n_layers, causal):
        for i in range(n_layers):
            p = f"{prefix}.encoder.layers.{i}"
            h = F.layer_norm(x, x.shape[-1:], hf[f"{p}.layer_norm1.weight"], hf[f"{p}.layer_norm1.bias"], 1e-5)
            B, L, D = h.shape
            hd = D // heads

            def proj(n):
                return F.linear(h, hf[f"{p}.self_attn.{n}.weight"], hf[f"{p}.self_attn.{n}.bias"]).view(B, L, heads, hd).transpose(1, 2)
            q, k, v = proj("q_proj") * hd ** -0.5, proj("k_proj"), proj("v_proj")
            att = q @ k.transpose(-1, -2)
            if causal:
                att = att + torch.full((L, L), float("-inf")).triu(1)
            h = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, L, D)
            x = x + F.linear(h, hf[f"{p}.self_attn.out_proj.weight"], hf[f"{p}.self_attn.out_proj.bias"])
            h = F.layer_norm(x, x.shape[-1:], hf[f"{p}.layer_norm2.weight"], hf[f"{p}.layer_norm2.bias"], 1e-5)
            h = F.linear(h, hf[f"{p}.mlp.fc1.weight"], hf[f"{p}.mlp.fc1.bias"])
            h = h * torch.sigmoid(1.702 * h)
            x = x + F.linear(h, hf[f"{p}.mlp.fc2.weight"], hf[f"{p}.mlp.fc2.bias"])
        return x

    n_text = len({k.split(".")[3] for k in hf if k.startswith("text_model.encoder.layers.")})
    n_vis = len({k.split(".")[3] for k in hf if k.startswith("vision_model.encoder.layers.")})
    # text
    x = hf["text_model.embeddings.token_embedding.weight"][tokens.long()]
    x = x + hf["text_model.embeddings.position_embedding.weight"][hf["text_model.embeddings.position_ids"][0]]
    x = encoder(x, "text_model", n_text, True)
    x = F.layer_norm(x, x.shape[-1:], hf["text_model.final_layer_norm.weight"], hf["text_model.final_layer_norm.bias"], 1e-5)
    eot_pos = (tokens.long() == eot_id).int().argmax(-1)  # first end token (HF's rule)
    text = F.linear(x[torch.arange(x.shape[0]), eot_pos], hf["text_projection.weight"])
    # vision
    w = hf["vision_model.embeddings.patch_embedding.weight"]
    x = F.conv2d(images, w, stride=w.shape[-1]).flatten(2).transpose(1, 2)
    cls = hf["vision_model.embeddings.class_embedding"].expand(x.shape[0], 1, -1)
    x = torch.cat([cls, x], 1) + hf["vision_model.embeddings.position_embedding.weight"]
    x = F.layer_norm(x, x.shape[-1:], hf["vision_model.pre_layrnorm.weight"], hf["vision_model.pre_layrnorm.bias"], 1e-5)
    x = encoder(x, "vision_model", n_vis, False)
    x = F.layer_norm(x[:, 0], x.shape[-1:], hf["vision_model.post_layernorm.weight"], hf["vision_model.post_layernorm.bias"], 1e-5)
    image = F.linear(x, hf["visual_projection.weight"])
    logits = hf["logit_scale"].exp() * F.normalize(image, dim=-1) @ F.normalize(text, dim=-1).t()
    return text, image, logits


def write_torch_zip(path, records):
    """Write a PyTorch zip-layout file with torch's own writer (as torch.save
    does).  Writing through a file object gives the 'archive/' prefix that
    torch.save uses for file objects (torch.save to a path uses the file's
    stem instead, as tiny_state_dict.pt shows)."""
    with open(path, "wb") as f:
        writer = torch._C.PyTorchFileWriter(f)
        for name, data in records:
            writer.write_record(name, data, len(data))
        writer.write_end_of_file()  # adds the 'version' record
        del writer


def strip_jit_debug_info(path):
    """Rewrite a TorchScript archive without its optional '*.debug_pkl'
    records.  Those hold the tracing call stacks (absolute paths and line
    numbers of this script, of the reference and of the torch installation),
    which would make the archive depend on where and from which revision of
    this script it was generated.  torch.jit.load does not need them.  The
    other records are copied in their original order with torch's own zip
    writer, and the archive's format version is kept."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        prefix = names[0].split("/", 1)[0] + "/"
        version = int(z.read(prefix + "version").decode().strip())
        records = [(n[len(prefix):], z.read(n)) for n in names
                   if not n.endswith(".debug_pkl") and n != prefix + "version"]
    writer = torch._C.PyTorchFileWriter(path)  # same stem, hence same prefix
    writer.set_min_version(version)
    for name, data in records:
        writer.write_record(name, data, len(data))
    writer.write_end_of_file()
    del writer


class _OsSystem:
    """Unpickling an instance calls os.system(cmd).  (Never unpickled here.)"""

    def __reduce__(self):
        return (os.system, ("echo pwned > /tmp/clip_atelier_pwned",))


class _BuiltinsEval:
    """Unpickling an instance calls builtins.eval(expr).  (Never unpickled here.)"""

    def __reduce__(self):
        import builtins
        return (builtins.eval, ("__import__('os').system('echo pwned > /tmp/clip_atelier_pwned')",))


def write_legacy_pickle(path, obj):
    """torch.save(obj, _use_new_zipfile_serialization=False), then rename the
    storage keys (torch writes str(storage._cdata), a memory address) to
    "0", "1", ... in their sorted order, so the file is reproducible.  Keys are
    pickled (protocol 2) as BINUNICODE: b'X' + u32 length + utf-8."""
    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=False)
    data = buf.getvalue()
    keys = []
    for t in obj.values():
        k = str(t.storage()._cdata)
        if k not in keys:
            keys.append(k)
    for new, old in enumerate(sorted(keys)):
        o, n = old.encode(), str(new).encode()
        pat_old = b"X" + struct.pack("<I", len(o)) + o
        assert data.count(pat_old) >= 2, "storage key not found where expected"
        data = data.replace(pat_old, b"X" + struct.pack("<I", len(n)) + n)
    with open(path, "wb") as f:
        f.write(data)


def preprocess_record(transform, img, n_px):
    from torchvision.transforms import Resize
    resized = Resize(n_px, interpolation=transform.transforms[0].interpolation)(img)
    return transform(img), list(resized.size)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", required=True, help="openai/CLIP checkout (folder with clip/model.py)")
    ap.add_argument("--openai-vocab", required=True, help="path to bpe_simple_vocab_16e6.txt.gz")
    ap.add_argument("--article", required=True, help="text used (with the prompts) as the tiny BPE corpus")
    ap.add_argument("--photos", default=os.path.join(HERE, "..", "..", "..", "resources", "photos"))
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()
    out = args.out
    os.makedirs(out, exist_ok=True)

    import ftfy
    import PIL
    import regex
    import torchvision
    from PIL import Image

    model_mod, tok_mod, clip_functions, ref_files = load_reference(args.reference)
    versions = {"python": sys.version.split()[0], "torch": torch.__version__, "torchvision": torchvision.__version__,
                "PIL": PIL.__version__, "ftfy": ftfy.__version__, "regex": regex.__version__, "numpy": np.__version__}
    meta = {"generator": "tests/data/clip/make_fixtures.py", "reference_sha256": ref_files, "versions": versions}
    log = []

    def say(msg):
        print(msg)
        log.append(msg)

    # ---------------------------------------------------------------- 1 ----
    openai_tok = tok_mod.SimpleTokenizer(bpe_path=args.openai_vocab)
    openai_fns = clip_functions(openai_tok)
    kept, dropped = [], []
    for p in TOKENIZER_PROMPTS:
        (dropped if changed_by_mojibake_repair(ftfy, p) else kept).append(p)
    for p in dropped:
        say(f"dropped (changed by ftfy.fix_encoding): {p!r} -> {ftfy.fix_text(p)!r}")
    entries = tokenizer_entries(tok_mod, openai_tok, openai_fns, kept)
    write_json(os.path.join(out, "tokenizer_golden.json"), {
        "meta": dict(meta, vocab="bpe_simple_vocab_16e6.txt.gz", vocab_sha256=_sha256_file(args.openai_vocab),
                     note="ids = clip.tokenize(text, context_length=77[, truncate=True])[0]; "
                          "bpe_tokens = SimpleTokenizer.encode(text); "
                          "clean = whitespace_clean(basic_clean(text)).lower(); "
                          "n_tokens = len(bpe_tokens) + 2"),
        "context_length": CONTEXT_LENGTH, "sot": openai_tok.encoder["<|startoftext|>"],
        "eot": openai_tok.encoder["<|endoftext|>"], "vocab_size": len(openai_tok.encoder),
        "dropped": [{"text": p, "reason": "changed by ftfy fix_encoding (mojibake repair)",
                     "ftfy_fix_text": ftfy.fix_text(p)} for p in dropped],
        "entries": entries,
    })
    say(f"tokenizer_golden.json: {len(kept)} prompts, {len(entries)} entries "
        f"({sum(1 for e in entries if 'error' in e)} too-long errors)")

    # ---------------------------------------------------------------- 2 ----
    with open(args.article, encoding="utf-8") as f:
        article = f.read()
    freq = corpus_words(tok_mod, openai_tok.pat, [article] + TOKENIZER_PROMPTS + TINY_PROMPTS)
    merges = learn_bpe(tok_mod, freq, N_TINY_MERGES)
    # No trailing newline: SimpleTokenizer splits on '\n' and would turn a
    # final empty line into an empty merge (an extra '' token).
    merges_text = "#version: tiny\n" + "\n".join(f"{a} {b}" for a, b in merges)
    tiny_vocab_path = os.path.join(out, "tiny_vocab.txt.gz")
    with open(tiny_vocab_path, "wb") as f:
        f.write(gzip_bytes(merges_text.encode("utf-8")))
    tiny_tok = tok_mod.SimpleTokenizer(bpe_path=tiny_vocab_path)
    tiny_fns = clip_functions(tiny_tok)
    V = len(tiny_tok.encoder)
    assert V == 512 + len(merges) + 2, "duplicate tokens in the tiny vocabulary"
    assert sorted(tiny_tok.encoder.values()) == list(range(V))
    os.makedirs(os.path.join(out, "tiny_hf"), exist_ok=True)
    vocab_items = sorted(tiny_tok.encoder.items(), key=lambda kv: kv[1])
    with open(os.path.join(out, "tiny_hf", "vocab.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(OrderedDict(vocab_items), ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(out, "tiny_hf", "merges.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    tiny_entries = tokenizer_entries(tok_mod, tiny_tok, tiny_fns, TINY_PROMPTS)
    write_json(os.path.join(out, "tiny_tokenizer_golden.json"), {
        "meta": dict(meta, vocab="tiny_vocab.txt.gz", vocab_sha256=_sha256_file(tiny_vocab_path),
                     note="same fields as tokenizer_golden.json; sot = vocab_size-2, eot = vocab_size-1"),
        "context_length": CONTEXT_LENGTH, "sot": tiny_tok.encoder["<|startoftext|>"],
        "eot": tiny_tok.encoder["<|endoftext|>"], "vocab_size": V, "n_merges": len(merges),
        "entries": tiny_entries,
    })
    say(f"tiny vocab: {len(merges)} merges, vocab_size {V}, sot {V - 2}, eot {V - 1}; "
        f"corpus {sum(freq.values())} words ({len(freq)} distinct)")

    # ---------------------------------------------------------------- 3 ----
    cfg = dict(embed_dim=32, image_resolution=32, vision_layers=2, vision_width=64, vision_patch_size=8,
               context_length=CONTEXT_LENGTH, vocab_size=V, transformer_width=64,
               transformer_heads=64 // 64, transformer_layers=2)
    torch.manual_seed(SEED_MODEL)
    model = model_mod.CLIP(**cfg)  # the constructor runs initialize_parameters()
    gen = torch.Generator().manual_seed(SEED_NOISE)
    with torch.no_grad():
        for name, p in model.named_parameters():  # registration order: deterministic
            p.add_(NOISE_STD * torch.randn(p.shape, generator=gen))
        model.logit_scale.fill_(math.log(1 / 0.07) + 0.1)
    model.eval()

    # Golden inputs.
    prompts3 = ["a photo of a cat", "a diagram of a rocket", "an astronaut riding a horse"]
    tokens = tiny_fns.tokenize(prompts3, context_length=CONTEXT_LENGTH)  # int32, like clip.tokenize
    gen_img = torch.Generator().manual_seed(SEED_IMAGES)
    images = torch.randn((2, 3, 32, 32), generator=gen_img)

    def outputs(m):
        with torch.no_grad():
            et = m.encode_text(tokens)
            ei = m.encode_image(images)
            lpi, lpt = m(images, tokens)
        assert torch.equal(lpi.t(), lpt)
        return et.float(), ei.float(), lpi.float()

    et, ei, lpi = outputs(model)

    # a. float32 state dict, and its round trip through build_model.
    sd = model.state_dict()
    sd_path = os.path.join(out, "tiny_state_dict.pt")
    torch.save(sd, sd_path)
    sd_loaded = torch.load(sd_path, map_location="cpu")  # our own file
    assert list(sd_loaded) == list(sd) and all(torch.equal(sd_loaded[k], sd[k]) for k in sd)
    # build_model infers the hyperparameters, then (convert_weights) turns
    # conv/linear/attention/projection weights to fp16 and load_state_dict
    # copies the float32 values into them: clip.load(jit=False) on the CPU
    # (build_model(...).float()) therefore yields those weights fp16-rounded.
    rebuilt = model_mod.build_model(dict(sd_loaded)).float().eval()
    assert list(rebuilt.state_dict()) == list(sd)
    cw = copy.deepcopy(model)
    model_mod.convert_weights(cw)
    cw.float().eval()
    assert all(torch.equal(rebuilt.state_dict()[k], cw.state_dict()[k]) for k in sd)
    cw_out = outputs(rebuilt)
    assert all(torch.equal(a, b) for a, b in zip(cw_out, outputs(cw)))
    # The inferred hyperparameters give an fp32 model that reproduces ours exactly.
    exact = model_mod.CLIP(**cfg)
    exact.load_state_dict(sd_loaded)
    exact.eval()
    assert all(torch.equal(a, b) for a, b in zip(outputs(exact), (et, ei, lpi)))
    say("tiny_state_dict.pt: round trip OK (build_model infers the same architecture; "
        "fp32 reload reproduces the outputs bit for bit)")

    # fp16-rounded weights (model.half().float()): what the fp16 archive gives on CPU.
    half_model = copy.deepcopy(model).half().float().eval()
    h_et, h_ei, h_lpi = outputs(half_model)

    # b. TorchScript archive like OpenAI's.  fp16 ops are not implemented on
    # the CPU in torch 1.13 (addmm, conv2d, mixed layer_norm), so the fp32
    # model is traced and the traced module's parameters are then halved.
    mimic = copy.deepcopy(model)
    for name, value in (("input_resolution", 32), ("context_length", CONTEXT_LENGTH), ("vocab_size", V)):
        if hasattr(mimic, name):
            delattr(mimic, name)
        mimic.register_buffer(name, torch.tensor(value, dtype=torch.int64))
    traced = torch.jit.trace_module(mimic, {"forward": (images, tokens.long()),
                                            "encode_image": (images,),
                                            "encode_text": (tokens.long(),)})
    traced.half()
    jit_path = os.path.join(out, "tiny_openai_jit.pt")
    torch.jit.save(traced, jit_path)
    strip_jit_debug_info(jit_path)
    jm = torch.jit.load(jit_path, map_location="cpu")
    jit_params = [(n, str(p.dtype).replace("torch.", ""), list(p.shape)) for n, p in jm.named_parameters()]
    jit_buffers = [(n, str(b.dtype).replace("torch.", ""), list(b.shape)) for n, b in jm.named_buffers()]
    assert {n for n, _, _ in jit_params} == {n for n, _ in model.named_parameters()}
    assert all(d == "float16" for _, d, _ in jit_params)
    jm.float()  # what clip.load(jit=True) does on the CPU
    with torch.no_grad():
        j_et, j_ei = jm.encode_text(tokens.long()), jm.encode_image(images)
        j_lpi, _ = jm(images, tokens.long())
    jit_diff = max((a - b).abs().max().item() for a, b in ((j_et, h_et), (j_ei, h_ei), (j_lpi, h_lpi)))
    assert jit_diff < 1e-4, jit_diff
    say(f"tiny_openai_jit.pt: {len(jit_params)} fp16 parameters; buffers {jit_buffers}; "
        f"reloaded+float() vs fp16_weights golden: max abs diff {jit_diff:.3g}")

    # c. Hugging Face layout.
    n_patches_plus_1 = (32 // 8) ** 2 + 1
    hf = to_hf_state_dict(sd, 2, 2, CONTEXT_LENGTH, n_patches_plus_1)
    write_safetensors(os.path.join(out, "tiny_hf", "model.safetensors"), hf)
    hf_back, _ = read_safetensors(os.path.join(out, "tiny_hf", "model.safetensors"))
    assert list(hf_back) == list(hf) and all(torch.equal(hf_back[k], hf[k]) for k in hf)
    hf_et, hf_ei, hf_lpi = hf_forward(hf_back, images, tokens, heads=1, eot_id=V - 1)
    hf_diff = max((a - b).abs().max().item() for a, b in ((hf_et, et), (hf_ei, ei), (hf_lpi, lpi)))
    assert hf_diff < 1e-4, hf_diff
    say(f"tiny_hf/model.safetensors: {len(hf)} tensors; independent HF-style forward vs golden: "
        f"max abs diff {hf_diff:.3g}")
    hf_config = OrderedDict([
        ("architectures", ["CLIPModel"]),
        ("model_type", "clip"),
        ("initializer_factor", 1.0),
        ("logit_scale_init_value", 2.6592),
        ("projection_dim", 32),
        ("text_config", OrderedDict([
            ("model_type", "clip_text_model"), ("vocab_size", V), ("hidden_size", 64),
            ("intermediate_size", 256), ("num_attention_heads", 1), ("num_hidden_layers", 2),
            ("max_position_embeddings", CONTEXT_LENGTH), ("projection_dim", 32), ("hidden_act", "quick_gelu"),
            ("layer_norm_eps", 1e-05), ("attention_dropout", 0.0), ("dropout", 0.0),
            ("initializer_range", 0.02), ("initializer_factor", 1.0),
            ("bos_token_id", V - 2), ("eos_token_id", V - 1), ("pad_token_id", V - 1)])),
        ("vision_config", OrderedDict([
            ("model_type", "clip_vision_model"), ("hidden_size", 64), ("intermediate_size", 256),
            ("num_attention_heads", 1), ("num_hidden_layers", 2), ("num_channels", 3), ("image_size", 32),
            ("patch_size", 8), ("projection_dim", 32), ("hidden_act", "quick_gelu"), ("layer_norm_eps", 1e-05),
            ("attention_dropout", 0.0), ("dropout", 0.0), ("initializer_range", 0.02),
            ("initializer_factor", 1.0)])),
        ("torch_dtype", "float32"),
        ("transformers_version", "4.40.0"),
    ])
    with open(os.path.join(out, "tiny_hf", "config.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(hf_config, indent=2) + "\n")

    # d. fp16 / bf16 safetensors under OpenAI key names.
    for dtype, fname in ((torch.float16, "tiny_state_dict_fp16.safetensors"),
                         (torch.bfloat16, "tiny_state_dict_bf16.safetensors")):
        conv = OrderedDict((k, v.to(dtype)) for k, v in sd.items())
        write_safetensors(os.path.join(out, fname), conv)
        back, _ = read_safetensors(os.path.join(out, fname))
        assert list(back) == list(conv) and all(torch.equal(back[k], conv[k]) for k in conv)

    # e. Malicious and legacy files (the malicious ones are never loaded here).
    bad = {"bad_os_system.pt": _OsSystem(), "bad_eval.pt": _BuiltinsEval()}
    for fname, payload in bad.items():
        pkl = pickle.dumps({"visual.proj": payload}, protocol=2)
        write_torch_zip(os.path.join(out, fname), [("data.pkl", pkl), ("data/0", bytes(8))])
        with zipfile.ZipFile(os.path.join(out, fname)) as z:
            say(f"{fname}: records {z.namelist()}")
    legacy = OrderedDict([("weight", torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4),
                          ("bias", torch.tensor([-1.5, 0.25, 2.0, 1e-3], dtype=torch.float32))])
    write_legacy_pickle(os.path.join(out, "legacy_pickle.pt"), legacy)
    back = torch.load(os.path.join(out, "legacy_pickle.pt"))  # our own file
    assert list(back) == list(legacy) and all(torch.equal(back[k], legacy[k]) for k in legacy)

    # ---------------------------------------------------------------- 4 ----
    def mx(t):
        return float(t.abs().max())

    max_abs = OrderedDict([("encode_text", mx(et)), ("encode_image", mx(ei)), ("logits_per_image", mx(lpi)),
                           ("images", mx(images)), ("fp16_weights.encode_text", mx(h_et)),
                           ("fp16_weights.encode_image", mx(h_ei)), ("fp16_weights.logits_per_image", mx(h_lpi)),
                           ("fp16 vs fp32 encode_text diff", mx(h_et - et)),
                           ("fp16 vs fp32 encode_image diff", mx(h_ei - ei)),
                           ("fp16 vs fp32 logits diff", mx(h_lpi - lpi))])
    write_json(os.path.join(out, "golden.json"), OrderedDict([
        ("meta", dict(meta, model=cfg, seeds={"model": SEED_MODEL, "noise": SEED_NOISE, "images": SEED_IMAGES},
                      noise_std=NOISE_STD, weights="tiny_state_dict.pt (float32)")),
        ("prompts", prompts3),
        ("text_tokens", {"shape": list(tokens.shape), "ids": tokens.tolist()}),
        ("images", {"shape": list(images.shape), "values": floats(images)}),
        ("logit_scale", float(model.logit_scale)),
        ("encode_text", {"shape": list(et.shape), "values": floats(et)}),
        ("encode_image", {"shape": list(ei.shape), "values": floats(ei)}),
        ("logits_per_image", {"shape": list(lpi.shape), "values": floats(lpi)}),
        ("fp16_weights", {
            "note": "all parameters rounded to fp16 (model.half().float()), computed in float32: "
                    "what tiny_openai_jit.pt gives on the CPU after .float()",
            "logit_scale": float(half_model.logit_scale),
            "encode_text": {"shape": list(h_et.shape), "values": floats(h_et)},
            "encode_image": {"shape": list(h_ei.shape), "values": floats(h_ei)},
            "logits_per_image": {"shape": list(h_lpi.shape), "values": floats(h_lpi)}}),
        ("convert_weights", {
            "note": "clip.load(state dict, jit=False) on the CPU: build_model() rounds only conv/linear/"
                    "attention/text_projection/visual.proj weights to fp16 (convert_weights), then .float()",
            "encode_text": {"shape": list(cw_out[0].shape), "values": floats(cw_out[0])},
            "encode_image": {"shape": list(cw_out[1].shape), "values": floats(cw_out[1])},
            "logits_per_image": {"shape": list(cw_out[2].shape), "values": floats(cw_out[2])}}),
        ("max_abs", max_abs),
    ]))
    for k, v in max_abs.items():
        say(f"max abs {k}: {v!r}")

    # ---------------------------------------------------------------- 5 ----
    rng = np.random.default_rng(SEED_PNG)
    yy, xx = np.mgrid[0:30, 0:40]
    gray = np.clip(xx * 6 + yy * 3 + rng.integers(-20, 21, size=(30, 40)), 0, 255).astype(np.uint8)
    Image.fromarray(gray, mode="L").save(os.path.join(out, "gray.png"))  # 40 x 30
    yy, xx = np.mgrid[0:70, 0:50]
    rgba = np.stack([xx * 5, yy * 3, 255 - xx * 4, np.clip(yy * 4 + xx, 0, 255)], -1)
    rgba = np.clip(rgba + rng.integers(-15, 16, size=rgba.shape), 0, 255).astype(np.uint8)
    rgba[:10, :10, 3] = 0  # a fully transparent corner with colour underneath
    Image.fromarray(rgba, mode="RGBA").save(os.path.join(out, "rgba.png"))  # 50 x 70

    t32, t224 = openai_fns._transform(32), openai_fns._transform(224)
    gen_s = torch.Generator().manual_seed(SEED_SAMPLES)
    samples_pos = [(int(torch.randint(0, 3, (1,), generator=gen_s)), int(torch.randint(0, 224, (1,), generator=gen_s)),
                    int(torch.randint(0, 224, (1,), generator=gen_s))) for _ in range(20)]
    pre = []
    sources = [(os.path.join(args.photos, n), f"resources/photos/{n}", True)
               for n in ("cat.png", "coffee.png", "rocket.jpg", "astronaut.png")]
    sources += [(os.path.join(out, n), f"tests/data/clip/{n}", False) for n in ("gray.png", "rgba.png")]
    for path, rel, do224 in sources:
        img = Image.open(path)
        rec = OrderedDict([("file", rel), ("file_sha256", _sha256_file(path)), ("mode", img.mode),
                           ("size", list(img.size)),
                           ("decoded_rgb_sha256", hashlib.sha256(np.asarray(img.convert("RGB")).tobytes()).hexdigest())])
        x32, rs32 = preprocess_record(t32, img, 32)
        rec["n_px_32"] = {"resized_size": rs32, "shape": list(x32.shape), "values": floats(x32)}
        if do224:
            x224, rs224 = preprocess_record(t224, img, 224)
            rec["n_px_224"] = {
                "resized_size": rs224, "shape": list(x224.shape),
                "mean": [float(x224[c].double().mean()) for c in range(3)],
                "std": [float(x224[c].double().std(unbiased=False)) for c in range(3)],
                "samples": [{"c": c, "y": y, "x": x, "value": float(x224[c, y, x])} for c, y, x in samples_pos]}
        pre.append(rec)
    write_json(os.path.join(out, "preprocess_golden.json"), OrderedDict([
        ("meta", dict(meta, transform="clip.py _transform(n_px): Resize(n_px, BICUBIC), CenterCrop(n_px), "
                                      "convert('RGB'), ToTensor(), Normalize(CLIP mean, std)",
                      mean=[0.48145466, 0.4578275, 0.40821073], std=[0.26862954, 0.26130258, 0.27577711],
                      note="resized_size is (width, height) after Resize; std is the population std "
                           "(unbiased=False) over the 224x224 channel; values are C,H,W row-major")),
        ("images", pre),
    ]))
    say(f"preprocess_golden.json: {len(pre)} images")


if __name__ == "__main__":
    main()
