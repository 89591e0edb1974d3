#!/bin/sh
# Installs the Debian packages GridGeo builds and runs against, if any is missing.
set -eu
# fonts-wqy-microhei: the TrueType font PNG maps draw Chinese labels with.
PACKAGES="pkg-config libgeos-dev libproj-dev proj-data libspatialite-dev libsqlite3-dev libsqlite3-mod-spatialite libshp-dev fonts-wqy-microhei"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
