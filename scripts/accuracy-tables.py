#!/usr/bin/env python3
"""Regenerates the tables of docs/ACCURACY.md from the `puma` commands' JSON output.

    python3 scripts/accuracy-tables.py            # accuracy and cost tables (about half a minute)
    python3 scripts/accuracy-tables.py --models   # also the model checks (needs ../shared; minutes)
    python3 scripts/accuracy-tables.py --models --limit 100   # the first 100 emails / speeches only

It builds src/Puma.Cli (Release), runs `puma bench accuracy --json` and `puma bench protocols
--json` (and, with --models, `puma eval` / `puma run` on the fixtures in ../shared), and replaces
the text between each `<!-- begin NAME -->` / `<!-- end NAME -->` marker pair in the document.
Everything outside the markers is left alone. It exits 1, without writing, if a protocol's
measured bytes or rounds differ from its declared cost, or if stories260k's generation differs
from the reference.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DOCUMENT = os.path.join(ROOT, "docs", "ACCURACY.md")
PUMA = os.path.join(ROOT, "src", "Puma.Cli", "bin", "Release", "net10.0", "puma.dll")
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))

# Sizes for the cost table: large enough that bytes per element have settled (packing rounds up
# per chunk), small enough to run in seconds. Timing is not reported: it depends on the machine.
PROTOCOL_ARGUMENTS = ["--n", "100000", "--nonlinear-n", "100000", "--softmax-shape", "96x128",
                      "--layernorm-shape", "16x768", "--shapes", "128x768x768", "--runs", "1"]


def puma(*arguments):
    completed = subprocess.run(["dotnet", PUMA, *arguments], cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"puma {' '.join(arguments)} failed:\n{completed.stderr.strip()}")
    return json.loads(completed.stdout)


def scientific(value):
    return f"{value:.2e}"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def accuracy_table():
    rows = []
    for r in puma("bench", "accuracy", "--json"):
        grid = r["grid"]
        rows.append([f"`{r['name']}`", f"[{grid['from']:g}, {grid['to']:g}], {grid['points']:,} points, {grid['spacing']}",
                     scientific(r["max_abs_error"]), scientific(r["mean_abs_error"]),
                     scientific(r["max_rel_error"]), f"{r['rel_error_floor']:g}"])
    return table(["function", "inputs", "max abs error", "mean abs error", "max rel error", "rel. error floor"], rows)


def cost_table():
    rows, mismatches = [], []
    for r in puma("bench", "protocols", "--json", *PROTOCOL_ARGUMENTS):
        measured = (r["rounds"], round(r["bytes_per_element_per_party"], 6))
        declared = (r["declared_rounds"], round(r["declared_bytes_per_element_per_party"], 6))
        if measured != declared:
            mismatches.append(f"{r['name']}: measured {measured}, declared {declared}")
        rows.append([f"`{r['name']}`", f"{r['n']:,}", r["rounds"], f"{r['bytes_per_element_per_party']:.2f}"])
    if mismatches:
        sys.exit("measured cost differs from the declared cost:\n" + "\n".join(mismatches))
    return table(["protocol", "elements", "rounds", "bytes / element / party"], rows)


def megabytes(report):
    # Seconds are left out: on a shared machine they say more about the load than about the code.
    return f"{report['bytes_secure'] / report['n'] / 1e6:.1f} MB"


def model_table(limit):
    models, data = os.path.join(SHARED, "models"), os.path.join(SHARED, "data")
    if not os.path.isdir(models):
        sys.exit(f"--models needs the fixtures in {SHARED}")
    rows = []
    limited = ["--limit", str(limit)] if limit else []

    bert = puma("eval", "--model", os.path.join(models, "bert-spam"), "--data", os.path.join(data, "spam-eval.jsonl"), *limited, "--json")[0]
    with open(os.path.join(data, "spam-eval.jsonl"), encoding="utf-8") as emails:
        total = sum(1 for line in emails if line.strip())
    rows.append(["bert-spam, held-out emails", f"{bert['n']} of {total}",
                 f"accuracy {bert['accuracy_plaintext']:.2%}",
                 f"accuracy {bert['accuracy_secure']:.2%}, agreement {bert['agreement']:.2%}, logit cosine min {bert['cosine_min']:.6f}",
                 megabytes(bert)])

    gpt2 = puma("eval", "--model", os.path.join(models, "gpt2-sotu"), "--data", os.path.join(data, "sotu-eval"), *limited, "--json")[0]
    change = gpt2["perplexity_secure"] / gpt2["perplexity_plaintext"] - 1
    rows.append(["gpt2-sotu, first 128-token window of each held-out speech", f"{gpt2['n']} ({gpt2['tokens']:,} tokens)",
                 f"perplexity {gpt2['perplexity_plaintext']:.3f}",
                 f"perplexity {gpt2['perplexity_secure']:.3f} ({change:+.3%}), logit cosine min {gpt2['cosine_min']:.6f}",
                 megabytes(gpt2)])

    stories = os.path.join(models, "stories260k")
    with open(os.path.join(stories, "reference.json"), encoding="utf-8") as reference:
        cases = json.load(reference)["cases"]
    identical = 0
    for case in cases:
        report = puma("run", "--model", stories, "--prompt", case["prompt"], "--max-tokens", str(len(case["greedy_ids"])), "--json")[0]
        identical += report["generated_ids"] == case["greedy_ids"]
    if identical != len(cases):
        sys.exit(f"stories260k: {len(cases) - identical} of {len(cases)} greedy generations differ from reference.json")
    tokens = len(cases[0]["greedy_ids"])
    rows.append(["stories260k, the prompts of reference.json", f"{len(cases)} × {tokens} tokens", "reference ids (numpy)",
                 f"greedy ids identical on {identical} of {len(cases)}", ""])

    with open(os.path.join(SHARED, "models", "use-lite", "reference.json"), encoding="utf-8") as reference:
        sentences = [case["text"] for case in json.load(reference)["cases"]]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as text:
        text.write("\n".join(sentences) + "\n")
    try:
        use = puma("eval", "--model", "use-lite", "--data", text.name, "--json")[0]
    finally:
        os.unlink(text.name)
    rows.append(["USE-Lite, the sentences of reference.json", f"{use['n']}", "embedding",
                 f"cosine to plaintext min {use['cosine_min']:.6f}, mean {use['cosine_mean']:.6f}",
                 megabytes(use)])
    return table(["model, data", "examples", "plaintext", "secure", "party 0 sends per example"], rows)


def replace(text, name, body):
    pattern = re.compile(rf"(<!-- begin {name} -->\n)(?:.*?\n)?(<!-- end {name} -->)", re.S)
    if not pattern.search(text):
        sys.exit(f"{DOCUMENT}: no <!-- begin {name} --> / <!-- end {name} --> markers")
    return pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), text)


def option_value(name):
    arguments = sys.argv[1:]
    if name not in arguments:
        return None
    index = arguments.index(name) + 1
    if index >= len(arguments) or not arguments[index].isdigit() or int(arguments[index]) < 1:
        sys.exit(f"{name} takes a positive number of examples")
    return int(arguments[index])


def main():
    limit = option_value("--limit")
    subprocess.run(["dotnet", "build", os.path.join(ROOT, "src", "Puma.Cli"), "-c", "Release", "--nologo", "-v", "quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    with open(DOCUMENT, encoding="utf-8") as document:
        text = document.read()
    text = replace(text, "accuracy", accuracy_table())
    text = replace(text, "cost", cost_table())
    if "--models" in sys.argv[1:]:
        text = replace(text, "models", model_table(limit))
    with open(DOCUMENT, "w", encoding="utf-8", newline="\n") as document:
        document.write(text)


if __name__ == "__main__":
    main()
