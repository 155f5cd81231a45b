# Shared set-up for ./test (sourced, not run). Call it from the repository root.
#
# Finds a Python >= 3.11 and hands over to play.py --setup-only, which creates .venv if it is
# missing and installs requirements.lock into it (pip --require-hashes, then the game itself,
# editable) only when pyproject.toml, the lock or the Python changed: an up-to-date .venv costs
# no pip call at all. A lock that no longer matches pyproject.toml stops it with one line.

_st_find_python() {
    local candidate
    # A working .venv runs play.py itself, so a machine needs no other Python once set up.
    if [[ -x .venv/bin/python ]] && .venv/bin/python -c '' >/dev/null 2>&1; then
        echo .venv/bin/python
        return 0
    fi
    for candidate in python3.11 python3.12 python3.13 python3; do
        # pyenv shims exist for versions that are not installed, so run each one to be sure.
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
        then
            echo "$candidate"
            return 0
        fi
    done
    echo "error: Seven Trillion needs Python 3.11 or newer (tried python3.11, python3.12, python3.13, python3)" >&2
    return 1
}

if [[ ! -f pyproject.toml || ! -f play.py ]]; then
    echo "error: setup-venv.sh must be sourced from the repository root" >&2
    exit 1
fi
_st_python=$(_st_find_python) || exit 1
"$_st_python" play.py --setup-only || exit 1
