"""pandas DataFrames of kbq results. pandas is imported here only, when a
to_pandas() method is called, so `import kbq` works without it."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_pandas() needs pandas (Debian: apt-get install python3-pandas)") from e
    return pandas


# Column name -> dtype, in column order. Dates are datetime64 at day
# resolution; NaT when unknown or outside pandas' range (the `date` text
# keeps such a date as printed).
EVENT_COLUMNS: Dict[str, str] = {
    "id": "object",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "precision": "object",
    "date": "object",
    "approx": "bool",
    "basis": "object",
    "type": "object",
    "cameo": "object",
    "label": "object",
    "actors": "object",
    "actor_ids": "object",
    "location": "object",
    "location_name": "object",
    "modality": "object",
    "confidence": "float64",
    "salience": "float64",
    "sources": "int64",
    "mentions": "int64",
    "articles": "int64",
}

ACTOR_COLUMNS: Dict[str, str] = {
    "id": "object",
    "kind": "object",
    "name_en": "object",
    "name_zh": "object",
    "event_count": "int64",
    "event_count_wide": "int64",
    "provisional": "bool",
    "part_of": "object",
    "lat": "float64",
    "lon": "float64",
    "source": "object",
}

TAG_COLUMNS: Dict[str, str] = {
    "kind": "object",
    "text": "object",
    "span_begin": "int64",
    "span_end": "int64",
    "value": "object",
    "start": "datetime64[ns]",
    "end": "datetime64[ns]",
    "precision": "object",
    "id": "object",
    "name_en": "object",
    "name_zh": "object",
    "actor_kind": "object",
    "metonym": "bool",
}


def _frame(rows: List[Dict[str, Any]], columns: Dict[str, str]):
    pd = _pandas()
    data = {}
    for name, dtype in columns.items():
        values = [r.get(name) for r in rows]
        if dtype.startswith("datetime64"):
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")
        else:
            data[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, columns=list(columns))


def events_frame(events: Sequence[Any]):
    columns = dict(EVENT_COLUMNS)
    with_hops = any(e.hops is not None for e in events)
    if with_hops:
        columns["hops"] = "int64"
    rows = []
    for e in events:
        rows.append({
            "id": e.id,
            "start": e.date.start,
            "end": e.date.end,
            "precision": e.date.precision,
            "date": e.date.text,
            "approx": e.date.approx,
            "basis": e.date.basis,
            "type": e.type,
            "cameo": e.cameo,
            "label": e.label,
            "actors": tuple(a.name for a in e.actors),
            "actor_ids": tuple(a.id for a in e.actors),
            "location": e.location,
            "location_name": e.location_name,
            "modality": e.modality,
            "confidence": e.confidence,
            "salience": e.salience,
            "sources": e.sources,
            "mentions": e.mention_count,
            "articles": e.article_count,
            "hops": e.hops if e.hops is not None else 0,
        })
    return _frame(rows, columns)


def actors_frame(actors: Sequence[Any]):
    rows = [{
        "id": a.id,
        "kind": a.kind,
        "name_en": a.names.get("en", ""),
        "name_zh": a.names.get("zh", ""),
        "event_count": a.event_count or 0,
        "event_count_wide": a.event_count_wide or 0,
        "provisional": a.provisional,
        "part_of": tuple(a.part_of),
        "lat": a.lat,
        "lon": a.lon,
        "source": a.source,
    } for a in actors]
    return _frame(rows, ACTOR_COLUMNS)


def tags_frame(tags: Sequence[Any]):
    rows = []
    for t in tags:
        d = t.to_dict()
        row = {"kind": d["kind"], "text": d["text"], "span_begin": d["span"][0],
               "span_end": d["span"][1],
               "metonym": bool(d.get("metonym", False))}
        if d["kind"] == "time":
            row.update(value=d["value"], start=d["start"] or None, end=d["end"] or None,
                       precision=d["precision"])
        else:
            row.update(id=d["id"], name_en=d["name"].get("en", ""), name_zh=d["name"].get("zh", ""),
                       actor_kind=d["actor_kind"])
        rows.append(row)
    return _frame(rows, TAG_COLUMNS)
