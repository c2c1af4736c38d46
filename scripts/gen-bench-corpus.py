#!/usr/bin/env python3
"""Writes a synthetic JSON Lines corpus for ingest throughput runs.

Each article is made of sentences drawn at random (fixed seed) from the
project's own test articles (tests/articles/articles.jsonl), about 600 words
each, with a unique id, date and outlet, so the store neither skips them as
repeats nor groups them as wire copies. Not for accuracy: the articles are
sentence salad.

    python3 scripts/gen-bench-corpus.py 2000 > /tmp/corpus.jsonl
"""

import json
import random
import re
import sys
from pathlib import Path


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    words = int(sys.argv[2]) if len(sys.argv) > 2 else 600
    root = Path(__file__).resolve().parent.parent
    sentences = []
    for line in (root / "tests/articles/articles.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"]
        for para in text.split("\n"):
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", para) if len(s.split()) >= 5]
    rng = random.Random(1)
    out = sys.stdout
    for i in range(n):
        body, count = [], 0
        while count < words:
            s = rng.choice(sentences)
            body.append(s)
            count += len(s.split())
        paras = [" ".join(body[k : k + 4]) for k in range(0, len(body), 4)]
        day = 1 + i % 28
        rec = {
            "id": f"bench-{i:06d}",
            "date": f"2026-03-{day:02d}",
            "url": f"https://example.org/bench/{i}",
            "source": f"outlet-{i % 17}",
            "title": body[0][:60],
            "text": "\n\n".join(paras),
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
