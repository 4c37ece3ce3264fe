#!/usr/bin/env bash
# Whole-service comparison of the image engines on a cold cache, beside vipsthumbnail on the same photos as the floor
# libvips itself sets. Per round: vipsthumbnail, then each engine's server (Release, fresh process, free loopback port)
# under `MediaEdge.Load cold`, then vipsthumbnail again; each engine's throughput is given as a ratio of the mean of the
# two vipsthumbnail measurements around it in the same round. vipsthumbnail is timed two ways on the same jobs: one
# process per image (VT_PARALLEL at a time), which pays libvips's start-up on every image, and "batched": VT_PARALLEL
# processes each given its share of the images in one command line (start-up paid once, width fixed at 800).
#
#   benchmarks/run-engines.sh                        # everything with the defaults below
#   REQUESTS=60 ROUNDS=1 benchmarks/run-engines.sh   # quicker
#
# Environment (defaults):
#   MEDIAEDGE_BENCH_MEDIA  photo folder (../shared/media/photos beside the repository)
#   PHOTOS                 "safe-landing-5k.jpg colorful-cups.jpg altai-portrait.png wood.webp"
#   ENGINES                "imagesharp vips"
#   FORMAT                 jpg (the load tool's --format: jpg, webp, avif, auto)
#   CONCURRENCY            4 (requests in flight; the server transforms 2 at a time on 2 cores)
#   REQUESTS               120 measured requests per engine, after WARMUP (8) warm-up requests
#   DURATION               300 s time limit per engine
#   VT_IMAGES              40 vipsthumbnail runs per measurement, VT_PARALLEL (2) at a time
#   ROUNDS                 1
#   OUT                    folder for logs (a new temporary folder)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIAEDGE_BENCH_MEDIA:-$repo/../shared/media/photos}
media=$(cd "$media" && pwd)
read -r -a photos <<< "${PHOTOS:-safe-landing-5k.jpg colorful-cups.jpg altai-portrait.png wood.webp}"
read -r -a engines <<< "${ENGINES:-imagesharp vips}"
format=${FORMAT:-jpg}
concurrency=${CONCURRENCY:-4}
requests=${REQUESTS:-120}
warmup=${WARMUP:-8}
duration=${DURATION:-300}
vt_images=${VT_IMAGES:-40}
vt_parallel=${VT_PARALLEL:-2}
rounds=${ROUNDS:-1}
out=${OUT:-$(mktemp -d /tmp/mediaedge-engines.XXXXXX)}
mkdir -p "$out"

for photo in "${photos[@]}"; do
  [ -f "$media/$photo" ] || { echo "missing photo $media/$photo (set MEDIAEDGE_BENCH_MEDIA)" >&2; exit 1; }
done
if ! command -v vipsthumbnail >/dev/null; then
  echo "vipsthumbnail not found; installing Debian's libvips-tools" >&2
  apt-get install -y -qq libvips-tools >/dev/null || { apt-get update -qq && apt-get install -y -qq libvips-tools >/dev/null; }
fi

echo "building (Release)"
dotnet build -c Release "$repo/src/MediaEdge.Server" -v quiet -nologo >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
dotnet build -c Release "$repo/benchmarks/MediaEdge.Load" -v quiet -nologo >>"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
server_dll=$repo/src/MediaEdge.Server/bin/Release/net10.0/MediaEdge.Server.dll
load_dll=$repo/benchmarks/MediaEdge.Load/bin/Release/net10.0/MediaEdge.Load.dll

server_pid=
stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}
trap stop_server EXIT

