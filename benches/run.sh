#!/usr/bin/env bash
# Whole-run benchmark of ocrfix against the targets of issue 5 (see
# benches/README.md). Prints a table and writes it to $BENCH_DIR/results.md.
#
#   benches/run.sh            # full: 10 MB and 100 MB corpora
#   QUICK=1 benches/run.sh    # smoke test: 1 MB and 3 MB, fewer repetitions
#
# Works on a fresh Debian machine: as root it installs what it needs with apt
# (hyperfine, hunspell, hunspell-sv-se, GNU time); it builds ocrfix and the
# corpus generator with cargo and generates the corpora itself (deterministic,
# seed $SEED) under $BENCH_DIR (default /tmp/ocrfix-bench). Environment:
#   BENCH_DIR  work folder (corpora, outputs, results)      default /tmp/ocrfix-bench
#   SMALL      corpus for throughput and the hunspell pass  default 10MB
#   FULL       corpus for peak memory and the full run      default 100MB
#   SEED       corpus seed                                   default 1
#   RUNS       repetitions of the timed runs (median)        default 3
#
# It times the batch command `ocrfix INPUT... -o OUT -j N -q` as built from this
# checkout (target/release/ocrfix).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/ocrfix-bench}
SEED=${SEED:-1}
if [[ -n "${QUICK:-}" ]]; then
  SMALL=${SMALL:-1MB}; FULL=${FULL:-3MB}; RUNS=${RUNS:-1}
else
  SMALL=${SMALL:-10MB}; FULL=${FULL:-100MB}; RUNS=${RUNS:-3}
fi
mkdir -p "$BENCH_DIR"
log() { echo "run.sh: $*" >&2; }

# --- tools -------------------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v hunspell >/dev/null || missing+=(hunspell)
[[ -e /usr/share/hunspell/sv_SE.dic ]] || missing+=(hunspell-sv-se)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  log "installing ${missing[*]} with apt-get"
  if [[ $(id -u) -eq 0 ]]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v python3 >/dev/null || { log "python3 is needed to read hyperfine's JSON"; exit 2; }

log "building (release)"
cargo build --release --quiet --bin ocrfix --example gen_corpus
GEN=$ROOT/target/release/examples/gen_corpus
OCRFIX=$ROOT/target/release/ocrfix
RUN=("$OCRFIX")
RUNNER="ocrfix $("$OCRFIX" --version | awk '{ print $2 }') ($(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"

# --- corpora -----------------------------------------------------------------
corpus() { # SIZE -> folder. Regenerated every run (seconds), so that a
  # changed generator or noise table never leaves a stale corpus behind.
  local dir=$BENCH_DIR/corpus-$1-seed$SEED
  log "generating $1 corpus in $dir"
  "$GEN" --out "$dir" --size "$1" --seed "$SEED" --force >&2
  echo "$dir"
}
SMALL_DIR=$(corpus "$SMALL")
FULL_DIR=$(corpus "$FULL")
TINY_DIR=$BENCH_DIR/tiny
mkdir -p "$TINY_DIR"
# The first generated document under 5 KB: a small real document.
tiny=$(awk -F'\t' 'NR > 2 && $2 < 5000 { print $1; exit }' "$SMALL_DIR/GENERATED.tsv")
cp "$SMALL_DIR/$tiny" "$TINY_DIR/small.txt"
bytes_of() { find "$1" -name '*.txt' ! -name '*.gold.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }'; }
SMALL_BYTES=$(bytes_of "$SMALL_DIR")
FULL_BYTES=$(bytes_of "$FULL_DIR")
TINY_BYTES=$(bytes_of "$TINY_DIR")
# hunspell reads one stream: the same documents, concatenated.
CAT=$BENCH_DIR/small-concat.txt
find "$SMALL_DIR" -name '*.txt' ! -name '*.gold.txt' | sort | xargs cat > "$CAT"

