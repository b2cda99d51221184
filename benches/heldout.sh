#!/usr/bin/env bash
# Repair quality on text the word statistics have not seen.
#
# The generated gold sets (gen_corpus --gold) are made from the Riksdagen
# corpus, which is also where the lexicon counts its word pairs, so a change to
# the language model can look better on them than it is. This script holds out
# every tenth document of the corpus (the 6th, 16th, ...), counts the lexicon
# from the rest with the project's own generator, builds a commit (REV, default
# HEAD; uncommitted changes are not included) with that lexicon, generates a
# damaged gold set from the held documents only and prints its `ocrfix eval`
# ALL row. Compare two commits with the same SIZE and SEED.
#
#   benches/heldout.sh                 # 3 MB set, seed 5, HEAD
#   REV=HEAD~3 SIZE=1MB SEED=2 benches/heldout.sh
#
# Needs python3, cargo and the shared corpus (../shared/corpora). The lexicon
# generator's inputs come from `python3 dictionaries/regenerate.py`, run here
# when they are missing (it downloads pinned wheels and writes dictionaries/data
# again, with the same lexicon; its manifest records the tool versions). The
# character model (chars.bin) is kept from REV: it was trained on the whole
# lexicon, a small leak. About 3.2 MB of text is held out; a larger SIZE
# repeats documents.
# Environment: HELDOUT_DIR (default /tmp/ocrfix-heldout), REV (HEAD), SIZE (3MB),
# SEED (5).
set -euo pipefail
W=$(realpath -m "${HELDOUT_DIR:-/tmp/ocrfix-heldout}")
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZE=${SIZE:-3MB}
SEED=${SEED:-5}
REV=$(git rev-parse --short --verify "${REV:-HEAD}^{commit}")
BUILD=$ROOT/target/dictionaries/build
if [[ ! -f $BUILD/hunspell_forms.tsv || ! -f $BUILD/corpus.txt ]]; then
  python3 dictionaries/regenerate.py
fi
# The build folders stay between runs (dependencies are not built again); the
# rest is made afresh.
rm -rf "$W/held" "$W/tree" "$W/gold" "$W/out" "$W/corpus90.txt"
mkdir -p "$W/held" "$W/tree"

echo "heldout.sh: splitting the corpus" >&2
python3 - "$BUILD/corpus.txt" "$W" <<'PY'
import sys
from pathlib import Path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
kept = open(out / "corpus90.txt", "w", encoding="utf-8")
doc, held, body = -1, None, []
def flush():
    if held is not None and body:
        (out / "held" / f"d{doc:05d}.txt").write_text("".join(body), encoding="utf-8")
with open(src, encoding="utf-8", errors="replace") as f:
    for line in f:
        if line.startswith("### "):
            flush()
            doc += 1
            held, body = (doc if doc % 10 == 5 else None), []
        if held is not None:
            if not line.startswith("### "):
                body.append(line)
        else:
            kept.write(line)
flush()
PY

echo "heldout.sh: copying the committed tree and counting the lexicon without the held documents" >&2
# -m: files dated now, so that cargo rebuilds what differs from the last run's
# commit (an archive's files carry the commit's date, which may be older).
git archive "$REV" | tar -x -m -C "$W/tree"
PARAMS=$(python3 - "$W/tree/dictionaries/data/manifest.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
h, p = m["inputs"]["hunspell-sv"], m["parameters"]
print(p["min_word_count"], p["min_pair_count"], h["compoundmin"], h["compoundwordmax"])
PY
)
read -r MIN_WORD MIN_PAIR CMIN CMAX <<<"$PARAMS"
cargo run --release --quiet --manifest-path "$W/tree/dictionaries/lexgen/Cargo.toml" \
  --target-dir "$W/lexgen-target" -- \
  --hunspell "$BUILD/hunspell_forms.tsv" --rules "$BUILD/compound_rules.txt" \
  --wordfreq "$BUILD/wordfreq.tsv" --corpus "$W/corpus90.txt" \
  --out "$W/tree/dictionaries/data" --report "$W/build-report.txt" \
  --min-word-count "$MIN_WORD" --min-pair-count "$MIN_PAIR" \
  --compoundmin "$CMIN" --compoundwordmax "$CMAX"

echo "heldout.sh: building $REV with that lexicon" >&2
CARGO_TARGET_DIR=$W/target cargo build --release --quiet \
  --manifest-path "$W/tree/Cargo.toml" --bin ocrfix --example gen_corpus
"$W/target/release/examples/gen_corpus" --out "$W/gold" --size "$SIZE" --seed "$SEED" \
  --gold --force "$W/held"
echo "held-out set: $REV, $SIZE, seed $SEED"
"$W/target/release/ocrfix" eval "$W/gold" -o "$W/out" | grep '^ALL'
