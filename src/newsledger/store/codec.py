"""Model objects ↔ plain JSON-able dicts (for the store; the export has its own shape)."""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from functools import cache
from typing import Any, TypeVar, cast

from ..model import Boilerplate, Document, Entity, Event, Facts, Group, Mention, Metadata, Quantity, Quote, Span

T = TypeVar("T")


_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _stored_fields(cls: Any) -> tuple[str, ...]:
    """A dataclass's fields that are stored (the parse and other transient fields are not)."""
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("transient"))


def to_dict(obj: Any) -> Any:
    """A dataclass tree as dicts and lists (tuples become lists); transient fields (the parse) left out.

    Example: ``to_dict(Span(3, 9))`` → ``{"start": 3, "end": 9}``. Plain values are passed
    through without a call each: a document's spans and sentences are thousands of them.
    """
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is list or kind is tuple or isinstance(obj, (list, tuple)):
        return [x if type(x) in _PLAIN else to_dict(x) for x in obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out: dict[str, Any] = {}
        for name in _stored_fields(cast(Hashable, kind)):
            v = getattr(obj, name)
            out[name] = v if type(v) in _PLAIN else to_dict(v)
        return out
    return obj


def _span(d: Any) -> Span | None:
    return Span(d["start"], d["end"]) if isinstance(d, dict) else None


def metadata_from_dict(d: dict[str, Any]) -> Metadata:
    fields = {f.name for f in dataclasses.fields(Metadata)}
    kw = {k: v for k, v in d.items() if k in fields}
    for k in ("title_span", "author_span", "published_span"):
        kw[k] = _span(kw.get(k))
    kw["credits"] = tuple(kw.get("credits") or ())
    return Metadata(**kw)


def document_from_dict(d: dict[str, Any]) -> Document:
    return Document(
        id=d["id"],
        source=d["source"],
        text=d["text"],
        meta=metadata_from_dict(d.get("meta") or {}),
        sentences=tuple((s, e) for s, e in d.get("sentences") or ()),
        paragraphs=tuple((s, e) for s, e in d.get("paragraphs") or ()),
        boilerplate=tuple(Boilerplate(**b) for b in d.get("boilerplate") or ()),
    )


def _tuples(v: Any) -> Any:
    """Lists back to tuples, nested ones too ("referent_spans": [[3, 9]] → ((3, 9),))."""
    return tuple(_tuples(x) for x in v) if isinstance(v, list) else v


@cache
def _field_names(cls: Any) -> frozenset[str]:
    """A dataclass's field names, looked up once per class (a story's page decodes thousands of claims)."""
    return frozenset(f.name for f in dataclasses.fields(cls))


def _simple(cls: type[T], d: dict[str, Any]) -> T:
    fields = _field_names(cast(Hashable, cls))
    if fields.issuperset(d) and not any(type(v) is list or type(v) is dict for v in d.values()):
        return cls(**d)  # as written by to_dict: the common case, without copying
    kw = {k: _tuples(v) for k, v in d.items() if k in fields}
    if isinstance(kw.get("facts"), dict):
        kw["facts"] = _simple(Facts, kw["facts"])
    return cls(**kw)


def quote_from_dict(d: dict[str, Any]) -> Quote:
    return _simple(Quote, d)


def quantity_from_dict(d: dict[str, Any]) -> Quantity:
    return _simple(Quantity, d)


def event_from_dict(d: dict[str, Any]) -> Event:
    return _simple(Event, d)


def entity_from_dict(d: dict[str, Any]) -> Entity:
    return Entity(
        id=d["id"], canonical=d["canonical"], type=d["type"], aliases=tuple(d.get("aliases") or ()),
        mentions=tuple(_simple(Mention, m) for m in d.get("mentions") or ()),
    )


def group_from_dict(d: dict[str, Any]) -> Group:
    g = _simple(Group, d)
    return dataclasses.replace(g, citations=tuple(tuple(c) for c in g.citations))  # type: ignore[misc]


def mention_from_dict(d: dict[str, Any]) -> Mention:
    return _simple(Mention, d)
