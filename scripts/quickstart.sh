#!/bin/sh
# The README's first command: install what is missing, build, and run the main job on SampleData/:
# import the district, the synthetic streets and roads into a fresh database, draft the communities,
# build and publish the unit grids, draw them, look up a few points (grid, community, street,
# district), then run `gridgeo demo`.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
swift build -c release --product geo-import
swift build -c release --product gridgeo
BIN=.build/release
OUT=.build/quickstart
DB=$OUT/gridgeo.sqlite
mkdir -p "$OUT"
rm -f "$DB" "$DB-journal"
$BIN/geo-import import SampleData/dongcheng_district.geojson --db "$DB" --layer districts
$BIN/geo-import import SampleData/synthetic_streets.geojson --db "$DB" --layer streets
$BIN/geo-import import SampleData/synthetic_roads.geojson --db "$DB" --layer roads
$BIN/geo-import draft-communities --db "$DB" --names SampleData/communities.csv --report "$OUT/draft-report.json"
$BIN/geo-import build-grids --db "$DB" --report "$OUT/build-report.json"
$BIN/geo-import render --db "$DB" -o "$OUT/grids.png" --roads
echo "Which unit grid? (SampleData's streets and communities are synthetic drafts, not the real ones)"
$BIN/gridgeo lookup --db "$DB" --input SampleData/dispatch_points.csv --nearest 3000
$BIN/gridgeo demo SampleData
