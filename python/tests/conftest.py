"""Shared fixtures: the repository, and a store filled from examples/ by the
real pipeline once per session (tests then open it read-only)."""

import os
import pathlib
import shutil

import pytest

import kbq

SOURCE = pathlib.Path(os.environ.get("KBQ_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="session")
def source_dir() -> pathlib.Path:
    return SOURCE


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> pathlib.Path:
    """The path of a store holding examples/ (closed: open it yourself)."""
    path = tmp_path_factory.mktemp("examples") / "kbq.db"
    with kbq.open(path, create=True) as kb:
        summary = kb.ingest([SOURCE / "examples"], threads=2)
    assert summary.ingested == 1, summary
    return path


@pytest.fixture()
def kb(examples_store):
    """The examples store, read-only."""
    with kbq.open(examples_store, read_only=True) as opened:
        yield opened


@pytest.fixture()
def writable(tmp_path, examples_store):
    """A read-write copy of the examples store."""
    path = tmp_path / "copy.db"
    shutil.copytree(examples_store, path)
    with kbq.open(path) as opened:
        yield opened
