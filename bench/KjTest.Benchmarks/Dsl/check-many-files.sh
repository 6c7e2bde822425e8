#!/usr/bin/env bash
# Times `kjtest check` over N generated scenario files (default 1000), cold start included:
# one process reads and checks every file. Usage: bench/KjTest.Benchmarks/Dsl/check-many-files.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-1000}
dotnet build src/Cli -c Release -nologo -v q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=(scenarios/*.yaml)
for ((i = 0; i < count; i++)); do
  src=${sources[$((i % ${#sources[@]}))]}
  mkdir -p "$work/$((i / 100))"
  sed "s/^name: .*/name: generated-$i/" "$src" >"$work/$((i / 100))/s$i.yaml"
done
cp -r scenarios/data "$work/data"
start=$(date +%s.%N)
dotnet src/Cli/bin/Release/net10.0/kjtest.dll check "$work" | tail -1
end=$(date +%s.%N)
printf '%d files checked in %.2f s (one process, cold start included)\n' "$count" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
