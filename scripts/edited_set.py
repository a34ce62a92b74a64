#!/usr/bin/env python3
"""Make an evaluation set for `tandem eval --sets` from a line-parallel text.

    python3 scripts/edited_set.py EN_FILE TGT_FILE OUT_DIR [--code ru] [--seed 7]
    tandem eval --sets OUT_DIR

EN_FILE and TGT_FILE hold one sentence a line, line i of one translating
line i of the other, documents separated by lines reading `@@DOC@@`. Four
documents make a pair; walking its sentence pairs with a fixed seed, the
script joins two or three neighbours on one side into one sentence (2-1,
1-2, 3-1 and 1-3 beads, 7%, 7%, 3% and 3% of the steps) or leaves a
sentence out on one side (1-0 and 0-1, 3% each), the way the shared
"-edited" sets were made, so the gold is exact and every bead type occurs.
It writes N.en, N.CODE, N.gold (vecalign format) and pairs.tsv.

How tandem's built-in word lists were checked for languages no human gold
set covers (README, "Dictionaries"): English news translated sentence by
sentence, then edited by this script. Such translations are more literal
than a translator's, so the figures are an upper bound on what a list
gives. Standard library only.
"""

import argparse
import random
from pathlib import Path

# Cumulative step probabilities: (upper bound, source sentences, target sentences).
STEPS = [(0.07, 2, 1), (0.14, 1, 2), (0.17, 3, 1), (0.20, 1, 3), (0.23, 1, 0), (0.26, 0, 1)]


def documents(path):
    docs, cur = [], []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if line == "@@DOC@@":
            docs.append(cur)
            cur = []
        elif line.strip():
            cur.append(line.strip())
    if cur:
        docs.append(cur)
    return docs


def edit(src, tgt, rng):
    """Source and target sentences and gold beads of one edited pair."""
    so, to, gold = [], [], []
    i = 0
    while i < len(src):
        r = rng.random()
        ns, nt = next(((s, t) for bound, s, t in STEPS if r < bound), (1, 1))
        if i + max(ns, nt) > len(src):
            ns, nt = 1, 1
        take = max(ns, nt)
        if ns == 0:
            to.append(tgt[i])
            gold.append(([], [len(to) - 1]))
        elif nt == 0:
            so.append(src[i])
            gold.append(([len(so) - 1], []))
        else:
            # The side with one sentence gets the others joined with a space.
            s_part = src[i : i + take] if ns > 1 else [" ".join(src[i : i + take])]
            t_part = tgt[i : i + take] if nt > 1 else [" ".join(tgt[i : i + take])]
            so += s_part
            to += t_part
            gold.append(
                (list(range(len(so) - len(s_part), len(so))), list(range(len(to) - len(t_part), len(to))))
            )
        i += take
    return so, to, gold


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("en")
    ap.add_argument("tgt")
    ap.add_argument("out")
    ap.add_argument("--code", default="tgt", help="extension of the target files")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--docs-per-pair", type=int, default=4)
    a = ap.parse_args()
    en, tgt = documents(a.en), documents(a.tgt)
    if len(en) != len(tgt) or any(len(x) != len(y) for x, y in zip(en, tgt)):
        raise SystemExit("the two files must have the same documents with the same number of lines")
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    rows = ["src\ttgt\tgold"]
    k = a.docs_per_pair
    for p in range((len(en) + k - 1) // k):
        src = sum(en[p * k : p * k + k], [])
        tr = sum(tgt[p * k : p * k + k], [])
        so, to, gold = edit(src, tr, rng)
        (out / f"{p}.en").write_text("\n".join(so) + "\n", encoding="utf-8")
        (out / f"{p}.{a.code}").write_text("\n".join(to) + "\n", encoding="utf-8")
        lines = "".join(f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]\n" for s, t in gold)
        (out / f"{p}.gold").write_text(lines, encoding="utf-8")
        rows.append(f"{p}.en\t{p}.{a.code}\t{p}.gold")
    (out / "pairs.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
