"""Command line: argument parsing and output only; the work is in the stories and the stages.

    newsledger analyze examples/harbor-fire -o ledger.json
    newsledger stories
    newsledger ledger | timeline | report -o report.html   [--story ID|NAME]
    newsledger export --story 2 -o story.csv   |   newsledger export --all
    newsledger export --story 2 --format claimreview --org "Fact Desk" --org-url https://factdesk.example
    newsledger watch https://example.org/rss https://example.net/atom.xml --every 15m --notify http://localhost:9000/hook
    newsledger serve [--db URL] [--host 127.0.0.1] [--port 8000] [--allow-writes --token T]

Every input gets one outcome line on standard error: ``stored NAME`` (``analysed`` with
``--no-store``), ``skipped NAME: reason`` or ``error NAME: reason``; a ``warning`` line
comes before it when bytes had to be replaced while decoding. Names and reasons are
printed as plain text, with control characters and line breaks escaped.

Exit status: 0 when every input was used, 1 when some input failed (the others are still
analysed and stored; for ``watch --once``, a feed or page that could not be read), 2 for a usage
or store error.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .budget import DEFAULT_TIME_BUDGET
from .errors import NewsledgerError
from .export.stream import write_stories
from .ingest.limits import DEFAULT_MAX_BYTES, ByteLimit, parse_size
from .ingest.strings import printable, storable
from .ingest.url import DEFAULT_URL_DEADLINE, make_fetcher
from .model import Failure, Ledger, Notice, Skipped
from .naming import outlet_name
from .pipeline import Findings
from .scale.sources import plan_inputs
from .store.repository import DEFAULT_URL, MEMORY_URL, Store, describe_url
from .store.stories import StoryRow
from .stories import Assignment, choose_story, merge_ledgers, story_ledger, story_rows
from .stories.batch import BatchResult, add_articles

_PROGRESS_MIN_FILES = 6
# Above this many articles the summary gives counts, not a line per article (the run then keeps
# nothing per article, so its memory does not grow with the number of articles).
SUMMARY_MAX_ARTICLES = 1000
_FORMATS = ("json", "csv")
_EXPORT_FORMATS = (*_FORMATS, "claimreview")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="newsledger",
        description="Put the claims of several news articles side by side, story by story: who said what, "
                    "which figures and dates they give, and where the outlets agree or conflict.")
    p.add_argument("--version", action="version", version=f"newsledger {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    a = sub.add_parser("analyze", help="read articles, add each to the story it belongs to, and store them",
                       description="Read articles (files, folders, URLs, - for standard input); each joins the "
                                   "stored story it matches best or starts a new one; the stories they joined are "
                                   "compared again. Prints which story each article joined and why.")
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders, http(s) URLs, or -")
    a.add_argument("--db", default=DEFAULT_URL,
                   help=f"the database to add to: a SQLite file or a postgresql+psycopg:// URL (default {DEFAULT_URL})")
    a.add_argument("--no-store", action="store_true", help="analyse in memory only; the database is not touched")
    a.add_argument("--story", metavar="ID|NAME",
                   help="put every article in this story (a new name starts a story of that name)")
    _export_options(a, default_output=None)
    a.add_argument("-q", "--quiet", action="store_true", help="print no summary")
    a.add_argument("--workers", type=int, metavar="N",
                   help="read and extract the articles on N local processes (a Dask LocalCluster; "
                        "pip install 'newsledger[scale]')")
    a.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                   help="run on the Dask cluster of this scheduler (its workers need newsledger installed, the "
                        "input files at the same paths, and, when on other machines, a PostgreSQL --db)")
    _input_options(a)

    s = sub.add_parser("stories", help="list the stored stories", description="List the stories of the database: "
                       "id, title, articles, groups of comparable claims, conflicts, last change.")
    _db_option(s)
    s.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")

    e = sub.add_parser("export", help="write a stored story's ledger as JSON or CSV, or its groups as ClaimReview",
                       description="Write one story's ledger (or every story's, with --all) as JSON or CSV: "
                                   "the same file `analyze -o` writes. --format claimreview writes a schema.org "
                                   "ClaimReview draft (JSON-LD) per group of claims, for fact-checkers' tools.")
    _db_option(e)
    _story_option(e)
    e.add_argument("--all", action="store_true", help="every story of the database in one file")
    _export_options(e, default_output="-", formats=_EXPORT_FORMATS)
    _claimreview_options(e)

    w = sub.add_parser("watch", help="follow RSS and Atom feeds: each new article joins its story; tell what changed",
                       description="Read feeds every --every: each new article is fetched (or taken from the feed "
                                   "when it carries the whole article), joins the story it matches best, and the "
                                   "story is compared again. Prints one line per new article and one per new or "
                                   "changed conflict or figure; Ctrl-C stops after the current article.")
    w.add_argument("feeds", nargs="+", metavar="FEED_URL", help="RSS or Atom feed addresses")
    w.add_argument("--every", type=_duration, default=_duration("15m"), metavar="DURATION",
                   help="how often each feed is read: 30s, 15m, 2h (default 15m)")
    w.add_argument("--once", action="store_true", help="read every feed once, then exit")
    w.add_argument("--notify", metavar="URL", help="also POST each event as JSON to this URL (a webhook)")
    _db_option(w)
    w.add_argument("--max-items", type=int, default=30, metavar="N",
                   help="read at most N items of each feed, in the feed's order (default 30)")
    w.add_argument("--timeout", type=_duration, default=_duration("20s"), metavar="DURATION",
                   help="deadline of each feed or webhook request (default 20s)")
    _input_options(w)

    for name, help_ in (("ledger", "show the groups of comparable claims of a story, with their verdicts"),
                        ("timeline", "show a story's events in time order, with their outlets"),
                        ("report", "write a story as one self-contained HTML page")):
        sp = sub.add_parser(name, help=help_, description=help_[0].upper() + help_[1:] + ". From the database, "
                            "or from the articles given: those are analysed in memory and nothing is stored, "
                            "unless --db names a database to add them to.")
        sp.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="articles to analyse first (none: the story comes from the database)")
        sp.add_argument("--db", default=None,
                        help=f"the database (default {DEFAULT_URL}); with INPUTs, add them to it")
        _story_option(sp)
        _input_options(sp)
        if name == "report":
            sp.add_argument("-o", "--output", default="report.html", help="the HTML file (default report.html)")
        if name == "ledger":
            sp.add_argument("--status", action="append", choices=("conflict", "compatible", "agree"),
                            help="show only groups with this verdict (repeat for several); groups are listed "
                                 "conflicts first, then compatible, then agree")
    v = sub.add_parser("serve", help="browse the stored stories in a web browser",
                       description="Serve the store as a web application: stories, each story's ledger, "
                                   "articles with their claims marked, people and bodies, timelines, search, and "
                                   "JSON for each page. Read-only unless --allow-writes and a token are given.")
    _db_option(v)
    v.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1: this machine only)")
    v.add_argument("--port", type=int, default=8000, help="the port to listen on (default 8000)")
    v.add_argument("--allow-writes", action="store_true",
                   help="accept new articles (text or URL) from requests that carry the token")
    v.add_argument("--token", default=None,
                   help="the token writes must carry (default: the NEWSLEDGER_TOKEN environment variable)")
    v.add_argument("--allow-private-urls", action="store_true",
                   help="let added URLs be on loopback or private network addresses (refused by default)")
    return p


def _db_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--db", default=DEFAULT_URL,
                    help=f"the database: a SQLite file or a postgresql+psycopg:// URL (default {DEFAULT_URL})")


def _story_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--story", metavar="ID|NAME",
                    help="which story (see `newsledger stories`); needed when there are several")


def _export_options(sp: argparse.ArgumentParser, *, default_output: str | None,
                    formats: tuple[str, ...] = _FORMATS) -> None:
    sp.add_argument("-o", "--output", default=default_output, metavar="FILE",
                    help="write the ledger here: JSON, or CSV when the name ends in .csv; - for standard output"
                         + ("" if default_output is None else " (the default)"))
    sp.add_argument("--format", choices=formats, default=None,
                    help=f"{', '.join(formats[:-1])} or {formats[-1]} (default: from the file name, else json)"
                         + ("; without -o the ledger goes to standard output" if default_output is None else ""))


def _claimreview_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--claims", action="store_true",
                    help="claimreview: one review per claim instead of one per group")
    sp.add_argument("--org", metavar="NAME", help="claimreview: the reviewing organisation (the reviews' author)")
    sp.add_argument("--org-url", metavar="URL", help="claimreview: the reviewing organisation's web address")


def _duration(text: str) -> float:
    from .watch.loop import parse_duration

    try:
        return parse_duration(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _input_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                    help=f"refuse inputs larger than this, files and URLs alike: bytes, or with a unit "
                         f"(500k, 20MB, 1GiB; default {DEFAULT_MAX_BYTES.text})")
    sp.add_argument("--allow-private-urls", action="store_true",
                    help="also fetch URLs on loopback or private network addresses (refused by default)")
    sp.add_argument("--url-timeout", type=_seconds, default=DEFAULT_URL_DEADLINE, metavar="SECONDS",
                    help=f"the whole fetch of one URL, redirects included (default {DEFAULT_URL_DEADLINE:g})")
    sp.add_argument("--time-budget", type=_seconds, default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                    help="analysis time for one article; one that runs over fails "
                         f"(default {DEFAULT_TIME_BUDGET:g})")


def _size(text: str) -> ByteLimit:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < 1e6:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _line(console: Console, word: str, style: str, source: str, detail: str = "") -> None:
    """One outcome line: the word, the input's name and the detail, all as plain text."""
    line = Text(word, style=style)
    line.append(" " + printable(storable(source)) + printable(storable(detail)))
    console.print(line, highlight=False, soft_wrap=True)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "csv" if (args.output or "").lower().endswith(".csv") else "json"


