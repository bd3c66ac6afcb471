#!/usr/bin/env python3
"""Regenerate the CohortLink name reference tables from their sources.

Outputs (relative to the datasets/ directory):
    names/forenames.csv        name,sex,origin,weight
    names/surnames.csv         name,origin,weight
    names/female_surnames.csv  name,origin,weight
    names/surname_female_forms.csv  origin,masculine,feminine
    names/provenance.csv       table,name,sex,origin,sources (per-row origin of each name)

Inputs:
    * the `faker` PyPI package (MIT licence), person providers, pinned version;
    * the `pypinyin` PyPI package (MIT licence), to romanise faker's zh_CN
      Hanzi names (faker's own romanised lists carry no frequencies or sex);
    * names/sources/*.csv, the project-compiled lists (see datasets/README.md).

Weights
    Every pool (origin for surnames, origin+sex for forenames) is a mixture of
    components; COMPONENTS below gives each component's share of the pool.
    Inside a component a name's weight is one of:
      source   the frequency carried by the source (faker en_GB surnames, es_CO,
               zh_CN surnames);
      zipf     Zipf-Mandelbrot by rank, 1/(rank+q)^s, times an optional boost
               (rank = order in the source list);
      uniform  equal weights (source list is alphabetical / unranked).
    The same name from several components is summed.  Each pool is finally
    scaled to sum to 1,000,000 (so a weight reads "per million of the pool").

Usage
    pip install -r datasets/tools/requirements.txt
    python3 datasets/tools/build_names.py            # rewrite the CSVs
    python3 datasets/tools/build_names.py --check    # exit 1 if they differ

The script is deterministic: same inputs and package versions, same bytes.
"""
from __future__ import annotations

import argparse
import csv
import difflib
import importlib
import io
import sys
import unicodedata
from collections import OrderedDict, defaultdict
from pathlib import Path

FAKER_VERSION = "40.63.0"
PYPINYIN_VERSION = "0.55.0"

DATASETS = Path(__file__).resolve().parent.parent
NAMES = DATASETS / "names"
SOURCES = NAMES / "sources"

ORIGINS = [
    "white_british",
    "irish",
    "white_other_eastern_european",
    "white_other_southern_european",
    "turkish",
    "black_african_west",
    "black_african_east",
    "black_caribbean",
    "asian_bangladeshi",
    "asian_indian",
    "asian_pakistani",
    "chinese",
    "arab",
    "latin_american",
    "vietnamese",
]
SEXES = ["F", "M"]
SCALE = 1_000_000

# Zipf-Mandelbrot defaults (s, q) per table.
ZIPF_FORENAME = (1.0, 8.0)
ZIPF_SURNAME = (1.0, 2.0)

# --------------------------------------------------------------------------
# Component specifications.
#   ("compiled", component)                         names/sources/*_compiled.csv
#   ("faker", locale, attribute, weighting[, opts]) faker person provider
# weighting: "source" | "zipf" | "uniform".  "{sex}" in an attribute is
# replaced by "male"/"female".  opts: dict with optional keys
#   zipf=(s, q), sex_by_ending=True (lt_LT), pinyin=True (zh_CN),
#   extra_attrs=[...] (added to the same component, e.g. vi_VN unisex names).
# --------------------------------------------------------------------------
def C(component, **opts):
    return ("compiled", component, opts)


def FK(locale, attr, weighting, **opts):
    return ("faker", locale, attr, weighting, opts)


