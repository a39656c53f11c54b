"""`python -m krnews` (and `python -m pipeline` from a checkout) runs the CLI."""
import sys

from krnews.cli import main

sys.exit(main())