# ------------------------------------------------------------------ analysing
def _analyze(store: Store, args: argparse.Namespace, err: Console, *, story: str | None,
             progress: bool, stored: bool = True) -> BatchResult:
    """Analyse the inputs into ``store``, one outcome line per input on ``err``.

    With ``--workers``/``--scheduler`` the per-article work runs on a Dask cluster
    (:mod:`.scale.cluster`); the outcome lines are the same, in the same order.
    """
    fetch = make_fetcher(allow_private=args.allow_private_urls, max_bytes=args.max_bytes, deadline=args.url_timeout)
    plan = plan_inputs(args.inputs, max_bytes=args.max_bytes, fetch=fetch, budget=args.time_budget)
    workers, scheduler = getattr(args, "workers", None), getattr(args, "scheduler", None)
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True, disable=not progress or plan.articles < _PROGRESS_MIN_FILES)
    kept = "stored" if stored else "analysed"

    def report(item: Findings | Failure | Skipped | Notice, _assignment: Assignment | None) -> None:
        if isinstance(item, Notice):
            _line(err, "warning", "yellow", item.source, f": {item.message}")
            return
        if isinstance(item, Skipped):
            _line(err, "skipped", "dim", item.source, f": {item.reason}")
        elif isinstance(item, Failure):
            _line(err, "error", "red", item.source, f": {item.reason}")
        else:
            notes = f" ({'; '.join(item.notes)})" if item.notes else ""
            if item.failures:  # kept, but without what the failing extractor would have found
                reasons = "; ".join(f.reason for f in item.failures)
                _line(err, "error", "red", item.doc.source, f": {reasons} ({kept} without it){notes}")
            else:
                _line(err, kept, "green", item.doc.source, notes)
        bar.advance(articles)

    def compared(_story_id: int) -> None:
        bar.update(stories, visible=True, advance=1)

    keep = plan.articles <= SUMMARY_MAX_ARTICLES
    with ExitStack() as stack:
        runner = None
        if workers is not None or scheduler is not None:
            from .scale.cluster import DaskRunner, check_store, dashboard_link, open_client, warm_workers

            client = stack.enter_context(open_client(workers=workers, scheduler=scheduler))
            check_store(client, store)
            link = dashboard_link(client)
            if scheduler is not None or link:
                err.print(Text(f"Dask cluster {client.scheduler.address}"
                               + (f", dashboard {link}" if link else "")), soft_wrap=True)
            warm_workers(client)
            runner = DaskRunner(client)
        stack.enter_context(bar)
        articles = bar.add_task("analyzing", total=plan.articles)
        stories = bar.add_task("comparing stories", total=None, visible=False)
        return add_articles(store, plan, story=story, max_bytes=args.max_bytes, budget=args.time_budget,
                            on_item=report, on_story=compared, keep=keep, runner=runner)


