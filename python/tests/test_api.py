"""The kbq Python module: every method on the examples store and on
articles written for these tests, every exception, the DataFrames' columns
and dtypes, threads, and a store locked by another process."""

import datetime
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

import kbq

# Articles for these tests, describing real events in our own words.
ARTICLES = [
    dict(title="Finland joins NATO", published="2023-04-05",
         text="On 4 April 2023 the foreign minister of Finland met the secretary general of NATO "
              "in Brussels, where Finland formally joined the alliance. Russia warned that it "
              "would take countermeasures."),
    dict(title="Sweden completes its accession", published="2024-03-08",
         text="Sweden joined NATO on 7 March 2024, ending two centuries of military non-alignment. "
              "The prime minister of Sweden met the president of the United States in Washington."),
    dict(title="Prisoner exchange", published="2024-01-04",
         text="Russia and Ukraine exchanged prisoners of war on 3 January 2024. "
              "The United Arab Emirates mediated the exchange."),
    dict(title="沙特与伊朗复交", published="2023-03-11",
         text="2023年3月10日，沙特阿拉伯和伊朗在北京宣布恢复外交关系，两国同意在两个月内重开使馆。"),
]


def cli_json(examples_store, *args):
    """The kbq tool's --json output for the same question."""
    out = subprocess.run([os.environ["KBQ_BINARY"], "--db", str(examples_store), *args, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


# ------------------------------------------------------------------ open


def test_open_missing_store_raises_not_found(tmp_path):
    with pytest.raises(kbq.NotFound) as e:
        kbq.open(tmp_path / "none")
    assert "no kbq store at" in str(e.value)
    assert e.value.code == "not_found"
    assert isinstance(e.value, (kbq.Error, LookupError))


def test_open_a_folder_that_is_not_a_store_raises_invalid_argument(tmp_path):
    (tmp_path / "notes.txt").write_text("not a store")
    with pytest.raises(kbq.InvalidArgument, match="is not a kbq store"):
        kbq.open(tmp_path)
    with pytest.raises(ValueError):  # InvalidArgument is a ValueError too
        kbq.open(tmp_path)


def test_a_closed_store_says_so(examples_store):
    kb = kbq.open(examples_store, read_only=True)
    assert "read-only" in repr(kb)
    kb.close()
    assert kb.closed
    with pytest.raises(kbq.InvalidArgument, match="the store is closed"):
        kb.stats()


# ---------------------------------------------------------------- ingest


def test_ingest_reports_progress_counts_and_diagnostics(tmp_path, source_dir):
    seen = []
    with kbq.open(tmp_path / "kb.db", create=True) as kb:
        summary = kb.ingest(source_dir / "examples", progress=seen.append)
        assert summary.ok and summary.ingested == 1 and summary.files == 1
        assert summary.events_new == kb.stats().events > 0
        assert summary.per_file[0].path.endswith("000_3ae8ec1ab298bbdb.txt")
        # The seed's recommended-stories block is dropped with a warning.
        warning = summary.diagnostics[0]
        assert not warning.error and warning.line == 53
        assert "recommended-stories" in warning.message and str(warning).startswith(warning.path)
        again = kb.ingest([str(source_dir / "examples")])
        assert again.ingested == 0 and again.skipped_duplicates == 1
    assert seen and isinstance(seen[-1], kbq.Progress)
    assert seen[-1].files == 1 and seen[-1].bytes_done == seen[-1].bytes_total > 0
    assert summary.to_dict()["per_file"][0]["documents"] == 1


def test_ingest_a_bad_path_reports_it_and_goes_on(tmp_path, source_dir):
    with kbq.open(tmp_path / "kb.db", create=True) as kb:
        summary = kb.ingest([tmp_path / "missing.txt", source_dir / "examples"])
        assert summary.failed == 1 and summary.ingested == 1 and not summary.ok
        bad = [d for d in summary.diagnostics if d.error]
        assert len(bad) == 1 and bad[0].path == str(tmp_path / "missing.txt")
        assert "No such file" in bad[0].message


def test_ingest_rejects_bad_options(tmp_path):
    with kbq.open(tmp_path / "kb.db", create=True) as kb:
        with pytest.raises(kbq.InvalidArgument, match="format: unknown format 'pdf'"):
            kb.ingest([tmp_path], format="pdf")
        with pytest.raises(kbq.InvalidArgument, match="published: 'soon' is not a time"):
            kb.ingest([tmp_path], published="soon")


def test_a_progress_callback_that_raises_stops_nothing_but_raises(tmp_path, source_dir):
    def fail(p):
        raise RuntimeError("stop")

    with kbq.open(tmp_path / "kb.db", create=True) as kb:
        with pytest.raises(RuntimeError, match="stop"):
            kb.ingest(source_dir / "examples", progress=fail)
        assert kb.stats().articles == 1  # what was committed stays


def test_ingest_article_and_its_duplicate(tmp_path):
    with kbq.open(tmp_path / "kb.db", create=True) as kb:
        summary = kb.ingest_article(**ARTICLES[0])
        doc = summary.per_document[0]
        assert summary.ingested == 1 and not doc.skipped_duplicate and doc.events_new > 0
        assert doc.title == "Finland joins NATO" and doc.article_id.startswith("art-")
        again = kb.ingest_article(**ARTICLES[0])
        assert again.per_document[0].skipped_duplicate
        finland = kb.timeline("Finland")
        assert any(e.date.text == "2023-04-04" for e in finland)
        with pytest.raises(kbq.InvalidArgument, match="published: 'someday' is not a time"):
            kb.ingest_article(title="x", published="someday", text="Finland met Sweden.")


def test_writing_to_a_read_only_store_raises_error(kb):
    with pytest.raises(kbq.Error, match="open read-only") as e:
        kb.ingest_article(**ARTICLES[1])
    assert e.value.code == "not_supported"
    assert not isinstance(e.value, (kbq.NotFound, kbq.InvalidArgument, kbq.Busy))


def test_a_reader_sees_new_articles_after_refresh(writable):
    with kbq.open(writable.store_path, read_only=True) as reader:
        assert reader.stats().articles == 1
        writable.ingest_article(**ARTICLES[2])
        assert reader.stats().articles == 1  # the snapshot taken at open
        reader.refresh()
        assert reader.stats().articles == 2
        exchange = reader.timeline("Ukraine", since="2024-01", until="2024-01")
        assert [e.type for e in exchange] == ["prisoner_exchange"]


def test_add_alias_resolves_at_once(writable):
    added = writable.add_alias("Ukraine", "Ukraina", "pl")
    assert (added.actor_id, added.name, added.lang) == ("UKR", "Ukraina", "pl")
    assert writable.resolve("Ukraina").id == "UKR"
    assert len(writable.timeline("Ukraina")) == len(writable.timeline("Ukraine"))


# -------------------------------------------------------------- timeline


def test_timeline_is_the_clis_json(kb, examples_store):
    timeline = kb.timeline("Ukraine")
    assert timeline.to_dict()["events"] == cli_json(examples_store, "timeline", "Ukraine")
    assert [s.id for s in timeline.subject] == ["UKR"] and timeline.lang == "en"
    assert len(timeline) == 12 and timeline.hidden["negated"] == 4
    first = timeline[0]
    assert isinstance(first, kbq.Event) and first.id.startswith("ev-")
    assert first.date.precision == "year" and first.date.start == datetime.date(2022, 1, 1)
    assert first.to_dict() == timeline.to_dict()["events"][0]


def test_timeline_filters(kb):
    all_rows = kb.timeline("Ukraine", include_hidden=True)
    assert len(all_rows) == 16
    may = kb.timeline("Ukraine", since=datetime.date(2025, 5, 1), until="2025-05")
    assert may.events and all(e.date.start >= datetime.date(2025, 5, 1) for e in may)
    with_russia = kb.timeline("Ukraine", with_="Russia")
    assert with_russia.events and all("RUS" in [a.id for a in e.actors] for e in with_russia)
    talks = kb.timeline("Ukraine", type="negotiate")
    assert talks.events and {e.type for e in talks} == {"negotiate"}
    top = kb.timeline("Ukraine", top=3)
    assert len(top) == 3 and top.hidden["below_top"] > 0
    assert len(kb.timeline("Ukraine", limit=2)) == 2
    zh = kb.timeline("乌克兰")
    assert zh.lang == "zh" and "俄罗斯" in zh[0].label
    assert kb.timeline("Kyiv").note == "'Kyiv' stands for Ukraine (UKR)"
    everything = kb.timeline()
    # (the exchange of views during the Lavrov–Rubio call folds into the call)
    assert everything.hidden["folded"] == 1
    assert len(everything) == (25 - everything.hidden["negated"] - everything.hidden["minor"]
                               - everything.hidden["folded"])
    by_salience = kb.timeline("Ukraine", sort="salience")
    dated = [e.salience for e in by_salience if e.date.basis != "publication"]
    assert len(dated) == 8 and dated == sorted(dated, reverse=True)


def test_timeline_errors(kb):
    with pytest.raises(kbq.NotFound, match="did you mean: Ukraine"):
        kb.timeline("Ukrane")
    with pytest.raises(kbq.InvalidArgument, match="since: '2022-13' is not a date"):
        kb.timeline("Ukraine", since="2022-13")
    with pytest.raises(kbq.InvalidArgument, match="sort: 'size' is not date or salience"):
        kb.timeline("Ukraine", sort="size")
    with pytest.raises(kbq.InvalidArgument, match="lang: 'fr' is not en or zh"):
        kb.timeline("Ukraine", lang="fr")
    with pytest.raises(kbq.InvalidArgument, match="top: must be 0 or more"):
        kb.timeline("Ukraine", top=-1)


def test_timeline_dataframe_columns_and_dtypes(kb):
    df = kb.timeline("Ukraine").to_pandas()
    assert list(df.columns) == [
        "id", "start", "end", "precision", "date", "approx", "basis", "type", "cameo", "label",
        "actors", "actor_ids", "location", "location_name", "modality", "confidence",
        "salience", "sources", "mentions", "articles"]
    assert str(df["start"].dtype) == "datetime64[ns]" and str(df["end"].dtype) == "datetime64[ns]"
    for column, dtype in [("approx", "bool"), ("confidence", "float64"), ("salience", "float64"),
                          ("sources", "int64"), ("mentions", "int64"), ("precision", "object")]:
        assert str(df[column].dtype) == dtype, column
    assert len(df) == 12
    # Dates at their precision: a year spans the year, a month the month.
    year = df[df["date"] == "2022"].iloc[0]
    assert (year["start"], year["end"], year["precision"]) == (
        pd.Timestamp("2022-01-01"), pd.Timestamp("2022-12-31"), "year")
    month = df[df["date"] == "2022-04"].iloc[0]
    assert (month["start"], month["end"], month["precision"]) == (
        pd.Timestamp("2022-04-01"), pd.Timestamp("2022-04-30"), "month")
    talks = df[df["id"] == "ev-66ff32ead3c561b7"].iloc[0]
    assert talks["mentions"] == 10 and talks["actor_ids"] == ("RUS", "UKR")
    assert talks["location_name"] == "Istanbul"
    # Events dated only by their report come last, on the publication day.
    assert set(df.tail(4)["basis"]) == {"publication"}
    assert (df.tail(4)["start"] == pd.Timestamp("2025-05-17")).all()


def test_an_empty_timeline_keeps_its_columns(kb):
    df = kb.timeline("Ukraine", since="1990", until="1991").to_pandas()
    assert len(df) == 0 and str(df["start"].dtype) == "datetime64[ns]"
    assert str(df["mentions"].dtype) == "int64"


# ------------------------------------------------------- show and actors


def test_show_an_event_and_an_actor(kb, examples_store):
    event = kb.show("ev-66ff32ead3c561b7")
    assert isinstance(event, kbq.Event) and event.type == "negotiate"
    assert event.to_dict() == cli_json(examples_store, "show", "ev-66ff32ead3c561b7")
    assert event.links and all(isinstance(l, kbq.Link) for l in event.links)
    assert event.mention_count == 10 and event.article_count == 1
    assert len(event.mentions) == 11 and event.mentions[0].article.startswith("art-")
    actor = kb.show("乌克兰")
    assert isinstance(actor, kbq.Actor) and actor.id == "UKR" and actor.name("zh") == "乌克兰"
    assert actor.event_count == 11 and actor.event_count_wide >= actor.event_count
    with pytest.raises(kbq.NotFound, match="no event with id ev-0000000000000000"):
        kb.show("ev-0000000000000000")


def test_actors_as_objects_and_a_dataframe(kb, examples_store):
    actors = kb.actors("ukr")
    assert actors.to_dict() == cli_json(examples_store, "actors", "ukr")
    assert actors[0].id == "UKR"
    df = actors.to_pandas()
    assert list(df.columns) == ["id", "kind", "name_en", "name_zh", "event_count",
                                "event_count_wide", "provisional", "part_of", "lat", "lon",
                                "source"]
    assert str(df["event_count"].dtype) == "int64" and str(df["lat"].dtype) == "float64"
    assert df.set_index("id").loc["UKR", "name_zh"] == "乌克兰"
    assert kb.actors("no such actor at all") == []
    assert kb.resolve("the Kremlin").id == "RUS"
    with pytest.raises(kbq.InvalidArgument):
        kb.resolve("")


def test_places_have_coordinates(kb):
    istanbul = kb.show("Istanbul")
    assert istanbul.kind == "place" and 40 < istanbul.lat < 42 and 28 < istanbul.lon < 30


# ------------------------------------------------ neighbors, chain, path


def test_neighbors(kb, examples_store):
    rows = kb.neighbors("ev-66ff32ead3c561b7", depth=1, kinds=["causal", "storyline"])
    assert rows.to_dict() == cli_json(examples_store, "neighbors", "ev-66ff32ead3c561b7",
                                      "--depth", "1", "--kind", "causal,storyline")
    assert rows[0].hops == 0 and rows[0].via is None
    assert all(r.hops == 1 and r.via.kind in ("causes", "enables", "storyline") for r in rows[1:])
    assert "hops" in rows.to_pandas().columns
    with pytest.raises(kbq.InvalidArgument, match="kinds: "):
        kb.neighbors("Ukraine", kinds="sideways")
    with pytest.raises(kbq.InvalidArgument, match="depth: must be at least 1"):
        kb.neighbors("Ukraine", depth=0)


def test_chain_back_to_the_roots(kb, examples_store):
    chain = kb.chain("ev-66ff32ead3c561b7")
    assert chain.to_dict() == cli_json(examples_store, "chain", "ev-66ff32ead3c561b7")
    assert [e.date.text for e in chain][0] == "2013..2014"
    start = [e for e in chain if e.hops == 0]
    assert [e.id for e in start] == ["ev-66ff32ead3c561b7"]
    df = chain.to_pandas()
    assert df["hops"].max() == 3 and str(df["hops"].dtype) == "int64"
    with pytest.raises(kbq.NotFound):
        kb.chain("ev-0000000000000000")


def test_path(kb, examples_store):
    path = kb.path("ev-1c800140f2e3cb4e", "ev-66ff32ead3c561b7")
    assert path.to_dict() == cli_json(examples_store, "path", "ev-1c800140f2e3cb4e",
                                      "ev-66ff32ead3c561b7")
    assert path.steps[0].id == "ev-1c800140f2e3cb4e" and path.steps[-1].id == "ev-66ff32ead3c561b7"
    assert path.cost > 0 and [s.hops for s in path.steps] == list(range(len(path.steps)))
    with pytest.raises(kbq.InvalidArgument, match="max_hops"):
        kb.path("Russia", "Ukraine", max_hops=0)


# ------------------------------------------------- export, check, stats


def test_export_formats(kb):
    lines = kb.export("jsonl", "Ukraine").splitlines()
    assert len(lines) == 12 and json.loads(lines[0])["date_precision"] == "year"
    frame = pd.read_json(kb.export("jsonl", "Ukraine"), lines=True)
    assert len(frame) == 12
    timelinejs = json.loads(kb.export("timelinejs", "Ukraine", top=5))
    assert len(timelinejs["events"]) == 5 and timelinejs["title"]
    assert kb.export("dot", since="2025").startswith("digraph")
    assert "<graphml" in kb.export("graphml", "Russia")
    assert json.loads(kb.export("cytoscape", "Ukraine"))
    with pytest.raises(kbq.InvalidArgument, match="unknown export format 'pdf'"):
        kb.export("pdf")


def test_check_and_stats(kb, examples_store):
    check = kb.check()
    assert check.ok and check.problems == [] and check.index_entries > 0
    assert check.to_dict() == cli_json(examples_store, "check")
    stats = kb.stats()
    assert (stats.articles, stats.events) == (1, 25) and stats.format_version >= 3
    assert stats.to_dict() == cli_json(examples_store, "stats")


# ------------------------------------------------------- tag and extract

SENTENCE = ("On 3 March 2024 the president of Finland met the prime minister of Sweden in "
            "Helsinki. The two leaders spoke again by phone the next day.")


def test_tag_text(kb):
    tags = kb.tag(SENTENCE, published="2024-03-05")
    assert [(t.text, t.start, t.precision) for t in tags.times] == [
        ("3 March 2024", datetime.date(2024, 3, 3), "day"),
        ("the next day", datetime.date(2024, 3, 4), "day")]
    # "the president of Finland" on 3 March 2024 is Alexander Stubb (in office since 1 March 2024).
    assert [a.id for a in tags.actors] == ["person:alexander-stubb", "SWE", "place:helsinki"]
    assert SENTENCE.encode()[slice(*tags.actors[0].span)].decode() == "president of Finland"
    df = tags.to_pandas()
    assert list(df["kind"]) == ["time", "actor", "actor", "actor", "time"]
    assert str(df["start"].dtype) == "datetime64[ns]" and str(df["span_begin"].dtype) == "int64"
    assert df.iloc[1]["name_zh"] == "斯图布"


def test_tag_chinese_text_and_a_file(tmp_path):
    tags = kbq.tag("2023年3月10日，沙特阿拉伯和伊朗在北京宣布恢复外交关系。", published="2023-03-11")
    assert tags.times[0].start == datetime.date(2023, 3, 10)
    assert {"SAU", "IRN"} <= {a.id for a in tags.actors}
    path = tmp_path / "note.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    assert kbq.tag(path=path, published="2024-03-05").to_dict() == \
        kbq.tag(SENTENCE, published="2024-03-05").to_dict()


def test_tag_and_extract_errors(tmp_path):
    with pytest.raises(kbq.Error, match="missing.txt: No such file") as e:
        kbq.tag(path=tmp_path / "missing.txt")
    assert e.value.code == "io_error"
    with pytest.raises(kbq.InvalidArgument, match="published: 'x' is not a time"):
        kbq.extract(SENTENCE, published="x")
    with pytest.raises(kbq.InvalidArgument, match="not both"):
        kbq.tag(SENTENCE, path=tmp_path / "a.txt")


def test_extract_text(kb):
    result = kb.extract(SENTENCE, published="2024-03-05")
    meeting = [e for e in result.events if e.date.text == "2024-03-03"]
    assert meeting and [a.id for a in meeting[0].actors] == ["person:alexander-stubb", "SWE"]
    span = meeting[0].mentions[0].input_span
    assert span is not None and "Finland" in SENTENCE.encode()[span[0]:span[1]].decode()
    df = result.to_pandas()
    assert len(df) == len(result.events) and str(df["start"].dtype) == "datetime64[ns]"
    assert result.to_dict()[: len(result.events)] == result.events.to_dict()
    zh = kbq.extract(SENTENCE, published="2024-03-05", lang="zh")
    assert "斯图布" in zh.events[0].label and "瑞典" in zh.events[0].label


# ----------------------------------------------------------- the model


def test_every_json_field_has_an_attribute(kb):
    """The objects must follow the library's JSON: a field added there fails
    here until the object has it."""
    import dataclasses

    def names(cls):
        return {"from" if f.name == "from_" else f.name for f in dataclasses.fields(cls)}

    events = kb.chain("ev-66ff32ead3c561b7").to_dict()
    for e in events:
        assert set(e) <= names(kbq.Event), set(e) - names(kbq.Event)
        assert set(e["date"]) <= names(kbq.Date)
        for m in e["mentions"]:
            assert set(m) <= names(kbq.Mention)
        for link in e["links"]:
            assert set(link) <= names(kbq.Link)
    for a in kb.actors("").to_dict():
        assert set(a) <= names(kbq.Actor), set(a) - names(kbq.Actor)


def test_import_works_without_pandas(tmp_path):
    script = (
        "import sys; sys.modules['pandas'] = None\n"
        "import kbq\n"
        "tags = kbq.tag('Finland met Sweden on 3 March 2024.', published='2024-03-05')\n"
        "assert tags.actors[0].id == 'FIN'\n"
        "try:\n"
        "    tags.to_pandas()\n"
        "except ImportError as e:\n"
        "    print(e)\n")
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    assert "python3-pandas" in out.stdout


# --------------------------------------------------- threads and locks


def test_threads_read_while_one_ingests(tmp_path, source_dir):
    kb = kbq.open(tmp_path / "kb.db", create=True)
    done = threading.Event()
    counts, errors, during = [], [], []

    def write():
        try:
            kb.ingest(source_dir / "examples")
            for article in ARTICLES:
                kb.ingest_article(**article)
        finally:
            done.set()

    def read():
        try:
            last = 0
            while not done.is_set():
                shown = len(kb.timeline())
                n = kb.stats().events
                assert n >= last and shown <= n
                last = n
                during.append(n)
            counts.append(kb.stats().events)
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    readers = [threading.Thread(target=read) for _ in range(3)]
    writer = threading.Thread(target=write)
    for t in readers + [writer]:
        t.start()
    for t in readers + [writer]:
        t.join()
    assert errors == []
    # The readers ran while the writer held no GIL.
    assert len(during) > 3
    final = kb.stats()
    assert final.articles == 1 + len(ARTICLES) and counts == [final.events] * 3
    kb.close()


def test_a_read_only_store_serves_many_threads(kb):
    expected = kb.timeline("Ukraine").to_dict()

    def ask(i):
        if i % 3 == 0:
            return kb.timeline("Ukraine").to_dict() == expected
        if i % 3 == 1:
            return kb.show("ev-66ff32ead3c561b7").id == "ev-66ff32ead3c561b7"
        return len(kb.chain("ev-66ff32ead3c561b7")) == 7

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(ask, range(96)))


def test_a_locked_store_raises_busy(tmp_path, examples_store):
    # Another process holds the store open for writing until told to stop.
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, kbq\nkb = kbq.open(sys.argv[1])\nprint('open', flush=True)\nsys.stdin.read()\n",
         str(examples_store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(kbq.Busy, match="store is locked by another kbq process") as e:
            kbq.open(examples_store)
        assert e.value.code == "busy"
        # Readers never lock: the store still answers.
        with kbq.open(examples_store, read_only=True) as reader:
            assert reader.stats().events == 25
    finally:
        holder.communicate("")
    assert holder.returncode == 0
    # Within one process the second writer is refused the same way.
    with kbq.open(examples_store):
        with pytest.raises(kbq.Busy):
            kbq.open(examples_store)
