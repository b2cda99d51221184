#!/usr/bin/env bash
# Where the instructions go: callgrind over the batch run, a cold pass (fresh
# process, empty caches) and a warm pass (the same documents again), as
# repeatable instruction counts. See benches/PROFILE.md.
#
#   benches/profile.sh            # 300 KB corpus, seed 1
#   SIZE=1MB benches/profile.sh
#
# Both passes run the batch command with one thread: `ocrfix C/a -o OUT` (cold)
# and `ocrfix C -o OUT`, where C/b is a copy of C/a (met second, warm).
#
# Needs valgrind (installed with apt-get when missing, as root) and python3.
# Builds a release copy with line tables in target/prof (its own folder in this
# checkout: cargo takes a target folder shared between checkouts of the same
# crate as up to date), so target/release is left alone. Environment: BENCH_DIR (default
# /tmp/ocrfix-bench), SIZE (300KB), SEED (1), TOP (30 rows).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/ocrfix-bench}
SIZE=${SIZE:-300KB}
SEED=${SEED:-1}
TOP=${TOP:-30}
mkdir -p "$BENCH_DIR"
if ! command -v valgrind >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind >/dev/null
fi
T=$(pwd)/target/prof
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
  cargo build --release --quiet --bin ocrfix --example gen_corpus --target-dir "$T"
C=$BENCH_DIR/profile-corpus
rm -rf "$C"
"$T/release/examples/gen_corpus" --out "$C/a" --size "$SIZE" --seed "$SEED" --force
cp -r "$C/a" "$C/b"
BYTES=$(find "$C/a" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
# -j 1: the documents run in walk (sorted) order, so the copy in b is met warm.
rm -rf "$BENCH_DIR/prof-out1" "$BENCH_DIR/prof-out2"
valgrind --tool=callgrind --callgrind-out-file="$BENCH_DIR/cold.out" \
  "$T/release/ocrfix" "$C/a" -o "$BENCH_DIR/prof-out1" -j 1 -q 2>/dev/null &
valgrind --tool=callgrind --callgrind-out-file="$BENCH_DIR/twice.out" \
  "$T/release/ocrfix" "$C" -o "$BENCH_DIR/prof-out2" -j 1 -q 2>/dev/null
wait
for f in cold twice; do
  callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$BENCH_DIR/$f.out" 2>/dev/null \
    | sed -E 's| \[/[^]]*\]||g; s|/rustc/[0-9a-f]+/library/||g; s|/root/.cargo/registry/src/[^/]+/||g' \
    | sed -E "s|$(pwd)/||g" \
    | grep -E '^ *[0-9,]+ \( *[0-9.]+%\)  ' | sed -E 's/^ *([0-9,]+) \( *[0-9.]+%\)  /\1\t/' | tr -d ',' \
    >"$BENCH_DIR/$f.incl"
done
python3 - "$BENCH_DIR" "$BYTES" "$TOP" <<'EOF'
import sys
d, nbytes, top = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(f):
    out = {}
    for line in open(f"{d}/{f}.incl"):
        n, k = line.rstrip("\n").split("\t", 1)
        out[k] = max(out.get(k, 0), int(n))
    return out
cold, twice = load("cold"), load("twice")
def find(t, name):
    return max((v for k, v in t.items() if k.endswith(name)), default=0)
start = cold["PROGRAM TOTALS"] - find(cold, "ocrfix::pipeline::Engine::process")
cold_pass = find(cold, "ocrfix::pipeline::Engine::process")
warm_pass = twice["PROGRAM TOTALS"] - cold["PROGRAM TOTALS"]
print(f"{nbytes} bytes; start-up and walk {start / 1e6:.0f}M instructions; "
      f"cold pass {cold_pass / 1e6:.0f}M ({cold_pass / nbytes:.0f}/byte); "
      f"warm pass {warm_pass / 1e6:.0f}M ({warm_pass / nbytes:.0f}/byte)")
keep = lambda k: "ocrfix::" in k or "memcmp" in k or "malloc.c" in k or "hash" in k
rows = sorted(((twice[k] - cold.get(k, 0), cold.get(k, 0), k) for k in twice if keep(k)), reverse=True)
print(f"\n{'warm':>8} {'cold':>8}  inclusive instructions (M) per function")
for w, c, k in rows[:top]:
    print(f"{w / 1e6:8.1f} {c / 1e6:8.1f}  {k[:110]}")
EOF