FORENAMES = {
    "white_british": {
        "*": [(0.88, C("uk_children")),
              (0.12, FK("en_GB", "first_names_{sex}", "zipf"))],
    },
    "irish": {
        "*": [(0.75, C("irish_children")),
              (0.25, FK("en_IE", "first_names_{sex}", "uniform"))],
    },
    "white_other_eastern_european": {
        "M": [(0.25, FK("pl_PL", "first_names_male", "zipf")),
              (0.10, C("polish")),
              (0.30, C("romanian")),
              (0.05, FK("ro_RO", "first_names_male", "uniform")),
              (0.15, C("bulgarian")),
              (0.15, FK("lt_LT", "first_names", "zipf", sex_by_ending=True))],
        "F": [(0.28, C("polish")),
              (0.07, FK("pl_PL", "first_names_female", "uniform")),
              (0.30, C("romanian")),
              (0.05, FK("ro_RO", "first_names_female", "uniform")),
              (0.15, C("bulgarian")),
              (0.15, FK("lt_LT", "first_names", "zipf", sex_by_ending=True))],
    },
    "white_other_southern_european": {
        "*": [(0.36, C("portuguese")),
              (0.09, FK("pt_PT", "first_names_{sex}", "uniform")),
              (0.22, C("italian")),
              (0.08, FK("it_IT", "first_names_{sex}", "uniform")),
              (0.19, C("spanish")),
              (0.06, FK("es_ES", "first_names_{sex}", "uniform"))],
    },
    "turkish": {
        "*": [(0.66, C("turkish")),
              (0.22, C("kurdish")),
              (0.12, FK("tr_TR", "first_names_{sex}", "uniform"))],
    },
    "black_african_west": {
        "*": [(0.42, C("west_african_christian")),
              (0.18, C("yoruba")),
              (0.08, FK("yo_NG", "first_names_{sex}", "uniform")),
              (0.10, C("igbo")),
              (0.03, FK("ig_NG", "first_names_{sex}", "uniform")),
              (0.07, C("ghanaian")),
              (0.06, FK("tw_GH", "first_names_{sex}", "uniform")),
              (0.04, FK("en_NG", "first_names_{sex}", "uniform")),
              (0.02, FK("ha_NG", "first_names_{sex}", "uniform"))],
    },
    "black_african_east": {
        "*": [(0.72, C("somali")), (0.28, C("eritrean"))],
    },
    "black_caribbean": {
        "*": [(1.0, C("caribbean"))],
    },
    "asian_bangladeshi": {
        "*": [(1.0, C("bangladeshi"))],
    },
    "asian_indian": {
        "*": [(0.60, C("indian")),
              (0.25, C("sikh_punjabi")),
              (0.15, FK("en_IN", "first_names_{sex}", "uniform"))],
    },
    "asian_pakistani": {
        "*": [(1.0, C("pakistani"))],
    },
    "chinese": {
        "*": [(0.42, C("english_given")),
              (0.33, C("pinyin_given")),
              (0.13, C("cantonese_given")),
              (0.12, FK("zh_CN", "first_names_{sex}", "zipf", pinyin=True))],
    },
    "arab": {
        "*": [(1.0, C("arab"))],
    },
    "latin_american": {
        "*": [(0.40, C("hispanic_children")),
              (0.30, FK("pt_BR", "first_names_{sex}", "uniform")),
              (0.20, FK("es_CO", "first_names_{sex}", "source")),
              (0.10, FK("es_MX", "first_names_{sex}", "uniform"))],
    },
    "vietnamese": {
        "*": [(0.62, C("vietnamese")),
              (0.28, C("english_given")),
              (0.10, FK("vi_VN", "first_names_{sex}", "uniform",
                        extra_attrs=["first_names_unisex"]))],
    },
}

