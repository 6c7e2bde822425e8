#!/usr/bin/env bash
# Cold-start benchmark of the installed kjtest tool: packs it, installs it into a temporary tool path as a user of
# `dotnet tool install` would, and prints the median wall time of N cold processes for
#   1. one small scenario:        kjtest run scenarios/smallest-kexec-jump.yaml
#   2. the bundled catalogue:     kjtest run scenarios/ --jobs 2
#   3. check over many files:     kjtest check DIR   (DIR holds COPIES copies of the small scenario)
# Usage: bench/cold-start.sh [RUNS] [COPIES]   (defaults 7 and 100); KJTEST=PATH times that kjtest instead of packing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
copies=${2:-100}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kjtest=${KJTEST:-}
if [ -z "$kjtest" ]; then
  echo "packing and installing the tool into $work ..."
  dotnet pack src/Cli -c Release -o "$work/pack" >"$work/pack.log" 2>&1 || { tail -20 "$work/pack.log"; exit 1; }
  dotnet tool install KjTest.Tool --tool-path "$work/tool" --add-source "$work/pack" >>"$work/pack.log" 2>&1 || { tail -20 "$work/pack.log"; exit 1; }
  kjtest="$work/tool/kjtest"
fi

mkdir -p "$work/many"
for i in $(seq 1 "$copies"); do cp scenarios/smallest-kexec-jump.yaml "$work/many/s$i.yaml"; done

# Prints the median wall time in milliseconds of $runs runs of the command, after one warm-up run (disk caches).
median_ms() {
  local times=() start end
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%d ms (min %d, max %d, n %d)\n", m, a[1], a[NR], NR}'
}

echo "one small scenario, cold process:    $(median_ms "$kjtest" run scenarios/smallest-kexec-jump.yaml)"
echo "catalogue, --jobs 2:                 $(median_ms "$kjtest" run scenarios/ --jobs 2)"
echo "check over $copies copies of one file:   $(median_ms "$kjtest" check "$work/many")"
