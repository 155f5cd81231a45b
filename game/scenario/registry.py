"""Finding scenarios: the ones shipped in scenarios/, the installed mods', and those named by path.

`discover` lists every scenario with its report (one broken file spoils nothing else);
`resolve` turns what a player typed (a scenario id, a file stem or a path) into a loaded
scenario, or a one-line reason why not. `Bases` finds the scenario an override extends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.scenario.loader import (
    Checked,
    Source,
    check_scenario_file,
    read_scenario_file,
    read_source,
    scenario_hash,
)
from game.scenario.mods import (
    MANIFEST,
    Mod,
    Walk,
    asset_problems,
    find_mod_folders,
    installed_mod_dirs,
    is_file_safely,
    mod_root_of,
    read_mod,
    walk,
)
from game.scenario.report import ERROR, Located, Report, ScenarioError
from game.scenario.schema import Meta, Scenario, did_you_mean

REPO_ROOT = Path(__file__).resolve().parents[2]
BUILTIN_DIR = REPO_ROOT / "scenarios"
DEFAULT_SCENARIO = "default"
SUFFIXES = (".yaml", ".yml")


class Entry:
    """A scenario found on disk: loaded, broken (with its report), or known from the mods cache
    and loaded only when something asks for its `scenario` (its `meta` is there at once)."""

    def __init__(
        self,
        path: Path,
        scenario: Scenario | None,
        error: ScenarioError | None,
        report: Report | None = None,
        mod: str | None = None,
        root: Path | None = None,
        *,
        meta: Meta | None = None,
        content_hash: str | None = None,
        loader: Callable[[], Checked] | None = None,
        metas: dict[str, Meta] | None = None,
    ):
        self.path = path
        self._scenario = scenario
        self.error = error
        self.report = report if report is not None else Report()
        self.mod = mod
        self.root = root
        self.meta = meta if meta is not None else (scenario.meta if scenario is not None else None)
        self._hash = content_hash
        self._loader = loader
        # the meta in each language a translation file gives it (kept in the mods cache)
        self.metas: dict[str, Meta] = dict(metas or {})
        self._base: Entry | None = None  # for an entry in a language: the entry it shows
        self._lang: str | None = None
        self._in: dict[str, Entry] = {}

    @property
    def ok(self) -> bool:
        """It loads: no error (its scenario may still be waiting to be read)."""
        if self._base is not None:
            return self._base.ok
        return self.error is None and (self._scenario is not None or self._loader is not None)

    def in_language(self, lang: str | None) -> Entry:
        """This entry as a player reading `lang` sees it: its meta and its scenario translated
        (translation.translate), read once for every language asked. None: the entry itself."""
        base = self._base or self
        if lang is None or base.error is not None:
            return base
        if lang not in base._in:
            out = Entry(base.path, None, None, base.report, base.mod, base.root, meta=base.meta, content_hash=base._hash)
            out._base, out._lang = base, lang
            out.metas = base.metas
            if lang in base.metas:
                out.meta = base.metas[lang]
            elif lang == "pseudo" or (base._scenario is not None and base._scenario._files):
                scenario = out.scenario  # the pseudo-locale marks every scenario; a loaded one is cheap
                out.meta = scenario.meta if scenario is not None else base.meta
            base._in[lang] = out
        return base._in[lang]

    @property
    def scenario(self) -> Scenario | None:
        if self._base is not None:
            if self._scenario is None and self._base.scenario is not None:
                from game.scenario.translation import translate

                self._scenario = translate(self._base.scenario, self._lang or "")
            self.report, self.error = self._base.report, self._base.error
            return self._scenario
        if self._scenario is None and self._loader is not None:
            checked, self._loader = self._loader(), None
            self._scenario = checked.scenario
            self.report = checked.report
            if checked.scenario is None:
                self.error = ScenarioError(checked.report.sorted())
        return self._scenario

    @property
    def content_hash(self) -> str | None:
        """The scenario's content hash (as saves record it), None when it does not load."""
        if self._hash is None and self.scenario is not None:
            self._hash = scenario_hash(self.scenario)
        return self._hash

    @property
    def id(self) -> str:
        return self.meta.id if self.meta is not None else self.path.stem


def scenario_files(dirs: list[Path] | None = None) -> list[Path]:
    """Scenario files under the given folders (default: the shipped ones), sorted per folder;
    a file given instead of a folder is itself."""
    found: list[Path] = []
    for d in dirs or [BUILTIN_DIR]:
        found += [d] if d.is_file() else walk(d).files
    return found


