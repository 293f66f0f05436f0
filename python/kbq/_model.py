"""Result objects of the kbq package.

Each object is read from the JSON the C++ library writes (the `kbq ... --json`
output documented in docs/query.md and docs/data_model.md) and keeps it:
`to_dict()` returns that JSON as Python values, so a result can be saved with
`json.dump` exactly as the command line would print it. The attributes are
the same fields, with dates as `datetime.date` and nested records as objects.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple


class _Record:
    """Base of every result object: keeps the JSON it was read from."""

    _raw: Dict[str, Any]

    def to_dict(self) -> Dict[str, Any]:
        """The library's JSON for this object (a deep copy)."""
        return copy.deepcopy(self._raw)


def _new(cls, raw: Dict[str, Any], **values):
    obj = cls(**values)
    object.__setattr__(obj, "_raw", raw)
    return obj


def _day(text: Optional[str]) -> Optional[datetime.date]:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:  # a year datetime.date cannot hold; `text` keeps it
        return None


@dataclass(frozen=True)
class Date(_Record):
    """A date at the precision the text gave: the first and last possible
    day (None when unknown), the precision ("day", "month", "year", "range",
    ...), the date as printed ("2022-04"), whether it is approximate, and
    for events how it was found ("explicit", "inherited", "publication")."""

    start: Optional[datetime.date]
    end: Optional[datetime.date]
    precision: str
    text: str
    approx: bool
    basis: str = ""

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Date":
        return _new(cls, d, start=_day(d.get("start")), end=_day(d.get("end")),
                    precision=d.get("precision", "unknown"), text=d.get("text", ""),
                    approx=bool(d.get("approx", False)), basis=d.get("basis", ""))


@dataclass(frozen=True)
class Participant(_Record):
    """An actor taking part in an event, with its display name and role
    ("source", "target", "other")."""

    id: str
    name: str
    role: str

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Participant":
        return _new(cls, d, id=d["id"], name=d.get("name", d["id"]), role=d.get("role", "other"))


@dataclass(frozen=True)
class Mention(_Record):
    """Where an event was read: the article, the sentence and its byte span
    in the article's text, the trigger word and the time expression.
    `input_span` (extract() only) is the span in the input as given."""

    article: str
    sentence: int
    span: Tuple[int, int]
    text: str
    trigger: str
    date_text: str
    input_span: Optional[Tuple[int, int]] = None

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Mention":
        input_span = d.get("input_span")
        return _new(cls, d, article=d["article"], sentence=d["sentence"], span=tuple(d["span"]),
                    text=d["text"], trigger=d["trigger"], date_text=d["date_text"],
                    input_span=tuple(input_span) if input_span is not None else None)


@dataclass(frozen=True)
class Link(_Record):
    """A link between two events ("before", "causes", "storyline", ...);
    `from_` is the JSON's "from"."""

    from_: str
    to: str
    kind: str
    evidence: str
    confidence: float

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Link":
        return _new(cls, d, from_=d["from"], to=d["to"], kind=d["kind"],
                    evidence=d.get("evidence", ""), confidence=d.get("confidence", 0.0))


@dataclass(frozen=True)
class Attribution(_Record):
    """Who says so (an actor id, empty when unattributed), the cue word and
    the actor's display name."""

    actor: str
    cue: str
    name: str = ""

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Attribution":
        return _new(cls, d, actor=d.get("actor", ""), cue=d.get("cue", ""), name=d.get("name", ""))


