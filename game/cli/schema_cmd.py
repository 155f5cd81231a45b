"""`schema`: print the JSON Schema of scenario files, for an editor's YAML extension.

VS Code with the YAML extension (redhat.vscode-yaml) then completes and checks scenario files:
save the output (`python -m game schema > seven-trillion.schema.json`) and add a first line
`# yaml-language-server: $schema=./seven-trillion.schema.json` to a scenario, or map files to it
with the `yaml.schemas` setting. MODDING.md walks through both.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.scenario.json_schema import KINDS, schema_text


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of scenario files (for editor autocompletion)",
        description=(
            "Print the JSON Schema of the scenario format. --kind override describes a mod's "
            "override file (extends:), mod a mod.yaml, any either kind of scenario file, "
            "translation a scenario's texts in another language (NAME.fr.yaml)."
        ),
    )
    p.add_argument(
        "--kind", choices=KINDS, default="scenario", help="which file the schema describes"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text(args.kind)
    if args.output:
        out = Path(args.output)
        if out.is_dir():
            print(
                f"schema: {out} is a folder; name a file, e.g. {out}/scenario.schema.json",
                file=sys.stderr,
            )
            return 2
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            print(f"schema: cannot write {out}: {e.strerror}", file=sys.stderr)
            return 2
        print(f"schema: wrote {out}", file=sys.stderr)
        return 0
    sys.stdout.write(text)
    return 0
