#!/usr/bin/env python3
"""CohortLink against Splink on the same synthetic local authority.

Generates a synthetic LA with `cohortlink generate`, links it with `cohortlink run` and with a
published-style Splink 4 model (DuckDB backend), scores both against the generator's truth and
prints one table: precision, recall, F1, wall time, peak RSS and the speed ratio.

Each tool runs in its own child process, so wall time and peak resident set size (from
wait4's rusage of that child alone) are measured the same way for both:

* CohortLink: the `cohortlink run` process, which reads and pseudonymises (keyed HMAC tokens
  and Bloom filters) and links, then computes the measures, applies disclosure control and writes
  the release. Two times: until the links are in memory (from the process's start to its log
  line for the end of assignment: the span Splink's time covers) and the whole process.
* Splink: a child process of this script (`--splink-worker`). Its wall time in the table is
  from the start of data loading (reading the CSVs) to the one-to-one links being in memory;
  Python start-up and `import splink` are excluded from that figure but included in the peak
  RSS and shown separately as "process wall time".

Usage (see README.md):
    python3 -m venv /tmp/splink-venv && . /tmp/splink-venv/bin/activate
    pip install -r Benchmarks/splink/requirements.txt
    python3 Benchmarks/splink/compare.py --pupils 40000
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_BINARY = REPO / ".build-splink" / "release" / "cohortlink"


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

def read_pairs(path: Path, left: str, right: str) -> set[tuple[int, int]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {(int(r[left]), int(r[right])) for r in csv.DictReader(f)}


def score(links: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict:
    tp = len(links & truth)
    precision = tp / len(links) if links else 0.0
    recall = tp / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"links": len(links), "true_links": len(truth), "tp": tp, "fp": len(links) - tp,
            "fn": len(truth) - tp, "precision": precision, "recall": recall, "f1": f1}


def run_measured(cmd: list[str], **kwargs) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Runs `cmd` as a child; returns (wall seconds, peak RSS in MB and CPU seconds (user + system)
    of that child, result). The result's `stderr_lines` holds each line of standard error with the
    seconds since the start at which it arrived."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    # Read the pipes on threads so a chatty child cannot block; then reap it with wait4 to get
    # the rusage of this child alone.
    import threading
    out: dict[str, str] = {}
    stderr_lines: list[tuple[float, str]] = []

    def drain_stdout():
        out["stdout"] = proc.stdout.read()

    def drain_stderr():
        for line in proc.stderr:
            stderr_lines.append((time.perf_counter() - start, line))

    threads = [threading.Thread(target=drain_stdout), threading.Thread(target=drain_stderr)]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    for t in threads:
        t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    result = subprocess.CompletedProcess(cmd, proc.returncode, out.get("stdout", ""), "".join(l for _, l in stderr_lines))
    result.stderr_lines = stderr_lines
    return wall, rss_mb, usage.ru_utime + usage.ru_stime, result


def cohortlink_links_seconds(result: subprocess.CompletedProcess) -> float:
    """When `cohortlink run` had its one-to-one links: the arrival of its log line for the end of
    the assignment stage, in seconds since the process was started. Splink's time is measured over
    the same work, from reading the CSVs to the links."""
    for at, line in result.stderr_lines:
        if line.startswith("cohortlink: assignment in "):
            return at
    sys.exit("cohortlink run logged no end of its assignment stage; is this binary too old for compare.py?")


def check(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        sys.stderr.write(f"{what} failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}\n")
        sys.exit(1)


# --------------------------------------------------------------------------------------------
# Splink worker: runs in its own process (see main), writes links and timings
# --------------------------------------------------------------------------------------------

CHECK_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_is_valid(upn: str) -> bool:
    """DfE UPN check letter (as in Sources/CohortModel/UPN.swift): characters 2-13 weighted
    2-13, a letter in position 13 (temporary UPN) by its index in the check alphabet."""
    if len(upn) != 13:
        return False
    total = 0
    for offset, ch in enumerate(upn[1:]):
        if "0" <= ch <= "9":
            value = ord(ch) - 48
        elif offset == 11 and ch in CHECK_ALPHABET:
            value = CHECK_ALPHABET.index(ch)
        else:
            return False
        total += value * (offset + 2)
    return upn[0] == CHECK_ALPHABET[total % 23]


def clean_upn(text: str, require_check_letter: bool) -> str | None:
    """Whitespace removed, upper case; placeholders (UN1-UN5, UNKNOWN, NA) are missing; with
    `require_check_letter` a UPN failing its check letter is missing too (CohortLink's rule)."""
    upn = re.sub(r"\s", "", text or "").upper()
    if not upn or (upn.startswith("UN") and len(upn) <= 3) or upn in ("UNKNOWN", "NA", "N/A"):
        return None
    if require_check_letter and not upn_is_valid(upn):
        return None
    return upn


# Normalisation in DuckDB SQL, the same for both sides. Names: accents stripped, lower case,
# apostrophes and full stops dropped, hyphens and runs of whitespace become one space.
NAME_SQL = ("nullif(trim(regexp_replace(regexp_replace(strip_accents(lower({c})), '[''’`.,]', '', 'g'), "
            "'[\\s\\-]+', ' ', 'g')), '')")
DATE_SQL = "coalesce(try_strptime(trim({c}), '%Y-%m-%d'), try_strptime(trim({c}), '%d/%m/%Y'))::DATE"
SEX_SQL = ("CASE upper(trim({c})) WHEN 'M' THEN 'M' WHEN '1' THEN 'M' WHEN 'F' THEN 'F' WHEN '2' THEN 'F' "
           "ELSE NULL END")
PC_COMPACT = "upper(regexp_replace(coalesce({c}, ''), '\\s', '', 'g'))"


def normalise_sql(table: str, forename: str, surname: str, dob: str, sex: str, postcode: str) -> str:
    pc = PC_COMPACT.format(c=postcode)
    # Full postcode re-spaced as outward + ' ' + inward; only if it looks like a UK postcode.
    full = (f"CASE WHEN regexp_full_match({pc}, '[A-Z]{{1,2}}[0-9][A-Z0-9]?[0-9][A-Z]{{2}}') "
            f"THEN left({pc}, length({pc}) - 3) || ' ' || right({pc}, 3) END")
    return f"""
        SELECT unique_id, row_number AS source_row,
               {NAME_SQL.format(c=forename)} AS forename,
               {NAME_SQL.format(c=surname)} AS surname,
               {DATE_SQL.format(c=dob)} AS dob,
               year({DATE_SQL.format(c=dob)}) AS yob,
               {SEX_SQL.format(c=sex)} AS sex,
               {full} AS postcode,
               regexp_extract({full}, '^[A-Z]{{1,2}}[0-9][A-Z0-9]?') AS postcode_district,
               regexp_extract({full}, '^[A-Z]{{1,2}}[0-9][A-Z0-9]? [0-9]') AS postcode_sector,
               upn,
               CASE WHEN len(list_filter([upn, former_upn], x -> x IS NOT NULL)) = 0 THEN NULL
                    ELSE list_distinct(list_filter([upn, former_upn], x -> x IS NOT NULL)) END AS upns
        FROM {table}
    """


def splink_worker(args) -> None:
    t_import = time.perf_counter()
    import duckdb
    import pandas as pd
    import splink
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    import_seconds = time.perf_counter() - t_import

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    mark = t0

    def lap(name):
        nonlocal mark
        now = time.perf_counter()
        timings[name] = now - mark
        mark = now

    data = Path(args.data)
    require_check = args.upn_check_letter == "missing"

    # --- Load: raw CSVs as text, 1-based data row numbers kept (the truth's row numbers).
    sc = pd.read_csv(data / "social_care.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    ed = pd.read_csv(data / "education.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    sc["row_number"] = range(1, len(sc) + 1)
    ed["row_number"] = range(1, len(ed) + 1)
    # One record per person: the first row of each child (LAchildID) and of each pupil (UPN).
    sc = sc.drop_duplicates("LAchildID", keep="first").reset_index(drop=True)
    ed = ed.drop_duplicates("UPN", keep="first").reset_index(drop=True)
    sc["upn"] = [clean_upn(u, require_check) for u in sc["UPN"]]
    sc["former_upn"] = [clean_upn(u, require_check) for u in sc["FormerUPN"]]
    ed["upn"] = [clean_upn(u, require_check) for u in ed["UPN"]]
    ed["former_upn"] = [clean_upn(u, require_check) for u in ed["FormerUPN"]]
    sc["unique_id"] = ["s" + str(r) for r in sc["row_number"]]
    ed["unique_id"] = ["e" + str(r) for r in ed["row_number"]]

    con = duckdb.connect()
    con.execute(f"SET threads TO {args.threads}")
    con.register("sc_raw", sc)
    con.register("ed_raw", ed)
    con.execute("CREATE TABLE social_care AS " + normalise_sql(
        "sc_raw", "Forename", "Surname", "PersonBirthDate", "Sex", "Postcode"))
    con.execute("CREATE TABLE education AS " + normalise_sql(
        "ed_raw", "Forename", "Surname", "DOB", "Sex", "Postcode"))
    con.unregister("sc_raw")
    con.unregister("ed_raw")
    n_sc = con.execute("SELECT count(*) FROM social_care").fetchone()[0]
    n_ed = con.execute("SELECT count(*) FROM education").fetchone()[0]
    del sc, ed
    lap("load_and_normalise")

    # --- Model: published-style Splink 4 settings.
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("forename"),   # exact (with term frequencies), JW 0.92 / 0.88 / 0.7
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=False),  # exact, DL<=1, 1 month, 1 year, 10 years
            cl.PostcodeComparison("postcode"),  # full, sector, district, area
            cl.ExactMatch("sex"),
            cl.ArrayIntersectAtSizes("upns", [1]),  # UPN or former UPN shared, either way round
        ],
        blocking_rules_to_generate_predictions=[
            block_on("upns", arrays_to_explode=["upns"]),
            block_on("dob"),
            block_on("surname", "yob"),
            block_on("forename", "postcode_district"),
            block_on("forename", "yob"),
        ],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )
    db_api = DuckDBAPI(connection=con)
    linker = Linker(["social_care", "education"], settings, db_api=db_api,
                    input_table_aliases=["social_care", "education"])
    lap("setup")

    deterministic_rules = [block_on("forename", "surname", "dob"), "l.upn = r.upn AND l.dob = r.dob"]
    linker.training.estimate_probability_two_random_records_match(deterministic_rules, recall=args.recall)
    lap("prior")
    linker.training.estimate_u_using_random_sampling(max_pairs=args.max_pairs, seed=args.seed)
    lap("u_random_sampling")
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    lap("em_dob")
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("forename", "surname"))
    lap("em_forename_surname")

    predictions = linker.inference.predict(threshold_match_probability=args.threshold)
    pairs = con.execute(f"""
        SELECT CAST(substr(unique_id_l, 2) AS BIGINT) AS l, CAST(substr(unique_id_r, 2) AS BIGINT) AS r,
               source_dataset_l, match_probability, match_weight
        FROM {predictions.physical_name}
        ORDER BY match_probability DESC, match_weight DESC, l, r
    """).fetchall()
    lap("predict")

    # --- One-to-one: greedily by match probability, each child and each pupil at most once.
    used_sc: set[int] = set()
    used_ed: set[int] = set()
    links = []
    for l, r, source_l, p, w in pairs:
        sc_row, ed_row = (l, r) if source_l == "social_care" else (r, l)
        if sc_row in used_sc or ed_row in used_ed:
            continue
        used_sc.add(sc_row)
        used_ed.add(ed_row)
        links.append((sc_row, ed_row, p, w))
    lap("one_to_one")
    load_to_links = time.perf_counter() - t0

    # Not timed: write the links, the trained model, and diagnostics.
    out = Path(args.splink_out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "splink_links.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["social_care_row", "education_row", "match_probability", "match_weight"])
        for row in sorted(links):
            w.writerow([row[0], row[1], f"{row[2]:.6f}", f"{row[3]:.3f}"])
    linker.misc.save_model_to_json(str(out / "splink_model.json"), overwrite=True)
    prior = linker._settings_obj._probability_two_random_records_match
    report = {
        "splink_version": splink.__version__, "duckdb_version": duckdb.__version__,
        "pandas_version": pd.__version__, "python": platform.python_version(),
        "records": {"social_care": n_sc, "education": n_ed},
        "pairs_above_threshold": len(pairs), "links": len(links),
        "probability_two_random_records_match": prior,
        "timings": timings, "load_to_links_seconds": load_to_links, "import_seconds": import_seconds,
    }
    if args.truth:
        truth = read_pairs(Path(args.truth), "social_care_row", "education_row")
        # Diagnostic only (computed after timing, never fed back): recall of the deterministic
        # rules used for the prior, and how many true pairs the prediction blocking rules reach.
        report["deterministic_rules_true_recall"] = deterministic_recall(con, truth)
        report["blocking"] = blocking_diagnostics(con, truth)
    (out / "splink_report.json").write_text(json.dumps(report, indent=2))


def _truth_table(con, truth):
    import pandas as pd
    con.register("truth_pairs", pd.DataFrame(sorted(truth), columns=["sc_row", "ed_row"]))


def deterministic_recall(con, truth) -> float:
    _truth_table(con, truth)
    found = con.execute("""
        SELECT count(*) FROM truth_pairs t
        JOIN social_care l ON l.source_row = t.sc_row
        JOIN education r ON r.source_row = t.ed_row
        WHERE (l.forename = r.forename AND l.surname = r.surname AND l.dob = r.dob)
           OR (l.upn = r.upn AND l.dob = r.dob)
    """).fetchone()[0]
    return found / len(truth) if truth else 0.0


def blocking_diagnostics(con, truth) -> dict:
    """Comparisons generated by the prediction blocking rules, and true pairs they reach."""
    _truth_table(con, truth)
    conditions = [
        "len(list_intersect(l.upns, r.upns)) > 0",
        "l.dob = r.dob",
        "l.surname = r.surname AND l.yob = r.yob",
        "l.forename = r.forename AND l.postcode_district = r.postcode_district",
        "l.forename = r.forename AND l.yob = r.yob",
    ]
    reached = con.execute(f"""
        SELECT count(*) FROM truth_pairs t
        JOIN social_care l ON l.source_row = t.sc_row
        JOIN education r ON r.source_row = t.ed_row
        WHERE {' OR '.join('(' + c + ')' for c in conditions)}
    """).fetchone()[0]
    return {"true_pairs_reached_by_blocking": reached, "true_pairs": len(truth)}


# --------------------------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------------------------

def parse_evaluate(text: str) -> dict:
    m = re.search(r"precision ([\d.]+), recall ([\d.]+), F1 ([\d.]+)", text)
    return {"precision": float(m.group(1)), "recall": float(m.group(2)), "f1": float(m.group(3))} if m else {}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pupils", type=int, default=40000)
    p.add_argument("--seed", type=int, default=20240331)
    p.add_argument("--cohortlink", default=str(DEFAULT_BINARY),
                   help="cohortlink binary (default: %(default)s; build it with "
                        "`swift build -c release --scratch-path .build-splink`)")
    p.add_argument("--workdir", help="where data and outputs go (default /tmp/cohortlink-vs-splink-N-S)")
    p.add_argument("--threads", type=int, default=os.cpu_count(),
                   help="threads for both tools (cohortlink --threads, DuckDB SET threads)")
    p.add_argument("--max-pairs", type=float, default=1e7, help="Splink estimate_u_using_random_sampling max_pairs")
    p.add_argument("--recall", type=float, default=0.8,
                   help="assumed recall of the deterministic rules for Splink's prior")
    p.add_argument("--threshold", type=float, default=0.5, help="match probability threshold (both tools)")
    p.add_argument("--upn-check-letter", choices=["missing", "keep"], default="missing",
                   help="Splink side: treat UPNs failing the DfE check letter as missing (as CohortLink "
                        "does) or keep them for exact comparison")
    p.add_argument("--repeat", type=int, default=1,
                   help="run each tool this many times, taking turns, and report the fastest run of each (all runs go to --json)")
    p.add_argument("--skip-cohortlink", action="store_true")
    p.add_argument("--skip-splink", action="store_true")
    p.add_argument("--json", help="also write the results to this JSON file")
    # Internal: the Splink child process.
    p.add_argument("--splink-worker", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--data", help=argparse.SUPPRESS)
    p.add_argument("--truth", help=argparse.SUPPRESS)
    p.add_argument("--splink-out", help=argparse.SUPPRESS)
    args = p.parse_args()

    if args.splink_worker:
        splink_worker(args)
        return

    binary = Path(args.cohortlink)
    if not binary.exists():
        sys.exit(f"{binary} not found: build it with `cd {REPO} && swift build -c release "
                 f"--scratch-path .build-splink`, or pass --cohortlink")
    work = Path(args.workdir or f"/tmp/cohortlink-vs-splink-{args.pupils}-{args.seed}")
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    truth_path = data / "truth" / "links.csv"

    print(f"Generating {args.pupils} pupils, seed {args.seed} (1 academic year) in {data} ...", flush=True)
    r = subprocess.run([str(binary), "generate", "--out", str(data), "--pupils", str(args.pupils),
                        "--seed", str(args.seed), "--years", "1"], capture_output=True, text=True)
    check(r, "cohortlink generate")
    truth = read_pairs(truth_path, "social_care_row", "education_row")
    with open(data / "social_care.csv", newline="", encoding="utf-8-sig") as f:
        children = len({row["LAchildID"] for row in csv.DictReader(f)})
    with open(data / "education.csv", newline="", encoding="utf-8-sig") as f:
        pupils = len({row["UPN"] for row in csv.DictReader(f)})
    print(f"  {children} social care children, {pupils} pupils, {len(truth)} true links", flush=True)

    results = {"pupils_arg": args.pupils, "seed": args.seed, "children": children, "pupils": pupils,
               "true_links": len(truth), "threads": args.threads, "machine": machine()}

    key, links, out = work / "project.key", work / "cohortlink_links.csv", work / "splink"
    if not args.skip_cohortlink and not key.exists():
        check(subprocess.run([str(binary), "keygen", "--out", str(key)], capture_output=True, text=True), "cohortlink keygen")

    def cohortlink_run(i: int) -> dict:
        print(f"Running cohortlink run ({i + 1}/{args.repeat}) ...", flush=True)
        load_before = os.getloadavg()[0]
        wall, rss, cpu, r = run_measured([
            str(binary), "run", "--social-care", str(data / "social_care.csv"),
            "--education", str(data / "education.csv"), "--schools", str(data / "schools.csv"),
            "--key", str(key), "--out", str(work / "release"), "--links", str(links),
            "--threads", str(args.threads), "--threshold", str(args.threshold)])
        check(r, "cohortlink run")
        to_links = cohortlink_links_seconds(r)
        ev = subprocess.run([str(binary), "evaluate", "--links", str(links), "--truth", str(truth_path)],
                            capture_output=True, text=True)
        check(ev, "cohortlink evaluate")
        s = score(read_pairs(links, "social_care_row", "education_row"), truth)
        print(f"  {wall:.2f} s, links after {to_links:.2f} s, {cpu:.1f} s CPU, {rss:.0f} MB (load {load_before:.2f}); "
              f"cohortlink evaluate: {ev.stdout.strip()}", flush=True)
        return {**s, "wall_seconds": wall, "to_links_seconds": to_links, "peak_rss_mb": rss, "cpu_seconds": cpu,
                "load_average_before": load_before, "cohortlink_evaluate": ev.stdout.strip()}

    def splink_run(i: int) -> dict:
        print(f"Running Splink in a child process ({i + 1}/{args.repeat}) ...", flush=True)
        load_before = os.getloadavg()[0]
        wall, rss, cpu, r = run_measured([
            sys.executable, str(Path(__file__).resolve()), "--splink-worker",
            "--data", str(data), "--truth", str(truth_path), "--splink-out", str(out),
            "--threads", str(args.threads), "--max-pairs", str(args.max_pairs), "--recall", str(args.recall),
            "--threshold", str(args.threshold), "--seed", str(args.seed),
            "--upn-check-letter", args.upn_check_letter])
        check(r, "Splink worker")
        report = json.loads((out / "splink_report.json").read_text())
        s = score(read_pairs(out / "splink_links.csv", "social_care_row", "education_row"), truth)
        print(f"  {report['load_to_links_seconds']:.2f} s load-to-links ({wall:.2f} s process, {cpu:.1f} s CPU), "
              f"{rss:.0f} MB (load {load_before:.2f}); F1 {s['f1']:.4f}", flush=True)
        return {**s, "wall_seconds": report["load_to_links_seconds"], "process_wall_seconds": wall,
                "peak_rss_mb": rss, "cpu_seconds": cpu, "load_average_before": load_before,
                **{k: v for k, v in report.items() if k != "load_to_links_seconds"}}

    # The tools take turns, so that on a shared machine, whose speed drifts over minutes, both are
    # measured over the same stretch of time (three runs of one tool and then three of the other put
    # each in its own weather).
    cohortlink_runs, splink_runs = [], []
    for i in range(args.repeat):
        if not args.skip_cohortlink:
            cohortlink_runs.append(cohortlink_run(i))
        if not args.skip_splink:
            splink_runs.append(splink_run(i))
    if cohortlink_runs:
        results["cohortlink"] = best(cohortlink_runs)
    if splink_runs:
        results["splink"] = best(splink_runs)

    print_table(results, args)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def best(runs: list[dict]) -> dict:
    """The run with the shortest wall time, with every run kept under "runs"."""
    chosen = dict(min(runs, key=lambda r: r["wall_seconds"]))
    chosen["runs"] = [{k: r[k] for k in ("wall_seconds", "to_links_seconds", "cpu_seconds", "peak_rss_mb", "load_average_before",
                                          "precision", "recall", "f1") if k in r} for r in runs]
    return chosen


def machine() -> dict:
    info = {"cpus": os.cpu_count(), "platform": platform.platform()}
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    return info


def print_table(results: dict, args) -> None:
    print()
    print(f"{results['pupils']:,} pupils, {results['children']:,} social care children, "
          f"{results['true_links']:,} true links (seed {results['seed']}, {results['threads']} threads)")
    header = (f"{'tool':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'links (s)':>10} {'whole (s)':>10} {'CPU (s)':>8} "
              f"{'peak RSS (MB)':>14}")
    print(header)
    print("-" * len(header))
    for name, label in (("cohortlink", "CohortLink"), ("splink", "Splink")):
        r = results.get(name)
        if not r:
            continue
        links = r.get("to_links_seconds", r["wall_seconds"])
        whole = f"{r['wall_seconds']:.2f}" if name == "cohortlink" else "-"
        print(f"{label:<12} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} {links:>10.2f} {whole:>10} "
              f"{r['cpu_seconds']:>8.1f} {r['peak_rss_mb']:>14.0f}")
    if "cohortlink" in results and "splink" in results:
        c, s = results["cohortlink"], results["splink"]
        print(f"\nSpeed ratio (wall), the same work: Splink load-to-links {s['wall_seconds']:.2f} s / CohortLink "
              f"start-to-links {c['to_links_seconds']:.2f} s = {s['wall_seconds'] / c['to_links_seconds']:.1f}x.\n"
              f"Against CohortLink's whole run ({c['wall_seconds']:.2f} s, which goes on to the measures, disclosure "
              f"control and the release): {s['wall_seconds'] / c['wall_seconds']:.1f}x. "
              f"CPU: {s['cpu_seconds']:.1f} s / {c['cpu_seconds']:.1f} s = {s['cpu_seconds'] / c['cpu_seconds']:.1f}x "
              f"(both processes whole).")
    if args.repeat > 1:
        print(f"Fastest of {args.repeat} runs of each tool, taking turns (every run is in --json).")
    print("Load average before each run: " + ", ".join(
        f"{n} {results[n]['load_average_before']:.2f}" for n in ("cohortlink", "splink") if n in results)
        + f" ({results['threads']} threads each; CPU = user + system of the child process, Splink's includes imports)")
    print("links = until the one-to-one links are in memory. CohortLink: from the start of the `cohortlink run`\n"
          "process (read, pseudonymise with HMAC tokens and Bloom filters, link) to its log line for the end of\n"
          "assignment. Splink: from CSV loading, Python start-up and imports excluded. whole = the whole `cohortlink run`\n"
          "process, which then computes the measures, applies disclosure control and writes the release.\n"
          "Peak RSS: each whole process.")
    if "splink" in results:
        s = results["splink"]
        print(f"Splink {s['splink_version']} / DuckDB {s['duckdb_version']}: process wall {s['process_wall_seconds']:.2f} s "
              f"(imports {s['import_seconds']:.2f} s); stages: "
              + ", ".join(f"{k} {v:.2f}" for k, v in s["timings"].items()))
        print(f"Splink prior (probability two random records match) {s['probability_two_random_records_match']:.3e}; "
              f"deterministic rules' true recall {s.get('deterministic_rules_true_recall', float('nan')):.3f} "
              f"(assumed {args.recall}); blocking reaches {s['blocking']['true_pairs_reached_by_blocking']} of "
              f"{s['blocking']['true_pairs']} true pairs.")
    for name in ("cohortlink", "splink"):
        if name in results:
            r = results[name]
            print(f"{name}: {r['links']} links, {r['tp']} true, {r['fp']} false, {r['fn']} missed")


if __name__ == "__main__":
    main()
