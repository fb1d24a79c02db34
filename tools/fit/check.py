"""Re-runs every fitter and compares its coefficients with the arrays in the C# source.

Exit status 0 when every array holds exactly the doubles the fitter prints, 1 otherwise (with the
file, the array and both values). Run from anywhere: python3 tools/fit/check.py
With --write, rewrites each differing array in the source with the fitted values instead.
"""

import os
import re
import sys

import exp
import gelu
import negexp
import rsqrt
import silu
import tanh
from common import REPOSITORY

FITTERS = [gelu, negexp, silu, tanh, exp, rsqrt]


def read(file):
    with open(os.path.join(REPOSITORY, file), encoding="utf-8") as source:
        return source.read()


def find(text, file, name):
    """The initialiser of `name = [ ... ];` or `name { get; } = [ ... ];` (group 1: the numbers)."""
    match = re.search(r"\s" + re.escape(name) + r"(?:\s*\{\s*get;\s*\})?\s*=\s*\[([^\]]*)\]", text)
    if match is None:
        raise SystemExit(f"{file}: no array named {name}")
    return match


def declared(file, name):
    match = find(read(file), file, name)
    return [float(v) for v in match.group(1).replace("\n", " ").split(",") if v.strip()]


def write(constant):
    text = read(constant.file)
    match = find(text, constant.file, constant.name)
    numbers = ", ".join(repr(v) for v in constant.values)
    with open(os.path.join(REPOSITORY, constant.file), "w", encoding="utf-8", newline="") as source:
        source.write(text[:match.start(1)] + numbers + text[match.end(1):])


def main():
    rewrite = "--write" in sys.argv[1:]
    failures = 0
    for fitter in FITTERS:
        constants, _ = fitter.fits()
        for constant in constants:
            committed = declared(constant.file, constant.name)
            if committed == constant.values:
                print(f"ok    {constant.file} {constant.name} ({len(committed)} coefficients)")
                continue
            if rewrite:
                write(constant)
                print(f"wrote {constant.file} {constant.name}")
                continue
            failures += 1
            print(f"DIFF  {constant.file} {constant.name}")
            print(f"      committed: {committed}")
            print(f"      fitted:    {constant.values}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