def story_export(store: Store, rows: Sequence[StoryRow]) -> tuple[Ledger, list[dict[str, Any]]]:
    """The ledger of the given stories (merged when several) and their ``stories`` records."""
    ledgers = [story_ledger(store, r.id) for r in rows]
    records = [{"id": r.id, "name": r.name, "title": r.title, "updated": r.updated,
                "documents": [d.id for d in led.documents], "groups": [g.id for g in led.groups]}
               for r, led in zip(rows, ledgers, strict=True)]
    return merge_ledgers(ledgers) if ledgers else Ledger(), records


def _to_stdout(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


# ------------------------------------------------------------------ summary
def _summary(result: BatchResult, rows: Sequence[StoryRow], console: Console) -> None:
    """Which story each article joined and why; the stories; built in O(articles + stories)."""
    by_story: dict[int, list[Assignment]] = {}
    for a in result.assignments:
        by_story.setdefault(a.story_id, []).append(a)
    new = {a.story_id for a in result.assignments if a.new_story}
    table = Table(title=f"newsledger: {_n(len(result.assignments), 'article')} into {_n(len(rows), 'story')}",
                  title_justify="left")
    table.add_column("Article", overflow="fold", ratio=3)
    table.add_column("Published", no_wrap=True)
    table.add_column("Quotes", justify="right", no_wrap=True)
    table.add_column("Figures", justify="right", no_wrap=True)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Story", overflow="fold", ratio=1)
    for a in result.assignments:
        c = result.counts.get(a.doc.id)
        article = Text(printable(outlet_name(a.doc)), style="bold")
        article.append(f"\n{printable(a.doc.file)}", style="dim")
        if a.doc.meta.title:
            article.append(f"\n{printable(_short(a.doc.meta.title, 48))}")
        story = str(a.story_id) + (" (new)" if a.new_story and a.stored else "")
        table.add_row(article, Text((a.doc.meta.published or "–")[:10]), str(c.quotes if c else "–"),
                      str(c.figures if c else "–"), str(c.events if c else "–"), Text(story))
    console.print(table)
    for r in rows:
        console.print(Text.assemble((f"Story {r.id}", "bold"), " (new)" if r.id in new else "", ": ",
                                    r.name + " — " if r.name else "", r.title))
        console.print(Text(f"  {_n(r.articles, 'article')}, {_n(r.groups, 'group')} of comparable claims "
                           f"({r.conflicts} in conflict)"))
        for a in by_story.get(r.id, []):
            verb = "started it" if a.new_story and a.stored else "joined" if a.stored else "was already in it"
            console.print(Text(f"  {a.doc.file} {verb}: {a.reason}" if a.stored else f"  {a.doc.file} {verb}",
                               style="dim"), soft_wrap=False, overflow="fold")


def _n(count: int, word: str) -> str:
    """"1 story", "2 stories", "3 articles"."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def _next_steps(story_id: int | None, stored: str | None) -> str:
    db = "" if stored is None or stored == DEFAULT_URL else f" --db {stored}"
    if story_id is None:
        return ""
    story = f" --story {story_id}"
    return (f"next: newsledger ledger{db}{story}   (groups and verdicts)\n"
            f"      newsledger timeline{db}{story} | newsledger report{db}{story} -o report.html"
            f" | newsledger stories{db}")


def _cmd_analyze(args: argparse.Namespace, out: Console, err: Console) -> int:
    fmt = _format(args)
    export_to = args.output if args.output else ("-" if args.format else None)
    say = err if export_to == "-" else out  # the ledger on standard output: the summary goes to stderr
    if args.workers is not None and args.scheduler is not None:
        raise NewsledgerError("give --workers or --scheduler, not both")
    store = Store(MEMORY_URL if args.no_store else args.db)
    result = _analyze(store, args, err, story=args.story, progress=not args.quiet, stored=not args.no_store)
    wrote = []
    listed = export_to is not None or (not args.quiet and bool(result.assignments))
    rows = _rows_in_order(store, result.stories) if listed else []
    if export_to is not None:
        documents = write_stories(store, rows, export_to, fmt)
        if export_to != "-":
            wrote.append(f"wrote {export_to} ({fmt.upper()}, {_n(documents, 'article')} of "
                         f"{_n(len(rows), 'story')})")
    if not args.quiet:
        if result.assignments or not result.articles:
            _summary(result, rows, say)
        else:
            _short_summary(result, say)
    if result.failures:
        err.print(f"{len(result.failures)} input(s) failed; the rest were analysed"
                  + ("" if args.no_store else " and stored"), highlight=False)
    if not args.quiet:
        stored = None if args.no_store else args.db
        if stored is not None:
            wrote.append(f"stored {_n(result.articles, 'article')} in {describe_url(stored)}")
        else:
            wrote.append("nothing stored (--no-store)")
        say.print(Text("\n".join(wrote)), soft_wrap=True)
        if stored is not None:
            say.print(Text(_next_steps(result.stories[0] if result.stories else None, stored)), soft_wrap=True)
    store.close()
    return 1 if result.failures else 0


def _rows_in_order(store: Store, story_ids: Sequence[int]) -> list[StoryRow]:
    """The stories of ``story_ids`` as listed, in that order."""
    by_id = {r.id: r for r in story_rows(store, story_ids)}
    return [by_id[sid] for sid in story_ids if sid in by_id]


def _short_summary(result: BatchResult, console: Console) -> None:
    """The summary of a large run: counts only (``newsledger stories`` lists the stories)."""
    console.print(Text.assemble(("newsledger: ", "bold"), f"{_n(result.articles, 'article')} into "
                                f"{_n(len(result.stories), 'story')} ({result.new_stories} new)"))


def _cmd_stories(args: argparse.Namespace, out: Console) -> int:
    rows = story_rows(Store(args.db, create=False))
    if args.format == "json":
        _to_stdout(json.dumps([{"id": r.id, "name": r.name, "title": r.title, "articles": r.articles,
                                "groups": r.groups, "conflicts": r.conflicts, "updated": r.updated}
                               for r in rows], ensure_ascii=False, indent=1))
        return 0
    table = Table(title=f"{_n(len(rows), 'story')} in {describe_url(args.db)}",
                  title_justify="left")
    table.add_column("Id", justify="right", no_wrap=True)
    table.add_column("Title", overflow="fold", ratio=1)
    table.add_column("Articles", justify="right", no_wrap=True)
    table.add_column("Groups", justify="right", no_wrap=True)
    table.add_column("Conflicts", justify="right", no_wrap=True)
    table.add_column("Changed", no_wrap=True)
    for r in rows:
        table.add_row(str(r.id), Text((r.name + " — " if r.name else "") + r.title), str(r.articles),
                      str(r.groups), str(r.conflicts), r.updated[:16].replace("T", " "))
    out.print(table)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if fmt != "claimreview" and (args.claims or args.org or args.org_url):
        raise NewsledgerError("--claims, --org and --org-url go with --format claimreview")
    if args.org_url and not args.org_url.startswith(("http://", "https://")):
        raise NewsledgerError(f"--org-url {args.org_url!r} is not an http(s) address")
    store = Store(args.db, create=False)
    if args.all and args.story:
        raise NewsledgerError("give --story or --all, not both")
    rows = story_rows(store) if args.all else [choose_story(store, args.story)]
    if fmt == "claimreview":
        from .export.claimreview import claim_reviews, write_claimreview

        reviews = [r for row in rows for r in claim_reviews(story_ledger(store, row.id), org=args.org,
                                                             org_url=args.org_url, per_claim=args.claims)]
        text = write_claimreview(reviews, args.output)
        if args.output in (None, "-"):
            _to_stdout(text)
    else:
        write_stories(store, rows, args.output, fmt)
    return 0


def _cmd_view(args: argparse.Namespace, out: Console, err: Console) -> int:
    status = 0
    if args.inputs:
        # --story chooses which story to show; the articles join the stories they match
        store = Store(args.db or MEMORY_URL)
        result = _analyze(store, args, err, story=None, progress=True, stored=args.db is not None)
        status = 1 if result.failures else 0
        joined = story_rows(store, result.stories)
        row = joined[0] if len(joined) == 1 and not args.story else choose_story(store, args.story)
    else:
        store = Store(args.db or DEFAULT_URL, create=False)
        row = choose_story(store, args.story)
    ledger = story_ledger(store, row.id)
    if args.command == "ledger":
        from .view.terminal import render_ledger

        out.print(Text(f"Story {row.id}: {row.title}", style="bold"))
        render_ledger(ledger, out, statuses=args.status)
    elif args.command == "timeline":
        from .view.timeline import format_timeline

        out.print(Text(f"Story {row.id}: {row.title}", style="bold"))
        out.print(format_timeline(ledger.events, ledger.documents))
    else:
        from .view.html_report import write_report

        write_report(ledger, args.output, title=row.title)
        if args.output != "-":
            out.print(Text(f"wrote {args.output}: story {row.id}, {_n(len(ledger.documents), 'article')}"),
                      soft_wrap=True)
    return status


def _cmd_serve(args: argparse.Namespace, out: Console) -> int:
    import os

    from .web import Settings, serve

    token = args.token or os.environ.get("NEWSLEDGER_TOKEN") or None
    if args.allow_writes and not token:
        raise NewsledgerError("--allow-writes needs a token: --token T, or NEWSLEDGER_TOKEN in the environment")
    if token and not args.allow_writes:
        raise NewsledgerError("a token is only for writes: add --allow-writes, or leave the token out")
    store = Store(args.db, create=args.allow_writes)
    mode = "accepting articles with the token" if args.allow_writes else "read-only"
    out.print(Text(f"newsledger: serving {describe_url(args.db)} on http://{args.host}:{args.port}/ ({mode}); "
                   "Ctrl+C stops"), soft_wrap=True)
    serve(store, host=args.host, port=args.port,
          settings=Settings(allow_writes=args.allow_writes, token=token, allow_private_urls=args.allow_private_urls,
                            read_ahead=4))
    store.close()
    return 0


# ------------------------------------------------------------------ watching
def _cmd_watch(args: argparse.Namespace, out: Console, err: Console) -> int:
    from .watch import HttpClient, Watcher, WatchEvent, describe_delay, event_line, problem_line
    from .watch.loop import Problem

    if args.max_items < 1:
        raise NewsledgerError(f"--max-items must be at least 1, not {args.max_items}")
    for url in [*args.feeds, *([args.notify] if args.notify else [])]:
        if not url.startswith(("http://", "https://")):
            raise NewsledgerError(f"{url!r} is not an http(s) address")
    store = Store(args.db)
    client = HttpClient(allow_private=args.allow_private_urls, timeout=args.timeout, max_bytes=args.max_bytes)

    def on_event(event: WatchEvent) -> None:
        style = "bold red" if event.kind == "conflict" else "bold" if event.kind == "article" else ""
        out.print(Text(f"{time.strftime('%H:%M:%S')} ", style="dim") + Text(event_line(event), style=style),
                  soft_wrap=True)

    def on_problem(problem: Problem) -> None:
        err.print(Text(f"{time.strftime('%H:%M:%S')} ", style="dim") + Text(problem_line(problem), style="red"),
                  soft_wrap=True)

    watcher = Watcher(store, args.feeds, client=client, fetch=make_fetcher(allow_private=args.allow_private_urls),
                      on_event=on_event, on_problem=on_problem, notify=args.notify, every=args.every,
                      max_items=args.max_items, max_bytes=args.max_bytes)
    if not args.once:
        err.print(Text(f"watching {_n(len(watcher.feeds), 'feed')} every {describe_delay(args.every)} into "
                       f"{describe_url(args.db)}; Ctrl-C stops after the current article", style="dim"),
                  soft_wrap=True)

    def interrupt(_signum: int, _frame: object) -> None:
        if watcher.stopping:  # a second Ctrl-C: stop now (the article under way is not stored)
            raise KeyboardInterrupt
        watcher.stop()
        err.print("stopping after the current article (Ctrl-C again to stop at once)")

    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, interrupt) if main_thread else None
    try:
        stats = watcher.run(once=args.once)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, previous)
        client.close()
        store.close()
    failed = stats.feed_failures + stats.item_failures
    err.print(Text(f"{'stopped' if watcher.stopping else 'done'}: {_n(stats.articles, 'new article')} in "
                   f"{_n(len(stats.stories), 'story')}, {_n(stats.alerts, 'alert')}"
                   + (f", {failed} failed read(s)" if failed else ""), style="dim"), soft_wrap=True)
    return 1 if args.once and failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsledger`` console script."""
    args = _parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    try:
        if args.command == "analyze":
            return _cmd_analyze(args, out, err)
        if args.command == "stories":
            return _cmd_stories(args, out)
        if args.command == "export":
            return _cmd_export(args)
        if args.command == "serve":
            return _cmd_serve(args, out)
        if args.command == "watch":
            return _cmd_watch(args, out, err)
        return _cmd_view(args, out, err)
    except NewsledgerError as exc:
        err.print(Text(f"newsledger: {printable(str(exc))}"), highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("newsledger: interrupted; articles stored so far are kept whole")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
