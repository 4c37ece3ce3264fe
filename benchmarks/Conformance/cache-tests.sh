#!/usr/bin/env bash
# Scores the /o/ route (the RFC 9111 shared cache) with the HTTP cache conformance suite http-cache-tests
# (npm, the suite behind cache-tests.fyi), installed at run time into a scratch folder. Everything runs on 127.0.0.1:
# the suite's origin server, a Release build of MediaEdge with one source `ct` (Http, BaseUrl = that origin), and the
# suite's client against http://127.0.0.1:<edge>/o/ct. Every process it starts is stopped when it exits.
#
#   benchmarks/Conformance/cache-tests.sh                  # the working tree
#   benchmarks/Conformance/cache-tests.sh --head           # the committed HEAD (exported with git archive; the tree is not touched)
#   benchmarks/Conformance/cache-tests.sh -i freshness-max-age   # one test, with the requests and responses it saw
#
# Options:
#   -i, --id ID         run one test (the CLI's --id) and show its exchange instead of scoring
#   --repo DIR          build and run MediaEdge from DIR (a checkout or an export) instead of this repository
#   --head              build from `git archive HEAD` of this repository (reused from the scratch folder per commit)
#   --no-build          use the DIR's existing Release build
#   --control MODE      where the harness's own PUT /config/<uuid> and GET /state/<uuid> go:
#                         edge    through MediaEdge as /o/ct/config/... (the suite's CLI exactly as shipped)
#                         direct  straight to the origin; test requests still go through MediaEdge (the suite's client
#                                 driven by cache-tests.mjs, since the CLI cannot split them)
#                         auto    (default) edge when MediaEdge passes a PUT through to the origin (201), else direct
#   --timeout SECONDS   limit for the test run (default 900)
#   --results FILE      also copy the results JSON there     --report FILE   also copy the score report there
# Environment: MEDIAEDGE_CT_SCRATCH (default ${TMPDIR:-/tmp}/mediaedge-cache-tests), where the suite is installed and
# each run keeps its logs (runs/<time>/: build.log, origin.log, edge.log, cli.err, results.json, report.txt).
# Exit status: 0 when the run completed (the score is information, not a verdict); 1 bad usage; 2 setup failed
# (install, build, a server that did not start); 3 the test run failed or timed out.
set -euo pipefail

suite_version=0.4.5
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self_repo=$(cd "$here/../.." && pwd)
repo=$self_repo
scratch=${MEDIAEDGE_CT_SCRATCH:-${TMPDIR:-/tmp}/mediaedge-cache-tests}
test_id=
control=auto
run_timeout=900
build=1
use_head=0
results_copy=
report_copy=

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "cache-tests: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case $1 in
    -i | --id) test_id=${2:?-i needs a test id}; shift 2 ;;
    --id=*) test_id=${1#*=}; shift ;;
    --repo) repo=$(cd "${2:?--repo needs a folder}" && pwd); shift 2 ;;
    --head) use_head=1; shift ;;
    --no-build) build=0; shift ;;
    --control) control=${2:?--control needs edge, direct or auto}; shift 2 ;;
    --timeout) run_timeout=${2:?--timeout needs seconds}; shift 2 ;;
    --results) results_copy=${2:?--results needs a file}; shift 2 ;;
    --report) report_copy=${2:?--report needs a file}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 1 ;;
  esac
done
case $control in edge | direct | auto) ;; *) echo "--control must be edge, direct or auto" >&2; exit 1 ;; esac
[[ $run_timeout =~ ^[0-9]+$ ]] || { echo "--timeout must be a number of seconds" >&2; exit 1; }
for tool in node npm dotnet curl git timeout; do
  command -v "$tool" >/dev/null || die "$tool is required"
done

