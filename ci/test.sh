#!/usr/bin/env bash
# The test pipeline: the README's test command, timed. .ci/run installs the toolchain first.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mvn -B verify
echo "tests passed in $(( $(date +%s) - start )) s"