# The same work as the cold scenario: photo i mod n at width 700 + (i div n) mod 201, JPEG q75, metadata stripped.
vipsthumbnail_rate() {
  local dir=$out/vipsthumbnail
  mkdir -p "$dir"
  local list=$dir/jobs
  : >"$list"
  local i
  for ((i = 0; i < vt_images; i++)); do
    local n=${#photos[@]}
    echo "$media/${photos[i % n]} $((700 + (i / n) % 201)) $dir/$i.jpg" >>"$list"
  done
  local start end
  start=$(date +%s.%N)
  xargs -P "$vt_parallel" -L 1 sh -c 'vipsthumbnail "$0" -s "${1}x" -o "$2[Q=75,strip]"' <"$list"
  end=$(date +%s.%N)
  echo "$vt_images $start $end" | awk '{ printf "%.3f", $1 / ($3 - $2) }'
}

# The same photos in VT_PARALLEL long-lived processes, each handed every VT_PARALLEL-th job at once.
vipsthumbnail_batched_rate() {
  local dir=$out/vipsthumbnail-batched
  local n=${#photos[@]} k i start end
  local pids=()
  start=$(date +%s.%N)
  for ((k = 0; k < vt_parallel; k++)); do
    local files=()
    for ((i = k; i < vt_images; i += vt_parallel)); do
      files+=("$media/${photos[i % n]}")
    done
    mkdir -p "$dir/$k"
    vipsthumbnail "${files[@]}" -s 800x -o "$dir/$k/%s.jpg[Q=75,strip]" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i"; done
  end=$(date +%s.%N)
  echo "$vt_images $start $end" | awk '{ printf "%.3f", $1 / ($3 - $2) }'
}

summary=$out/summary.txt
: >"$summary"
echo "results in $out"
echo "libvips (vipsthumbnail): $(vips --version)  load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"

for ((round = 1; round <= rounds; round++)); do
  before=$(vipsthumbnail_rate)
  before_batched=$(vipsthumbnail_batched_rate)
  echo "round $round: vipsthumbnail $before images/s ($vt_images images, $vt_parallel at a time), batched $before_batched images/s; load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
  lines=()
  for engine in "${engines[@]}"; do
    log=$out/server-$engine-$round.log
    dotnet "$server_dll" --urls http://127.0.0.1:0 \
      --MediaEdge:Imaging:Engine="$engine" --MediaEdge:Sources:local:Root="$media" >"$log" 2>&1 &
    server_pid=$!
    port=
    for _ in $(seq 1 300); do
      port=$(grep -o 'Now listening on: http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://') || true
      [ -n "$port" ] && break
      kill -0 "$server_pid" 2>/dev/null || { cat "$log"; exit 1; }
      sleep 0.1
    done
    [ -n "$port" ] || { echo "server did not start" >&2; cat "$log"; exit 1; }
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null
    echo "round $round: $engine server pid $server_pid on port $port; load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
    set +e
    dotnet "$load_dll" cold --target "http://127.0.0.1:$port" --pid "$server_pid" --label "$engine" \
      --format "$format" --photos "$(IFS=,; echo "${photos[*]}")" --concurrency "$concurrency" \
      --requests "$requests" --warmup "$warmup" --duration "$duration" | tee "$out/load-$engine-$round.txt"
    status=${PIPESTATUS[0]}
    set -e
    stop_server
    [ "$status" -eq 0 ] || echo "warning: the load tool exited $status for $engine (a check failed; see above)" | tee -a "$summary"
    lines+=("$(grep '^summary:' "$out/load-$engine-$round.txt")")
  done
  after_batched=$(vipsthumbnail_batched_rate)
  after=$(vipsthumbnail_rate)
  echo "round $round: vipsthumbnail $after images/s, batched $after_batched images/s (after); load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
  floor=$(echo "$before $after" | awk '{ printf "%.3f", ($1 + $2) / 2 }')
  floor_batched=$(echo "$before_batched $after_batched" | awk '{ printf "%.3f", ($1 + $2) / 2 }')
  for line in "${lines[@]}"; do
    rps=$(echo "$line" | grep -o 'rps=[0-9.]*' | cut -d= -f2)
    echo "$line vipsthumbnail_ips=$floor ratio=$(echo "$rps $floor" | awk '{ printf "%.3f", $1 / $2 }') vipsthumbnail_batched_ips=$floor_batched ratio_batched=$(echo "$rps $floor_batched" | awk '{ printf "%.3f", $1 / $2 }')" | tee -a "$summary"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$summary"
