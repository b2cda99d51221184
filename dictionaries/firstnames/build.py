#!/usr/bin/env python3
"""Regenerate firstnames.tsv from Jörg Michael's nam_dict.txt.

Source: nam_dict.txt (2008-11-30) by Jörg Michael, GNU Free Documentation
License 1.2 or later, as shipped in the PyPI package gender-guesser 0.4.0
(path gender_guesser/data/nam_dict.txt). To regenerate:

    pip download --no-deps --no-binary :all: -d /tmp/gg gender-guesser==0.4.0
    tar xzf /tmp/gg/gender-guesser-0.4.0.tar.gz -C /tmp/gg
    python3 build.py /tmp/gg/gender-guesser-0.4.0/gender_guesser/data/nam_dict.txt > firstnames.tsv

nam_dict.txt gives each first name a gender code and a frequency digit (hex,
1 = rare .. D = very common, logarithmic) per country, one fixed column per
country. We keep names used in Sweden or the Nordic countries, and names that
are common elsewhere (people with foreign names appear in Swedish reports too):

    Sweden >= 1, or any Nordic country (IS DK NO SE FI) >= 2, or any country >= 6.

Names of one or two letters are kept only when common in Sweden (>= 3), since
short names ("Ed", "Il", "Ok") are mostly noise in Swedish text. Output: one
name a line, `name<TAB>gender` with gender M, F or ? (unisex).
"""
import sys

# Column of each country's frequency digit (0-based), read from the header of
# nam_dict.txt: Great Britain is at 30 and the countries follow one per column.
ICELAND, DENMARK, NORWAY, SWEDEN, FINLAND = 45, 46, 47, 48, 49
FIRST_COUNTRY, LAST_COUNTRY = 30, 84


def freq(line, col):
    c = line[col] if col < len(line) else " "
    return int(c, 16) if c.strip() else 0


def gender(code):
    code = code.strip()
    if code.endswith("M") or code == "M":
        return "M"
    if code.endswith("F") or code == "F":
        return "F"
    return "?"


def main(path):
    best = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line[0] in "#=":
                continue
            # '+' in column 29 marks a duplicate sorted with expanded umlauts.
            if len(line) > 29 and line[29] == "+":
                continue
            name = line[3:29].strip()
            if not name or "+" in name or " " in name:
                continue
            nordic = [freq(line, c) for c in (ICELAND, DENMARK, NORWAY, SWEDEN, FINLAND)]
            sweden = freq(line, SWEDEN)
            anywhere = max(freq(line, c) for c in range(FIRST_COUNTRY, LAST_COUNTRY + 1))
            if not (sweden >= 1 or max(nordic) >= 2 or anywhere >= 6):
                continue
            if len(name) <= 2 and sweden < 3:
                continue
            rank = (sweden, max(nordic), anywhere)
            if name not in best or rank > best[name][0]:
                best[name] = (rank, gender(line[:2]))
    print("# First names: derived from nam_dict.txt (Jörg Michael, GFDL 1.2+); see README.md and build.py")
    for name in sorted(best):
        print(f"{name}\t{best[name][1]}")


if __name__ == "__main__":
    main(sys.argv[1])
