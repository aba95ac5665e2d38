#!/usr/bin/env bash
# Creates (once) the Python virtualenv used as the baseline by eval:sentiment and bench:analyze:
# SnowNLP and jieba from PyPI, pinned so the baseline figures are reproducible.
# Usage: bench/python/ensure-venv.sh <venv-dir>; prints the venv's python path on stdout.
set -euo pipefail
venv_dir="${1:?usage: ensure-venv.sh <venv-dir>}"
if [ ! -x "$venv_dir/bin/python" ] || ! "$venv_dir/bin/python" -c 'import snownlp, jieba' 2>/dev/null; then
  python3 -m venv "$venv_dir" >&2
  "$venv_dir/bin/pip" install --quiet --disable-pip-version-check snownlp==0.12.3 jieba==0.42.1 >&2
fi
echo "$venv_dir/bin/python"
