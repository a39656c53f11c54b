"""Rebuild the dev pages folder (default /work/krnews-devset/pages) from public repositories.

    python benchmarks/pages_fetch.py [--out DIR] [--git-dir owner/name=PATH ...]

Each row of benchmarks/pages_sources.tsv names a repository, commit and path; the page is read from
that commit (`git show`) in a local clone, which is made with `git clone` from GitHub unless
--git-dir points at one already on disk. Pages stay out of this repository (their licence does not
allow copying them in); the hand-made gold (gold.jsonl) lives beside them.
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SOURCES = Path(__file__).with_name("pages_sources.tsv")
DEFAULT_OUT = Path("/work/krnews-devset/pages")


def read_sources(path: Path = SOURCES) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def page_bytes(blob: bytes, inside: str) -> bytes:
    """The page held in a repository file: the file itself, the file gunzipped, or a string inside a JSON file."""
    if inside == "gzip":
        return gzip.decompress(blob)
    if not inside.startswith("json:"):
        return blob
    value = json.loads(blob)
    for key in inside[len("json:"):].split("."):
        value = value[0] if isinstance(value, list) else value
        value = value[key]
    return value.encode("utf-8")


def clone(repo: str, into: Path) -> Path:
    target = into / repo.replace("/", "+")
    if not target.exists():
        subprocess.run(["git", "clone", "--bare", "--quiet", f"https://github.com/{repo}.git", str(target)], check=True)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--git-dir", action="append", default=[], metavar="OWNER/NAME=PATH",
                        help="an existing clone of a source repository")
    args = parser.parse_args()
    git_dirs = dict(item.split("=", 1) for item in args.git_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for row in read_sources():
            repo = row["repository"]
            git_dir = Path(git_dirs[repo]) if repo in git_dirs else clone(repo, Path(scratch))
            blob = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{row['commit']}:{row['path']}"],
                                  check=True, capture_output=True).stdout
            (args.out / row["file"]).write_bytes(page_bytes(blob, row["inside"]))
            print(f"{row['file']}\t{row['outlet']}\t{repo}@{row['commit']}:{row['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
