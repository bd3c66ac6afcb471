#!/bin/sh
# Re-measures every suite and stores its p90 figures in Thresholds/ as the new regression
# thresholds (`swift package benchmark thresholds check` fails when a run falls behind them by
# more than the tolerances of Benchmarks/RegressionTolerances). Run on the machine the README names,
# and only to record an improvement. Options are passed on (e.g. --target LinkageBenchmarks).
#
# `thresholds update` writes each file under a name with spaces replaced by `_`, while
# `thresholds check` looks for the benchmark's own name (ordo-one/benchmark issues #301, #373), so
# the files are renamed to what `check` reads. No benchmark name here contains `_` or `/`.
set -e
cd "$(dirname "$0")"
swift package --disable-sandbox --allow-writing-to-package-directory benchmark thresholds update --no-progress "$@"
for file in Thresholds/*_*.p90.json; do
    mv "$file" "$(echo "$file" | sed 's|^Thresholds/||; s|_| |g; s|^|Thresholds/|')"
done
