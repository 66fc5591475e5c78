#!/bin/sh
# Installs the Debian packages lia needs to build and test, if any are missing.
# Checks with dpkg (and pkg-config for the libraries); as root it runs apt-get,
# otherwise it prints the exact apt-get line and fails.
set -u
pkgs="build-essential pkg-config libcsv-dev libsqlite3-dev libgsl-dev libcairo2-dev
      libpng-dev libpango1.0-dev libglib2.0-dev libcmocka-dev nettle-dev fonts-dejavu-core
      sqlite3 poppler-utils qpdf jq tidy libxml2-utils groff-base"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
if [ -z "$missing" ]; then
    for m in sqlite3 gsl cairo pangocairo glib-2.0 libpng nettle cmocka; do
        pkg-config --exists "$m" || { echo "deps: pkg-config cannot find $m" >&2; exit 1; }
    done
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    echo "deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q --no-install-recommends $missing || exit 1
else
    echo "deps: missing packages; run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 1
fi
