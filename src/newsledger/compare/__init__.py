"""Compare: claims side by side across articles, with verdicts and independent sources."""

from __future__ import annotations

from .grouping import group_claims, group_id
from .loader import ledger_items_from_json, load_ledger_json

__all__ = ["group_claims", "group_id", "ledger_items_from_json", "load_ledger_json"]
