"""krnews: Korean news in, funded-initiative records out."""
__version__ = "0.1.0"

from .api import extract, process  # noqa: E402

__all__ = ["__version__", "extract", "process"]
