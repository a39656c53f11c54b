"""Totals that count each won once (krnews.totals): initiatives at their current figure, without parts
of a counted whole or figures given for comparison, each total saying what it sums."""
from .relations import Relations, relations
from .sums import Line, Totals, totals

__all__ = ["Line", "Relations", "Totals", "relations", "totals"]