@dataclass(frozen=True)
class Event(_Record):
    """One event as `kbq show ID --json` prints it. `hops` and `via` are set
    for the rows of neighbors(), chain() and path(): how many links from a
    start, and the link that reached it. `mention_count` and
    `article_count` are the timeline's `mentions` and `articles` columns:
    distinct sentences and articles (two triggers in one sentence count
    once); they are not in the JSON."""

    id: str
    type: str
    cameo: str
    label: str
    labels: Dict[str, str] = field(repr=False)
    date: Date
    actors: List[Participant]
    location: Optional[str]
    location_name: str
    modality: str
    attribution: Attribution
    confidence: float
    attributes: Dict[str, float]
    salience: float
    sources: int
    mentions: List[Mention] = field(repr=False)
    links: List[Link] = field(repr=False)
    merged: List[Dict[str, Any]] = field(default_factory=list, repr=False)
    hops: Optional[int] = None
    via: Optional[Link] = None
    mention_count: int = 0
    article_count: int = 0

    @classmethod
    def from_dict(cls, d: Dict[str, Any], counts: Sequence[int] = (0, 0)) -> "Event":
        """`counts`: [mentions, articles] as the library counts them."""
        via = d.get("via")
        return _new(
            cls, d, id=d["id"], type=d["type"], cameo=d.get("cameo", ""), label=d.get("label", ""),
            labels=dict(d.get("labels", {})), date=Date.from_dict(d["date"]),
            actors=[Participant.from_dict(a) for a in d.get("actors", [])],
            location=d.get("location"), location_name=d.get("location_name", ""),
            modality=d.get("modality", "asserted"),
            attribution=Attribution.from_dict(d.get("attribution", {})),
            confidence=d.get("confidence", 0.0), attributes=dict(d.get("attributes", {})),
            salience=d.get("salience", 0.0), sources=d.get("sources", 0),
            mentions=[Mention.from_dict(m) for m in d.get("mentions", [])],
            links=[Link.from_dict(x) for x in d.get("links", [])],
            merged=list(d.get("merged", [])), hops=d.get("hops"),
            via=Link.from_dict(via) if via else None, mention_count=counts[0],
            article_count=counts[1])


@dataclass(frozen=True)
class Affiliation(_Record):
    """A person's or body's tie to a country or organisation: the actor, the
    role ("foreign_minister", ...) and when it held."""

    actor: str
    role: str
    valid: Date

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Affiliation":
        return _new(cls, d, actor=d["actor"], role=d.get("role", ""),
                    valid=Date.from_dict(d.get("valid", {})))


@dataclass(frozen=True)
class Actor(_Record):
    """An actor as `kbq show NAME --json` prints it: names and aliases by
    language, affiliations, what it is part of, where it came from, its
    coordinates (places) and, from show() and actors(), how many events it
    takes part in directly and with its bodies, people and places."""

    id: str
    kind: str
    names: Dict[str, str]
    aliases: Dict[str, List[str]]
    affiliations: List[Affiliation]
    part_of: List[str]
    provisional: bool
    source: str
    lat: Optional[float] = None
    lon: Optional[float] = None
    event_count: Optional[int] = None
    event_count_wide: Optional[int] = None

    def name(self, lang: str = "en") -> str:
        """The name in `lang`, else English, else any name, else the id."""
        return self.names.get(lang) or self.names.get("en") or next(iter(self.names.values()), self.id)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Actor":
        return _new(
            cls, d, id=d["id"], kind=d.get("kind", "unknown"), names=dict(d.get("names", {})),
            aliases={k: list(v) for k, v in d.get("aliases", {}).items()},
            affiliations=[Affiliation.from_dict(a) for a in d.get("affiliations", [])],
            part_of=list(d.get("part_of", [])), provisional=bool(d.get("provisional", False)),
            source=d.get("source", ""), lat=d.get("lat"), lon=d.get("lon"),
            event_count=d.get("event_count"), event_count_wide=d.get("event_count_wide"))


class EventList(List[Event]):
    """A list of events (neighbors(), chain(), path().steps, extract())."""

    @classmethod
    def from_json(cls, events: Iterable[Dict[str, Any]], counts: List[List[int]]) -> "EventList":
        return cls(Event.from_dict(e, c) for e, c in zip(events, counts))

    def to_dict(self) -> List[Dict[str, Any]]:
        """The library's JSON array."""
        return [e.to_dict() for e in self]

    def to_pandas(self):
        """One row per event; columns as Timeline.to_pandas(), plus `hops`
        when the events came from neighbors(), chain() or path()."""
        from . import _frames

        return _frames.events_frame(self)


class ActorList(List[Actor]):
    """The actors of actors(query)."""

    def to_dict(self) -> List[Dict[str, Any]]:
        """The library's JSON array (`kbq actors --json`)."""
        return [a.to_dict() for a in self]

    def to_pandas(self):
        """One row per actor: id, kind, name_en, name_zh, event_count,
        event_count_wide, provisional, part_of, lat, lon, source."""
        from . import _frames

        return _frames.actors_frame(self)


