#!/usr/bin/env python3
"""Turn a FreeDict dictionary (dictd format) into a `--dict` file for tandem.

    sudo apt-get install dict-freedict-eng-ara dict-freedict-ara-eng
    python3 scripts/freedict_tsv.py eng-ara ara-eng > en-ar.tsv
    tandem align --dict en-ar.tsv article.en.txt article.ar.txt

Each argument names a dictionary under /usr/share/dictd (or give the path of
its .index file); the first language of the first one is the source side of
the output, and a dictionary written the other way round is turned. Output
rows are `source<TAB>target`, one sense a row, at most eight senses a
headword; tandem also turns the whole file round when it fits the pair
better that way. Standard library only. The dictionaries are GPL: use them,
do not copy them into this repository.
"""

import gzip
import re
import sys
from pathlib import Path

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
IPA = re.compile(r"\s*/[^/]*/\s*$")
NUMBERED = re.compile(r"^\d+\.\s*")
LETTER = re.compile(r"[^\W\d_]")


def b64(s):
    v = 0
    for c in s:
        v = v * 64 + B64.index(c)
    return v


def entries(index_path):
    """(headword, [senses]) of one dictd dictionary."""
    data = gzip.open(index_path.with_suffix(".dict.dz")).read()
    for line in index_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or parts[0].startswith("00"):
            continue
        start, length = b64(parts[1]), b64(parts[2])
        body = data[start:start + length].decode("utf-8", "replace").splitlines()
        if not body:
            continue
        head = IPA.sub("", body[0]).strip()
        senses = [IPA.sub("", NUMBERED.sub("", b.strip())) for b in body[1:]]
        senses = [s for s in senses if s]
        if head and senses:
            yield head, senses[:8]


def index_of(name):
    p = Path(name)
    if p.suffix == ".index" and p.exists():
        return p
    return Path("/usr/share/dictd") / f"freedict-{name}.index"


def main(names):
    if not names:
        sys.exit(__doc__)
    source = index_of(names[0]).stem.split("-")[-2]
    rows = set()
    for name in names:
        index = index_of(name)
        if not index.exists():
            sys.exit(f"freedict_tsv: {index} not found (apt-get install dict-freedict-{name}?)")
        turned = index.stem.split("-")[-2] != source
        for head, senses in entries(index):
            for sense in senses:
                # tandem wants a word on both sides (a number alone is an
                # anchor already).
                if "\t" in sense or "\t" in head or not (LETTER.search(sense) and LETTER.search(head)):
                    continue
                rows.add((sense, head) if turned else (head, sense))
    out = sys.stdout
    for s, t in sorted(rows):
        out.write(f"{s}\t{t}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
