#!/usr/bin/env bash
# Video outputs against their source, cold, on this machine: bytes (as a share of the source) and encode speed (as a
# multiple of real time) of a transcoded clip and of HLS segments, each asked of a fresh server (memory cache only).
#
#   bash benchmarks/Video/run.sh [--video FILE]
#
# Default video: the repository's slideshow-1080p.mp4 (1920x1080 H.264 + AAC, 21.76 s). Builds the server (Release) when
# needed, starts it on a free loopback port, and prints one line per output with the 1-minute load average beside it:
# a 2-core machine shared with other work gives noisy times, so compare runs only at a similar load.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
video=$root/tests/MediaEdge.IntegrationTests/Media/video/slideshow-1080p.mp4
while [ $# -gt 0 ]; do
  case $1 in
    --video) video=${2:?}; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

dll=$root/src/MediaEdge.Server/bin/Release/net10.0/MediaEdge.Server.dll
[ -f "$dll" ] || dotnet build "$root/src/MediaEdge.Server" -c Release -nologo -v quiet >/dev/null
work=$(mktemp -d)
cp "$video" "$work/source.mp4"
bytes=$(stat -c %s "$work/source.mp4")
seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/source.mp4")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
MediaEdge__Sources__bench__Kind=FileSystem MediaEdge__Sources__bench__Root="$work" \
  dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

base="http://127.0.0.1:$port/video/bench/source.mp4"
echo "source: $(basename "$video"), $bytes bytes, $seconds s"
# One output, cold: time to the last byte, its bytes against the source's, and how many seconds of video a second of work made.
measure() {
  local label=$1 path=$2 covers=$3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local out; out=$(curl -s -o "$work/out" -w '%{http_code} %{time_total}' "$base/$path")
  local size; size=$(stat -c %s "$work/out")
  awk -v l="$label" -v o="$out" -v b="$size" -v s="$bytes" -v c="$covers" -v load="$load" -v total="$seconds" 'BEGIN {
    split(o, f, " "); share = b / (s * c / total)
    printf "%-34s %s %9d bytes, %.3f of the source'"'"'s bytes for that stretch, %6.2f s, %5.2fx real time (load %s)\n", l, f[1], b, share, f[2], c / f[2], load }'
}
measure "clip video.mp4?w=1280 (720p, q75)" "video.mp4?w=1280" "$seconds"
measure "clip video.webm?w=1280" "video.webm?w=1280" "$seconds"
load=$(cut -d' ' -f1 /proc/loadavg)
echo "hls master.m3u8 (makes every first segment): $(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base/hls/master.m3u8") s (load $load)"
count=$(curl -s "$base/hls/720p/index.m3u8" | grep -c '^#EXTINF')
for height in 720 1080 360; do
  for ((n = 1; n < count - 1 && n < 4; n++)); do
    measure "hls ${height}p/$n.ts (4 s)" "hls/${height}p/$n.ts" 4
  done
done
