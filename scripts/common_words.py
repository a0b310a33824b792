#!/usr/bin/env python3
"""Writes knowledge/words.txt: common English and French words, which the bot's typo
correction never replaces ("price" is not the French "prive", "order" is not "older").

Usage: pip install wordfreq && python3 scripts/common_words.py > knowledge/words.txt

A word is common when its Zipf frequency (wordfreq: log10 of occurrences per billion words)
is at least ZIPF in English or in French. Words are normalised as the bot normalises them
(lower case, accents removed) and kept when they are letters only. Texting forms and frequent
typos ("wat", "teh", "hw") stay below the threshold, so they are still corrected.
"""
import sys
import unicodedata

from wordfreq import top_n_list, zipf_frequency

ZIPF = 4.0
# Words of three letters or fewer are mostly abbreviations and texting forms ("com", "ho",
# "idk"): only the most frequent ("car", "per", "hot") are kept.
ZIPF_SHORT = 5.0


def normalise(word):
    decomposed = unicodedata.normalize("NFKD", word).lower()
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main():
    words = set()
    for lang in ("en", "fr"):
        for w in top_n_list(lang, 100_000):
            if zipf_frequency(w, lang) < ZIPF:
                break
            n = normalise(w)
            short = len(n) <= 3 and zipf_frequency(w, lang) < ZIPF_SHORT
            if n.isascii() and n.isalpha() and not short:
                words.add(n)
    out = sys.stdout
    out.write(
        "# Common English and French words (wordfreq, Zipf >= %.1f; %.1f for three letters or\n"
        "# fewer), which a typo correction\n"
        "# never replaces. One normalised word per line, sorted by bytes. Regenerate with\n"
        "# scripts/common_words.py; see README, \"Keeping the knowledge current\".\n" % (ZIPF, ZIPF_SHORT)
    )
    for w in sorted(words, key=lambda s: s.encode()):
        out.write(w + "\n")


if __name__ == "__main__":
    main()
