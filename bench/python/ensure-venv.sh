#!/usr/bin/env bash
# Creates (once) a Python virtualenv with pinned packages from PyPI and prints its python path on stdout.
# Usage: bench/python/ensure-venv.sh <venv-dir> [requirements-file]
#   default requirements: requirements-baseline.txt (SnowNLP and jieba, the baselines of eval:sentiment and
#   bench:analyze); requirements-fuzz.txt holds schemathesis for `npm run fuzz:api`.
# The venv is rebuilt only when the requirements file changes (its SHA-256 is kept in the venv).
set -euo pipefail
venv_dir="${1:?usage: ensure-venv.sh <venv-dir> [requirements-file]}"
requirements="${2:-$(dirname "$0")/requirements-baseline.txt}"
stamp="$venv_dir/.requirements.sha256"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -x "$venv_dir/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  python3 -m venv "$venv_dir" >&2
  "$venv_dir/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  echo "$wanted" > "$stamp"
fi
echo "$venv_dir/bin/python"
