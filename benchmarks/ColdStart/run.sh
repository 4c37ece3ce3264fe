#!/usr/bin/env bash
# Cold start of published MediaEdge servers, compared in alternation: process start → first 200 of a transform, timed by
# benchmarks/Peers/cold-start.mjs (the same measurement as the peer benchmark's (d)), on a FileSystem source `bench`.
#
#   bash benchmarks/ColdStart/run.sh [--trials N] [--url PATH] [--sources DIR] NAME=DIR [NAME=DIR ...]
#
# Each DIR holds a published MediaEdge.Server (dotnet publish src/MediaEdge.Server -c Release -o DIR). Every trial starts
# each server once, in an order that rotates from trial to trial, and prints one line per start with the 1-minute load
# average; the medians and ranges follow. --sources defaults to the peer benchmark's generated sources.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
trials=7
url='/img/bench/colorful-cups.jpg?w=800&fm=webp&q=80'
sources=${TMPDIR:-/tmp}/mediaedge-peers/sources
servers=()
while [ $# -gt 0 ]; do
  case $1 in
    --trials) trials=${2:?}; shift 2 ;;
    --url) url=${2:?}; shift 2 ;;
    --sources) sources=${2:?}; shift 2 ;;
    *=*) servers+=("$1"); shift ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[ ${#servers[@]} -gt 0 ] || { echo "coldstart: name at least one NAME=DIR" >&2; exit 2; }
[ -d "$sources" ] || { echo "coldstart: no sources in $sources (run benchmarks/Peers/run.sh --quick once, or pass --sources)" >&2; exit 2; }

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for ((trial = 0; trial < trials; trial++)); do
  for ((i = 0; i < ${#servers[@]}; i++)); do
    entry=${servers[$(((i + trial) % ${#servers[@]}))]}
    name=${entry%%=*} dir=$(cd "${entry#*=}" && pwd)
    port=$(free_port) load=$(cut -d' ' -f1 /proc/loadavg)
    json=$(env MediaEdge__Sources__bench__Kind=FileSystem MediaEdge__Sources__bench__Root="$sources" \
      node "$here/../Peers/cold-start.mjs" --url "http://127.0.0.1:$port$url" --cwd "$dir" -- "$dir/MediaEdge.Server" --urls "http://127.0.0.1:$port" 2>&1) || true
    ms=$(sed -n 's/.*"ms":\([0-9.]*\).*/\1/p' <<<"$json")
    echo "trial $((trial + 1)) $name: ${ms:-failed: $json} ms (load $load)"
    [ -n "$ms" ] && echo "$name $ms" >>"$results"
    sleep 1
  done
done
echo
for entry in "${servers[@]}"; do
  name=${entry%%=*}
  sort -k2,2n "$results" | awk -v n="$name" '$1 == n { v[++c] = $2 } END {
    if (!c) { print n ": no successful start"; exit }
    m = c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
    printf "%s: median %.0f ms, range %.0f–%.0f ms, %d trials\n", n, m, v[1], v[c], c }'
done
