#!/bin/sh
# CI's short benchmark run: package-benchmark's GridLookup benchmarks on 35,000 grids (single lookups,
# a batch, the directory's answers), checked against the committed malloc counts in
# Benchmarks/Thresholds (GridLookup.<benchmark>.p90.json): single lookups must not allocate, a batch
# call may allocate its fixed few buffers. Exits non-zero on a regression. Wall times are printed but
# not checked (the machine is shared). About 3 benchmarks × 2 s once built; see docs/benchmarks.md for
# the time of the first build. Benchmark names have no spaces: package-benchmark 1.38 writes threshold
# files with spaces turned into underscores but reads them by the raw name.
#
# After an intended change: cd Benchmarks && swift package --allow-writing-to-package-directory \
#   benchmark thresholds update --target GridLookup --filter "$FILTER" --path Thresholds
# then keep only the mallocCountTotal lines of the files it writes.
set -eu
cd "$(dirname "$0")/../Benchmarks"
FILTER='locate_35k|batch_35k|directory_35k'
swift package --disable-sandbox benchmark thresholds check --target GridLookup --filter "$FILTER" \
    --path Thresholds --no-progress