class BaseBroken(Exception):
    """The scenario an override extends exists but cannot be read or merged."""

    def __init__(self, path: Path, problems: list):
        self.path = path
        self.problems = problems
        super().__init__(problems[0].message if problems else "it cannot be read")


class Bases:
    """Finds a scenario by id for an override to extend: first among `dirs`, then the shipped ones."""

    def __init__(self, dirs: list[Path] | None = None):
        self.dirs = [d for d in (dirs or []) if d.exists()]
        self._ids: dict[str, Path] | None = None
        self._sources: dict[Path, Source | BaseBroken | None] = {}
        self._found: list[Path] | None = None

    def _files(self) -> list[Path]:
        """The scenario files to look in, walked once (a thousand mods must not be walked a
        thousand times)."""
        if self._found is None:
            files = scenario_files(self.dirs) if self.dirs else []
            seen = set(files)
            self._found = files + [f for f in scenario_files([BUILTIN_DIR]) if f not in seen]
        return self._found

    def _index(self) -> dict[str, Path]:
        if self._ids is None:
            self._ids = {}
            for f in self._files():
                sid = _peek_id(f)
                if sid:
                    self._ids.setdefault(sid, f)
        return self._ids

    def known(self) -> list[str]:
        return sorted(self._index())

    def find(self, scenario_id: str) -> Path | None:
        if self._ids is None:  # the common case, a file named after its id, without a full scan
            for f in self._files():
                if f.stem == scenario_id and _peek_id(f) == scenario_id:
                    return f
        return self._index().get(scenario_id)

    def __call__(self, scenario_id: str, chain: tuple[str, ...] = ()) -> Source | None:
        path = self.find(scenario_id)
        if path is None:
            return None
        if path not in self._sources:
            try:
                self._sources[path] = self._read(path, chain)
            except BaseBroken as e:
                self._sources[path] = e
        found = self._sources[path]
        if isinstance(found, BaseBroken):
            raise found
        return found

    def _read(self, path: Path, chain: tuple[str, ...]) -> Source | None:
        try:
            src = _parsed(path)
        except ScenarioError as e:
            raise BaseBroken(path, e.problems) from None
        if "extends" in src.data:
            from game.scenario.overrides import apply_override

            merged, problems = apply_override(src, self, chain)
            errors = [p for p in problems if p.severity == ERROR]
            if merged is None or errors:
                raise BaseBroken(path, errors)
            return merged
        return src


# Parsed scenario files, by path and the file's size and time: a base that a thousand mods extend
# is parsed once per run, not once per mod.
_PARSED: dict[tuple[str, int, int], Source | ScenarioError] = {}


def _parsed(path: Path) -> Source:
    """read_source of a file, kept while the file does not change (raises ScenarioError)."""
    try:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
    except OSError:
        key = None
    found = _PARSED.get(key) if key else None
    if found is None:
        try:
            found = read_source(read_scenario_file(path), str(path))
        except ScenarioError as e:
            found = e
        if key:
            if len(_PARSED) > 256:
                _PARSED.clear()
            _PARSED[key] = found
    if isinstance(found, ScenarioError):
        raise found
    return found


def _peek_id(path: Path) -> str | None:
    try:
        src = _parsed(path)
    except ScenarioError:
        return None
    meta = src.data.get("meta")
    sid = meta.get("id") if isinstance(meta, dict) else None
    return sid if isinstance(sid, str) else None


_DEFAULT_BASES: Bases | None = None


def default_bases() -> Bases:
    """Bases among the shipped scenarios (kept for the session: they do not change while playing)."""
    global _DEFAULT_BASES
    if _DEFAULT_BASES is None:
        _DEFAULT_BASES = Bases()
    return _DEFAULT_BASES


def check_file(path: Path, bases: Bases | None = None, root: Path | None = None) -> Checked:
    """Check one scenario file, its override base and its pictures; never raises."""
    from game.scenario.translation import check_translations, is_translation_file

    bases = bases or Bases([path.parent])
    if is_translation_file(path):
        return _check_translation_file(path, bases, root)
    checked = check_scenario_file(path, bases=bases)
    if checked.scenario is not None:
        root = root or mod_root_of(path)
        problems = asset_problems(checked.scenario, path, root)
        if problems:
            for loc, msg in problems:  # where the modder named the picture, as loader problems
                checked.report.add(checked.place(loc, msg))
            checked.scenario = None
    if checked.scenario is not None:
        files = _files_of(path, checked.extends, bases)
        checked.scenario._files = files
        # a broken translation is reported, and the scenario still plays in its own language
        checked.report.extend(check_translations(checked.scenario, files, checked.place, _declared(checked)))
    return checked


