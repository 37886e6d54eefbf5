"""N-Triples shards for bulk loaders: every triple once, in order, subjects never split, the
folder replaced as one set."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from hormgraph.errors import HormgraphError
from hormgraph.shards import write_shards


def _subject(line: str) -> str:
    return line.split(" ", 1)[0]


def test_shards_hold_every_triple_once_in_order_and_keep_subjects_whole(
        outputs: Path, tmp_path: Path) -> None:
    whole = outputs / "hormgraph.nt"
    lines = whole.read_text(encoding="utf-8").splitlines(keepends=True)
    shards = write_shards(whole, tmp_path / "shards", triples=1000, jobs=2)
    assert [p.name for p in shards] == [f"part-{i:05d}.nt" for i in range(1, len(shards) + 1)]
    parts = [p.read_text(encoding="utf-8").splitlines(keepends=True) for p in shards]
    assert [line for part in parts for line in part] == lines
    assert len(shards) == pytest.approx(len(lines) / 1000, abs=1.5)
    subjects = [{_subject(line) for line in part} for part in parts]
    for i, one in enumerate(subjects):
        for other in subjects[i + 1:]:
            assert not one & other  # a subject's triples are in one shard only
    for path in shards:  # each shard loads on its own
        assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))) > 0


def test_a_new_cut_replaces_the_old_one_whole(outputs: Path, tmp_path: Path) -> None:
    whole = outputs / "hormgraph.nt"
    folder = tmp_path / "shards"
    many = write_shards(whole, folder, triples=500)
    few = write_shards(whole, folder, triples=4000)
    assert len(few) < len(many)
    assert sorted(folder.iterdir()) == few  # no shard of the longer cut stayed behind


def test_blank_nodes_are_refused_with_their_line(tmp_path: Path) -> None:
    source = tmp_path / "g.nt"
    source.write_text('<http://a/s> <http://a/p> "x _:b" .\n'
                      "<http://a/s> <http://a/p> _:b1 .\n", encoding="utf-8")
    with pytest.raises(HormgraphError, match=r"g\.nt: line 2: a blank node"):
        write_shards(source, tmp_path / "out", triples=1)
    assert not (tmp_path / "out").exists()


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "g.nt").write_bytes(b"")
    with pytest.raises(HormgraphError, match="holds no triples"):
        write_shards(tmp_path / "g.nt", tmp_path / "out")


def test_the_shard_command_cuts_and_reports(outputs: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    from hormgraph.cli import main

    folder = tmp_path / "shards"
    assert main(["shard", "--graph", str(outputs / "hormgraph.nt"), "--triples", "2000",
                 "-o", str(folder)]) == 0
    assert capsys.readouterr().out.startswith(f"{len(list(folder.iterdir()))} shards of about")
    assert main(["shard", "--graph", str(tmp_path / "none.nt"), "-o", str(folder)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "none.nt: cannot read" in error
