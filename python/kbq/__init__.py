"""kbq for Python: a cross-lingual (Chinese/English) timeline and event-graph
knowledge base, over the same C++ library as the `kbq` command line.

    import kbq
    kb = kbq.open("kbq.db", create=True)
    kb.ingest(["examples/"])
    df = kb.timeline("Ukraine").to_pandas()

Every method returns the data the command line prints with --json
(docs/query.md), as objects with a to_dict() giving that JSON; timelines,
event lists, actors, tags and extractions have to_pandas() (pandas is
imported only then). Failures raise kbq.NotFound, kbq.InvalidArgument,
kbq.Busy (another process writes the store) or their base kbq.Error, with
the library's message. Long calls release the GIL: one KnowledgeBase may be
read from many threads, also while one of them ingests. See docs/python.md.
"""

from __future__ import annotations

import builtins
import datetime
import json
import os
import tempfile
from typing import Any, Callable, Dict, Iterable, List, Optional, Union

from . import _kbq
from ._kbq import Busy, Error, InvalidArgument, NotFound
from ._model import (
    Actor, ActorList, ActorTag, AliasResult, Attribution, CheckResult, Date, Diagnostic,
    DocumentResult, Event, EventList, ExtractResult, FileResult, IngestSummary, Link, Mention,
    Participant, Path, Progress, Stats, TagResult, TimeTag, Timeline, alias_from, check_from,
    stats_from)

__all__ = [
    "open", "tag", "extract", "KnowledgeBase",
    "Error", "NotFound", "InvalidArgument", "Busy",
    "Actor", "ActorList", "ActorTag", "AliasResult", "Attribution", "CheckResult", "Date",
    "Diagnostic", "DocumentResult", "Event", "EventList", "ExtractResult", "FileResult",
    "IngestSummary", "Link", "Mention", "Participant", "Path", "Progress", "Stats", "TagResult",
    "TimeTag", "Timeline",
]

DateLike = Union[str, int, datetime.date, None]
PathLike = Union[str, "os.PathLike[str]"]


