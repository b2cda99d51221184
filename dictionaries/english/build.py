#!/usr/bin/env python3
"""Regenerate english.txt: the most frequent English words, from wordfreq.

Swedish reports quote English names and titles ("Linked Organisation for Local
Authority"); the corrector must not read "for" there as "för". This list lets
it recognise an English stretch of text. It is the top of wordfreq's
small_en list (CC-BY-SA-4.0, the same pinned wheel as the Swedish
frequencies, see ../regenerate.py): lower-case words of letters only, in
frequency order.

    python3 dictionaries/english/build.py [--offline] [--top N]
"""
import argparse
import gzip
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import regenerate  # noqa: E402  (pinned wheel, sha256 check, msgpack decoder)

MEMBER = "wordfreq/data/small_en.msgpack.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--offline", action="store_true", help="use the cached wheel only")
    ap.add_argument("--top", type=int, default=3000, help="words to keep (default 3000)")
    args = ap.parse_args()
    wheel = regenerate.fetch_wheel(regenerate.WORDFREQ, args.offline)
    with zipfile.ZipFile(wheel) as z:
        data = regenerate.msgpack_unpack(gzip.decompress(z.read(MEMBER)))
    words = []
    for bucket in data[1:]:
        for w in sorted(bucket):
            if w.isalpha() and w.isascii() and len(w) >= 2:
                words.append(w)
        if len(words) >= args.top:
            break
    words = words[: args.top]
    out = HERE / "english.txt"
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"# The {len(words)} most frequent English words (letters only), from wordfreq "
                f"{regenerate.WORDFREQ['version']} {MEMBER}, CC-BY-SA-4.0. Regenerate: build.py\n")
        for w in words:
            f.write(w + "\n")
    print(f"{out}: {len(words)} words")


if __name__ == "__main__":
    main()
