#!/usr/bin/env bash
# Private inference through three real party servers on this host (loopback), end to end:
#   puma certs -> puma share -> three 'puma party' processes over mutual TLS -> one 'puma client'.
#
# Usage: scripts/three-parties.sh MODEL_DIR
#   A language model (GPT-2, LLaMA) generates after PROMPT; a BERT classifier classifies TEXT.
# Environment (all optional):
#   PUMA        the puma command to use (default: build src/Puma.Cli here with the .NET SDK)
#   PROMPT      prompt of a language model (default: "Once upon a time")
#   MAX_TOKENS  tokens to generate (default: 32)
#   TEXT        text for a classifier (default: a spam-looking message)
#   KEEP        a folder to keep the bundles, keys and party logs in (default: a temp folder, removed)
# The parties are stopped when the script exits, whatever the outcome.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 MODEL_DIR" >&2
  exit 2
fi
model=$1
if [[ ! -d $model ]]; then
  echo "$0: model folder '$model' does not exist" >&2
  exit 2
fi
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ -n ${PUMA:-} ]]; then
  read -r -a puma <<< "$PUMA"
else
  echo "Building puma (Release)..." >&2
  dotnet build "$repo/src/Puma.Cli/Puma.Cli.csproj" -c Release --nologo -v quiet >&2
  puma=(dotnet "$repo/src/Puma.Cli/bin/Release/net10.0/puma.dll")
fi

if [[ -n ${KEEP:-} ]]; then
  work=$KEEP
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/puma-three-parties.XXXXXX")
fi
pids=()
stop() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2> /dev/null || true; done
  [[ -n ${KEEP:-} ]] || rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

# A loopback port nothing listens on (bash's /dev/tcp: no tools beyond the SDK needed).
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && [[ " ${ports[*]:-} " != *" $port "* ]]; then
      echo "$port"
      return
    fi
  done
}
ports=()
for party in 0 1 2; do ports+=("$(free_port)"); done

"${puma[@]}" certs --out "$work/certs" --force \
  --party "127.0.0.1:${ports[0]}" --party "127.0.0.1:${ports[1]}" --party "127.0.0.1:${ports[2]}" >&2
"${puma[@]}" share --model "$model" --out "$work/bundle" >&2

for party in 0 1 2; do
  "${puma[@]}" party --id "$party" --cluster "$work/certs/cluster.json" --bundle "$work/bundle/party$party" \
    > "$work/party$party.log" 2>&1 &
  pids+=($!)
done
for party in 0 1 2; do
  for _ in $(seq 600); do
    grep -q "Party $party serving" "$work/party$party.log" && break
    if ! kill -0 "${pids[$party]}" 2> /dev/null; then
      echo "$0: party $party stopped at start:" >&2
      cat "$work/party$party.log" >&2
      exit 1
    fi
    sleep 0.1
  done
  if ! grep -q "Party $party serving" "$work/party$party.log"; then
    echo "$0: party $party did not start serving within 60 s; its log: $work/party$party.log" >&2
    exit 1
  fi
done
echo "Three parties serving on 127.0.0.1:${ports[0]}, :${ports[1]}, :${ports[2]} (mutual TLS 1.3)." >&2

client=("${puma[@]}" client --cluster "$work/certs/cluster.json" --model "$work/bundle/client")
if grep -q '"family": "bert"' "$work/bundle/client/manifest.json"; then
  "${client[@]}" classify --text "${TEXT:-WINNER! You have been selected for a free cash prize. Call now to claim it.}" &
else
  "${client[@]}" run --prompt "${PROMPT:-Once upon a time}" --max-tokens "${MAX_TOKENS:-32}" &
fi
# In the background and waited for, so that Ctrl+C or SIGTERM stops everything at once: bash runs
# a trap only after a foreground command ends, but interrupts 'wait'.
pids=("$!" "${pids[@]}")
wait "${pids[0]}"

echo "The parties' log of this request:" >&2
for party in 0 1 2; do grep "request" "$work/party$party.log" | tail -n 1 >&2; done
