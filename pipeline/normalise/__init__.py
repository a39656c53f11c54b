"""The normaliser: links amounts, years and organisations into initiative records."""
from .records import build_records

__all__ = ["build_records"]
