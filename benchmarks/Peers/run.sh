#!/usr/bin/env bash
# MediaEdge against its peers, measured in the same run on 127.0.0.1 (see README.md beside this file):
#   (a) MediaEdge over HTTP against sharp in process        images/s, 3 workloads, 4 clients / 4 jobs in flight
#   (b) MediaEdge against ipx 3 over HTTP                     requests/s, the same workloads, client and connections
#   (c) L1 hits: MediaEdge against nginx serving the same bytes as a static file, wrk -c 64, requests/s and p99
#   (d) cold start: published binary started → first 200 of a transform (median of several trials; ipx beside it)
# Every round restarts each server for each workload, so MediaEdge starts with an empty cache (memory only; no Redis),
# and alternates the order of the peers. Installs what is missing: sharp and ipx from npm into node_modules/ here
# (versions pinned in package.json and package-lock.json), nginx-light and wrk with apt-get.
#
#   bash benchmarks/Peers/run.sh            # 3 rounds; writes benchmarks/Peers/RESULTS.md (takes 5–10 minutes)
#   bash benchmarks/Peers/run.sh --quick    # 1 round of small workloads, a few seconds each; writes OUT/RESULTS.md
#
# Options:
#   --quick             1 round, 12 jobs per workload, wrk 2 s, 2 cold-start trials
#   --rounds N          rounds (default 3)
#   --engine NAME       MediaEdge's image engine: vips (default) or imagesharp (which has no AVIF: mixed drops it)
#   --server DIR        a folder holding a published MediaEdge.Server (default: publish `git archive HEAD` once per
#                       commit into the scratch folder, never into the repository's bin/ or obj/)
#   --concurrency N     clients / jobs in flight for (a) and (b) (default 4)
#   --transforms N      MediaEdge's Limits:MaxConcurrentTransforms (default: its own, one per core)
#   --wrk-seconds N     duration of each wrk run (default 6); --wrk-connections N (default 64)
#   --cold-trials N     cold-start trials per server (default 5)
#   --results FILE      where the markdown goes (default benchmarks/Peers/RESULTS.md; OUT/RESULTS.md with --quick)
#   --out DIR           logs and per-measurement files (default a new folder under the scratch folder)
# Environment: MEDIAEDGE_PEERS_SCRATCH (default ${TMPDIR:-/tmp}/mediaedge-peers): the published server, the generated
# sources (reused while the photos and sharp's version are unchanged) and each run's folder.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
scratch=${MEDIAEDGE_PEERS_SCRATCH:-${TMPDIR:-/tmp}/mediaedge-peers}
quick=0
rounds=
engine=vips
server_dir=
concurrency=4
transforms=
wrk_seconds=
wrk_connections=64
cold_trials=
results=
out=

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "peers: $*" >&2; exit 1; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1; shift ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --engine) engine=${2:?}; shift 2 ;;
    --server) server_dir=$(cd "${2:?}" && pwd); shift 2 ;;
    --concurrency) concurrency=${2:?}; shift 2 ;;
    --transforms) transforms=${2:?}; shift 2 ;;
    --wrk-seconds) wrk_seconds=${2:?}; shift 2 ;;
    --wrk-connections) wrk_connections=${2:?}; shift 2 ;;
    --cold-trials) cold_trials=${2:?}; shift 2 ;;
    --results) results=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
if [ "$quick" = 1 ]; then
  rounds=${rounds:-1} wrk_seconds=${wrk_seconds:-2} cold_trials=${cold_trials:-2}
else
  rounds=${rounds:-3} wrk_seconds=${wrk_seconds:-6} cold_trials=${cold_trials:-5}
fi
case $engine in vips) formats=jpg,webp,avif ;; imagesharp) formats=jpg,webp ;; *) die "--engine must be vips or imagesharp" ;; esac
for n in "$rounds" "$concurrency" "$wrk_seconds" "$wrk_connections" "$cold_trials" ${transforms:+"$transforms"}; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts and durations must be positive integers"
done
for tool in node npm curl git; do command -v "$tool" >/dev/null || die "$tool is required"; done

