#!/usr/bin/env bash
# Regenerate the sample model repository under models/ (data, ONNX and
# TorchScript models, config.pbtxt files, README accuracy table).
#
# Needs Debian's packages, used through the system interpreter /usr/bin/python3:
#   apt-get install -y python3-torch python3-onnx python3-sklearn
# (torch 1.13, onnx 1.12, scikit-learn 1.2 on Debian 12). Takes a few seconds.
set -euo pipefail

cd "$(dirname "$0")/../.."   # repository root
PY=/usr/bin/python3

if ! "$PY" -c 'import torch, onnx, sklearn' 2>/dev/null; then
    echo "missing packages: apt-get install -y python3-torch python3-onnx python3-sklearn" >&2
    exit 1
fi

PYTHONDONTWRITEBYTECODE=1 exec "$PY" models/tools/make_models.py "$@"
