#!/usr/bin/env python3
"""The baseline `chat --json` is compared with (issue 7): a best-sentence BM25 retriever over
the article's sentences, speaking the same protocol (one question per line on stdin, one JSON
object per line on stdout). It always answers with its best sentence, so it is imprecise; it is
here only to measure throughput against.

Two implementations: the `rank_bm25` package (`BM25Okapi`, the usual Python choice; used when
it is installed, `pip install rank_bm25`) and, with `--plain` or without the package, a
hand-written pure-Python scorer, which is faster on a corpus this small.

    python3 bench/bm25_baseline.py knowledge/article.wikitext [--plain] < questions.txt > /dev/null
"""
import json
import math
import re
import sys
import unicodedata
from collections import Counter


def words(text):
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", text)


def sentences(wikitext):
    text = re.sub(r"<ref[^>]*>.*?</ref>|<ref[^>]*/>", " ", wikitext, flags=re.S)
    text = re.sub(r"\{\{[^{}]*\}\}", " ", text)
    text = re.sub(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]", r"\1", text)
    text = re.sub(r"'{2,}|==+", " ", text)
    out = []
    for line in text.splitlines():
        out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if len(s.split()) > 3)
    return out


class BM25:
    def __init__(self, docs, k1=1.5, b=0.75):
        self.docs = [Counter(words(d)) for d in docs]
        self.lens = [sum(d.values()) for d in self.docs]
        self.avg = sum(self.lens) / len(self.lens)
        df = Counter(w for d in self.docs for w in d)
        n = len(docs)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}
        self.k1, self.b = k1, b

    def best(self, query):
        q = words(query)
        scores = []
        for d, n in zip(self.docs, self.lens):
            s = 0.0
            for w in q:
                f = d.get(w, 0)
                if f:
                    s += self.idf[w] * f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * n / self.avg))
            scores.append(s)
        i = max(range(len(scores)), key=scores.__getitem__)
        return i, scores[i]


class Okapi:
    """rank_bm25's BM25Okapi, best sentence by argmax."""

    def __init__(self, docs):
        from rank_bm25 import BM25Okapi

        self.bm25 = BM25Okapi([words(d) for d in docs])

    def best(self, query):
        scores = self.bm25.get_scores(words(query))
        i = int(scores.argmax())
        return i, float(scores[i])


def main():
    docs = sentences(open(sys.argv[1], encoding="utf-8").read())
    try:
        bm25 = BM25(docs) if "--plain" in sys.argv else Okapi(docs)
    except ImportError:
        bm25 = BM25(docs)
    out = sys.stdout
    for line in sys.stdin:
        q = line.strip()
        i, score = bm25.best(q)
        out.write(json.dumps({"question": q, "answered": score > 0, "intent": None,
                              "confidence": min(score / 10, 1.0), "lang": "en", "text": docs[i],
                              "section": None, "citations": [], "suggestions": []}) + "\n")


if __name__ == "__main__":
    main()
