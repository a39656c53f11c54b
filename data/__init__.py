"""krnews' data tables (units, year words, gazetteers, cue words, sources, samples); no code."""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
