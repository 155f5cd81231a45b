"""The command line: `python -m game COMMAND ...` and `seven-trillion COMMAND ...`.

Commands: run (one headless game), simulate (many worlds), play (the game in a terminal),
scenarios (what is installed), plus the commands other modules register (validate, schema,
debrief, class-report). Every mistake a user can make ends in one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

from game.cli import common
from game.scenario.files import printable
from game.text.catalog import UnknownLanguage, choose_language, set_language

# Modules that add commands: each has register(subparsers).
COMMAND_MODULES = ["run_cmd", "play_cmd", "validate_cmd", "schema_cmd", "classroom_cmd"]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line, not a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise common.UsageError(f"{self.prog}: {message} (try --help)")


def _lang(text: str) -> str:
    """A --lang value: a shipped language, or one line saying which exist."""
    try:
        return choose_language(text)
    except UnknownLanguage as e:
        raise argparse.ArgumentTypeError(str(e)) from None


LANG_HELP = "the language of the game and its messages (default: as in the settings, the system's on a first run)"


def use_language(lang: str | None) -> str:
    """Switch to --lang, or else to the player's settings (the system's language on a first run)."""
    if lang:
        return choose_language(lang)
    from game.ui.settings import load_settings

    return set_language(load_settings()[0].language)


def _early_language(argv: list[str]) -> None:
    """The language asked for anywhere in argv (--lang fr, --lang=fr), before the parser reads
    the rest; a wrong one is left for the parser to refuse in one line."""
    lang = None
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif word.startswith("--lang="):
            lang = word.split("=", 1)[1]
    with contextlib.suppress(UnknownLanguage):
        use_language(lang)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="seven-trillion",
        description="Seven Trillion: a board game about the economics of frontier AI.",
    )
    parser.add_argument("--lang", metavar="fr|en", type=_lang, help=LANG_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"game.cli.{name}")
        except ModuleNotFoundError as e:
            if e.name != f"game.cli.{name}":
                raise
            continue
        module.register(sub)
    for command in sub.choices.values():
        # after the command too (`play --lang fr`); SUPPRESS keeps a --lang given before it
        command.add_argument("--lang", metavar="fr|en", type=_lang, default=argparse.SUPPRESS, help=LANG_HELP)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _early_language(argv)  # so that argparse's own refusals (a bad --seed) speak it too
        parser = build_parser()
        args = parser.parse_args(argv)
        use_language(args.lang)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        return int(args.func(args) or 0)
    except common.UsageError as e:
        print(printable(e), file=sys.stderr)
        return 2
    except common.CommandError as e:
        print(printable(f"seven-trillion: {e}"), file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0

