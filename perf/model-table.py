#!/usr/bin/env python3
"""Runs the rows of perf/RESULTS.md's model table with `puma bench model --json`, each RUNS times
(default 3) one after another, and prints a markdown table of the medians with the command of
every row. Usage: perf/model-table.py [--runs N] [--puma PATH] [--only NAME,...] [--out FILE.json]

The rows are the issue's: BERT-base and BERT-large on 128 tokens, GPT-2 base and large 32 -> 1,
LLaMA-7B 8 -> 1 and 8 -> 2, BERT-base over an emulated LAN. Bundles come from (and are written
into, on first use) the bench cache; the weights are random.
"""
import argparse
import json
import statistics
import subprocess
import sys

ROWS = [
    ("bert-base", ["--shape", "bert-base", "--tokens", "128"]),
    ("bert-large", ["--shape", "bert-large", "--tokens", "128"]),
    ("gpt2-base", ["--shape", "gpt2-base", "--tokens", "32", "--new-tokens", "1"]),
    ("gpt2-large", ["--shape", "gpt2-large", "--tokens", "32", "--new-tokens", "1"]),
    ("llama-7b 8->1", ["--shape", "llama-7b", "--tokens", "8", "--new-tokens", "1"]),
    ("llama-7b 8->2", ["--shape", "llama-7b", "--tokens", "8", "--new-tokens", "2"]),
    ("bert-base lan", ["--shape", "bert-base", "--tokens", "128", "--net", "lan"]),
]


def gb(value):
    return f"{value / 1e9:.2f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--puma", default="src/Puma.Cli/bin/Release/net10.0/puma")
    parser.add_argument("--only", default="")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    results = {}
    for name, options in ROWS:
        if only and name not in only:
            continue
        command = [args.puma, "bench", "model", *options, "--json"]
        runs = []
        for run in range(args.runs):
            print(f"{name}: run {run + 1} of {args.runs}: {' '.join(command)}", file=sys.stderr, flush=True)
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                sys.exit(f"{name}: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'failed'}")
            runs.append(json.loads(done.stdout)[0])
        results[name] = {"command": " ".join(command[1:]), "runs": runs}
    if args.out:
        with open(args.out, "w") as file:
            json.dump(results, file, indent=1)
    print("| workload | seconds (median) | runs | first token | GB total | rounds | peak native GB per party (P0/P1/P2) | process private GB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, row in results.items():
        runs = row["runs"]
        median = statistics.median(r["seconds"] for r in runs)
        middle = min(runs, key=lambda r: abs(r["seconds"] - median))
        peaks = "/".join(gb(b) for b in middle["peak_rss_bytes_per_party"])
        process = gb(middle["peak_private_bytes_process"]) if middle["peak_private_bytes_process"] else "-"
        each = ", ".join(f"{r['seconds']:.2f}" for r in runs)
        print(f"| {name} | {median:.2f} | {each} | {middle['seconds_first_token']:.2f} | "
              f"{gb(middle['bytes_total'])} | {middle['rounds']} | {peaks} | {process} |")
    print()
    for name, row in results.items():
        print(f"- {name}: `puma {row['command']}`")


if __name__ == "__main__":
    main()