mkdir -p "$scratch"
out=${out:-$(mktemp -d "$scratch/run.XXXXXX")}
mkdir -p "$out"
chmod 755 "$scratch" "$out" # nginx's workers (an unprivileged user) read the file to serve from in here
[ "$quick" = 1 ] && results=${results:-$out/RESULTS.md}
results=${results:-$here/RESULTS.md}
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/run.log"; }
loadavg() { cut -d' ' -f1 /proc/loadavg; }
clock_ticks=$(getconf CLK_TCK)
# A process and its live descendants (MediaEdge renders in worker processes of its own).
tree_pids() { echo "$1"; local t c; for t in /proc/"$1"/task/*/children; do for c in $(cat "$t" 2>/dev/null); do tree_pids "$c"; done; done; }
# Peak RSS in KiB, summed over the process and its descendants (an upper bound of the tree's peak: each peaks on its own).
vmhwm() {
    local total=0 p v
    for p in $(tree_pids "$1"); do
        v=$(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null)
        total=$((total + ${v:-0}))
    done
    if [ "$total" -gt 0 ]; then echo "$total"; else echo null; fi
}

# What to install.
if [ ! -f "$here/node_modules/ipx/package.json" ] || [ ! -f "$here/node_modules/sharp/package.json" ]; then
  log "installing sharp and ipx (npm ci into $here/node_modules)"
  (cd "$here" && npm ci --no-audit --no-fund >"$out/npm.log" 2>&1) || { cat "$out/npm.log"; die "npm ci failed"; }
fi
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v wrk >/dev/null || missing+=(wrk)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  { apt-get install -y -qq "${missing[@]}" || { apt-get update -qq && apt-get install -y -qq "${missing[@]}"; }; } >"$out/apt.log" 2>&1 \
    || { cat "$out/apt.log"; die "apt-get install ${missing[*]} failed"; }
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# MediaEdge, published outside the repository.
commit=$(git -C "$repo" rev-parse --short HEAD)
if [ -z "$server_dir" ]; then
  command -v dotnet >/dev/null || die "dotnet is required (or pass --server DIR)"
  server_dir=$scratch/server-$commit
  if [ ! -x "$server_dir/MediaEdge.Server" ]; then
    log "publishing MediaEdge.Server at $commit (git archive HEAD → $scratch/src-$commit → $server_dir)"
    rm -rf "$scratch/src-$commit" && mkdir -p "$scratch/src-$commit"
    git -C "$repo" archive HEAD | tar -x -C "$scratch/src-$commit"
    rm -rf "$server_dir.partial"
    dotnet publish "$scratch/src-$commit/src/MediaEdge.Server" -c Release -o "$server_dir.partial" -nologo -v quiet >"$out/publish.log" 2>&1 \
      || { cat "$out/publish.log"; die "dotnet publish failed"; }
    rm -rf "$server_dir" && mv "$server_dir.partial" "$server_dir"
  fi
  server_label="HEAD $commit"
else
  server_label="$server_dir"
fi
[ -x "$server_dir/MediaEdge.Server" ] || die "no MediaEdge.Server in $server_dir"

log "preparing sources and jobs"
sources=$scratch/sources
jobs=$out/jobs
node "$here/prepare.mjs" --photos "$here/photos" --sources "$sources" --jobs "$jobs" --formats "$formats" \
  $([ "$quick" = 1 ] && echo --quick) | tee -a "$out/run.log"

# Processes this script starts.
pids=() # the servers running now, each a child of this script
stop() { # pid: TERM, up to 10 s, then KILL; then forgotten
  local pid=$1 i rest=()
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null || true
  for i in "${pids[@]}"; do [ "$i" = "$pid" ] || rest+=("$i"); done
  pids=("${rest[@]}")
}
cleanup() { local pid; for pid in "${pids[@]}"; do stop "$pid"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
wait_http() { # url pid: until it answers 200, the process exits, or 60 s
  local i
  for i in $(seq 1 600); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# MediaEdge's settings: its defaults (appsettings.json in the published folder), one FileSystem source `bench`, the engine.
me_env=(MediaEdge__Sources__bench__Kind=FileSystem MediaEdge__Sources__bench__Root="$sources" MediaEdge__Imaging__Engine="$engine")
[ -n "$transforms" ] && me_env+=(MediaEdge__Limits__MaxConcurrentTransforms="$transforms")
me_pid= me_port=
start_mediaedge() { # log file
  me_port=$(free_port)
  (cd "$server_dir" && exec env "${me_env[@]}" ./MediaEdge.Server --urls "http://127.0.0.1:$me_port") >"$1" 2>&1 &
  me_pid=$!
  pids+=("$me_pid")
  wait_http "http://127.0.0.1:$me_port/healthz" "$me_pid" || { cat "$1"; die "MediaEdge did not start"; }
}
ipx_pid= ipx_port=
start_ipx() { # log file
  ipx_port=$(free_port)
  node "$here/ipx-server.mjs" --dir "$sources" --port "$ipx_port" >"$1" 2>&1 &
  ipx_pid=$!
  pids+=("$ipx_pid")
  wait_http "http://127.0.0.1:$ipx_port/w_16,f_jpeg/warmup/colorful-cups.jpg" "$ipx_pid" || { cat "$1"; die "ipx did not start"; }
}

record() { echo "$1" >>"$out/results.jsonl"; }
bounded() { timeout --kill-after=10 600 "$@"; } # no measurement runs past 10 minutes, whatever happens

# One peer on one workload, from a fresh process: warm-up jobs first (other sources, not timed), then the workload.
measure() { # round workload peer
  local round=$1 workload=$2 peer=$3 tag="$1-$2-$3" load json rss=null
  load=$(loadavg)
  case $peer in
    mediaedge)
      start_mediaedge "$out/mediaedge-$tag.log"
      json=$(bounded node "$here/http-run.mjs" --peer mediaedge --base "http://127.0.0.1:$me_port" --jobs "$jobs/$workload.json" \
        --warmup "$jobs/warmup.json" --concurrency "$concurrency" --outputs "$out/outputs-$tag.json" \
        --pid "$me_pid" --clock-ticks "$clock_ticks")
      rss=$(vmhwm "$me_pid")
      stop "$me_pid" ;;
    ipx)
      start_ipx "$out/ipx-$tag.log"
      json=$(bounded node "$here/http-run.mjs" --peer ipx --base "http://127.0.0.1:$ipx_port" --jobs "$jobs/$workload.json" \
        --warmup "$jobs/warmup.json" --concurrency "$concurrency" --outputs "$out/outputs-$tag.json" \
        --pid "$ipx_pid" --clock-ticks "$clock_ticks")
      rss=$(vmhwm "$ipx_pid")
      stop "$ipx_pid" ;;
    sharp)
      json=$(bounded node "$here/sharp-run.mjs" --sources "$sources" --jobs "$jobs/$workload.json" \
        --warmup "$jobs/warmup.json" --concurrency "$concurrency" --outputs "$out/outputs-$tag.json") ;;
  esac
  record "{\"kind\":\"transform\",\"round\":$round,\"workload\":\"$workload\",\"load\":$load,\"serverPeakRssKiB\":$rss,\"result\":$json}"
  log "round $round $workload $peer: $json (load $load)"
}

parse_wrk() { # wrk --latency output → {"rps":…,"p50":…,"p99":…,"requests":…,"non2xx":…,"socketErrors":…}, latencies in ms
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
    /Requests\/sec:/ { rps = $2 } / requests in / { n = $1 } /Non-2xx/ { bad = $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) sock += $i }
    END { printf "{\"rps\":%s,\"p50\":%.3f,\"p99\":%.3f,\"requests\":%s,\"non2xx\":%d,\"socketErrors\":%d}", rps, p50, p99, n, bad, sock }' "$1"
}

# L1 hits: one cached variant of the same photo from MediaEdge, and the same bytes from nginx as a static file.
l1_path="/img/bench/colorful-cups.jpg?w=800&fm=webp&q=80"
nginx_dir=$out/nginx
l1_measure() { # round target(mediaedge|nginx)
  local round=$1 target=$2 url load json rss=null
  load=$(loadavg)
  if [ "$target" = mediaedge ]; then
    start_mediaedge "$out/mediaedge-$round-l1.log"
    url="http://127.0.0.1:$me_port$l1_path"
    curl -fsS -o /dev/null "$url"
    headers=$(curl -fsS -D - -o "$nginx_dir/www/colorful-cups-800.webp" "$url")
    grep -qi 'server-timing: cache;desc=hit-l1' <<<"$headers" || die "the second request for $l1_path was not an L1 hit"
  else
    start_nginx
    url="http://127.0.0.1:$nginx_port/colorful-cups-800.webp"
  fi
  # A 2-second pass first (not counted), so both servers are measured warm: MediaEdge's JIT has tiered up.
  bounded wrk -t "$(nproc)" -c "$wrk_connections" -d 2s --timeout 10s "$url" >"$out/wrk-$round-$target-warmup.txt"
  bounded wrk -t "$(nproc)" -c "$wrk_connections" -d "${wrk_seconds}s" --latency --timeout 10s "$url" >"$out/wrk-$round-$target.txt"
  json=$(parse_wrk "$out/wrk-$round-$target.txt")
  if [ "$target" = mediaedge ]; then rss=$(vmhwm "$me_pid"); stop "$me_pid"; else stop "$nginx_pid"; fi
  record "{\"kind\":\"l1\",\"round\":$round,\"peer\":\"$target\",\"load\":$load,\"serverPeakRssKiB\":$rss,\"result\":$json}"
  log "round $round L1 $target: $json (load $load)"
}
nginx_pid= nginx_port=
start_nginx() {
  nginx_port=$(free_port)
  cat >"$nginx_dir/nginx.conf" <<EOF
worker_processes $(nproc);
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log warn;
events { worker_connections 1024; }
http {
  types { image/webp webp; }
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    root $nginx_dir/www;
    add_header Cache-Control "public, max-age=86400";
  }
}
EOF
  "$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/error.log" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  wait_http "http://127.0.0.1:$nginx_port/colorful-cups-800.webp" "$nginx_pid" || { cat "$nginx_dir/error.log"; die "nginx did not start"; }
  cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port/colorful-cups-800.webp") "$nginx_dir/www/colorful-cups-800.webp" \
    || die "nginx does not serve the bytes MediaEdge served"
}
mkdir -p "$nginx_dir/www"
chmod 755 "$nginx_dir" "$nginx_dir/www"

versions=$(cd "$here" && node -e '
  const sharp = require("sharp"), ipx = require("./node_modules/ipx/package.json");
  const deps = require(process.argv[1] + "/MediaEdge.Server.deps.json");
  const vips = Object.keys(deps.libraries).find((k) => k.startsWith("NetVips.Native/") || k.startsWith("NetVips.Native.linux-x64/"));
  const netvips = Object.keys(deps.libraries).find((k) => k.startsWith("NetVips/"));
  console.log(JSON.stringify({ sharp: sharp.versions.sharp, sharpLibvips: sharp.versions.vips, ipx: ipx.version,
    node: process.versions.node, mediaedgeLibvips: vips?.split("/")[1], netvips: netvips?.split("/")[1] }));' "$server_dir")
nginx_version=$("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')
wrk_version=$(wrk -v 2>&1 | head -1 | awk '{ print $2 }' || true)
dotnet_version=$(dotnet --list-runtimes 2>/dev/null | awk '/Microsoft.AspNetCore.App/ { v = $2 } END { print v }')
cat >"$out/meta.json" <<EOF
{"started":"$(date -u +%Y-%m-%dT%H:%M:%SZ)","server":"$server_label","commit":"$commit","engine":"$engine",
 "cores":$(nproc),"cpu":"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')",
 "memGiB":$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo),"kernel":"$(uname -r)",
 "os":"Debian $(cat /etc/debian_version 2>/dev/null || echo '?')","aspnetcore":"$dotnet_version",
 "nginx":"$nginx_version","wrk":"$wrk_version","versions":$versions,"rounds":$rounds,"quick":$quick,
 "concurrency":$concurrency,"transforms":"${transforms:-default}","wrkSeconds":$wrk_seconds,"wrkConnections":$wrk_connections,"coldTrials":$cold_trials,
 "loadStart":"$(cut -d' ' -f1-3 /proc/loadavg)"}
EOF
: >"$out/results.jsonl"
log "results in $out; MediaEdge $server_label (engine $engine); load average $(cut -d' ' -f1-3 /proc/loadavg)"

for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then order=(mediaedge sharp ipx) l1_order=(mediaedge nginx); else order=(ipx sharp mediaedge) l1_order=(nginx mediaedge); fi
  log "round $round of $rounds: ${order[*]}"
  for workload in distinct srcset mixed; do
    for peer in "${order[@]}"; do measure "$round" "$workload" "$peer"; done
  done
  # The nginx file comes from MediaEdge's answer, so the first L1 round asks MediaEdge first.
  [ -f "$nginx_dir/www/colorful-cups-800.webp" ] || l1_order=(mediaedge nginx)
  for target in "${l1_order[@]}"; do l1_measure "$round" "$target"; done
done

cold_url_me="/img/bench/colorful-cups.jpg?w=800&fm=webp&q=80"
cold_url_ipx="/w_800,f_webp,q_80/colorful-cups.jpg"
for ((trial = 1; trial <= cold_trials; trial++)); do
  if ((trial % 2)); then cold_order=(mediaedge ipx); else cold_order=(ipx mediaedge); fi
  for peer in "${cold_order[@]}"; do
    port=$(free_port) load=$(loadavg)
    if [ "$peer" = mediaedge ]; then
      json=$(bounded env "${me_env[@]}" node "$here/cold-start.mjs" --url "http://127.0.0.1:$port$cold_url_me" \
        --cwd "$server_dir" -- "$server_dir/MediaEdge.Server" --urls "http://127.0.0.1:$port")
    else
      json=$(bounded node "$here/cold-start.mjs" --url "http://127.0.0.1:$port$cold_url_ipx" -- \
        node "$here/ipx-server.mjs" --dir "$sources" --port "$port")
    fi
    record "{\"kind\":\"cold\",\"round\":$trial,\"peer\":\"$peer\",\"load\":$load,\"result\":$json}"
    log "cold start $trial $peer: $json (load $load)"
  done
done

echo "{\"finished\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"loadEnd\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >"$out/meta-end.json"
node "$here/report.mjs" --run "$out" --markdown "$results"
log "wrote $results"
