"""Which inputs a command line names, and reading one file without hanging on it.

Folders are walked in sorted order. Inside a folder only regular files with an article
suffix are read; everything else found there is reported as skipped, with the reason:
another file type, a FIFO, socket or device, a symbolic link loop, a dangling link, a
link to a folder (not followed, so a walk always ends), a folder named like an article.
A file named on the command line is always tried, and fails with the reason when it
cannot be read.

Reading checks the file type before opening (``stat``), opens without blocking
(``O_NONBLOCK``: a FIFO swapped in meanwhile cannot hang the run) and checks the type of
what was opened again (``fstat``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator

from ..errors import IngestError
from ..model import Failure, Skipped
from .limits import describe_size

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
INGESTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

__all__ = ["INGESTED_SUFFIXES", "iter_inputs", "read_file", "suffix_of"]

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_CHUNK = 1 << 20


def suffix_of(name: str) -> str:
    """The lower-cased suffix of a path's last part (".txt"), "" when it has none."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def _kind(mode: int) -> str:
    """What a file that is not regular is, in words."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def _link_problem(path: str) -> str | None:
    """Why a symbolic link cannot be followed (loop, dangling), or None when it can."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT:
            try:
                target = os.readlink(path)
            except OSError:
                return "dangling symbolic link"
            return f"dangling symbolic link (to {target})"
        return f"symbolic link cannot be followed ({exc.strerror or exc})"
    return None


def iter_inputs(inputs: Iterable[str]) -> Iterator[str | Skipped | Failure]:
    """Paths to read, in order, with a Skipped for each thing in a folder that is not read.

    URLs and "-" (standard input) pass through; a folder gives its article files, sorted;
    any other name is given as it is (reading it reports what is wrong with it).
    """
    for item in inputs:
        if item == "-" or item.startswith(("http://", "https://")):
            yield item
            continue
        try:
            is_dir = stat.S_ISDIR(os.stat(item).st_mode)
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            yield from _walk(item)
        else:
            yield item


def _walk(folder: str) -> Iterator[str | Skipped | Failure]:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield Failure(folder, f"cannot list the folder ({exc.strerror or exc})")
        return
    for entry in entries:
        path = entry.path
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            yield Skipped(path, f"cannot be examined ({exc.strerror or exc})")
            continue
        if stat.S_ISLNK(mode):
            problem = _link_problem(path)
            if problem:
                yield Skipped(path, problem)
                continue
            mode = os.stat(path).st_mode
            if stat.S_ISDIR(mode):
                yield Skipped(path, "symbolic link to a folder, not followed")
                continue
        if stat.S_ISDIR(mode):
            if suffix_of(entry.name) in INGESTED_SUFFIXES:
                yield Skipped(path, "a directory named like an article (its files are read)")
            yield from _walk(path)
        elif not stat.S_ISREG(mode):
            yield Skipped(path, f"not a regular file ({_kind(mode)})")
        elif suffix_of(entry.name) not in INGESTED_SUFFIXES:
            yield Skipped(path, f"not an article file type ({suffix_of(entry.name) or 'no suffix'})")
        else:
            yield path


def read_file(path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, refusing anything else and anything over ``max_bytes``.

    Raises:
        IngestError: missing, not a regular file, unreadable or too large (the reason says which).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.lexists(path):
            raise IngestError(path, _link_problem(path) or "dangling symbolic link") from exc
        raise IngestError(path, "no such file") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop") from exc
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    except ValueError as exc:  # a NUL character in the name
        raise IngestError(path, "not a valid file name") from exc
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(path, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(path, f"not a regular file ({_kind(st.st_mode)})")
    if st.st_size > max_bytes:
        raise IngestError(path, _too_large(st.st_size, max_bytes))
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except PermissionError as exc:
        raise IngestError(path, "permission denied") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between stat and open
            raise IngestError(path, f"not a regular file ({_kind(mode)})")
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(_READ_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    finally:
        os.close(fd)
    if size > max_bytes:  # it grew after the stat
        raise IngestError(path, _too_large(size, max_bytes, at_least=True))
    return b"".join(chunks)


def _too_large(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    if at_least:
        return f"file grew past the {describe_size(max_bytes, max_bytes)} limit while being read"
    return f"file is {describe_size(size, max_bytes)}, over the {describe_size(max_bytes, max_bytes)} limit"
