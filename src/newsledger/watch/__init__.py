"""Watching feeds: each new article joins its story as it breaks, and the watcher tells what changed.

- :mod:`.http` — the HTTP client (deadlines, size limit, the private-address rule);
- :mod:`.feeds` — RSS and Atom through feedparser: the items to read;
- :mod:`.state` — what was read, kept in the store across restarts;
- :mod:`.notify` — the events (new article, new or changed conflict or figure) as lines and JSON;
- :mod:`.loop` — :class:`Watcher`, the rounds over the feeds.
"""

from __future__ import annotations

from .http import HttpClient
from .loop import Problem, Watcher, WatchStats, describe_delay, parse_duration, problem_line
from .notify import WatchEvent, event_line, event_record

__all__ = ["HttpClient", "Problem", "WatchEvent", "WatchStats", "Watcher", "describe_delay", "event_line",
           "event_record", "parse_duration", "problem_line"]