origin_pid=
edge_pid=
client_pid=
stop() { # pid: TERM, up to 10 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  [ -n "$client_pid" ] && stop "$client_pid"
  [ -n "$edge_pid" ] && stop "$edge_pid"
  [ -n "$origin_pid" ] && stop "$origin_pid"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$scratch/runs"
run_dir=$scratch/runs/$(date +%Y%m%d-%H%M%S)-$$
mkdir -p "$run_dir"
echo "cache-tests: logs in $run_dir"

# 1. The suite, from the npm registry, into the scratch folder (kept for the next run).
npm_dir=$scratch/npm
pkg=$npm_dir/node_modules/http-cache-tests
installed=$(node -p "require('$pkg/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$suite_version" ] || [ ! -f "$npm_dir/node_modules/node-fetch/package.json" ]; then
  echo "cache-tests: installing http-cache-tests@$suite_version into $npm_dir"
  mkdir -p "$npm_dir"
  [ -f "$npm_dir/package.json" ] || echo '{ "name": "mediaedge-cache-tests", "private": true }' >"$npm_dir/package.json"
  (cd "$npm_dir" && timeout 600 npm install --no-audit --no-fund --save-exact "http-cache-tests@$suite_version") \
    >"$run_dir/npm.log" 2>&1 || { cat "$run_dir/npm.log" >&2; die "npm install failed"; }
fi

# 2. MediaEdge, Release.
if [ "$use_head" = 1 ]; then
  commit=$(git -C "$self_repo" rev-parse HEAD)
  repo=$scratch/head-$commit
  if [ ! -d "$repo" ]; then
    echo "cache-tests: exporting HEAD ($commit) to $repo"
    rm -rf "$repo.tmp" && mkdir -p "$repo.tmp"
    git -C "$self_repo" archive "$commit" | tar -x -C "$repo.tmp"
    mv "$repo.tmp" "$repo"
  fi
  what="HEAD $commit (exported to $repo)"
elif commit=$(git -C "$repo" rev-parse HEAD 2>/dev/null); then
  what="$repo at $commit"
  if [ -n "$(git -C "$repo" status --porcelain -- src 2>/dev/null)" ]; then what="$what + uncommitted changes under src/"; fi
else
  what=$repo
fi
project=$repo/src/MediaEdge.Server
dll=$project/bin/Release/net10.0/MediaEdge.Server.dll
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$build" = 1 ]; then
  echo "cache-tests: building $project (Release)"
  timeout 900 dotnet build "$project" -c Release -nologo -v quiet >"$run_dir/build.log" 2>&1 || {
    tail -n 30 "$run_dir/build.log" >&2
    die "the build failed (log: $run_dir/build.log); to score the committed code instead, add --head"
  }
fi
[ -f "$dll" ] || die "no build at $dll"

wait_for() { # log file, extended regexp whose last number is the port, pid
  local log=$1 pattern=$2 pid=$3 i port
  for i in $(seq 1 600); do
    port=$(grep -oE "$pattern" "$log" 2>/dev/null | head -n 1 | grep -oE '[0-9]+$' || true)
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# 3. The suite's origin server. Its `npm run server` is `node server/server.mjs &`, which would leave a process this
# script cannot own; so the same server runs here in the foreground of its own process, with the configuration npm
# would pass it (npm_config_port: 0, a free port chosen by the kernel), bound to 127.0.0.1 by cache-tests.mjs.
(cd "$pkg" && exec env npm_package_config_protocol=http npm_config_protocol=http npm_config_port=0 \
  npm_config_pidfile="$run_dir/origin.pid" node "$here/cache-tests.mjs" origin "$pkg") >"$run_dir/origin.log" 2>&1 &
origin_pid=$!
origin_port=$(wait_for "$run_dir/origin.log" 'Listening on http://127\.0\.0\.1:[0-9]+' "$origin_pid") || {
  cat "$run_dir/origin.log" >&2
  die "the suite's origin server did not start"
}
origin=http://127.0.0.1:$origin_port

# 4. MediaEdge, with one Http source `ct` in front of that origin, on a free loopback port.
(cd "$repo" && exec env \
  MediaEdge__Sources__ct__Kind=Http \
  MediaEdge__Sources__ct__BaseUrl="$origin/" \
  MediaEdge__Sources__ct__AllowedHosts__0=127.0.0.1 \
  MediaEdge__Sources__ct__AllowPrivateNetworks=true \
  MediaEdge__Shutdown__DrainSeconds=2 \
  dotnet "$dll" --urls http://127.0.0.1:0) >"$run_dir/edge.log" 2>&1 &
edge_pid=$!
edge_port=$(wait_for "$run_dir/edge.log" 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$edge_pid") || {
  tail -n 40 "$run_dir/edge.log" >&2
  die "MediaEdge did not start (log: $run_dir/edge.log)"
}
edge=http://127.0.0.1:$edge_port
for i in $(seq 1 300); do
  curl -fsS -o /dev/null --max-time 2 "$edge/healthz" 2>/dev/null && break
  kill -0 "$edge_pid" 2>/dev/null || die "MediaEdge stopped (log: $run_dir/edge.log)"
  [ "$i" = 300 ] && die "MediaEdge's /healthz did not answer in 30 s"
  sleep 0.1
done
base=$edge/o/ct
echo "cache-tests: origin $origin (pid $origin_pid), MediaEdge $edge (pid $edge_pid), base $base"

# The route reaches the origin: a file the origin serves comes back the same through /o/ct/.
curl -sS --max-time 30 -o "$run_dir/probe.edge" "$base/package.json" || true
curl -sS --max-time 30 -o "$run_dir/probe.origin" "$origin/package.json" || true
cmp -s "$run_dir/probe.edge" "$run_dir/probe.origin" ||
  echo "cache-tests: WARNING: GET $base/package.json does not return the origin's file; expect every test to fail (log: $run_dir/edge.log)" >&2

# Whether the harness's PUT config can go through MediaEdge (the /o/ route may serve GET and HEAD only).
if [ "$control" = auto ]; then
  put_status=$(curl -sS --max-time 30 -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' \
    --data '[]' "$base/config/mediaedge-probe-$$-$RANDOM" || true)
  if [ "$put_status" = 201 ]; then
    control=edge
  else
    control=direct
    echo "cache-tests: PUT $base/config/<uuid> answered $put_status, not 201: the harness's config and state requests go straight to the origin (--control direct)"
  fi
fi

# 5. The suite's client. --control edge runs its cli.mjs as `npm run cli --base=... [--id=...]` would (npm's config
# reaches it as npm_config_* variables); --control direct runs the same client through cache-tests.mjs.
if [ "$control" = edge ]; then
  client=(env npm_package_config_base= npm_package_config_id= npm_config_base="$base" npm_config_id="$test_id"
    node --no-warnings cli.mjs)
else
  client=(node --no-warnings "$here/cache-tests.mjs" run "$pkg" "$base" "$origin" "$test_id")
fi
if [ -n "$test_id" ] && ! (cd "$pkg" && node --no-warnings "$here/cache-tests.mjs" has "$pkg" "$test_id"); then
  echo "cache-tests: http-cache-tests $suite_version has no test '$test_id'" >&2
  exit 1
fi
echo "cache-tests: running the suite (control requests: $control; limit ${run_timeout}s)"
started=$(date +%s)
status=0
# In the background and waited for, so that an interrupt stops it at once (through cleanup) rather than after it.
(cd "$pkg" && exec timeout -k 10 "$run_timeout" "${client[@]}") >"$run_dir/cli.out" 2>"$run_dir/cli.err" &
client_pid=$!
wait "$client_pid" || status=$?
client_pid=
elapsed=$(($(date +%s) - started))

if [ -n "$test_id" ]; then
  cat "$run_dir/cli.out"
  echo "=== What the origin logged for it ($run_dir/origin.log)"
  grep -v '^Listening on' "$run_dir/origin.log" || true
  [ -s "$run_dir/cli.err" ] && { echo "=== client stderr"; cat "$run_dir/cli.err"; }
  echo "cache-tests: $test_id ran in ${elapsed}s (control requests: $control)"
  [ "$status" = 0 ] || { echo "cache-tests: the client exited $status" >&2; exit 3; }
  exit 0
fi

results=$run_dir/results.json
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "cache-tests: the test run did not finish in ${run_timeout}s" >&2
  exit 3
fi
if [ "$status" != 0 ] || ! node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$run_dir/cli.out" 2>/dev/null; then
  tail -n 30 "$run_dir/cli.err" "$run_dir/cli.out" >&2
  echo "cache-tests: the client exited $status without a JSON result" >&2
  exit 3
fi
cp "$run_dir/cli.out" "$results"

# 6. The score.
{
  echo "MediaEdge /o/ route, $what"
  echo "run $(date -u +%Y-%m-%dT%H:%M:%SZ), test run ${elapsed}s, control requests: $control, results: $results"
  echo ""
  (cd "$pkg" && node --no-warnings "$here/cache-tests.mjs" score "$pkg" "$results" MediaEdge)
} >"$run_dir/report.txt"
cat "$run_dir/report.txt"
[ -z "$results_copy" ] || cp "$results" "$results_copy"
[ -z "$report_copy" ] || cp "$run_dir/report.txt" "$report_copy"
echo ""
echo "cache-tests: results $results, report $run_dir/report.txt"
