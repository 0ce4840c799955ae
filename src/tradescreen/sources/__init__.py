"""Readers for official list formats: one module per format, each `parse(path, dataset)`."""

from tradescreen.sources.base import ParseError

__all__ = ["ParseError"]
