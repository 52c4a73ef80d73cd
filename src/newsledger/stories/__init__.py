"""Stories: one store holds many; each article joins the story it matches best.

- :func:`assign_story` — an analysed article joins a stored story or starts one (``assign.py``,
  deciding with ``matcher.py`` on ``profile.py``'s vectors, the nearest stored articles found by
  ``nearest.py``);
- :func:`update_story` — a story's claims are compared again after articles joined it (``update.py``);
- :func:`~.batch.add_articles` — a run: articles streamed in, each joining its story, then the
  stories compared (``batch.py``; in this process, or on a Dask cluster: ``newsledger.scale``);
- :func:`story_ledger`, :func:`merge_ledgers`, :func:`choose_story` — stories as readers get them.
"""

from __future__ import annotations

from .assign import Assignment, assign_story
from .read import choose_story, merge_ledgers, story_ledger, story_rows
from .update import update_story

__all__ = ["Assignment", "assign_story", "choose_story", "merge_ledgers", "story_ledger", "story_rows",
           "update_story"]
