"""newsledger: the claims of several news articles on one story, side by side."""

from __future__ import annotations

from .model import Document, Ledger

__all__ = ["Document", "Ledger", "__version__"]
__version__ = "0.1.0"
