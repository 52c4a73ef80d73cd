"""Command line: argument parsing and output only; the work is in the stories and the stages.

    newsledger analyze examples/harbor-fire -o ledger.json
    newsledger stories
    newsledger ledger | timeline | report -o report.html   [--story ID|NAME]
    newsledger export --story 2 -o story.csv   |   newsledger export --all

Exit status: 0 when every input was used, 1 when some input failed (the others are still
analysed and stored), 2 for a usage or store error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .errors import NewsledgerError
from .export.stream import write_stories
from .ingest.files import DEFAULT_MAX_BYTES
from .ingest.url import make_fetcher
from .model import Failure, Ledger
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

    e = sub.add_parser("export", help="write a stored story's ledger as JSON or CSV",
                       description="Write one story's ledger (or every story's, with --all) as JSON or CSV: "
                                   "the same file `analyze -o` writes.")
    _db_option(e)
    _story_option(e)
    e.add_argument("--all", action="store_true", help="every story of the database in one file")
    _export_options(e, default_output="-")

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
    return p


def _db_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--db", default=DEFAULT_URL,
                    help=f"the database: a SQLite file or a postgresql+psycopg:// URL (default {DEFAULT_URL})")


def _story_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--story", metavar="ID|NAME",
                    help="which story (see `newsledger stories`); needed when there are several")


def _export_options(sp: argparse.ArgumentParser, *, default_output: str | None) -> None:
    sp.add_argument("-o", "--output", default=default_output, metavar="FILE",
                    help="write the ledger here: JSON, or CSV when the name ends in .csv; - for standard output"
                         + ("" if default_output is None else " (the default)"))
    sp.add_argument("--format", choices=_FORMATS, default=None,
                    help="json or csv (default: from the file name, else json)"
                         + ("; without -o the ledger goes to standard output" if default_output is None else ""))


def _input_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                    help=f"refuse inputs larger than this many bytes (default {DEFAULT_MAX_BYTES})")
    sp.add_argument("--allow-private-urls", action="store_true",
                    help="also fetch URLs on loopback or private network addresses (refused by default)")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    return "csv" if (args.output or "").lower().endswith(".csv") else "json"


# ------------------------------------------------------------------ analysing
def _analyze(store: Store, args: argparse.Namespace, err: Console, *, story: str | None,
             progress: bool) -> BatchResult:
    plan = plan_inputs(args.inputs, max_bytes=args.max_bytes, fetch=make_fetcher(allow_private=args.allow_private_urls))
    workers, scheduler = getattr(args, "workers", None), getattr(args, "scheduler", None)
    bar = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=err, transient=True, disable=not progress or plan.articles < _PROGRESS_MIN_FILES)

    def report(item: Findings | Failure, _assignment: Assignment | None) -> None:
        failures = [item] if isinstance(item, Failure) else item.failures
        for fail in failures:
            err.print(Text.assemble(("error", "red"), f" {fail.source}: {fail.reason}"), soft_wrap=True)
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
        return add_articles(store, plan, story=story, max_bytes=args.max_bytes, on_item=report, on_story=compared,
                            keep=keep, runner=runner)


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
        article = Text(outlet_name(a.doc), style="bold")
        article.append(f"\n{a.doc.file}", style="dim")
        if a.doc.meta.title:
            article.append(f"\n{_short(a.doc.meta.title, 48)}")
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
    result = _analyze(store, args, err, story=args.story, progress=not args.quiet)
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
    store = Store(args.db, create=False)
    if args.all and args.story:
        raise NewsledgerError("give --story or --all, not both")
    rows = story_rows(store) if args.all else [choose_story(store, args.story)]
    write_stories(store, rows, args.output, _format(args))
    return 0


def _cmd_view(args: argparse.Namespace, out: Console, err: Console) -> int:
    status = 0
    if args.inputs:
        # --story chooses which story to show; the articles join the stories they match
        store = Store(args.db or MEMORY_URL)
        result = _analyze(store, args, err, story=None, progress=True)
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
        render_ledger(ledger, out)
    elif args.command == "timeline":
        from .view.timeline import format_timeline

        out.print(Text(f"Story {row.id}: {row.title}", style="bold"))
        out.print(format_timeline(ledger.events, ledger.documents))
    else:
        from .view.html_report import write_report

        write_report(ledger, args.output, title=row.title)
        out.print(Text(f"wrote {args.output}: story {row.id}, {_n(len(ledger.documents), 'article')}"), soft_wrap=True)
    return status


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
        return _cmd_view(args, out, err)
    except NewsledgerError as exc:
        err.print(Text(f"newsledger: {exc}"), soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("newsledger: interrupted; articles stored so far are kept whole")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