SURNAMES = {
    "white_british": [(0.985, FK("en_GB", "last_names", "source")),
                      (0.015, C("double_barrelled"))],
    "irish": [(0.80, C("irish")),
              (0.20, FK("en_IE", "last_names", "uniform"))],
    "white_other_eastern_european": [
        (0.15, C("polish_extra", fem="polish")),
        (0.20, FK("pl_PL", "male_last_names", "zipf", fem="polish")),
        (0.27, C("romanian")),
        (0.05, FK("ro_RO", "last_names", "uniform")),
        (0.15, C("bulgarian", fem="bulgarian")),
        (0.13, C("lithuanian", fem="lithuanian")),
        (0.05, FK("lt_LT", "last_names", "uniform", fem="lithuanian"))],
    "white_other_southern_european": [
        (0.38, C("portuguese")),
        (0.07, FK("pt_PT", "last_names", "uniform")),
        (0.22, C("italian")),
        (0.08, FK("it_IT", "last_names", "uniform")),
        (0.19, C("spanish")),
        (0.06, FK("es_ES", "last_names", "uniform"))],
    "turkish": [(0.70, C("turkish")),
                (0.15, C("turkish_cypriot")),
                (0.15, FK("tr_TR", "last_names", "uniform"))],
    "black_african_west": [(0.55, C("west_african")),
                           (0.15, FK("yo_NG", "last_names", "uniform")),
                           (0.15, FK("tw_GH", "last_names_male", "uniform")),
                           (0.07, FK("ig_NG", "last_names", "uniform")),
                           (0.05, FK("en_NG", "last_names", "uniform")),
                           (0.03, FK("ha_NG", "last_names", "uniform"))],
    "black_african_east": [(0.72, C("somali")), (0.28, C("eritrean"))],
    "black_caribbean": [(1.0, C("caribbean", zipf=(1.0, 5.0)))],
    "asian_bangladeshi": [(1.0, C("bangladeshi"))],
    "asian_indian": [(0.85, C("indian")),
                     (0.15, FK("en_IN", "last_names", "uniform"))],
    "asian_pakistani": [(1.0, C("pakistani"))],
    "chinese": [(0.45, C("cantonese_hk", zipf=(1.0, 1.0))),
                (0.07, C("southeast_asian_chinese")),
                (0.48, FK("zh_CN", "last_names", "source", pinyin=True))],
    "arab": [(1.0, C("arab", zipf=(1.0, 3.0)))],
    "latin_american": [(0.45, FK("es_CO", "last_names", "source")),
                       (0.28, C("brazilian")),
                       (0.07, FK("pt_BR", "last_names", "uniform")),
                       (0.10, FK("es_MX", "last_names", "uniform")),
                       (0.10, C("andean_misc"))],
    "vietnamese": [(0.92, C("vietnamese", zipf=(1.4, 0.0))),
                   (0.08, FK("vi_VN", "last_names", "uniform"))],
}

# Surname readings of heteronymous Hanzi (pypinyin has no surname mode).
PINYIN_SURNAME_OVERRIDES = {
    "曾": "zeng", "翟": "zhai", "单": "shan", "解": "xie", "缪": "miao",
    "仇": "qiu", "查": "zha", "区": "ou", "阚": "kan", "朴": "piao",
    "盖": "ge", "覃": "qin", "乐": "yue", "都": "du", "薄": "bo", "卜": "bu",
    "吕": "lyu", "闾": "lyu",
}


# Feminine surname forms for languages whose surnames inflect for sex.  For a
# girl the generator should use the feminine form (Kowalski -> Kowalska,
# Ivanov -> Ivanova, Kazlauskas -> Kazlauskaitė; Lithuanian daughters' forms).
# Longest matching suffix wins; names matching no rule are unchanged (Nowak).
FEMININE_RULES = {
    "polish": [("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")],
    "bulgarian": [("ski", "ska"), ("ov", "ova"), ("ev", "eva")],
    "lithuanian": [("ius", "iūtė"), ("us", "utė"), ("as", "aitė"), ("is", "ytė"),
                   ("ys", "ytė"), ("a", "aitė")],
}


def feminine_form(name, language, folded_twin):
    """folded_twin: name is an ASCII-folded variant of another pool name
    (Zukauskas for Žukauskas), so its feminine form is folded too."""
    for suf, fem in sorted(FEMININE_RULES[language], key=lambda r: -len(r[0])):
        if name.endswith(suf):
            out = name[: len(name) - len(suf)] + fem
            return ascii_fold(out) if folded_twin else out
    return None


FEMININE = {}  # (origin, masculine) -> language
PROVENANCE = defaultdict(set)  # (table, origin, sex, name) -> {component label}


