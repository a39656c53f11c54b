"""The `krnews` command line: a thin layer over the library, one module per subcommand.

Exit codes: 0 all inputs worked, 1 some inputs failed (each named on stderr), 2 usage error; 130 after
Ctrl-C, 143 after SIGTERM (systemd's stop): both unwind the command, so a crawl records how far it got.
"""
from __future__ import annotations

import argparse
import importlib
import signal
import sys

from . import __version__

# Subcommand name -> module under krnews.commands.
COMMANDS = ("extract", "discover", "crawl", "eval", "serve", "report", "export", "status", "bench")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="krnews",
        description="Korean news in, funded-initiative records out.",
    )
    parser.add_argument("--version", action="version", version=f"krnews {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"krnews.commands.{name}")
        sub = module.register(subparsers)
        sub.set_defaults(handler=module.run)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.handler(args)
    except Terminated:
        print("krnews: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("krnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `krnews extract ... | head`
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
