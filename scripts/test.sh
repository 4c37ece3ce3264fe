#!/usr/bin/env bash
# Installs what the test suites need, starts the services they use, and runs every test.
# Usage (as root, from anywhere): bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET 10 SDK is required (dotnet on PATH); see README 'Requirements'." >&2
    exit 1
fi

# Debian packages the tests use, as command:package pairs; installed only when missing.
# The tests start their own redis-server processes (standalone and a 3-master cluster) on free loopback ports.
# The browser playback tests drive Debian's chromium (/usr/bin/chromium) through Playwright for .NET.
packages=()
for tool in redis-server:redis-server redis-cli:redis-tools ffmpeg:ffmpeg ffprobe:ffmpeg chromium:chromium; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || packages+=("${tool##*:}")
done
if [ "${#packages[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# Azurite and s3rver (npm) stand in for Azure Blob Storage and S3; the tests start their own instances on free loopback ports.
for tool in azurite-blob:azurite@3 s3rver:s3rver@3.7.1; do
    if ! command -v "${tool%%:*}" >/dev/null 2>&1; then
        command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
        npm install -g --no-audit --no-fund "${tool#*:}" >/dev/null
    fi
done

# npm package sets at their lockfile's exact versions, each reinstalled only when its lockfile changed: tests/clients, the real
# imgix client libraries (js-core, unpic, Nuxt Image, Next.js) for the client srcset test, and tests/browser, hls.js for the
# browser playback tests. Optional packages (Next's SWC binaries, sharp) are not needed.
command -v npm >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq npm >/dev/null; }
for set in tests/clients tests/browser; do
    lock_sum=$(sha256sum "$set/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$set/node_modules/.lock-sha256" 2>/dev/null)" != "$lock_sum" ]; then
        (cd "$set" && npm ci --omit=optional --no-audit --no-fund >/dev/null)
        echo "$lock_sum" > "$set/node_modules/.lock-sha256"
    fi
done

# Playwright for .NET runs the driver inside its NuGet package against Debian's chromium; its own browser download is never used.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build MediaEdge.sln -c Release -nologo -v quiet
log=$(mktemp)
status=0
# Each test project also leaves a TRX file (durations per test) under TEST_RESULTS, for finding what makes the suite slow.
results="${TEST_RESULTS:-$(mktemp -d)}"
dotnet test MediaEdge.sln -c Release --no-build -nologo --logger trx --results-directory "$results" 2>&1 | tee "$log" || status=$?

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "${passed} passed, ${failed} failed, ${skipped} skipped (TRX files in ${results})"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
