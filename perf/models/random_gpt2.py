#!/usr/bin/env python3
"""Writes a GPT-2 checkpoint of a real size with random weights, as Hugging Face saves one.

    python3 perf/models/random_gpt2.py OUT_DIR [--shape base|medium|large] [--tokenizer tokenizer.json] [--seed N]

config.json and model.safetensors (BF16) go into OUT_DIR; --tokenizer copies a GPT-2
tokenizer.json beside them (any GPT-2 one: the vocabulary is public). The weights are random,
with magnitudes between 2^-9 and 2^-5 and random signs: they exercise every protocol at
the real shapes, but the model says nothing. Pure Python (no numpy), about a second per 100 M
parameters.
"""
import argparse
import json
import os
import random
import shutil
import struct

SHAPES = {
    "base": dict(n_layer=12, n_embd=768, n_head=12),
    "medium": dict(n_layer=24, n_embd=1024, n_head=16),
    "large": dict(n_layer=36, n_embd=1280, n_head=20),
}
VOCAB, POSITIONS = 50257, 1024


def tensors(shape):
    d, layers = shape["n_embd"], shape["n_layer"]
    yield "wte.weight", [VOCAB, d]
    yield "wpe.weight", [POSITIONS, d]
    for i in range(layers):
        p = f"h.{i}."
        yield p + "ln_1.weight", [d]
        yield p + "ln_1.bias", [d]
        yield p + "attn.c_attn.weight", [d, 3 * d]
        yield p + "attn.c_attn.bias", [3 * d]
        yield p + "attn.c_proj.weight", [d, d]
        yield p + "attn.c_proj.bias", [d]
        yield p + "ln_2.weight", [d]
        yield p + "ln_2.bias", [d]
        yield p + "mlp.c_fc.weight", [d, 4 * d]
        yield p + "mlp.c_fc.bias", [4 * d]
        yield p + "mlp.c_proj.weight", [4 * d, d]
        yield p + "mlp.c_proj.bias", [d]
    yield "ln_f.weight", [d]
    yield "ln_f.bias", [d]


def random_bf16(count, rng):
    """count BF16 values: random mantissa, exponent 2^-8 or 2^-7, random sign (byte tables, no per-value Python work)."""
    low = bytearray(rng.randbytes(count))
    # High byte: sign bit and exponent bits 7..1 of 0x77/0x78 (2^-8, 2^-7); exponent bit 0 sits in the low byte's top bit.
    high_table = bytes((0x3B | (b & 0x80)) if b & 1 else (0x3C | (b & 0x80)) for b in range(256))
    high = rng.randbytes(count).translate(high_table)
    out = bytearray(2 * count)
    out[0::2] = low
    out[1::2] = high
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--shape", choices=SHAPES, default="base")
    parser.add_argument("--tokenizer")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    shape = SHAPES[args.shape]
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    header, offset = {}, 0
    listed = list(tensors(shape))
    for name, dims in listed:
        count = 1
        for dim in dims:
            count *= dim
        header[name] = {"dtype": "BF16", "shape": dims, "data_offsets": [offset, offset + 2 * count]}
        offset += 2 * count
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(os.path.join(args.out, "model.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(encoded)))
        f.write(encoded)
        for name, dims in listed:
            count = header[name]["data_offsets"][1] // 2 - header[name]["data_offsets"][0] // 2
            f.write(random_bf16(count, rng))
    config = {
        "architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": VOCAB, "n_positions": POSITIONS,
        "n_embd": shape["n_embd"], "n_layer": shape["n_layer"], "n_head": shape["n_head"],
        "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "tie_word_embeddings": True,
    }
    with open(os.path.join(args.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    if args.tokenizer:
        shutil.copy(args.tokenizer, os.path.join(args.out, "tokenizer.json"))
    print(f"{args.out}: GPT-2 {args.shape}, {offset // 2:,} random parameters (BF16)")


if __name__ == "__main__":
    main()
