"""The house rules that keep data flowing one way: files -> input layer -> pure models and
algorithms -> renderers -> command line, with heavy imports only where they are used."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from bvframework._cli import main as cli

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bvframework"

# room -> the rooms it may import from (besides itself). Models and algorithms never reach
# the input layer, renderers or the command line; renderers never read files.
MODELS = {
    "_catalogues",
    "_scales",
    "_mappings",
    "_assessments",
    "_align",
    "_importers",
    "_interchange",
}
ALLOWED: dict[str, set[str]] = {
    "_core": set(),
    "_catalogues": {"_core"},
    "_scales": {"_core"},
    "_mappings": {"_core", "_catalogues"},
    "_assessments": {"_core", "_catalogues", "_scales", "_mappings"},
    "_align": {"_core", "_catalogues", "_mappings"},
    "_importers": {"_core", "_catalogues", "_mappings"},
    "_interchange": {"_core", "_catalogues", "_mappings"},
    "_store": {"_core", *MODELS},
    "_render": {"_core", *MODELS},
    "_api": {"_core", "_store", "_render", *MODELS},
    "_cli": {"_core", "_store", "_render", *MODELS},
    "__init__": {"_core", "_store", "_render", "_api", *MODELS},
    "__main__": {"_cli"},
    "schemas": set(),
}
HEAVY = ("networkx", "rapidfuzz", "numpy", "openpyxl", "matplotlib", "pandas", "wordllama")


def _room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py")


def _imported_rooms(path: Path) -> set[tuple[str, int]]:
    """Rooms of bvframework a module imports (at any depth: lazy imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PACKAGE).parent.parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # `from . import x` at the top: x is the room
                    out |= {(alias.name, node.lineno) for alias in node.names}
                    continue
                out.add((target[0], node.lineno))
            elif node.module and node.module.startswith("bvframework."):
                out.add((node.module.split(".")[1], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bvframework."):
                    out.add((alias.name.split(".")[1], node.lineno))
    return out


def test_no_import_runs_back_up_the_layers() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        for target, line in _imported_rooms(path):
            if target != room and target not in ALLOWED[room]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert wrong == []


def test_rooms_form_no_cycle() -> None:
    graph = {room: set(targets) - {room} for room, targets in ALLOWED.items()}
    seen: dict[str, int] = {}

    def visit(room: str, trail: tuple[str, ...]) -> None:
        assert room not in trail, " -> ".join((*trail, room))
        if seen.get(room):
            return
        for target in graph.get(room, ()):
            visit(target, (*trail, room))
        seen[room] = 1

    for room in graph:
        visit(room, ())


def test_only_the_input_layer_opens_files() -> None:
    """Reading and writing files happens in _store (and the schema files, which are part of
    the package's code, in _core.schema)."""
    opened = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        if room == "_store" or path.name == "schema.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                value = getattr(node.func, "value", None)
                owner = getattr(value, "id", None) or getattr(value, "attr", None)
                if owner == "os":  # os.open(os.devnull) when a pipe closes: no data file
                    continue
                if owner == "store":  # the input layer's own methods, called from above
                    continue
                if name in ("open", "read_text", "read_bytes", "write_text", "write_bytes"):
                    opened.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
    assert opened == []


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.split())


def test_import_bvframework_is_light() -> None:
    loaded = _modules_after("import bvframework")
    assert not {m for m in loaded if m.split(".")[0] in (*HEAVY, "yaml")}
    assert not {m for m in loaded if m.startswith(("bvframework._mappings", "bvframework._cli"))}


def test_first_use_of_a_name_imports_its_module() -> None:
    loaded = _modules_after("import bvframework as bv; bv.load_catalogue")
    assert "bvframework._api" in loaded
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


@pytest.mark.parametrize(
    ("argv", "absent"),
    [
        (["--help"], ("yaml", "bvframework._catalogues", "bvframework._store", *HEAVY)),
        (
            ["diff", "best-value/draft-2023-07", "best-value/statutory-2024-05"],
            ("pathlib", "json", "shutil", *HEAVY),
        ),
        (["translate", "Fair", "--from", "good-fair-poor", "--to", "numeric-1-5"], HEAVY),
    ],
)
def test_commands_import_only_what_they_use(argv: list[str], absent: tuple[str, ...]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from bvframework._cli.main import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main({argv!r})\n"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in absent or m in absent}


def test_the_command_table_names_every_command() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    assert tuple(sub.choices) == cli.COMMANDS


def test_every_command_help_describes_every_option_and_ends_with_an_example() -> None:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    for name, command in sub.choices.items():
        text = command.format_help()
        assert text.rstrip().splitlines()[-2] == "example:", name
        assert text.rstrip().splitlines()[-1].startswith("  bvframework "), name
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest}"


def test_registering_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for _ in range(3):
        assert cli.main(["list"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count("Scales (worst level first)") == 1
