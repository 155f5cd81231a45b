#!/usr/bin/env bash
# Tries the classroom offline install on this Linux machine, as a laptop with no network would.
#
#   .ci/check-offline-install.sh [FOLDER]
#
# 1. Unless FOLDER (an existing offline folder) is given, makes one for Linux with
#    `play.py --make-offline-folder` (this step needs the network).
# 2. For each of python3.11, python3.12 and python3.13 found: copies the folder to a new place and
#    runs `play.py --setup-only` there with no pip configuration and, where `unshare -n` works
#    (root, or user namespaces), with no network at all; then plays one whole game headless with
#    the installed game, and starts `play.py --text` and quits it.
# Not part of ./test: it downloads and installs hundreds of MB. It prints one line per Python.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

folder="${1:-}"
if [[ -z "$folder" ]]; then
    folder="$work/folder"
    python3 "$root/play.py" --make-offline-folder "$folder" --systems linux --pythons 3.11,3.12,3.13
fi
folder="$(cd "$folder" && pwd)"

offline=()
if unshare -n true 2>/dev/null; then
    offline=(unshare -n)
else
    echo "note: unshare -n is not available here; relying on pip --no-index alone" >&2
fi

find_python() {  # python3.X on PATH, or a pyenv build of it that is not the selected version
    local candidate
    for candidate in "python$1" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$1".*/bin/"python$1"; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c '' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

tried=0
for version in 3.11 3.12 3.13; do
    if ! python=$(find_python "$version"); then
        echo "python$version: not on this machine, skipped"
        continue
    fi
    tried=$((tried + 1))
    laptop="$work/laptop-$version"
    cp -r "$folder" "$laptop"
    (
        cd "$laptop"
        env -u PIP_FIND_LINKS -u PIP_INDEX_URL -u PIP_EXTRA_INDEX_URL PIP_CONFIG_FILE=/dev/null \
            "${offline[@]}" "$python" play.py --setup-only
        outcome=$("${offline[@]}" .venv/bin/python -m game run --scenario default --seed 1 --bot historical | sed -n 2p)
        printf 'quit\n' | SDL_VIDEODRIVER=dummy "${offline[@]}" "$python" play.py --text >/dev/null
        echo "Python $version: installed from wheels/ with no network ($(.venv/bin/python -m pip list 2>/dev/null | tail -n +3 | wc -l) packages); a bot game says: $outcome"
    )
done
if (( tried == 0 )); then
    echo "no Python 3.11 to 3.13 found: nothing was tried" >&2
    exit 1
fi
