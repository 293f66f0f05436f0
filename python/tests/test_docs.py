"""docs/python.md is run as a notebook would run it: every ```python block in
order, in one namespace, from a folder holding the repository's examples/;
a ```text block right after a python block is what that block must print.
So the walk-through cannot drift from the module."""

import contextlib
import io
import pathlib
import re

import pytest

DOC = "docs/python.md"


def read_blocks(path: pathlib.Path):
    """[(line, code, expected output or None)] in document order."""
    blocks, fence, start, body = [], None, 0, []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if fence is None:
            m = re.match(r"^```(\w*)\s*$", line)
            if m:
                fence, start, body = m.group(1), n, []
            elif line.strip() and blocks and blocks[-1][2] is None:
                blocks[-1] = (*blocks[-1][:2], False)  # prose: no output block follows
            continue
        if line.startswith("```"):
            text = "\n".join(body) + "\n"
            if fence == "python":
                blocks.append((start, text, None))
            elif fence == "text" and blocks and blocks[-1][2] is None:
                blocks[-1] = (blocks[-1][0], blocks[-1][1], text)
            fence = None
            continue
        body.append(line)
    return [(n, code, out or None) for n, code, out in blocks]


def tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def test_python_md_walk_through_runs_and_prints_what_it_shows(source_dir, tmp_path, monkeypatch):
    blocks = read_blocks(source_dir / DOC)
    assert len(blocks) >= 6, "docs/python.md lost its examples"
    assert "kb.ingest" in blocks[0][1]
    assert sum(out is not None for _, _, out in blocks) >= 4
    (tmp_path / "examples").symlink_to(source_dir / "examples")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "__main__"}
    for line, code, expected in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{DOC}:{line}", "exec"), namespace)  # noqa: S102 - the doc's code
        if expected is not None:
            assert tidy(out.getvalue()) == tidy(expected), f"{DOC}:{line} printed other output"
    # The plot was drawn and saved.
    assert (tmp_path / "ukraine_by_month.png").stat().st_size > 1000
    if "kb" in namespace and not namespace["kb"].closed:
        namespace["kb"].close()


def test_the_reader_finds_output_blocks(tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("```python\nprint(1)\n```\n```text\n1\n```\n\nprose\n\n```python\nx = 2\n```\n"
                   "Some prose.\n```text\nnot output\n```\n", encoding="utf-8")
    assert read_blocks(doc) == [(1, "print(1)\n", "1\n"), (10, "x = 2\n", None)]


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__])
