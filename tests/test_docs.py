"""The documentation does not drift from what krnews does.

- Every ```console block in README.md and docs/*.md is run: each `$ ` line is a shell command (a line
  ending in `\\` goes on), the lines under it are what it prints (standard output and error, as a
  terminal shows them; a line `...` stands for any number of lines). Commands run in a scratch
  directory where `data/` and `tests/` are the repository's, with COLUMNS=80 and this Python's
  `krnews` first on PATH; the blocks of one page share the directory, in order.
- Every ```pycon block is run as a doctest, the blocks of one page sharing their names.
- Other blocks (```sh, ```python, …) are not run: they need the network, ../shared, a cluster or a
  server. The data dictionary's table is the JSON Schema's descriptions and the export's types.
- `mkdocs build --strict` passes (skipped when MkDocs is not installed: pip install '.[docs]').
"""
from __future__ import annotations

import doctest
import importlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from krnews.export import arrow_schema
from krnews.models import json_schema

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```$", re.M | re.S)


def blocks(page: Path, language: str) -> list[tuple[int, str]]:
    """(line number, body) of each fenced block of that language."""
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(2)) for m in FENCE.finditer(text) if m.group(1) == language]


def console_examples(body: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) of each `$ ` command of a console block."""
    examples: list[tuple[str, list[str]]] = []
    lines = body.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.startswith("$ "):
            examples[-1][1].append(line)  # a block starts with a command: checked by the test
            index += 1
            continue
        command = line[2:]
        while command.endswith("\\"):
            index += 1
            command = command[:-1] + "\n" + lines[index]
        examples.append((command, []))
        index += 1
    return examples


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, trailing spaces ignored; an expected `...` line matches any number of lines."""
    expected = [line.rstrip() for line in expected]
    actual = [line.rstrip() for line in actual]
    pattern = "".join("(?:.*\n)*?" if line == "..." else re.escape(line) + "\n" for line in expected)
    return re.fullmatch(pattern, "".join(line + "\n" for line in actual)) is not None


def scratch(tmp_path: Path) -> tuple[Path, dict]:
    for name in ("data", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8",
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    env.pop("KRNEWS_DB", None)
    return tmp_path, env


PAGES_WITH_CONSOLE = [page for page in PAGES if blocks(page, "console")]


@pytest.mark.parametrize("page", PAGES_WITH_CONSOLE, ids=lambda page: page.name)
def test_console_examples_print_what_the_page_shows(page, tmp_path):
    cwd, env = scratch(tmp_path)
    for line, body in blocks(page, "console"):
        assert body.startswith("$ "), f"{page.name}:{line}: a console block starts with a `$ ` command"
        for command, expected in console_examples(body):
            done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=600)
            actual = done.stdout.splitlines()
            assert matches(expected, actual), (
                f"{page.name}:{line}: `{command}` printed (exit {done.returncode}):\n" + done.stdout)


PAGES_WITH_PYCON = [page for page in PAGES if blocks(page, "pycon")]


@pytest.mark.parametrize("page", PAGES_WITH_PYCON, ids=lambda page: page.name)
def test_python_examples_give_what_the_page_shows(page, tmp_path, monkeypatch):
    cwd, _ = scratch(tmp_path)
    monkeypatch.chdir(cwd)
    parser, globs = doctest.DocTestParser(), {}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for line, body in blocks(page, "pycon"):
        test = parser.get_doctest(body, globs, page.name, str(page), line)
        runner.run(test, out=lambda text: pytest.fail(f"{page.name}:{line}:\n{text}"), clear_globs=False)
        globs = test.globs  # the next block sees this one's names (DocTest copies what it is given)
    assert runner.summarize(verbose=False).attempted > 0


def test_the_pages_have_examples_that_run():
    assert {"README.md", "quickstart.md", "cli.md", "python-api.md", "store.md"} <= {
        page.name for page in PAGES_WITH_CONSOLE + PAGES_WITH_PYCON}


def test_the_matcher():
    assert matches(["a", "...", "d"], ["a", "b", "c", "d"]) and matches(["a", "...", "b"], ["a", "b"])
    assert not matches(["a", "b"], ["a", "b", "c"]) and not matches(["a (x)"], ["a x"])
    assert console_examples("$ a \\\n  b\nout\n$ c\n") == [("a \n  b", ["out"]), ("c", [])]


def dictionary_rows() -> list[str]:
    """The rows the data dictionary's record table must have: from the JSON Schema and the Arrow types."""
    properties = json_schema()["InitiativeRecord"]["properties"]
    rows = []
    for field in arrow_schema():
        kind = str(field.type).replace("[day]", "")
        description = properties[field.name]["description"].replace("|", "\\|")
        rows.append(f"| `{field.name}` | {kind} | {'yes' if field.nullable else 'no'} | {description} |")
    return rows


def test_the_data_dictionary_is_the_schema():
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if re.match(r"\| `\w+` \| (string|int64|double|date32|bool) \|", line)]
    assert table == dictionary_rows(), "docs/data-dictionary.md: the record table, from the schema:\n" + "\n".join(dictionary_rows())


def _exists(name: str) -> bool:
    """A module, or a name in one (krnews.extraction.process)."""
    try:
        importlib.import_module(name)
        return True
    except ModuleNotFoundError:
        module, _, attribute = name.rpartition(".")
        return bool(module) and _exists(module) and hasattr(importlib.import_module(module), attribute)


def test_the_architecture_page_names_modules_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(krnews(?:\.\w+)+)`", text))
    assert len(named) > 10 and sorted(name for name in named if not _exists(name)) == []


def test_the_documentation_builds_without_warnings(tmp_path):
    for module in ("mkdocs", "mkdocstrings", "material"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed: pip install '.[docs]'")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
                           "--site-dir", str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "python-api" / "index.html").read_text(encoding="utf-8").count("extract_many") > 3
