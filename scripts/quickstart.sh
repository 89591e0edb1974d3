#!/bin/sh
# The README's first command: install what is missing, build, and run the main job on SampleData/.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
swift build -c release --product gridgeo
.build/release/gridgeo demo SampleData