def component_label(spec, sex):
    if spec[0] == "compiled":
        return f"project:{spec[1]}"
    _, locale, attr, _, opts = spec
    attrs = [attr] + list(opts.get("extra_attrs", []))
    sexword = {"M": "male", "F": "female"}.get(sex, "")
    return "+".join(f"faker:{locale}.{a.replace('{sex}', sexword)}" for a in attrs)


# --------------------------------------------------------------------------
def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def nfc(s):
    s = s.strip().replace("\u2019", "'").replace("\u02bc", "'")  # curly apostrophes
    return unicodedata.normalize("NFC", s)


def ascii_fold(s):
    s = s.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", s)


def acceptable(name, allow_space):
    """Latin script only (up to Latin Extended-B), hyphen, apostrophe."""
    if len(name) < 2 or not name[0].isupper():
        return False
    for ch in name:
        if ch in "-'":
            continue
        if ch == " " and allow_space:
            continue
        if not ch.isalpha() or ord(ch) > 0x024F:
            return False
    return True


def origin_transform(origin, name):
    if origin == "vietnamese":
        return ascii_fold(name)
    if origin == "turkish":
        # Capital dotted I is not used in English school records.
        return name.replace("İ", "I")
    return name


class Log:
    def __init__(self):
        self.dropped = defaultdict(list)
        self.corrected = []

    def drop(self, where, name, why):
        self.dropped[(where, why)].append(name)


LOG = Log()


def load_rules():
    excl = defaultdict(set)
    for r in read_csv(SOURCES / "exclusions.csv"):
        for sex in ([r["sex"]] if r["sex"] else SEXES + [None]):
            excl[(r["table"], r["origin"], sex, r["source"])].add(nfc(r["name"]))
    corr = {}
    for r in read_csv(SOURCES / "corrections.csv"):
        corr[(r["source"], nfc(r["from"]))] = nfc(r["to"])
    return excl, corr


EXCLUSIONS, CORRECTIONS = load_rules()
COMPILED_FORENAMES = read_csv(SOURCES / "forenames_compiled.csv")
COMPILED_SURNAMES = read_csv(SOURCES / "surnames_compiled.csv")
COMPILED_FEMALE_SURNAMES = read_csv(SOURCES / "female_surnames_compiled.csv")


def zipf_weights(names_boosts, s, q):
    out = OrderedDict()
    for rank, (name, boost) in enumerate(names_boosts, start=1):
        w = boost / ((rank + q) ** s)
        out[name] = out.get(name, 0.0) + w
    return out


def parse_boost(v):
    v = (v or "").strip()
    return float(v) if v else 1.0


# ------------------------------------------------------------------ faker
_faker_cache = {}


def faker_provider(locale):
    if locale not in _faker_cache:
        mod = importlib.import_module(f"faker.providers.person.{locale}")
        _faker_cache[locale] = mod.Provider
    return _faker_cache[locale]


def romanise(hanzi, surname):
    from pypinyin import Style, lazy_pinyin
    if surname and hanzi in PINYIN_SURNAME_OVERRIDES:
        syl = PINYIN_SURNAME_OVERRIDES[hanzi]
    else:
        syl = "".join(lazy_pinyin(hanzi, style=Style.NORMAL))
        syl = syl.replace("v", "u")  # ü without diacritic, as on most UK records
    return syl[:1].upper() + syl[1:]