OUT=$BENCH_DIR/out
median() { # hyperfine JSON -> median wall seconds
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}
cpu() { # hyperfine JSON -> mean CPU seconds (user + system, all threads)
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["user"] + r["system"])' "$1"
}
# Runs a command under GNU time; prints "seconds max_rss_kb". Exit status 1
# (some documents failed) is a result to report, not a reason to stop.
timed() {
  local rc=0
  /usr/bin/time -v -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>"$BENCH_DIR/stderr.txt" || rc=$?
  if ((rc > 1)); then cat "$BENCH_DIR/stderr.txt" >&2; return 1; fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
              /Maximum resident set size/ { m = $2 }
              END { print s, m }' "$BENCH_DIR/time.txt"
}

# --- measurements ---------------------------------------------------------------
# Everything in one run, one after the other, so the ratios compare like with
# like on a shared machine. On a machine shared with other work the wall
# times move with the load (printed with the table); the CPU times (user +
# system, from hyperfine) do not, so the table gives both. Each ocrfix run is a
# fresh process: the corrector's caches start cold, as on a real archive.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "end to end on $SMALL, -j 1 and -j 2 ($RUNS runs each)"
for j in 1 2; do
  # -i: a failed document (exit 1) is reported below, not fatal here.
  hyperfine --style none -i --runs "$RUNS" --prepare "rm -rf $OUT" \
    --export-json "$BENCH_DIR/j$j.json" "${RUN[*]} $SMALL_DIR -o $OUT -j $j -q" >/dev/null
done
T1=$(median "$BENCH_DIR/j1.json"); T2=$(median "$BENCH_DIR/j2.json")
C1=$(cpu "$BENCH_DIR/j1.json"); C2=$(cpu "$BENCH_DIR/j2.json")

log "hunspell -d sv_SE -l on the same $SMALL ($RUNS runs)"
hyperfine --style none --runs "$RUNS" --export-json "$BENCH_DIR/hunspell.json" \
  "hunspell -d sv_SE -l < $CAT > /dev/null" >/dev/null
TH=$(median "$BENCH_DIR/hunspell.json"); CH=$(cpu "$BENCH_DIR/hunspell.json")

log "start-up + one small document ($TINY_BYTES bytes), 20 runs"
hyperfine --style none -i --warmup 3 --runs 20 --prepare "rm -rf $OUT" \
  --export-json "$BENCH_DIR/startup.json" "${RUN[*]} $TINY_DIR -o $OUT -q" >/dev/null
TS=$(median "$BENCH_DIR/startup.json")