@dataclass(frozen=True)
class Timeline(_Record):
    """The events of timeline(), in date order (those dated only by their
    report last), with the actor(s) the query resolved to, the language the
    names are in, how the name was read ("Kyiv stands for Ukraine (UKR)", or
    ""), and how many rows each filter left out (`hidden`)."""

    events: EventList
    subject: List[Actor]
    lang: str
    note: str
    hidden: Dict[str, int]

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __getitem__(self, i):
        return self.events[i]

    def to_dict(self) -> Dict[str, Any]:
        """{"events": the `kbq timeline --json` array, "subject", "lang",
        "note", "hidden"}."""
        return copy.deepcopy(self._raw)

    def to_pandas(self):
        """One row per event. Dates at their precision: `start` and `end`
        (datetime64, the first and last possible day; NaT when unknown or
        outside pandas' range), `precision` ("day", "month", "year", ...),
        `date` (the date as printed), `approx`, `basis`; then id, type,
        cameo, label, actors and actor_ids (tuples), location,
        location_name, modality, confidence, salience, sources, mentions
        (the count) and articles (distinct articles)."""
        from . import _frames

        return _frames.events_frame(self.events)

    @classmethod
    def from_json(cls, events: List[Dict[str, Any]], meta: Dict[str, Any],
                  counts: List[List[int]]) -> "Timeline":
        raw = dict(meta)
        raw["events"] = events
        return _new(cls, raw, events=EventList.from_json(events, counts),
                    subject=[Actor.from_dict(a) for a in meta["subject"]], lang=meta["lang"],
                    note=meta["note"], hidden=dict(meta["hidden"]))


@dataclass(frozen=True)
class Path(_Record):
    """path(): the steps from one end to the other (each with `hops`, its
    position, and `via`, the link into it) and the path's cost."""

    cost: float
    steps: EventList

    @classmethod
    def from_json(cls, d: Dict[str, Any], counts: List[List[int]]) -> "Path":
        return _new(cls, d, cost=d["cost"], steps=EventList.from_json(d["steps"], counts))


@dataclass(frozen=True)
class Diagnostic(_Record):
    """A problem with one input, reported while the rest went on: an error
    or a warning, the file, the 1-based line (0 when not known), the byte
    offset and the message. str() gives "path:line: error: message"."""

    error: bool
    path: str
    line: int
    byte_offset: int
    message: str
    text: str

    def __str__(self) -> str:
        return self.text

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Diagnostic":
        return _plain(cls, d)


@dataclass(frozen=True)
class Progress:
    """Passed to ingest()'s progress callback after each file."""

    files: int
    documents: int
    bytes_done: int
    bytes_total: int


@dataclass(frozen=True)
class FileResult(_Record):
    """One file's share of an ingest."""

    path: str
    documents: int
    skipped_duplicates: int
    failed: int


@dataclass(frozen=True)
class DocumentResult(_Record):
    """ingest_article()'s article: its id and title, whether it was already
    stored, and the events and links it added."""

    article_id: str
    title: str
    skipped_duplicate: bool
    events_new: int
    events_merged: int
    links: int


