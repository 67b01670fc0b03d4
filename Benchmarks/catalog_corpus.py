#!/usr/bin/env python3
"""Writes N distinct documents for the catalog benchmark: perturbed copies of the readable
documents of ../shared/corpus (txt, md, html under 200 KB). Each copy changes some digits and
adds a numbered line, so that its content hash, and some of its values, differ.

usage: catalog_corpus.py CORPUS_DIR OUT_DIR N [SEED [MAX_KB]]
"""
import os
import random
import sys


def sources(corpus, limit):
    folders = ["pairs", "hant", "html", "eval", "bulk/national-fyp", "bulk/pkulaw-local-policies"]
    found = []
    for folder in folders:
        directory = os.path.join(corpus, folder)
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            path = os.path.join(directory, name)
            if name.rsplit(".", 1)[-1] in ("txt", "md", "html") and os.path.getsize(path) < limit:
                found.append(path)
    return found


def main():
    corpus, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 20261201)
    paths = sources(corpus, int(sys.argv[5]) * 1024 if len(sys.argv) > 5 else 200_000)
    texts = []
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        try:
            texts.append((path, data.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    os.makedirs(out, exist_ok=True)
    total = 0
    for n in range(count):
        path, text = texts[n % len(texts)]
        chars = list(text)
        digits = [i for i, c in enumerate(chars) if c.isdigit() and c.isascii()]
        for i in rng.sample(digits, min(len(digits), 5)):
            chars[i] = str(rng.randrange(10))
        body = "".join(chars)
        ext = path.rsplit(".", 1)[-1]
        if ext == "html":
            body = body.replace("</body>", f"<p>抄送第{n}号。</p></body>", 1)
        else:
            body = body + f"\n抄送第{n}号。\n"
        sub = os.path.join(out, f"{n // 1000:02d}")
        os.makedirs(sub, exist_ok=True)
        target = os.path.join(sub, f"{n:05d}-{os.path.basename(path)}")
        with open(target, "w", encoding="utf-8") as f:
            f.write(body)
        total += len(body.encode("utf-8"))
    print(f"{count} documents, {total / 1048576:.1f} MB from {len(texts)} sources in {out}")


if __name__ == "__main__":
    main()