def _declared(checked: Checked) -> list[str] | None:
    """The languages an override itself declares (meta.languages written in it): a mod that
    extends a bilingual scenario does not promise the base's languages for its own cards.
    None for a whole scenario: its meta.languages."""
    if not checked.extends or checked.scenario is None:
        return None
    over = checked.source.override if checked.source is not None else None
    meta = over.data.get("meta") if over is not None and isinstance(over.data, dict) else None
    langs = meta.get("languages") if isinstance(meta, dict) else None
    own = checked.scenario.meta.language
    return [x for x in langs if isinstance(x, str) and x != own] if isinstance(langs, list) else []


def _files_of(path: Path, extends: str | None, bases: Bases) -> tuple[str, ...]:
    """The scenario files a scenario is made of, its bases first (where its translations are)."""
    chain = [str(path)]
    seen = {str(path)}
    while extends:
        base = bases.find(extends)
        if base is None or str(base) in seen or len(chain) > 8:
            break
        chain.insert(0, str(base))
        seen.add(str(base))
        try:
            extends = _parsed(base).data.get("extends")
        except ScenarioError:
            break
        extends = extends if isinstance(extends, str) else None
    return tuple(chain)


def _check_translation_file(path: Path, bases: Bases, root: Path | None) -> Checked:
    """A translation file named on its own (NAME.fr.yaml): its scenario NAME.yaml is checked,
    and the problems of this file reported."""
    from game.scenario.translation import _LANG_SUFFIX

    m = _LANG_SUFFIX.search(path.stem)
    assert m is not None
    scenario_file = next(
        (p for p in (path.with_name(path.stem[: m.start()] + sfx) for sfx in SUFFIXES) if p.exists()), None
    )
    report = Report()
    if scenario_file is None:
        report.add(Located(str(path), 1, 1, ERROR, "",
                           f"a translation file needs its scenario beside it: {path.stem[: m.start()]}.yaml"))
        return Checked(str(path), None, report)
    checked = check_file(scenario_file, bases, root)
    report.extend(p for p in checked.report.problems if p.file == str(path))
    if not checked.report.ok and report.ok:
        report.add(Located(str(path), 1, 1, ERROR, "", f"its scenario {scenario_file} does not load: validate it"))
    return Checked(str(path), checked.scenario if report.ok else None, report)


def _entry(path: Path, checked: Checked, mod: str | None, root: Path | None) -> Entry:
    err = None if checked.scenario else ScenarioError(checked.report.sorted())
    metas = {}
    if checked.scenario is not None:
        from game.scenario.translation import available_languages, translate

        metas = {lang: translate(checked.scenario, lang).meta for lang in available_languages(checked.scenario)}
    return Entry(path, checked.scenario, err, checked.report, mod, root, metas=metas)


def discover(dirs: list[Path] | None = None, mods: list[Path] | None = None) -> list[Entry]:
    """Every scenario found, each loaded or with its report; one broken file spoils nothing.

    dirs: folders or files of scenarios (default: the shipped ones). mods: extra folders
    holding mods (the user's mods folder is always searched when `dirs` is not given).
    """
    out: list[Entry] = []
    bases = Bases(list(dirs or []) + list(mods or []))
    from game.scenario.mod_cache import ModCache

    with ModCache.opened() as cache:
        for d in dirs or [BUILTIN_DIR]:
            found = Walk([], [d], []) if is_file_safely(d) else walk(d)
            in_mods: dict[Path, list[Path]] = {}
            loose: list[Path] = []
            mod_folders = set(found.mod_folders)
            for p in found.files:
                root = mod_root_of(p)
                if root in mod_folders:
                    in_mods.setdefault(root, []).append(p)  # a mod's files: checked once, then cached
                else:
                    loose.append(p)

            def checked(files: list[Path]) -> list[Entry]:
                return [_entry(p, check_file(p, bases, mod_root_of(p)), None, mod_root_of(p)) for p in files]

            if loose and d.is_dir():  # the folder's own scenarios, remembered like a mod's
                out += cache.entries(d, lambda loose=loose: checked(loose), key=f"{d}#scenarios")
            else:
                out += checked(loose)
            for root, files in in_mods.items():
                out += cache.entries(root, lambda files=files: checked(files))
            out += [refused_entry(problem) for problem in found.refused]
        mod_dirs = installed_mod_dirs(mods) if dirs is None else list(mods or [])
        for folder in find_mod_folders(mod_dirs):
            out += cache.entries(folder, lambda folder=folder: mod_entries(read_mod(folder), bases))
    return out


