#!/usr/bin/env bash
# Coverage-guided fuzzing of KjTest with SharpFuzz and AFL++.
#
#   fuzz/run.sh TARGET SECONDS     fuzz one target (fuzz/run.sh --list names them) for SECONDS
#   fuzz/run.sh all SECONDS        fuzz every target in turn, SECONDS each, with one build
#
# Builds fuzz/KjTest.Fuzz, instruments KjTest's own assemblies (Abi, Dsl, Runtime, kjtest) with the sharpfuzz tool,
# gathers seeds from scenarios/, the test corpora and fuzz/seeds, replays the seeds (a seed that fails is a finding),
# then runs afl-fuzz for SECONDS. Exit status: 0 when nothing was found, 1 on any crash or hang (their paths and the
# replayed stack traces are printed), 2 for bad usage, 3 when the fuzzer could not run (afl-fuzz missing or failed).
#
# Environment: KJTEST_FUZZ_OUT (work folder, default fuzz/out), KJTEST_FUZZ_TIMEOUT_MS (afl-fuzz -t, default 3000),
# KJTEST_FUZZ_NO_BUILD=1 (reuse an instrumented build in KJTEST_FUZZ_OUT/bin).
set -uo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
out=${KJTEST_FUZZ_OUT:-$repo/fuzz/out}
timeout_ms=${KJTEST_FUZZ_TIMEOUT_MS:-3000}
sharpfuzz_version=2.3.0
tools=$repo/fuzz/.tools
bin=$out/bin
driver=(dotnet "$bin/KjTest.Fuzz.dll")
targets=(yaml kjt asm hex elf check cpu64 cpu32)
# KjTest's own assemblies: the ones coverage is measured in.
instrumented=(KjTest.Abi.dll KjTest.Dsl.dll KjTest.Runtime.dll kjtest.dll)

usage() {
  echo "usage: fuzz/run.sh TARGET|all SECONDS   (targets: ${targets[*]})" >&2
  exit 2
}