log "peak memory: $SMALL and $FULL, all threads (-j 2)"
rm -rf "$OUT"; read -r _ M_SMALL < <(timed "${RUN[@]}" "$SMALL_DIR" -o "$OUT" -j 2 -q)
# Memory against the number of documents rather than their size: 2,000 and
# 20,000 one-line documents (what a run keeps per document: its plan entry).
many() { # N -> folder of N one-line documents, 1,000 to a folder
  local dir=$BENCH_DIR/many/n$1
  if [[ ! -d $dir ]]; then
    python3 - "$dir" "$1" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"v{i // 1000:03}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"d{i:06}.txt"), "w") as f:
        f.write("Det är en kort rad om kommunen.\n")
PY
  fi
  echo "$dir"
}
log "peak memory: 2,000 and 20,000 one-line documents (-j 2)"
MANY_S=$(many 2000); MANY_L=$(many 20000)
rm -rf "$OUT"; read -r _ M_MANY_S < <(timed "${RUN[@]}" "$MANY_S" -o "$OUT" -j 2 -q)
rm -rf "$OUT"; read -r _ M_MANY_L < <(timed "${RUN[@]}" "$MANY_L" -o "$OUT" -j 2 -q)
rm -rf "$OUT"; read -r TF2 M_FULL < <(timed "${RUN[@]}" "$FULL_DIR" -o "$OUT" -j 2 -q)
# Documents the full run could not repair, from its run report.
FAILED=$(python3 -c 'import json,sys
r = json.load(open(sys.argv[1]))
bad = [d for d in r["documents"] if d["status"] == "failed"]
print(len(bad))
for d in bad[:5]: print("  " + d["source"] + ": " + (d["error"] or "")[:100], file=sys.stderr)' \
  "$OUT/ocrfix-report.json" 2>"$BENCH_DIR/failed.txt")
rm -rf "$OUT"

# --- table ---------------------------------------------------------------------
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$SMALL_BYTES" "$FULL_BYTES" "$T1" "$T2" "$TH" "$TS" "$M_SMALL" "$M_FULL" "$TF2" \
  "$C1" "$C2" "$CH" "$M_MANY_S" "$M_MANY_L" "$SMALL" "$FULL" "$RUNNER" "$RUNS" "$LOAD_BEFORE" "$LOAD_AFTER" "$FAILED" \
  >"$BENCH_DIR/results.md" <<'EOF'
import sys
(small_b, full_b, t1, t2, th, ts, m_small, m_full, tf2, c1, c2, ch, m_many_s, m_many_l) = map(float, sys.argv[1:15])
small, full, runner, runs, load_before, load_after, failed = sys.argv[15:22]
mb = small_b / 1e6
mbs1, mbs2, mbsh = mb / t1, mb / t2, mb / th
cpu1, cpuh = mb / c1, mb / ch
ratio_h, speedup = mbs1 / mbsh, t1 / t2
# With the CPU seconds each run used, the best speed-up two free cores allow.
ceiling = 2 * c1 / c2
def ok(b): return "yes" if b else "**no**"
rows = [
    (f"end to end, 1 thread ({small})", "≥ 20 MB/s", f"{mbs1:.2f} MB/s ({cpu1:.2f} MB per CPU-second)", ok(mbs1 >= 20)),
    ("  … times the hunspell pass", "≥ 25×", f"{ratio_h:.1f}× (hunspell {mbsh:.2f} MB/s; per CPU-second {cpu1 / cpuh:.1f}×)", ok(ratio_h >= 25)),
    (f"speed-up, 2 threads over 1 ({small})", "≥ 1.8×", f"{speedup:.2f}× ({mbs2:.2f} MB/s; CPU-time ceiling {ceiling:.2f}×)", ok(speedup >= 1.8)),
    ("start-up + one small document", "≤ 50 ms", f"{ts * 1000:.0f} ms", ok(ts <= 0.050)),
    (f"peak memory, full corpus ({full}, -j 2)", "≤ 200 MB", f"{m_full / 1024:.0f} MiB", ok(m_full / 1024 <= 200)),
    (f"memory growth {small} → {full} (data ×{full_b / small_b:.0f})", "flat", f"{m_small / 1024:.0f} → {m_full / 1024:.0f} MiB (×{m_full / m_small:.2f})", ok(m_full / m_small <= 1.5)),
    ("memory growth 2,000 → 20,000 one-line documents", "flat", f"{m_many_s / 1024:.0f} → {m_many_l / 1024:.0f} MiB (×{m_many_l / m_many_s:.2f})", ok(m_many_l / m_many_s <= 1.5)),
    (f"full corpus, 2 threads ({full})", "(info)", f"{tf2:.1f} s, {full_b / 1e6 / tf2:.2f} MB/s", ""),
    (f"documents failed in the full run", "0", failed, ok(failed == "0")),
]
print(f"Runner: {runner}. Medians of {runs} runs; MB = 10^6 bytes of input; "
      f"load average {load_before} before, {load_after} after.\n")
print("| figure | target | measured | met |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
EOF
cat "$BENCH_DIR/results.md"
if [[ $FAILED != 0 ]]; then echo; echo "Failed documents (first 5):"; cat "$BENCH_DIR/failed.txt"; fi
