"""A corpus of bad files generated here, run through ``newsledger analyze``: every input gets its one
outcome line, the good articles are all stored and exported, the exit status is 1, nothing crashes."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.ingest.read import document_from_text
from newsledger.pipeline import build_ledger, extract_document, prepare
from newsledger.store.repository import Store

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbor-fire"
GOOD = sorted(EXAMPLE.glob("*.txt"))
STRAY = 3  # an example article with curly quotation marks
SHORT = "Officials said on Monday that the ferry would sail four hours late after a storm closed the crossing."


def _read(p: Path) -> str:
    with open(p, encoding="utf-8", newline="") as f:
        return f.read()


def _corpus(root: Path) -> tuple[Path, dict[str, list[str]], list[str]]:
    """The folder, the lines expected for each name (relative to the folder), and the stored files."""
    d = root / "in"
    d.mkdir()
    texts = [_read(p) for p in GOOD]
    expect: dict[str, list[str]] = {}
    stored: list[str] = []

    def good(name: str, data: bytes, *extra: str, note: str = "") -> None:
        path = os.fsencode(d) + b"/" + name.encode("utf-8", "surrogateescape")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace").replace("\n", "\\n")
        expect[name] = [*extra, f"stored {{}}/{shown}{note}"]
        stored.append(shown.replace("\\n", "\n").rsplit("/", 1)[-1])

    def bad(name: str, data: bytes, line: str) -> None:
        (d / name).write_bytes(data)
        expect[name] = [line.format("{}/" + name)]

    good("plain.txt", texts[0].encode("utf-8"))
    good("bom.txt", b"\xef\xbb\xbf" + texts[1].encode("utf-8"))
    good("wide16.txt", b"\xff\xfe" + texts[2].encode("utf-16-le"), note=" (decoded as UTF-16LE)")
    good("wide32.txt", b"\xff\xfe\x00\x00" + texts[4].encode("utf-32-le"), note=" (decoded as UTF-32LE)")
    first_quote = texts[STRAY].index("“") + 1
    stray = texts[STRAY][:first_quote].encode("utf-8") + b"\x92" + texts[STRAY][first_quote:].encode("utf-8")
    good("stray.txt", stray, "warning {}/stray.txt: 1 byte that is not valid UTF-8 replaced with U+FFFD")
    western = "Le café du port a rouvert, déjà plein à midi. « Enfin », a dit la patronne, ravie.\n" * 3
    good("legacy.txt", western.encode("cp1252"), note=" (decoded as cp1252)")
    good("a [/x] [bold]draft.txt", (texts[0] + "\nA markup name.\n").encode("utf-8"))  # in a folder "a ["
    good("new\nline.txt", (texts[1] + "\nA name with a line break.\n").encode("utf-8"))
    good("caf\udce9.txt", (texts[2] + "\nA name that is not UTF-8.\n").encode("utf-8"))
    # "copy.txt" sorts before "plain.txt": it is the first of the two, and plain.txt the copy
    (d / "copy.txt").write_bytes(texts[0].encode("utf-8"))
    expect["copy.txt"] = ["stored {}/copy.txt"]
    expect["plain.txt"] = ["skipped {}/plain.txt: same text as {}/copy.txt"]
    stored[stored.index("plain.txt")] = "copy.txt"

    bad("empty.txt", b"", "error {}: empty file")
    bad("[final] draft.txt", b"", "error {}: empty file")
    bad("bom-only.txt", b"\xef\xbb\xbf", "error {}: empty file")
    bad("invisible.txt", "\ufeff\u200b\u200c\u200d\u2060\n\u00ad".encode(), "error {}: empty file")
    bad("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "error {}: binary file (contains NUL bytes), not text")
    bad("nothing.html", b"<html><body></body></html>", "error {}: no article text found in the HTML page")
    bad("huge.txt", b"words " * 70_000, "error {}: file is 420k, over the 400k limit")
    attributes = b" ".join(b'a%d="x"' % i for i in range(5000))
    bad("attributes.html", b"<html><body><p " + attributes + b">" + SHORT.encode() + b"</p></body></html>",
        "error {}: not an article: a tag with over 1,000 attributes")
    bad("README.md", b"# notes", "skipped {}: not an article file type (.md)")
    os.mkfifo(d / "pipe.txt")
    expect["pipe.txt"] = ["skipped {}/pipe.txt: not a regular file (a FIFO)"]
    (d / "loop-a.txt").symlink_to(d / "loop-b.txt")
    (d / "loop-b.txt").symlink_to(d / "loop-a.txt")
    expect["loop-a.txt"] = ["skipped {}/loop-a.txt: symbolic link loop"]
    expect["loop-b.txt"] = ["skipped {}/loop-b.txt: symbolic link loop"]
    (d / "gone.txt").symlink_to(d / "never-there.txt")
    expect["gone.txt"] = ["skipped {}/gone.txt: dangling symbolic link (to {}/never-there.txt)"]
    (d / "null.txt").symlink_to("/dev/null")
    expect["null.txt"] = ["skipped {}/null.txt: not a regular file (a character device)"]
    (d / "folder.txt").mkdir()
    expect["folder.txt"] = ["skipped {}/folder.txt: a directory named like an article (its files are read)"]
    lines = [
        json.dumps({"text": SHORT, "title": "[/x] [bold]markup[/bold] title"}),
        "[" * 100_000,
        '{"text": "A lone \\ud800 surrogate in the text. Officials said so.", "title": "\\udc80"}',
        json.dumps({"id": "x\ny [/x]", "text": "A line named by its id. The crossing reopened on Tuesday."}),
    ]
    (d / "batch.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8") + b"\n")
    expect["batch.jsonl"] = [
        "stored {}/batch.jsonl:1",
        "error {}/batch.jsonl:2: JSON nested deeper than 100 levels",
        "stored {}/batch.jsonl:3",
        "stored {}/batch.jsonl:x\\ny [/x]",
    ]
    stored += ["batch.jsonl:1", "batch.jsonl:3", "x]"]  # a file name is what follows the last "/"
    return d, expect, stored


def test_hostile_corpus_one_line_each_good_articles_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, expect, stored = _corpus(tmp_path)
    fifo_named = tmp_path / "named-pipe.txt"
    os.mkfifo(fifo_named)
    db, out, out_csv = tmp_path / "nl.db", tmp_path / "ledger.json", tmp_path / "ledger.csv"
    started = time.monotonic()
    status = main(["analyze", "-q", str(folder), str(fifo_named), "--max-bytes", "400k", "--db", str(db),
                   "-o", str(out)])
    assert time.monotonic() - started < 60
    assert status == 1
    err = capsys.readouterr().err.splitlines()
    f = str(folder)
    want = [line.replace("{}", f) for lines in expect.values() for line in lines]
    want.append(f"error {fifo_named}: not a regular file (a FIFO)")
    n_failed = sum(line.startswith("error") for line in want)
    want.append(f"{n_failed} input(s) failed; the rest were analysed and stored")
    assert sorted(err) == sorted(want)

    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(doc["file"] for doc in data["documents"]) == sorted(stored)
    assert sorted(doc.file for doc in Store(str(db)).load_ledger().documents) == sorted(stored)
    by_file = {doc["file"]: doc for doc in data["documents"]}
    assert by_file["batch.jsonl:1"]["title"] == "[/x] [bold]markup[/bold] title"
    assert by_file["batch.jsonl:3"]["title"] == "\ufffd"
    # the article with a stray byte keeps its quotation marks: as many quotes as the clean one
    clean = extract_document(prepare(document_from_text(_read(GOOD[STRAY]), "clean.txt")))
    stray_id = by_file["stray.txt"]["id"]
    assert len([q for q in data["quotes"] if q["doc"] == stray_id]) == len(
        [q for q in clean.quotes if q.kind == "statement"]) > 0

    assert main(["export", "--db", str(db), "--all", "--format", "csv", "-o", str(out_csv)]) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"), newline="")))
    assert {r["file"] for r in rows if r["kind"] != "entity"} <= set(stored) and rows


def test_hostile_corpus_summary_table_prints_markup_names_as_text(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    folder, _expect, stored = _corpus(tmp_path)
    assert main(["analyze", str(folder), "--no-store", "--max-bytes", "400k"]) == 1
    out = capsys.readouterr().out
    assert "[/x] [bold]markup[/bold] title" in out and "x] [bold]draft.txt" in out
    assert f"newsledger: {len(stored)} articles into" in out


def test_one_megabyte_article_analysed_in_under_ten_seconds() -> None:
    """An ordinary article repeated to 1 MB (took 162 s before the quadratic scans were removed)."""
    base = "\n\n".join(_read(p) for p in GOOD)
    text = (base * (1_000_000 // len(base) + 1))[:1_000_000]
    started = time.process_time()  # CPU time: the cost of the analysis, whatever else the machine runs
    found = extract_document(prepare(document_from_text(text, "big.txt")))
    ledger = build_ledger([found])
    took = time.process_time() - started
    assert not found.failures and ledger.quotes and ledger.quantities
    assert took < 10.0, f"{took:.1f} s"


@pytest.mark.parametrize("command", ["ledger", "timeline", "report"])
def test_views_take_markup_in_names_and_text(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "a ["
    folder.mkdir()
    for i, p in enumerate(GOOD[:2]):
        (folder / f"x] [bold]{i}.txt").write_text(_read(p) + "\n[/x] The talks began [red]last year[/].\n",
                                                 encoding="utf-8")
    args = [command, str(folder), "--db", str(tmp_path / "nl.db")]
    if command == "report":
        args += ["-o", str(folder / "x] report.html")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert {"ledger": "[bold]", "timeline": "[bold]0.txt", "report": "wrote "}[command] in out
    if command == "report":
        assert out.strip().startswith(f"wrote {folder}/x] report.html: story ") and (folder / "x] report.html").is_file()