[ "${1:-}" = "--list" ] && { printf '%s\n' "${targets[@]}"; exit 0; }
[ $# -eq 2 ] || usage
target=$1 seconds=$2
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage
if [ "$target" = all ]; then
  selected=("${targets[@]}")
else
  [[ " ${targets[*]} " == *" $target "* ]] || usage
  selected=("$target")
fi

command -v afl-fuzz >/dev/null 2>&1 || { echo "fuzz: afl-fuzz not found (apt-get install afl++)" >&2; exit 3; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

build() {
  if [ ! -x "$tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >"$out/tool.log" 2>&1 \
      || { echo "fuzz: installing the sharpfuzz tool failed:" >&2; tail -20 "$out/tool.log" >&2; return 1; }
  fi
  # A fresh folder each time: sharpfuzz instruments in place and refuses an assembly it already instrumented.
  # The normal build, then a copy: the build output itself stays uninstrumented.
  rm -rf "$bin"
  dotnet build fuzz/KjTest.Fuzz/KjTest.Fuzz.csproj -c Release >"$out/build.log" 2>&1 \
    || { echo "fuzz: build failed:" >&2; grep -E 'error|warning' "$out/build.log" | sort -u | head -20 >&2; return 1; }
  cp -r fuzz/KjTest.Fuzz/bin/Release/net10.0 "$bin"
  for dll in "${instrumented[@]}"; do
    "$tools/sharpfuzz" "$bin/$dll" >>"$out/build.log" 2>&1 \
      || { echo "fuzz: instrumenting $dll failed:" >&2; tail -5 "$out/build.log" >&2; return 1; }
  done
  touch "$bin/.instrumented"
}

# Copies the files found by `find ARGS` of at most 16 KiB into $1, named by content so duplicates collapse.
add_seeds() {
  local dest=$1; shift
  find "$@" -type f -size -16k -print0 2>/dev/null | while IFS= read -r -d '' f; do
    cp "$f" "$dest/$(sha1sum "$f" | cut -c1-16)"
  done
}

scenario_files() { # $1: yaml or kjt
  local names=(-name '*.yaml' -o -name '*.yml')
  [ "$1" = kjt ] && names=(-name '*.kjt')
  add_seeds "$2" scenarios tests -not -path '*/bin/*' -not -path '*/obj/*' \( "${names[@]}" \)
}

seeds() { # $1 target, $2 folder
  local t=$1 dest=$2
  case "$t" in
    yaml) scenario_files yaml "$dest" ;;
    kjt) scenario_files kjt "$dest" ;;
    check) scenario_files yaml "$dest"; scenario_files kjt "$dest" ;;
    hex) add_seeds "$dest" fuzz/seeds/hex ;;
    elf) add_seeds "$dest" scenarios tests -not -path '*/bin/*' -not -path '*/obj/*' -name '*.elf' ;;
    asm)
      add_seeds "$dest" fuzz/seeds/asm
      # The assembler tests' NASM cross-check tables: programs (lines joined by |) and single instructions.
      awk -F'\t' -v d="$dest" 'NR > 1 && NR <= 41 { f = d "/program-" NR; gsub(/\|/, "\n", $1); print $1 > f; close(f) }' \
        tests/KjTest.Dsl.Tests/Images/Data/nasm-programs.tsv
      awk -F'\t' -v d="$dest" 'NR > 1 { n = int((NR - 2) / 60); f = d "/lines-" n; if (n < 40) { print "bits " $1 "\n" $2 >> f } }' \
        tests/KjTest.Dsl.Tests/Images/Data/nasm-differential.tsv
      ;;
    cpu64 | cpu32)
      local bits=${t#cpu}
      add_seeds "$dest" "fuzz/seeds/$t" -name '*.bin'
      for f in fuzz/seeds/"$t"/*.asm; do
        "${driver[@]}" --assemble "$bits" "$f" "$dest/$(basename "$f" .asm)" || return 1
      done
      ;;
  esac
}

fuzz_one() {
  local t=$1 work=$out/$1
  rm -rf "$work"; mkdir -p "$work/in" "$work/findings"
  seeds "$t" "$work/in" || { echo "fuzz $t: making seeds failed" >&2; return 3; }
  echo "fuzz $t: $(find "$work/in" -type f | wc -l) seeds, ${seconds}s"

  # A seed that already fails is a finding, and afl-fuzz would refuse to start on it.
  local replay
  if ! replay=$("${driver[@]}" "$t" "$work/in"/* 2>&1); then
    echo "fuzz $t: FAILED: seeds fail their target:"
    grep -v ': ok$' <<<"$replay" | head -40
    return 1
  fi

  # SharpFuzz's fork server runs under `dotnet`, which carries no AFL instrumentation of its own.
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
    AFL_FAST_CAL=1 AFL_FORKSRV_INIT_TMOUT=60000 \
    timeout --kill-after=10 $((seconds + 120)) \
    afl-fuzz -i "$work/in" -o "$work/findings" -t "$timeout_ms" -m none -V "$seconds" -- "${driver[@]}" "$t" \
    >"$work/afl.log" 2>&1
  local afl_status=$?
  local stats=$work/findings/default/fuzzer_stats
  if [ ! -f "$stats" ]; then
    echo "fuzz $t: afl-fuzz did not run (exit $afl_status):"
    tail -30 "$work/afl.log" | sed 's/\x1b\[[0-9;]*m//g'
    return 3
  fi


  field() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  echo "fuzz $t: execs_done $(field execs_done), execs_per_sec $(field execs_per_sec), bitmap_cvg $(field bitmap_cvg)," \
    "edges_found $(field edges_found)/$(field total_edges), corpus $(field corpus_count), crashes $(field saved_crashes), hangs $(field saved_hangs)"

  local found=()
  mapfile -t found < <(find "$work/findings/default/crashes" "$work/findings/default/hangs" -type f -name 'id:*' 2>/dev/null | sort)
  if [ ${#found[@]} -gt 0 ]; then
    echo "fuzz $t: FAILED: ${#found[@]} crashing or hanging inputs:"
    printf '  %s\n' "${found[@]}"
    local crashes=()
    mapfile -t crashes < <(printf '%s\n' "${found[@]}" | grep '/crashes/')
    if [ ${#crashes[@]} -gt 0 ]; then
      echo "fuzz $t: replayed (${driver[*]} $t FILE...):"
      timeout 120 "${driver[@]}" "$t" "${crashes[@]}" 2>&1 | grep -v ': ok$' | head -60
    fi
    return 1
  fi

  if [ "$afl_status" -ne 0 ]; then
    echo "fuzz $t: afl-fuzz exited $afl_status:"
    tail -10 "$work/afl.log" | sed 's/\x1b\[[0-9;]*m//g'
    return 3
  fi
  return 0
}

mkdir -p "$out"
if [ "${KJTEST_FUZZ_NO_BUILD:-}" != 1 ] || [ ! -f "$bin/.instrumented" ]; then
  build || exit 3
fi

status=0
for t in "${selected[@]}"; do
  fuzz_one "$t"
  s=$?
  case "$s" in
    0) echo "fuzz $t: passed" ;;
    1) echo "fuzz $t: FAILED (crash or hang found)" ;;
    *) echo "fuzz $t: FAILED (the fuzzer could not run)" ;;
  esac
  if [ "$s" -eq 1 ] || { [ "$s" -ne 0 ] && [ "$status" -eq 0 ]; }; then
    status=$s
  fi
done
exit "$status"
