#!/bin/sh
# Builds .build/dongcheng/dc.sqlite from the real Dongcheng delivery in ../shared/data (evaluation-only:
# read in place, never copied into the repository): district, 17 streets, 15,542 road segments, 182
# drafted communities, unit grids from 2024-01-01. The store GridLookupReport's `db` mode measures
# (docs/benchmarks.md). About 10 s once geo-import is built.
set -eu
cd "$(dirname "$0")/.."
SHARED=../shared/data
[ -d "$SHARED/dongcheng-caupd/delivery" ] || { echo "needs $SHARED/dongcheng-caupd (not present)" >&2; exit 66; }
swift build -c release --product geo-import
BIN=.build/release/geo-import
DB=.build/dongcheng/dc.sqlite
mkdir -p .build/dongcheng
rm -f "$DB" "$DB-journal"
$BIN import -q SampleData/dongcheng_district.geojson --db "$DB" --layer districts
$BIN import -q --db "$DB" --layer streets "$SHARED/dongcheng-caupd/delivery/街道边界/街道边界.shp"
$BIN import -q --db "$DB" --layer roads "$SHARED/dongcheng-caupd/delivery/道路中心线/DLZXX.shp"
$BIN draft-communities -q --db "$DB" --names "$SHARED/dongcheng/communities.csv"
$BIN build-grids -q --db "$DB" --start-date 2024-01-01
echo "$DB"
