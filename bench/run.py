#!/usr/bin/env python3
"""Benchmark: newsledger's whole analysis against a plain ``en_core_web_sm`` pass.

    python bench/run.py [--docs 2092] [--corpus ../shared/bench/bbc.jsonl] [--no-grouping]

The corpus is ``../shared/bench/bbc.jsonl`` (real BBC articles, title and text), or, where
that is absent, distinct copies of the bundled example articles. Each phase runs in a child
process of its own, so that each peak memory figure is its own:

- spaCy: ``spacy.load("en_core_web_sm")`` (every component) and ``nlp.pipe`` over the texts,
  nothing else: the cost any tool built on the model pays;
- analyze: the whole analysis in memory: metadata and line roles, the parse (the same
  model, in batches), every extractor, entity resolution, linking and grouping;
- store: the same, written into a fresh SQLite store as ``newsledger analyze`` does (stories
  assigned, compared per story).

Interleaved (the default): a shared machine's speed drifts by 10-20% over the minutes of a
run, more than the differences measured. So the plain pass runs beside each newsledger phase,
in step with it: the newsledger process stops after every ``--chunk`` articles (its clock does
not run while it waits), the plain process, its model loaded, parses those same articles, and
the newsledger process goes on. Both then see the machine at the same minutes; each ratio is
the newsledger phase's CPU seconds over those of the plain pass run in step with it (a plain
pass of its own for each phase), and the spread of the per-chunk ratios is printed too.
``--sequential``: the plain pass runs alone first and again last, and the ratios are taken
against the mean of the two (the method of earlier runs).

Prints wall and CPU seconds, articles/second, words/second and peak RSS of each, then
``ratio: X.XX`` (analyze / spaCy, CPU seconds: other work on the machine changes wall time far
more than CPU time) and ``store ratio: X.XX``. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
BBC = REPO.parent / "shared" / "bench" / "bbc.jsonl"


def load_corpus(path: Path | None, n: int) -> list[str]:
    """N article texts (a title line, a blank line, the text) from a JSONL corpus, else examples."""
    if path is not None and path.is_file():
        texts = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                texts.append(f"{row.get('title') or ''}\n\n{row['text']}")
                if len(texts) >= n:
                    break
        return texts
    source = REPO / "examples" / "harbor-fire"
    base = []
    for p in sorted(source.glob("*.txt")):
        with open(p, encoding="utf-8", newline="") as f:
            base.append(f.read())
    return [base[i % len(base)] + f"\nReference {i}.\n" for i in range(n)]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Pacer:
    """Stops a phase after every ``chunk`` articles until the plain pass has parsed them too.

    The phase says "chunk START END CPU" on stdout (CPU: its CPU seconds so far) and waits for
    a line on stdin; without a chunk size it never stops. Its CPU clock does not run while it
    waits.
    """

    def __init__(self, chunk: int) -> None:
        self.chunk, self.done, self.told, self.waited = chunk, 0, 0, 0.0

    def tick(self, n: int = 1) -> None:
        self.done += n
        if self.chunk and self.done - self.told >= self.chunk:
            self.flush()

    def flush(self) -> None:
        if self.chunk and self.done > self.told:
            print(f"chunk {self.told} {self.done} {_cpu()}", flush=True)
            wall = time.perf_counter()
            sys.stdin.readline()
            self.waited += time.perf_counter() - wall  # wall time is the phase's own, waits left out
            self.told = self.done


def _paced(items: Iterator[Any], pacer: Pacer) -> Iterator[Any]:
    for item in items:
        yield item
        pacer.tick()


def _phase_spacy(texts: list[str]) -> dict[str, float]:
    import spacy

    from newsledger.clean.parse import MODEL_PACKAGES

    name = next(p for p in MODEL_PACKAGES if spacy.util.get_package_version(p))
    nlp = spacy.load(name)
    wall, cpu = time.perf_counter(), _cpu()
    tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=32))
    return {"seconds": time.perf_counter() - wall, "cpu": _cpu() - cpu, "tokens": tokens}


def _phase_analyze(texts: list[str], pacer: Pacer) -> dict[str, float]:
    from newsledger.clean.parse import load_model
    from newsledger.ingest.read import document_from_text
    from newsledger.pipeline import build_ledger, extract_document, parse_documents, prepare_lines, with_reference

    load_model()
    wall, cpu = time.perf_counter(), _cpu()
    docs = with_reference([prepare_lines(document_from_text(t, f"bench-{i}.txt")) for i, t in enumerate(texts)])
    findings = [extract_document(d) for d in _paced(parse_documents(docs), pacer)]
    pacer.flush()
    t_extract, c_extract = time.perf_counter() - wall - pacer.waited, _cpu() - cpu
    ledger = build_ledger(findings)
    return {"seconds": time.perf_counter() - wall - pacer.waited, "cpu": _cpu() - cpu, "extract_seconds": t_extract,
            "extract_cpu": c_extract, "quotes": len(ledger.quotes), "quantities": len(ledger.quantities),
            "events": len(ledger.events), "entities": len(ledger.entities), "groups": len(ledger.groups),
            "failures": len(ledger.failures)}


def _phase_store(texts: list[str], db: str, pacer: Pacer) -> dict[str, float]:
    from newsledger import cli
    from newsledger.clean.parse import load_model
    from newsledger.cli import main
    from newsledger.model import Notice

    load_model()
    add_articles = cli.add_articles

    def paced_add(*args: Any, on_item: Callable[..., None] | None = None, **kwargs: Any) -> Any:
        def tick(*item: Any) -> None:
            if on_item is not None:
                on_item(*item)
            if not isinstance(item[0], Notice):  # a warning is not an article
                pacer.tick()
        result = add_articles(*args, on_item=tick, **kwargs)
        pacer.flush()
        return result

    cli.add_articles = paced_add  # the command's own path, stopped every chunk of articles
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"text": t, "url": f"https://example.org/bench/{i}"}) + "\n")
        wall, cpu = time.perf_counter(), _cpu()
        status = main(["analyze", "-q", "--db", db, str(corpus)])
    return {"seconds": time.perf_counter() - wall - pacer.waited, "cpu": _cpu() - cpu, "status": status}


def _serve_spacy(texts: list[str]) -> dict[str, float]:
    """The plain pass in step with another phase: parses the chunks it is sent ("START END")."""
    import spacy

    from newsledger.clean.parse import MODEL_PACKAGES

    name = next(p for p in MODEL_PACKAGES if spacy.util.get_package_version(p))
    nlp = spacy.load(name)
    print("ready", flush=True)
    total = {"seconds": 0.0, "cpu": 0.0, "tokens": 0}
    for line in sys.stdin:
        if not line.strip():
            break
        start, end = map(int, line.split())
        wall, cpu = time.perf_counter(), _cpu()
        tokens = sum(len(d) for d in nlp.pipe(texts[start:end], batch_size=32))
        seconds, used = time.perf_counter() - wall, _cpu() - cpu
        total["seconds"] += seconds
        total["cpu"] += used
        total["tokens"] += tokens
        print(json.dumps({"cpu": used}), flush=True)
    return total


def _child(phase: str, corpus: Path | None, n: int, db: str | None, chunk: int) -> dict[str, float]:
    texts = load_corpus(corpus, n)
    if phase == "spacy":
        result = _phase_spacy(texts)
    elif phase == "spacy-steps":
        result = _serve_spacy(texts)
    elif phase == "analyze":
        result = _phase_analyze(texts, Pacer(chunk))
    else:
        assert db is not None
        result = _phase_store(texts, db, Pacer(chunk))
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _command(phase: str, corpus: Path | None, n: int, db: str | None = None, chunk: int = 0) -> list[str]:
    cmd = [sys.executable, __file__, "--phase", phase, "--docs", str(n), "--chunk", str(chunk)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if db:
        cmd += ["--db", db]
    return cmd


def _last_json(stdout: str, phase: str, stderr: str) -> dict[str, Any]:
    lines = stdout.strip().splitlines()
    if not lines:
        raise SystemExit(f"bench: {phase} phase failed:\n{stderr[-2000:]}")
    out: dict[str, Any] = json.loads(lines[-1])
    return out


def _run_child(phase: str, corpus: Path | None, n: int, db: str | None = None) -> dict[str, float]:
    done = subprocess.run(_command(phase, corpus, n, db), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: {phase} phase failed:\n{done.stderr[-2000:]}")
    return _last_json(done.stdout, phase, done.stderr)


def _line(stream: IO[str] | None, phase: str) -> str:
    assert stream is not None
    line = stream.readline()
    if not line:
        raise SystemExit(f"bench: the {phase} phase ended early")
    return line


def _run_in_step(phase: str, corpus: Path | None, n: int, chunk: int,
                 db: str | None = None) -> tuple[dict[str, Any], dict[str, Any], list[tuple[float, float]]]:
    """A newsledger phase and a plain pass, chunk by chunk in turn.

    Returns the phase's result, the plain pass's and, chunk by chunk, the CPU seconds of each.
    """
    opts: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "text": True, "bufsize": 1}
    with tempfile.TemporaryFile("w+") as err_plain, tempfile.TemporaryFile("w+") as err_phase:
        plain = subprocess.Popen(_command("spacy-steps", corpus, n), stderr=err_plain, **opts)
        _line(plain.stdout, "plain")  # "ready": its model is loaded
        work = subprocess.Popen(_command(phase, corpus, n, db, chunk), stderr=err_phase, **opts)
        assert work.stdin is not None and plain.stdin is not None
        steps: list[tuple[float, float]] = []
        before = 0.0
        try:
            while True:
                line = _line(work.stdout, phase)
                if not line.startswith("chunk "):
                    result: dict[str, Any] = json.loads(line)
                    break
                start, end, cpu = line.split()[1:]
                plain.stdin.write(f"{start} {end}\n")
                plain.stdin.flush()
                used = json.loads(_line(plain.stdout, "plain"))["cpu"]
                work.stdin.write("go\n")
                work.stdin.flush()
                steps.append((float(cpu) - before, used))
                before = float(cpu)
        except SystemExit:
            work.kill()
            plain.kill()
            for f in (err_phase, err_plain):
                f.seek(0)
                print(f.read()[-2000:], file=sys.stderr)
            raise
        plain_out, _ = plain.communicate("\n")
        work.wait()
    return result, _last_json(plain_out, "plain", ""), steps


def _report(name: str, r: dict[str, Any], n: int, words: int) -> None:
    s = r["seconds"]
    print(f"{name:<38} {s:8.1f} s wall {r['cpu']:8.1f} s CPU  {n / s:7.1f} articles/s  "
          f"{words / s:9,.0f} words/s  peak RSS {r['peak_rss_mb']:.0f} MB", flush=True)


def _by_quarter(steps: list[tuple[float, float]]) -> str:
    """The ratio in each quarter of the corpus: does it hold through the run?

    (The phase's start-up, before its first article, falls in the first quarter.)
    """
    if len(steps) < 4:
        return ""
    cut = [round(len(steps) * q / 4) for q in range(5)]
    quarters = [steps[a:b] for a, b in zip(cut, cut[1:], strict=False)]
    ratios = [sum(x for x, _ in q) / sum(y for _, y in q) for q in quarters]
    return f" (by quarter of the corpus: {', '.join(f'{r:.2f}' for r in ratios)})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2092)
    ap.add_argument("--corpus", type=Path, default=BBC if BBC.is_file() else None)
    ap.add_argument("--chunk", type=int, default=64, help="articles per step of the interleaved run")
    ap.add_argument("--sequential", action="store_true", help="plain pass alone first and last, not in step")
    ap.add_argument("--phase", choices=("spacy", "spacy-steps", "analyze", "store"), help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--no-grouping", action="store_true", help="skip the 1,000/10,000-article grouping timing")
    ap.add_argument("--no-store", action="store_true", help="skip the store phase")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(_child(args.phase, args.corpus, args.docs, args.db, args.chunk)))
        return 0
    texts = load_corpus(args.corpus, args.docs)
    n, words = len(texts), sum(len(t.split()) for t in texts)
    origin = args.corpus.name if args.corpus else "copies of examples/harbor-fire"
    print(f"corpus: {n} articles, {words:,} words, {sum(map(len, texts)) / 1e6:.1f} MB ({origin})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        if args.sequential:
            first = _run_child("spacy", args.corpus, args.docs)
            _report("spaCy en_core_web_sm nlp.pipe", first, n, words)
            analysis = _run_child("analyze", args.corpus, args.docs)
            _report("newsledger analysis (in memory)", analysis, n, words)
            stored = None if args.no_store else _run_child("store", args.corpus, args.docs, db)
            if stored is not None:
                _report("newsledger analyze into SQLite", stored, n, words)
            last = _run_child("spacy", args.corpus, args.docs)
            _report("spaCy en_core_web_sm nlp.pipe again", last, n, words)
            # the machine's speed drifts: the newsledger runs against the mean of the plain pass before and after
            plain_a = plain_s = {"cpu": (first["cpu"] + last["cpu"]) / 2}
            steps_a: list[tuple[float, float]] = []
            steps_s: list[tuple[float, float]] = []
            print(f"plain pass before and after: {first['cpu']:.1f} and {last['cpu']:.1f} s CPU "
                  f"(mean {plain_a['cpu']:.1f})")
        else:
            analysis, plain_a, steps_a = _run_in_step("analyze", args.corpus, args.docs, args.chunk)
            _report("newsledger analysis (in memory)", analysis, n, words)
            _report("spaCy en_core_web_sm nlp.pipe in step", plain_a, n, words)
            stored = plain_s = None
            steps_s = []
            if not args.no_store:
                stored, plain_s, steps_s = _run_in_step("store", args.corpus, args.docs, args.chunk, db)
                _report("newsledger analyze into SQLite", stored, n, words)
                _report("spaCy en_core_web_sm nlp.pipe in step", plain_s, n, words)
    print(f"  analysis: extract {analysis['extract_cpu']:.1f} s CPU (parse included), cross-document "
          f"{analysis['cpu'] - analysis['extract_cpu']:.1f} s CPU; found {analysis['quotes']:.0f} quotes, "
          f"{analysis['quantities']:.0f} figures, {analysis['events']:.0f} events, {analysis['entities']:.0f} "
          f"entities, {analysis['groups']:.0f} groups, {analysis['failures']:.0f} failures")
    if not args.no_grouping:
        sys.path.insert(0, str(REPO / "bench"))
        from grouping import time_grouping  # type: ignore[import-not-found]

        for size in (1000, 10000):
            print(f"grouping {size:>6,} articles: {time_grouping(size):.2f} s")
    print(f"ratio: {analysis['cpu'] / plain_a['cpu']:.2f}{_by_quarter(steps_a)}")
    if stored is not None and plain_s is not None:
        print(f"store ratio: {stored['cpu'] / plain_s['cpu']:.2f}{_by_quarter(steps_s)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
