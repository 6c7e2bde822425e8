#!/usr/bin/env bash
# Times `kjtest check` over N generated scenario files (default 1000), half YAML and half .kjt,
# cold start included: one process reads, checks and resolves the images of every file.
# Usage: bench/KjTest.Benchmarks/Dsl/check-many-files.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count=${1:-1000}
dotnet build src/Cli -c Release -nologo -v q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
yaml=(scenarios/*.yaml)
kjt=(scenarios/*.kjt)
for ((i = 0; i < count; i++)); do
  dir="$work/$((i / 100))"
  if [[ ! -d $dir ]]; then
    mkdir -p "$dir"
    cp -r scenarios/data "$dir/data"
  fi
  if ((i % 2 == 0)); then
    src=${yaml[$((i / 2 % ${#yaml[@]}))]}
    sed "s/^name: .*/name: generated-$i/" "$src" >"$dir/s$i.yaml"
  else
    src=${kjt[$((i / 2 % ${#kjt[@]}))]}
    sed "s/^scenario .*/scenario \"generated-$i\"/" "$src" >"$dir/s$i.kjt"
  fi
done
start=$(date +%s.%N)
dotnet src/Cli/bin/Release/net10.0/kjtest.dll check "$work" | tail -1
end=$(date +%s.%N)
printf '%d files (%d YAML, %d .kjt) checked in %.2f s (one process, cold start included)\n' \
  "$count" "$(((count + 1) / 2))" "$((count / 2))" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
