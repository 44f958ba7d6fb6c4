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

# room -> the rooms it may import from (besides itself), at run time. Models and algorithms
# never reach the input layer, renderers, the API or the command line; renderers never read
# files; the API is the one place that orchestrates; the command line reaches everything
# below it only through the API (and renders through _render).
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
    # an importer may turn another tool's file into a scale too (CISO Assistant's scores)
    "_importers": {"_core", "_catalogues", "_scales", "_mappings"},
    "_interchange": {"_core", "_catalogues", "_mappings"},
    "_store": {"_core", *MODELS},
    "_render": {"_core", *MODELS},
    "_api": {"_core", "_store", "_render", *MODELS},
    "_cli": {"_core", "_api", "_render"},
    "__init__": {"_core"},
    "__main__": {"_cli"},
    "schemas": set(),
}
# Type annotations may name the classes of the rooms below (never run).
TYPES_ONLY: dict[str, set[str]] = {
    "_cli": MODELS,
    "__init__": {"_api", "_store", "_render", *MODELS},
}
HEAVY = ("networkx", "rapidfuzz", "numpy", "openpyxl", "matplotlib", "pandas", "wordllama")
MAX_LINES = 500


def _room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py").removesuffix(".pyi")


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["bvframework", *parts])


def _type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks (imports for annotations only)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for child in node.body:
                lines |= set(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """Modules of bvframework a module imports, at any depth (lazy imports count too):
    (dotted name, line, only for type checking)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_lines(tree)
    if path.suffix == ".pyi":  # a stub is read by type checkers only
        typing_only = set(range(1, len(path.read_text(encoding="utf-8").splitlines()) + 1))
    package = _module(path).split(".")
    if path.name not in ("__init__.py", "__init__.pyi"):
        package = package[:-1]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("bvframework"):
                target = node.module
            else:
                continue
            if not node.module:  # `from . import x`: x is the module
                for alias in node.names:
                    out.append((f"{target}.{alias.name}", node.lineno, node.lineno in typing_only))
                continue
            out.append((target, node.lineno, node.lineno in typing_only))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bvframework."):
                    out.append((alias.name, node.lineno, node.lineno in typing_only))
    return out


def _room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_import_runs_back_up_the_layers() -> None:
    wrong = []
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.pyi")]):
        room = _room(path)
        for module, line, typing_only in _imports(path):
            target = _room_of(module)
            allowed = ALLOWED[room] | (TYPES_ONLY.get(room, set()) if typing_only else set())
            if target != room and target not in allowed:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
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


def _module_graph() -> dict[str, set[str]]:
    """Every module's run-time imports of other modules of the package (lazy ones too)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for module, _, typing_only in _imports(path):
            if typing_only:
                continue
            # `from .x import name`: the module x (or x.name where that is a module)
            found = module if module in modules else module.rsplit(".", 1)[0]
            if found in modules and found != name:
                targets.add(found)
        graph[name] = targets
    return graph


def test_modules_form_no_cycle() -> None:
    """No module imports, at any depth and however lazily, a module that imports it back:
    models never import their algorithms (an algorithm names its model only for typing)."""
    graph = _module_graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        if state.get(module) == 2:
            return
        if state.get(module) == 1:
            cycles.append(" -> ".join([*trail[trail.index(module) :], module]))
            return
        state[module] = 1
        for target in sorted(graph[module]):
            # a package's __init__ importing its own submodules is not a cycle of code
            if not target.startswith(module + "."):
                visit(target, [*trail, module])
        state[module] = 2

    for module in sorted(graph):
        visit(module, [])
    assert cycles == []


def test_no_module_is_over_the_size_limit() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


FORMAT_NAMES = {"govuk", "oscal", "asvs", "table", "oscal-mapping", "sssom"}


def test_only_the_dispatch_table_names_formats() -> None:
    """A new format is one reader module plus one line in _store/formats.py: no other code
    branches on a format's name."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).as_posix() == "_store/formats.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for side in [node.left, *node.comparators]:
                    values = (
                        side.elts if isinstance(side, ast.Tuple | ast.Set | ast.List) else [side]
                    )
                    for value in values:
                        if isinstance(value, ast.Constant) and value.value in FORMAT_NAMES:
                            names = [
                                getattr(n, "id", getattr(n, "attr", ""))
                                for n in ast.walk(node.left)
                            ]
                            if any(w in ("kind", "format", "importer") for w in names):
                                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_only_the_input_layer_opens_files() -> None:
    """Reading and writing files happens in _store (and the package's own code files: the
    schemas in _core.schema, the public names' stub in __init__)."""
    opened = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        if room == "_store" or path.name == "schema.py" or room == "__init__":
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
        (["--help"], ("yaml", "bvframework._catalogues", "bvframework._store.store", *HEAVY)),
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