def faker_list(locale, attr, weighting, sex, opts, table):
    """Return OrderedDict name -> raw weight for one faker component."""
    P = faker_provider(locale)
    attrs = [attr] + list(opts.get("extra_attrs", []))
    sexword = {"M": "male", "F": "female"}.get(sex, "")
    items = []  # (name, weight or None)
    for a in attrs:
        a = a.replace("{sex}", sexword)
        data = getattr(P, a)
        if isinstance(data, dict):
            items.extend(data.items())
        else:
            items.extend((n, None) for n in data)
    src = f"faker:{locale}:{attr}"
    out = OrderedDict()
    for raw, w in items:
        name = nfc(raw)
        if opts.get("pinyin"):
            name = romanise(name, surname=(table == "surnames"))
        if opts.get("sex_by_ending"):
            guessed = "M" if name.endswith("s") else "F"
            if guessed != sex:
                continue
        key = (f"faker:{locale}", name)
        if key in CORRECTIONS:
            new = CORRECTIONS[key]
            LOG.corrected.append((src, name, new or "(dropped)"))
            if not new:
                continue
            name = new
        if weighting == "source":
            out[name] = out.get(name, 0.0) + float(w)
        elif name not in out:
            out[name] = None
    names = list(out)
    if weighting == "source":
        return out
    if weighting == "uniform":
        return OrderedDict((n, 1.0) for n in names)
    s, q = opts.get("zipf", ZIPF_FORENAME if table == "forenames" else ZIPF_SURNAME)
    return zipf_weights([(n, 1.0) for n in names], s, q)


def compiled_list(rows, origin, component, sex, opts, table):
    sel = [r for r in rows if r["origin"] == origin and r["component"] == component
           and (sex is None or r["sex"] == sex)]
    if not sel:
        raise SystemExit(f"no compiled rows for {table} {origin} {sex} {component}")
    s, q = opts.get("zipf", ZIPF_FORENAME if table == "forenames" else ZIPF_SURNAME)
    return zipf_weights([(nfc(r["name"]), parse_boost(r.get("boost"))) for r in sel], s, q)


def build_pool(table, origin, sex, components):
    total_share = sum(share for share, _ in components)
    if abs(total_share - 1.0) > 1e-9:
        raise SystemExit(f"shares for {table} {origin} {sex} sum to {total_share}")
    pool = defaultdict(float)
    for share, spec in components:
        label = component_label(spec, sex)
        if spec[0] == "compiled":
            _, comp, opts = spec
            rows = COMPILED_FORENAMES if table == "forenames" else COMPILED_SURNAMES
            raw = compiled_list(rows, origin, comp, sex if table == "forenames" else None,
                                opts, table)
            source = "compiled"
            allow_space = table == "surnames"
        else:
            _, locale, attr, weighting, opts = spec
            raw = faker_list(locale, attr, weighting, sex, opts, table)
            source = f"faker:{locale}"
            allow_space = False
        excluded = EXCLUSIONS.get((table, origin, sex, source), set())
        kept = OrderedDict()
        for name, w in raw.items():
            name2 = origin_transform(origin, name)
            where = f"{table}/{origin}/{sex or '-'}/{source}"
            if name2 in excluded or name in excluded:
                LOG.drop(where, name, "excluded")
                continue
            if not acceptable(name2, allow_space):
                LOG.drop(where, name, "not a Latin-script single name")
                continue
            kept[name2] = kept.get(name2, 0.0) + w
        tot = sum(kept.values())
        if tot <= 0:
            raise SystemExit(f"empty component {table} {origin} {sex} {spec}")
        for name, w in kept.items():
            pool[name] += share * w / tot
            PROVENANCE[(table, origin, sex or "-", name)].add(label)
        lang = spec[-1].get("fem")
        if lang:
            for name in kept:
                FEMININE[(origin, name)] = lang
    return pool


def feminine_rows(origin, pool_names):
    folded = {ascii_fold(n) for n in pool_names if not n.isascii()}
    rows = []
    for (o, name), lang in sorted(FEMININE.items()):
        if o != origin:
            continue
        fem = feminine_form(name, lang, folded_twin=name in folded)
        if fem and fem != name:
            rows.append((origin, name, fem))
    return rows


def finish(pool):
    tot = sum(pool.values())
    rows = []
    for name, w in pool.items():
        v = round(w / tot * SCALE, 3)
        rows.append((name, max(v, 0.001)))
    rows.sort(key=lambda x: (-x[1], x[0]))
    return rows


def fmt(w):
    s = f"{w:.3f}".rstrip("0").rstrip(".")
    return s


