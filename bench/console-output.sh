#!/usr/bin/env bash
# Console-output benchmark of `kjtest exec`: the same guest loop of N iterations (out dx, al; dec ecx; jnz) run
#   1. with a nop in place of the out      (no output: the yardstick)
#   2. writing to the UART (port 0x3f8)     with stdout to /dev/null and to a file
#   3. writing to debugcon (port 0xe9)      with stdout to a file
# Each guest retires the same number of instructions; the ratio to (1) is the cost of the output itself.
# Prints the median wall time of RUNS cold processes and the peak RSS of one run of each.
# Usage: bench/console-output.sh [RUNS] [N]   (defaults 5 and 50000000); KJTEST=PATH times that kjtest instead of
# the Release build of src/Cli. Plain bash, date and /usr/bin/time if present; no timing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
n=${2:-50000000}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${KJTEST:-}" ]; then
  dotnet build src/Cli -c Release >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
  kjtest=(dotnet "src/Cli/bin/Release/net10.0/kjtest.dll")
else
  kjtest=("$KJTEST")
fi

# mov ecx, N; mov dx, PORT; mov al, 'x'; L: (out dx, al | nop); dec ecx; jnz L; hlt
guest() { # $1 file, $2 port (hex, 4 digits), $3 opcode at L (ee = out dx, al; 90 = nop)
  local imm port
  imm=$(printf '%08x' "$n")
  port=$2
  printf "\\xb9\\x${imm:6:2}\\x${imm:4:2}\\x${imm:2:2}\\x${imm:0:2}\\x66\\xba\\x${port:2:2}\\x${port:0:2}\\xb0\\x78\\x$3\\xff\\xc9\\x75\\xfb\\xf4" >"$1"
}
guest "$work/quiet.bin" 03f8 90
guest "$work/uart.bin" 03f8 ee
guest "$work/debugcon.bin" 00e9 ee
limit=$((n * 3 + 100))

median_ms() { # $1 output file, rest the command
  local out=$1 times=() start end
  shift
  "$@" >"$out" 2>/dev/null || true
  for _ in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    "$@" >"$out" 2>/dev/null || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR]}'
}

peak_mb() { # $1 image
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' "${kjtest[@]}" exec "$1" --max-instructions "$limit" 2>&1 >/dev/null | tail -1 | awk '{printf "%d MB", $1 / 1024}'
  else
    echo "n/a"
  fi
}

report() { # $1 label, $2 image, $3 output file
  local m lo hi
  read -r m lo hi < <(median_ms "$3" "${kjtest[@]}" exec "$2" --max-instructions "$limit")
  printf '%-34s %6d ms (min %d, max %d)  ratio %s  peak %s  output %s bytes\n' "$1" "$m" "$lo" "$hi" \
    "$(awk -v a="$m" -v b="${base:-$m}" 'BEGIN {printf "%.2f", a / b}')" "$(peak_mb "$2")" "$(stat -c %s "$3" 2>/dev/null || echo 0)"
  [ -n "${base:-}" ] || base=$m
}

echo "guest loop of $n iterations ($((n * 3)) instructions), $runs cold runs each"
base=
report "no output (nop)" "$work/quiet.bin" /dev/null
report "UART, stdout to /dev/null" "$work/uart.bin" /dev/null
report "UART, stdout to a file" "$work/uart.bin" "$work/out.txt"
report "debugcon, stdout to a file" "$work/debugcon.bin" "$work/out.txt"
