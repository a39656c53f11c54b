"""One module per `krnews` subcommand: each has `register(subparsers)` and `run(args) -> int`."""