def render(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def build():
    fore_rows, sur_rows, fem_rows = [], [], []
    summary = []
    for origin in ORIGINS:
        spec = FORENAMES[origin]
        for sex in SEXES:
            comps = spec.get(sex, spec.get("*"))
            rows = finish(build_pool("forenames", origin, sex, comps))
            fore_rows += [(n, sex, origin, fmt(w)) for n, w in rows]
            summary.append(("forenames", origin, sex, len(rows)))
    fem_forms = []
    for origin in ORIGINS:
        rows = finish(build_pool("surnames", origin, None, SURNAMES[origin]))
        sur_rows += [(n, origin, fmt(w)) for n, w in rows]
        fem_forms += feminine_rows(origin, [n for n, _ in rows])
        summary.append(("surnames", origin, "-", len(rows)))
    for origin in ORIGINS:
        sel = [r for r in COMPILED_FEMALE_SURNAMES if r["origin"] == origin]
        if not sel:
            continue
        raw = zipf_weights([(nfc(r["name"]), parse_boost(r["boost"])) for r in sel],
                           *ZIPF_SURNAME)
        rows = finish(raw)
        fem_rows += [(n, origin, fmt(w)) for n, w in rows]
        for n, _ in rows:
            PROVENANCE[("female_surnames", origin, "F", n)].add("project:female_only")
        summary.append(("female_surnames", origin, "F", len(rows)))
    prov_rows = []
    table_order = ["forenames", "surnames", "female_surnames"]
    for (table, origin, sex, name), labels in PROVENANCE.items():
        prov_rows.append((table, name, sex, origin, ";".join(sorted(labels))))
    prov_rows.sort(key=lambda r: (table_order.index(r[0]), ORIGINS.index(r[3]), r[2], r[1]))
    summary.append(("surname_female_forms", "all", "F", len(fem_forms)))
    return {
        NAMES / "surname_female_forms.csv": render(["origin", "masculine", "feminine"], fem_forms),
        NAMES / "provenance.csv": render(["table", "name", "sex", "origin", "sources"], prov_rows),
        NAMES / "forenames.csv": render(["name", "sex", "origin", "weight"], fore_rows),
        NAMES / "surnames.csv": render(["name", "origin", "weight"], sur_rows),
        NAMES / "female_surnames.csv": render(["name", "origin", "weight"], fem_rows),
    }, summary


def check_versions(strict):
    import faker
    import pypinyin
    problems = []
    if faker.VERSION != FAKER_VERSION:
        problems.append(f"faker {faker.VERSION} (expected {FAKER_VERSION})")
    if pypinyin.__version__ != PYPINYIN_VERSION:
        problems.append(f"pypinyin {pypinyin.__version__} (expected {PYPINYIN_VERSION})")
    if problems:
        msg = "version mismatch: " + "; ".join(problems)
        if strict:
            raise SystemExit(msg + " (use --allow-other-versions to proceed)")
        print("warning: " + msg, file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the committed CSVs differ")
    ap.add_argument("--allow-other-versions", action="store_true",
                    help="run even if faker/pypinyin differ from the pinned versions")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="list dropped and corrected source names")
    args = ap.parse_args()
    check_versions(strict=not args.allow_other_versions)
    outputs, summary = build()
    if args.verbose:
        for (where, why), names in sorted(LOG.dropped.items()):
            print(f"dropped [{why}] {where}: {', '.join(sorted(set(names)))}", file=sys.stderr)
        for src, old, new in LOG.corrected:
            print(f"corrected {src}: {old} -> {new}", file=sys.stderr)
    differ = False
    for path, text in outputs.items():
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if args.check:
            if old != text:
                differ = True
                diff = difflib.unified_diff(old.splitlines(), text.splitlines(),
                                            str(path), "rebuilt", lineterm="", n=0)
                print("\n".join(list(diff)[:40]), file=sys.stderr)
        else:
            path.write_text(text, encoding="utf-8", newline="\n")
    for table, origin, sex, n in summary:
        print(f"{table:16s} {origin:32s} {sex:2s} {n:5d}")
    if args.check and differ:
        print("CSV files are out of date; rerun build_names.py", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