def refused_entry(problem: Located) -> Entry:
    """An entry for something the walk refused to open (a link out, a named pipe): listed with
    its reason, never loaded."""
    report = Report()
    report.add(problem)
    return Entry(Path(problem.file), None, ScenarioError([problem]), report)


def mod_entries(mod: Mod, bases: Bases | None = None) -> list[Entry]:
    """An entry per scenario file of a mod (the manifest's problems go on the first one)."""
    bases = bases or Bases([mod.folder])
    out = []
    for p in mod.files:
        out.append(_entry(p, check_file(p, bases, mod.folder), mod.id, mod.folder))
    if mod.problems:
        report = Report()
        report.extend(mod.problems)
        out.insert(
            0,
            Entry(
                mod.folder / MANIFEST, None, ScenarioError(mod.problems), report, mod.id, mod.folder
            ),
        )
    return out


class UnknownScenario(Exception):
    pass


def resolve(name: str, dirs: list[Path] | None = None, mods: list[Path] | None = None) -> Scenario:
    """Load a scenario by path, id or file stem; raise ScenarioError or UnknownScenario."""
    p = Path(name)
    if p.suffix in SUFFIXES or p.exists():
        if not p.is_file():
            from game.scenario.files import FileRefused, check_regular

            try:
                check_regular(p)
            except FileRefused as e:
                raise UnknownScenario(f"{name} is not read: {e}") from None
            except OSError:
                pass
            raise UnknownScenario(f"no scenario file at {name}")
        checked = check_file(p, Bases([p.parent, *(mods or [])]))
        if checked.scenario is None:
            raise ScenarioError(checked.report.sorted())
        return checked.scenario
    entries = discover(dirs, mods)
    for e in entries:
        if e.ok and (e.id == name or e.path.stem == name) and e.scenario is not None:
            return e.scenario
    for e in entries:
        if e.scenario is None and e.path.stem == name and e.error is not None:
            raise e.error
    names = sorted({e.id for e in entries if e.path.name != MANIFEST})
    raise UnknownScenario(
        f'no scenario called "{name}"{did_you_mean(name, names)}; '
        f"known: {', '.join(names)} (or give a path to a .yaml file)"
    )


def resolve_id(
    scenario_id: str,
    dirs: list[Path] | None = None,
    mods: list[Path] | None = None,
    want_hash: str | None = None,
    entries: list[Entry] | None = None,
) -> Scenario:
    """The installed scenario with this id, for a save or a result file: looked up only among
    the shipped scenarios and the mods (never read from a path, whatever the id looks like).
    Of several with the id, the one whose content hash is `want_hash`, else the one the game
    plays (the last found). `entries` (from discover) saves scanning again when many files
    are looked up. Raises UnknownScenario, or ScenarioError when it is broken."""
    import re

    from game.scenario.clashes import played
    from game.scenario.schema import ID_PATTERN

    if not isinstance(scenario_id, str) or not re.fullmatch(ID_PATTERN, scenario_id) or len(scenario_id) > 48:
        shown = repr(scenario_id)[:60]
        raise UnknownScenario(f"{shown} is not a scenario id (lower-case letters, digits and underscores)")
    if entries is None:
        entries = discover(dirs, mods)
    if want_hash:
        for e in reversed(entries):
            if e.ok and e.id == scenario_id and e.content_hash == want_hash:
                return e.scenario
    entry = played([e for e in entries if e.ok and e.id == scenario_id], scenario_id)
    if entry is not None and entry.scenario is not None:
        return entry.scenario
    for e in entries:
        if not e.ok and e.path.stem == scenario_id and e.error is not None:
            raise e.error
    names = sorted({e.id for e in entries if e.ok})
    raise UnknownScenario(
        f'no installed scenario has the id "{scenario_id}"{did_you_mean(scenario_id, names)}; '
        "install the mod it comes from (or add its folder with --mods DIR)"
    )
