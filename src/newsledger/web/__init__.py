"""The web ledger: ``newsledger serve`` browses the store's stories in a browser.

- :mod:`.app` — routes, security headers, errors, :func:`serve`;
- one module per page kind, each with its view (the data the page and its JSON share) and its
  endpoints: :mod:`.stories`, :mod:`.ledger`, :mod:`.article`, :mod:`.entity`, :mod:`.timeline`,
  :mod:`.search`; :mod:`.writes` adds articles (only with ``--allow-writes --token T``);
- :mod:`.claims` (claim and article records), :mod:`.marks` (article text with overlapping
  highlights), :mod:`.render` (the Jinja2 templates, shared with the static ``report``).
"""

from __future__ import annotations

from .app import create_app, serve
from .site import Settings

__all__ = ["Settings", "create_app", "serve"]
