"""Command line: argument parsing and output only; the work is in pipeline and the stages.

    newsledger analyze examples/harbor-fire -o ledger.json
    newsledger export --format csv -o ledger.csv
    newsledger ledger | timeline | report -o report.html   (from the store, or given inputs)

Every input gets one outcome line on standard error: ``stored NAME`` (``analysed`` with
``--no-store``), ``skipped NAME: reason`` or ``error NAME: reason``; a ``warning`` line
comes before it when bytes had to be replaced while decoding. Names and reasons are
printed as plain text, with control characters and line breaks escaped.

Exit status: 0 when every input was used, 1 when some input failed (the others are still
analysed and stored), 2 for a usage or store error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .budget import DEFAULT_TIME_BUDGET
from .errors import NewsledgerError
from .ingest.files import expand_inputs
from .ingest.limits import DEFAULT_MAX_BYTES, ByteLimit, parse_size
from .ingest.strings import printable, storable
from .ingest.url import DEFAULT_URL_DEADLINE, make_fetcher
from .model import Failure, Ledger, Notice, Skipped
from .pipeline import Findings, build_ledger, iter_findings
from .store.repository import DEFAULT_URL, Store

_PROGRESS_MIN_FILES = 6


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsledger", description=__doc__.split("\n")[0])
    p.add_argument("--version", action="version", version=f"newsledger {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, inputs: bool) -> None:
        sp.add_argument("--db", default=DEFAULT_URL,
                        help=f"database URL or SQLite path (default {DEFAULT_URL}; postgresql://… works too)")
        if inputs:
            sp.add_argument("inputs", nargs="*", metavar="INPUT",
                            help="files, folders, http(s) URLs, or - for standard input "
                                 "(none: use what the database holds)")
            _input_options(sp)

    a = sub.add_parser("analyze", help="ingest, extract and store articles; print a summary")
    common(a, inputs=False)
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, http(s) URLs, or - (stdin)")
    _input_options(a)
    a.add_argument("-o", "--output", help="also write the export here (JSON unless --format csv)")
    a.add_argument("--format", choices=("json", "csv"), default="json")
    a.add_argument("--no-store", action="store_true", help="do not write the database")
    a.add_argument("-q", "--quiet", action="store_true", help="no summary table")

    e = sub.add_parser("export", help="export the stored ledger")
    common(e, inputs=False)
    e.add_argument("--format", choices=("json", "csv"), default="json")
    e.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")

    for name, help_ in (("ledger", "print the groups of comparable claims"),
                        ("timeline", "print the events in time order"),
                        ("report", "write one self-contained HTML report")):
        sp = sub.add_parser(name, help=help_)
        common(sp, inputs=True)
        if name == "report":
            sp.add_argument("-o", "--output", default="report.html")
    return p


def _input_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="SIZE",
                    help=f"refuse inputs larger than this, files and URLs alike: bytes, or with a unit "
                         f"(500k, 20MB, 1GiB; default {DEFAULT_MAX_BYTES.text})")
    sp.add_argument("--allow-private-urls", action="store_true",
                    help="fetch URLs on loopback/private addresses (refused by default)")
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


def _run_batch(inputs: list[str], *, args: argparse.Namespace, store: Store | None, err: Console,
               show_progress: bool) -> tuple[Ledger, list[Failure]]:
    """Analyse a batch; store each document as it is done; one outcome line per input."""
    sources = list(expand_inputs(inputs))
    wanted = set(sources)
    findings: list[Findings] = []
    failures: list[Failure] = []
    progress = Progress(TextColumn("[bold]analyzing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not show_progress or len(sources) < _PROGRESS_MIN_FILES)
    with progress:
        task = progress.add_task("analyze", total=len(sources))
        done_sources: set[str] = set()
        fetch = make_fetcher(allow_private=args.allow_private_urls, max_bytes=args.max_bytes,
                             deadline=args.url_timeout)
        for item in iter_findings(inputs, max_bytes=args.max_bytes, fetch=fetch, budget=args.time_budget):
            if isinstance(item, Notice):
                _line(err, "warning", "yellow", item.source, f": {item.message}")
                continue
            if isinstance(item, Skipped):
                _line(err, "skipped", "dim", item.source, f": {item.reason}")
            elif isinstance(item, Failure):
                failures.append(item)
                _line(err, "error", "red", item.source, f": {item.reason}")
            else:
                findings.append(item)
                if store is not None:
                    store.save_document(item.doc, [*item.quotes, *item.quantities, *item.events])
                notes = f" ({'; '.join(item.notes)})" if item.notes else ""
                if item.failures:  # stored, but without what the failing extractor would have found
                    failures.extend(item.failures)
                    reasons = "; ".join(f.reason for f in item.failures)
                    kept = "stored" if store is not None else "analysed"
                    _line(err, "error", "red", item.doc.source, f": {reasons} ({kept} without it){notes}")
                else:
                    _line(err, "stored" if store is not None else "analysed", "green", item.doc.source, notes)
            root = _root_source(item.source if isinstance(item, Failure | Skipped) else item.doc.source)
            if root in wanted and root not in done_sources:
                done_sources.add(root)
                progress.advance(task)
    ledger = build_ledger(findings)
    if store is not None:
        store.save_cross_document(ledger.entities, ledger.groups)
    return ledger, failures


def _root_source(source: str) -> str:
    """The input a document came from (a JSONL line's file)."""
    head, sep, tail = source.rpartition(":")
    return head if sep and head.lower().endswith((".jsonl", ".ndjson")) else source


def _summary(ledger: Ledger, console: Console) -> None:
    table = Table(title=f"newsledger: {len(ledger.documents)} documents")
    table.add_column("file", no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column("title", min_width=24, overflow="fold")
    table.add_column("by / outlet", max_width=16, overflow="fold")
    table.add_column("published", no_wrap=True)
    for col in ("quotes", "figs", "events", "junk"):
        table.add_column(col, justify="right", no_wrap=True)
    for d in ledger.documents:
        quotes = sum(1 for q in ledger.quotes if q.doc == d.id and q.kind == "statement")
        figures = sum(1 for n in ledger.quantities if n.doc == d.id)
        events = sum(1 for e in ledger.events if e.doc == d.id)
        m = d.meta
        by = " / ".join(x for x in (m.author, m.outlet) if x) or "–"
        # names and titles come from the inputs: cells are plain Text, never parsed as markup
        table.add_row(Text(printable(d.file)), Text(printable(_short(m.title, 70))), Text(printable(by)),
                      Text(printable((m.published or "–")[:10])), str(quotes), str(figures), str(events),
                      str(len(d.boilerplate)))
    console.print(table)
    console.print(f"{len(ledger.entities)} entities, {len(ledger.groups)} groups of comparable claims "
                  f"({sum(g.status == 'conflict' for g in ledger.groups)} in conflict)")


def _short(s: str | None, n: int = 48) -> str:
    if not s:
        return "–"
    return s if len(s) <= n else s[: n - 1] + "…"


def _write_export(ledger: Ledger, fmt: str, path: str) -> str:
    if fmt == "csv":
        from .export.to_csv import write_csv

        return write_csv(ledger, path)
    from .export.to_json import write_json

    return write_json(ledger, path)


def _ledger_for(args: argparse.Namespace, err: Console) -> tuple[Ledger, int]:
    """The given inputs analysed (and stored), or what the store holds."""
    store = Store(args.db)
    if getattr(args, "inputs", None):
        ledger, failures = _run_batch(args.inputs, args=args, store=store, err=err,
                                      show_progress=True)
        return ledger, 1 if failures else 0
    return store.load_ledger(), 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsledger`` console script."""
    args = _parser().parse_args(argv)
    out, err = Console(), Console(stderr=True)
    try:
        if args.command == "analyze":
            store = None if args.no_store else Store(args.db)
            ledger, failures = _run_batch(args.inputs, args=args, store=store, err=err,
                                          show_progress=not args.quiet)
            if args.output:
                _write_export(ledger, args.format, args.output)
            if not args.quiet:
                _summary(ledger, out)
            if failures:
                err.print(f"{len(failures)} input(s) failed; the rest were analysed"
                          + ("" if store is None else " and stored"), highlight=False)
            return 1 if failures else 0
        if args.command == "export":
            ledger = Store(args.db).load_ledger()
            text = _write_export(ledger, args.format, args.output)
            if args.output == "-":
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
            return 0
        ledger, status = _ledger_for(args, err)
        if args.command == "ledger":
            from .view.terminal import render_ledger

            render_ledger(ledger, out)
        elif args.command == "timeline":
            from .view.timeline import format_timeline

            out.print(format_timeline(ledger.events, ledger.documents))
        elif args.command == "report":
            from .view.html_report import write_report

            write_report(ledger, args.output)
            out.print(Text(f"wrote {printable(args.output)}"), soft_wrap=True)
        return status
    except NewsledgerError as exc:
        err.print(Text(f"newsledger: {printable(str(exc))}"), highlight=False, soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        err.print("newsledger: interrupted; documents stored so far are kept whole")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
