# Shared set-up for ./play and ./test (sourced, not run). Call it from the repository root.
#
# Finds a Python >= 3.11, creates .venv if it is missing, and installs the project into it
# (`pip install -e ".[dev]"`) only when pyproject.toml has changed since the last install.
# A stamp file .venv/.installed-<sha256 of pyproject.toml> records the last install, so an
# up-to-date .venv costs no pip call at all.

_st_find_python() {
    local candidate
    for candidate in python3.11 python3.12 python3.13 python3; do
        # pyenv shims exist for versions that are not installed, so run each one to be sure.
        if command -v "$candidate" >/dev/null 2>&1 \
            && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
        then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

_st_sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d' ' -f1
    else
        "$2" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
    fi
}

_st_setup_venv() {
    local python stamp
    if [[ ! -f pyproject.toml ]]; then
        echo "error: setup-venv.sh must be sourced from the repository root" >&2
        exit 1
    fi

    if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c '' >/dev/null 2>&1; then
        if ! python=$(_st_find_python); then
            echo "error: Seven Trillion needs Python 3.11 or newer (tried python3.11, python3.12, python3.13, python3)" >&2
            exit 1
        fi
        if ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
            echo "error: $python cannot create a virtual environment (no ensurepip): install python3-venv (sudo apt install python3-venv) and try again" >&2
            exit 1
        fi
        echo "Creating .venv with $python ($("$python" --version 2>&1))" >&2
        rm -rf .venv
        if ! "$python" -m venv .venv; then
            rm -rf .venv
            echo "error: $python -m venv .venv failed (see above); on Debian/Ubuntu, install python3-venv" >&2
            exit 1
        fi
    fi

    # An editable install only maps the packages that exist when it runs, so an install made
    # before game/ existed gets its own stamp and is redone once game/ appears.
    stamp=".venv/.installed-$(_st_sha256 pyproject.toml .venv/bin/python)"
    if [[ ! -f game/__init__.py ]]; then
        stamp="$stamp-without-game"
    fi

    if [[ ! -f "$stamp" ]]; then
        echo "Installing Seven Trillion and its dependencies into .venv (later runs skip this until pyproject.toml changes)" >&2
        rm -f .venv/.installed-*
        if ! .venv/bin/python -m pip install --quiet --editable ".[dev]"; then
            echo "error: pip could not install the project into .venv (see the messages above)" >&2
            exit 1
        fi
        touch "$stamp"
    fi
}

_st_setup_venv