def _date_text(value: DateLike) -> str:
    """"2022", "2025-05", "2025-05-16", "A..B", a year as int, or a date."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _timeline_query(actor: str, with_: Optional[str], since: DateLike, until: DateLike,
                    type: Optional[str], place: Optional[str], top: int, limit: int,
                    include_hidden: bool, strict: bool, lang: Optional[str],
                    include_reported: bool, min_mentions: int, min_sources: int,
                    sort: str) -> Dict[str, Any]:
    for name, n in (("top", top), ("limit", limit), ("min_mentions", min_mentions),
                    ("min_sources", min_sources)):
        if n < 0:
            raise InvalidArgument(f"{name}: must be 0 or more")
    return {"actor": actor or "", "with": with_ or "", "since": _date_text(since),
            "until": _date_text(until), "type": type or "", "place": place or "", "top": top,
            "limit": limit, "include_hidden": include_hidden, "strict": strict,
            "lang": lang or "", "include_reported": include_reported,
            "min_mentions": min_mentions, "min_sources": min_sources, "sort": sort}


def _diagnostics(text: str) -> List[Dict[str, Any]]:
    return json.loads(text)


def _one_document(call, text: Optional[str], path: Optional[PathLike], published: str,
                  lang: str):
    """Runs tag or extract on `path`, or on `text` through a temporary file
    (the library reads documents from files); diagnostics then name the
    input "<text>"."""
    if (text is None) == (path is None):
        raise InvalidArgument("give the text or path=, not both")
    if path is not None:
        return call(os.fspath(path), published, lang)
    fd, tmp = tempfile.mkstemp(prefix="kbq-", suffix=".txt")
    try:
        with builtins.open(fd, "w", encoding="utf-8") as f:
            f.write(text)
        lines, diagnostics, *rest = call(tmp, published, lang)
        return (lines, diagnostics.replace(json.dumps(tmp)[1:-1], "<text>"), *rest)
    finally:
        os.unlink(tmp)


def _json_lines(text: str) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def tag(text: Optional[str] = None, *, path: Optional[PathLike] = None, published: str = "",
        lang: str = "") -> TagResult:
    """The time expressions and actor names in one document (`kbq tag`):
    `text`, or the first document in the file `path`. `published` is the
    publication time ("2025-05-17" or "2025-05-17T23:20:15+08:00") that
    relative dates resolve against (else the document's own dateline);
    `lang` is "zh" or "en" (default: detected). Stores nothing.
    Raises InvalidArgument for a bad option, NotFound for a missing file or
    one with no readable document."""
    lines, diagnostics = _one_document(_kbq.tag, text, path, published, lang)
    tags = [TimeTag.from_dict(d) if d["kind"] == "time" else ActorTag.from_dict(d)
            for d in _json_lines(lines)]
    return TagResult(times=[t for t in tags if isinstance(t, TimeTag)],
                     actors=[t for t in tags if isinstance(t, ActorTag)], tags=tags,
                     diagnostics=[Diagnostic.from_dict(d) for d in _diagnostics(diagnostics)])


def extract(text: Optional[str] = None, *, path: Optional[PathLike] = None, published: str = "",
            lang: str = "") -> ExtractResult:
    """The events and links of one document before any merge (`kbq
    extract`): `text`, or the first document in the file `path`; labels in
    `lang` ("en" by default, or "zh"), which is also the document's language
    when given. Stores nothing. Errors as tag()."""
    lines, diagnostics, counts = _one_document(_kbq.extract, text, path, published, lang)
    records = _json_lines(lines)
    return ExtractResult(
        events=EventList.from_json((r for r in records if r.get("kind_of_record") != "link"),
                                   json.loads(counts)),
        links=[Link.from_dict(r) for r in records if r.get("kind_of_record") == "link"],
        diagnostics=[Diagnostic.from_dict(d) for d in _diagnostics(diagnostics)])


def open(path: PathLike, create: bool = False, read_only: bool = False) -> "KnowledgeBase":
    """Opens the store at `path`: read-write (one process at a time), or
    with read_only=True as a reader that never locks and sees the store as
    it was when opened (refresh() moves on). create=True makes an empty
    store when there is none. Raises NotFound when there is no store (and
    not create), Busy "store is locked by another kbq process" when another
    process writes it, InvalidArgument when `path` is not a kbq store."""
    return KnowledgeBase(_kbq.open(os.fspath(path), create, read_only))


class KnowledgeBase:
    """An open store. Use kbq.open(); close() (or a `with` block) releases
    the store and its lock. Reading methods may run on many threads at once;
    writes (ingest, ingest_article, add_alias) are serialised."""

    def __init__(self, core: "_kbq.KnowledgeBase"):
        self._core = core

    # ---- the store
    @property
    def store_path(self) -> str:
        """The store's folder."""
        return self._core.store_path

    @property
    def read_only(self) -> bool:
        return self._core.read_only

    @property
    def closed(self) -> bool:
        return self._core.closed

    def close(self) -> None:
        """Closes the store (and releases the write lock); calls running on
        other threads finish first. Later calls raise InvalidArgument."""
        self._core.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        if self.closed:
            return "<kbq.KnowledgeBase closed>"
        mode = "read-only" if self.read_only else "read-write"
        return f"<kbq.KnowledgeBase {self.store_path!r} {mode}>"

    # ---- writing
    def ingest(self, paths: Union[PathLike, Iterable[PathLike]], threads: int = 0,
               progress: Optional[Callable[[Progress], None]] = None, *, format: str = "auto",
               published: str = "", lang: str = "", encoding: str = "") -> IngestSummary:
        """Reads files and folders (recursively) into the store, as `kbq
        ingest`: `format` auto, page, jsonl, csv, tsv, text, html, rss, atom,
        warc, or the event streams gdelt and icews; `published` for inputs
        that state no publication time; `lang` and `encoding` when not to
        detect them; `threads` extraction threads (0: one per core).
        `progress(Progress)` is called after each file. Bad input does not
        raise: it is in the summary's `diagnostics` and `failed`, and the rest
        is ingested. Raises InvalidArgument for a bad option, Error for a
        read-only store or a failing store. The GIL is released meanwhile."""
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        callback = None
        if progress is not None:
            def callback(files, documents, bytes_done, bytes_total):
                progress(Progress(files, documents, bytes_done, bytes_total))
        summary, diagnostics = self._core.ingest([os.fspath(p) for p in paths], threads, format,
                                                 published, lang, encoding, callback)
        return IngestSummary.from_json(json.loads(summary), _diagnostics(diagnostics))

    def ingest_article(self, *, title: str, published: str, text: str, url: str = "",
                       source: str = "", lang: str = "") -> IngestSummary:
        """Ingests one article given as values; `published` is required
        ("2025-05-17" or "2025-05-17T23:20:15+08:00"). The summary's
        per_document[0] says whether it was new and what it added. Raises
        InvalidArgument for a bad `published` or `lang`."""
        article = _kbq.ArticleInput(title=title, published=published, text=text, url=url,
                                    source=source, lang=lang)
        summary, diagnostics = self._core.ingest_article(article)
        return IngestSummary.from_json(json.loads(summary), _diagnostics(diagnostics))

    def add_alias(self, actor: str, name: str, lang: str = "") -> AliasResult:
        """Adds `name` as an alias of `actor` (any name or id) in `lang`
        (default: from the script of `name`); it resolves at once."""
        return alias_from(json.loads(self._core.add_alias(actor, name, lang)))

    # ---- reading
    def timeline(self, actor: str = "", *, with_: Optional[str] = None, since: DateLike = None,
                 until: DateLike = None, type: Optional[str] = None, place: Optional[str] = None,
                 top: int = 0, limit: int = 0, include_hidden: bool = False, strict: bool = False,
                 lang: Optional[str] = None, include_reported: bool = False,
                 min_mentions: int = 0, min_sources: int = 0, sort: str = "date") -> Timeline:
        """The events of `actor` (any name, in any language, or an id; all
        events when empty) in date order, as `kbq timeline --json`.
        with_: only events this actor also takes part in; since/until: events
        overlapping the dates ("2022", "2025-05", a datetime.date); type: our
        type ("negotiate") or a CAMEO prefix ("04"); place; top: the N most
        salient; limit: the first N; include_hidden: also negated,
        counterfactual and minor events (--all); strict: the actor only, not
        its bodies, people, places; lang: "en" or "zh" for names (default:
        the script of `actor`); include_reported: count events dated only by
        their report as happening that day for since/until; min_mentions,
        min_sources; sort: "date" or "salience".
        Raises NotFound (with near matches) for an unknown name, NotFound
        listing the candidates for an ambiguous one, InvalidArgument for a
        bad date or option."""
        q = _timeline_query(actor, with_, since, until, type, place, top, limit, include_hidden,
                            strict, lang, include_reported, min_mentions, min_sources, sort)
        events, meta, counts = self._core.timeline(q)
        return Timeline.from_json(json.loads(events), json.loads(meta), json.loads(counts))

    def export(self, format: str, actor: str = "", *, every_event: bool = False,
               with_: Optional[str] = None, since: DateLike = None, until: DateLike = None,
               type: Optional[str] = None, place: Optional[str] = None, top: int = 0,
               limit: int = 0, include_hidden: bool = False, strict: bool = False,
               lang: Optional[str] = None, include_reported: bool = False,
               min_mentions: int = 0, min_sources: int = 0, sort: str = "date") -> str:
        """The events of a timeline query (all events without `actor`) as a
        document in `format`: "timelinejs", "cytoscape", "graphml", "dot" or
        "jsonl" (`kbq export`). TimelineJS holds the 100 most salient events
        unless `top` or every_event=True. The filters are timeline()'s.
        Raises InvalidArgument for an unknown format."""
        q = _timeline_query(actor, with_, since, until, type, place, top, limit, include_hidden,
                            strict, lang, include_reported, min_mentions, min_sources, sort)
        return self._core.export(format, q, every_event)

    def show(self, id: str, lang: Optional[str] = None) -> Union[Event, Actor]:
        """One event (by its "ev-" id, with its links) or actor (by any name
        or id, with its event counts), as `kbq show --json`; names in `lang`
        (default: the script of `id`). Raises NotFound."""
        kind, text, counts = self._core.show(id, lang or "")
        d = json.loads(text)
        return Event.from_dict(d, json.loads(counts)[0]) if kind == "event" else Actor.from_dict(d)

    def actors(self, query: str = "") -> ActorList:
        """Actors whose names or id contain `query` (all when empty), as
        `kbq actors --json`; may be empty."""
        return ActorList(Actor.from_dict(a) for a in json.loads(self._core.actors(query)))

    def resolve(self, name: str, strict: bool = False) -> Actor:
        """The actor a typed name means (an id, a name, short form, metonym
        or surname, in any language). Raises NotFound with near matches, or
        listing the candidates when ambiguous; InvalidArgument for an empty
        name."""
        actor, _note = self._core.resolve(name, strict)
        return Actor.from_dict(json.loads(actor))

    def neighbors(self, start: str, *, depth: int = 1, kinds: Union[str, Iterable[str], None] = None,
                  since: DateLike = None, until: DateLike = None, max_starts: int = 200,
                  lang: Optional[str] = None) -> EventList:
        """Events within `depth` links of an event id, or of an actor's
        events, nearest first (`kbq neighbors --json`): each with `hops` (0
        for a start) and `via`. kinds: link kinds ("causal", "temporal",
        "before", "causes", "storyline", ...; default all). Raises NotFound,
        InvalidArgument for a bad kind, depth or date."""
        if kinds is not None and not isinstance(kinds, str):
            kinds = ",".join(kinds)
        text, counts = self._core.neighbors(start, depth, kinds or "", _date_text(since),
                                            _date_text(until), max_starts, lang or "")
        return EventList.from_json(json.loads(text), json.loads(counts))

    def chain(self, event_id: str, *, forward: bool = False, lang: str = "en") -> EventList:
        """The causal and storyline chain of an event back to its roots (or
        forward to its consequences), in date order, each with the link that
        reached it (`kbq chain --json`). Raises NotFound for an unknown id."""
        text, counts = self._core.chain(event_id, forward, lang)
        return EventList.from_json(json.loads(text), json.loads(counts))

    def path(self, a: str, b: str, *, max_hops: int = 6, lang: Optional[str] = None) -> Path:
        """The shortest explained path between two events, or two actors
        through their events (`kbq path --json`). Raises NotFound when there
        is none within `max_hops`."""
        text, counts = self._core.path(a, b, max_hops, lang or "")
        return Path.from_json(json.loads(text), json.loads(counts))

    def check(self) -> CheckResult:
        """Integrity of the store and the event graph's findings (`kbq check
        --json`); `ok` is False on any integrity problem."""
        return check_from(json.loads(self._core.check()))

    def stats(self) -> Stats:
        """Counts and size of the store (`kbq stats --json`)."""
        return stats_from(json.loads(self._core.stats()))

    def refresh(self) -> None:
        """A read-only store: move to the latest committed state."""
        self._core.refresh()

    # ---- one document, nothing stored
    def tag(self, text: Optional[str] = None, *, path: Optional[PathLike] = None,
            published: str = "", lang: str = "") -> TagResult:
        """As kbq.tag(); the store is not used."""
        return tag(text, path=path, published=published, lang=lang)

    def extract(self, text: Optional[str] = None, *, path: Optional[PathLike] = None,
                published: str = "", lang: str = "") -> ExtractResult:
        """As kbq.extract(); the store is not used."""
        return extract(text, path=path, published=published, lang=lang)