@dataclass(frozen=True)
class IngestSummary(_Record):
    """What ingest() or ingest_article() did. `ok` is False when any input
    failed; `diagnostics` says which and why."""

    files: int
    documents: int
    ingested: int
    skipped_duplicates: int
    failed: int
    events_new: int
    events_merged: int
    links: int
    per_file: List[FileResult]
    per_document: List[DocumentResult]
    diagnostics: List[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @classmethod
    def from_json(cls, d: Dict[str, Any], diagnostics: List[Dict[str, Any]]) -> "IngestSummary":
        counts = {k: d[k] for k in ("files", "documents", "ingested", "skipped_duplicates", "failed",
                                    "events_new", "events_merged", "links")}
        return _new(cls, d, per_file=[_plain(FileResult, f) for f in d["per_file"]],
                    per_document=[_plain(DocumentResult, x) for x in d["per_document"]],
                    diagnostics=[Diagnostic.from_dict(x) for x in diagnostics], **counts)


@dataclass(frozen=True)
class Stats(_Record):
    """stats(): counts and size of the store (`kbq stats --json`)."""

    articles: int
    events: int
    actors: int
    links: int
    bytes_on_disk: int
    format_version: int


@dataclass(frozen=True)
class CheckResult(_Record):
    """check() (`kbq check --json`): `ok` when the store's records and
    indexes agree; `problems` lists integrity problems (a damaged store),
    `findings` what the articles say that disagrees (the store is whole)."""

    ok: bool
    articles: int
    events: int
    actors: int
    links: int
    index_entries: int
    problems: List[str]
    findings: List[str]


@dataclass(frozen=True)
class AliasResult(_Record):
    """add_alias(): the actor the name now resolves to, the name, its language."""

    actor_id: str
    name: str
    lang: str


def _tag_text(d: Dict[str, Any]) -> Dict[str, Any]:
    """What every tag has: its text and its spans in the input and in the
    normalised text."""
    return dict(text=d["text"], span=tuple(d["span"]), text_span=tuple(d["text_span"]))


@dataclass(frozen=True)
class TimeTag(_Record):
    """A time expression: its text, byte spans in the input (`span`) and in
    the normalised text (`text_span`), its value at its precision, whether
    it is a duration, and what it was resolved against."""

    text: str
    span: Tuple[int, int]
    text_span: Tuple[int, int]
    start: Optional[datetime.date]
    end: Optional[datetime.date]
    value: str
    precision: str
    approx: bool
    duration: bool
    resolution: str

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "TimeTag":
        return _new(cls, d, **_tag_text(d), start=_day(d["start"]), end=_day(d["end"]),
                    **{k: d[k] for k in ("value", "precision", "approx", "duration", "resolution")})


@dataclass(frozen=True)
class ActorTag(_Record):
    """An actor's name in the text: spans as TimeTag, the actor id, its names
    in English and Chinese, its kind, and whether it is a metonym (Kyiv for
    Ukraine's government) or provisional (not in the gazetteer)."""

    text: str
    span: Tuple[int, int]
    text_span: Tuple[int, int]
    id: str
    name: Dict[str, str]
    actor_kind: str
    metonym: bool
    provisional: bool

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "ActorTag":
        return _new(cls, d, **_tag_text(d), name=dict(d["name"]),
                    **{k: d[k] for k in ("id", "actor_kind", "metonym", "provisional")})


@dataclass(frozen=True)
class TagResult:
    """tag(): time expressions and actor names in text order, and any
    diagnostics. `tags` holds both kinds in text order (`kbq tag`'s lines)."""

    times: List[TimeTag]
    actors: List[ActorTag]
    tags: List[Any]
    diagnostics: List[Diagnostic]

    def to_dict(self) -> List[Dict[str, Any]]:
        """`kbq tag`'s JSON lines as a list."""
        return [t.to_dict() for t in self.tags]

    def to_pandas(self):
        """One row per tag in text order: kind ("time" or "actor"), text,
        span_begin and span_end (byte span in the input); value, start and
        end (datetime64) and precision for times; id, name_en, name_zh,
        actor_kind and metonym for actors."""
        from . import _frames

        return _frames.tags_frame(self.tags)


@dataclass(frozen=True)
class ExtractResult:
    """extract(): the events and links of one document before any merge
    (each mention with its `input_span`), and any diagnostics."""

    events: EventList
    links: List[Link]
    diagnostics: List[Diagnostic]

    def to_dict(self) -> List[Dict[str, Any]]:
        """`kbq extract`'s JSON lines as a list: events, then links (with
        "kind_of_record": "link")."""
        return self.events.to_dict() + [l.to_dict() for l in self.links]

    def to_pandas(self):
        """The events, one row each, with the columns of Timeline.to_pandas()."""
        return self.events.to_pandas()


def _plain(cls, d: Dict[str, Any]):
    return _new(cls, d, **{f.name: d[f.name] for f in dataclasses.fields(cls)})


def stats_from(d: Dict[str, Any]) -> Stats:
    return _plain(Stats, d)


def check_from(d: Dict[str, Any]) -> CheckResult:
    return _plain(CheckResult, d)


def alias_from(d: Dict[str, Any]) -> AliasResult:
    return _plain(AliasResult, d)
