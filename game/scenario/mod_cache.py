"""What was found in each installed mod, kept between runs so that commands do not check a
thousand mods again every time.

A mod folder's entry in the cache holds, for each of its scenario files, whether it loads, its
`meta`, its content hash and its problems. It is used as long as nothing in the mod folder
changed (every file's size and time), nor the shipped scenarios a mod may extend, nor the code
that checks scenarios; otherwise the mod is checked again and the cache updated. A scenario the
cache says loads is read from its file only when something asks for it (a game started on it).
The cache lives in the user's data folder; a damaged or foreign cache file is ignored.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from game.scenario.report import Located, Report, ScenarioError

CACHE_FORMAT = 2  # 2: each entry's meta by language (metas)
_CODE = Path(__file__).resolve().parent  # the code that checks scenarios (game/scenario)
_MODEL = _CODE.parent / "model"


def _cache_path() -> Path:
    env = os.environ.get("SEVEN_TRILLION_HOME")
    if env:
        return Path(env) / "cache" / "mods.json"
    import platformdirs

    return Path(platformdirs.user_cache_dir("seven-trillion", appauthor=False)) / "mods.json"


def _fingerprint(folder: Path, limit: int = 2_000) -> list | None:
    """Every file under a folder with its size and time (None when the folder is unusual: too
    many files, or unreadable); links are not followed."""
    out = []
    try:
        for here, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                p = os.path.join(here, name)
                st = os.lstat(p)
                out.append((os.path.relpath(p, folder), st.st_mtime_ns, st.st_size))
                if len(out) > limit:
                    return None
    except OSError:
        return None
    return out


@functools.cache
def _code_hash() -> str:
    """The checking code and the model's names and ranges, read once a run (code does not
    change under a running game)."""
    h = hashlib.sha256(str(CACHE_FORMAT).encode())
    for folder in (_CODE, _MODEL):
        for p in sorted(folder.glob("*.py")):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _signature() -> str:
    """What every cached answer depends on besides the mod itself: the checking code, the model's
    names and ranges, and the shipped scenarios (a mod may extend them)."""
    from game.scenario.registry import BUILTIN_DIR

    h = hashlib.sha256(_code_hash().encode())
    h.update(json.dumps(_fingerprint(BUILTIN_DIR)).encode())
    return h.hexdigest()[:24]


def _located(p: Located) -> dict:
    return {"file": p.file, "line": p.line, "column": p.column, "severity": p.severity, "path": p.path, "message": p.message}


class ModCache:
    """The cache of mod folders for one run (read once, written back if anything changed)."""

    def __init__(self, path: Path):
        self.path = path
        self.signature = _signature()
        self.folders: dict[str, dict] = {}
        self.changed = False
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("signature") == self.signature and isinstance(data.get("folders"), dict):
                self.folders = data["folders"]
        except (OSError, ValueError, AttributeError):
            pass

    @classmethod
    @contextlib.contextmanager
    def opened(cls) -> Iterator[ModCache]:
        cache = cls(_cache_path())
        yield cache
        cache.save()

    def entries(self, folder: Path, check: Callable[[], list], key: str | None = None) -> list:
        """The entries of a mod folder (or of the scenarios of a folder, under their own `key`):
        from the cache while nothing under `folder` changed, else `check()`."""
        from game.scenario.registry import Bases as _Bases
        from game.scenario.registry import Entry, check_file
        from game.scenario.schema import Meta

        key = key or str(folder)
        fingerprint = _fingerprint(folder)
        found = self.folders.get(key)
        if fingerprint is not None and found is not None and found.get("fingerprint") == json.loads(json.dumps(fingerprint)):
            try:
                out = []
                for e in found["entries"]:
                    path = Path(e["path"])
                    root = Path(e["root"]) if e["root"] else None
                    problems = [Located(**p) for p in e["problems"]]
                    report = Report()
                    report.extend(problems)
                    if e["ok"]:
                        out.append(Entry(
                            path, None, None, report, e["mod"], root,
                            meta=Meta.model_validate(e["meta"]), content_hash=e["hash"],
                            metas={lang: Meta.model_validate(m) for lang, m in (e.get("metas") or {}).items()},
                            loader=lambda path=path, root=root: check_file(path, _Bases([root or folder]), root),
                        ))
                    else:
                        out.append(Entry(path, None, ScenarioError(problems), report, e["mod"], root))
                return out
            except (KeyError, TypeError, ValueError):
                pass  # a cache from elsewhere: check the mod again
        entries = check()
        if fingerprint is not None:
            self.folders[key] = {
                "fingerprint": fingerprint,
                "entries": [
                    {
                        "path": str(e.path),
                        "root": str(e.root) if e.root else None,
                        "mod": e.mod,
                        "ok": e.ok,
                        "meta": e.meta.model_dump(mode="json") if e.ok and e.meta is not None else None,
                        # the meta in every language the scenario has a translation file for
                        "metas": {lang: m.model_dump(mode="json") for lang, m in e.metas.items()} if e.ok else {},
                        "hash": e.content_hash if e.ok else None,
                        "problems": [_located(p) for p in e.report.problems],
                    }
                    for e in entries
                ],
            }
            self.changed = True
        return entries

    def save(self) -> None:
        """Write the cache back (atomically; a cache that cannot be written is simply not kept)."""
        if not self.changed:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".mods.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump({"signature": self.signature, "folders": self.folders}, f)
                os.replace(tmp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
