#!/usr/bin/env bash
# Builds every guest program as static, freestanding ELF executables for x86-64 and i386 at
# -O0 and -O2, linked at 0x400000 so an emulator can load PT_LOAD segments at their
# physical addresses. Usage: build.sh <output-dir>
# Output names: <program>-<x86_64|i386>-<O0|O2>. REPEAT=N in the environment makes each program
# run its work N times, writing only the last pass (a benchmark workload); the default is 1.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <output-dir>" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
out="$1"
mkdir -p "$out"
cc="${CC:-gcc}"
repeat="${REPEAT:-1}"
programs=(sort crc32 sieve strings interp)

common=(-static -nostdlib -ffreestanding -fno-pic -no-pie -fno-stack-protector -fcf-protection=none
  -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns -fno-builtin
  -Wall -Wextra -Werror -std=gnu11 -DRT_REPEAT="$repeat"
  -Wl,-Ttext-segment=0x400000 -Wl,--build-id=none -Wl,-z,noexecstack)

for arch in x86_64 i386; do
  if [ "$arch" = x86_64 ]; then flags=(-m64); else flags=(-m32); fi
  for opt in O0 O2; do
    for p in "${programs[@]}"; do
      "$cc" "${flags[@]}" "-$opt" "${common[@]}" -I"$here" \
        "$here/rt/crt0_$arch.S" "$here/rt/rt.c" "$here/$p.c" -lgcc \
        -o "$out/$p-$arch-$opt"
    done
  done
done
