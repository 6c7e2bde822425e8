#!/usr/bin/env bash
# Times `kjtest run` over N small scenarios (default 1000): copies of the smallest kexec jump, each
# a full machine, kernel A's environment, kexec_load, kernel_kexec, the relocate routine and the
# state comparison. One process, cold start included.
# Usage: bench/KjTest.Benchmarks/Kernel/run-many-scenarios.sh [N] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-1000}
jobs=${2:-2}
dotnet build src/Cli -c Release -nologo -v q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((i = 0; i < count; i++)); do
  sed "s/^name: .*/name: small-$i/" scenarios/smallest-kexec-jump.yaml >"$work/s$i.yaml"
done
start=$(date +%s.%N)
dotnet src/Cli/bin/Release/net10.0/kjtest.dll run --jobs "$jobs" "$work" | tail -1
end=$(date +%s.%N)
printf '%d scenarios run in %.2f s with --jobs %d (one process, cold start included)\n' \
  "$count" "$(echo "$end - $start" | bc)" "$jobs"
