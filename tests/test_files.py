"""`upheld.files`: a product file is written whole under its own name, or not at all."""

import os

import pytest

from upheld import files


def test_a_file_appears_whole_with_the_usual_mode(tmp_path):
    previous = os.umask(0o027)
    try:
        files.write_atomically(tmp_path / "letter.html", "<p>Dear Chief Executive</p>")
    finally:
        os.umask(previous)
    assert [path.name for path in tmp_path.iterdir()] == ["letter.html"]
    assert (tmp_path / "letter.html").read_text() == "<p>Dear Chief Executive</p>"
    assert (tmp_path / "letter.html").stat().st_mode & 0o777 == 0o640


def test_a_block_that_fails_leaves_the_earlier_file_and_no_temporary_one(tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"%PDF earlier %%EOF")
    with pytest.raises(RuntimeError), files.atomic_file(path) as file:
        file.write(b"%PDF half")
        raise RuntimeError("typesetting failed")
    assert [child.name for child in tmp_path.iterdir()] == ["letter.pdf"]
    assert path.read_bytes() == b"%PDF earlier %%EOF"


def test_a_failed_write_is_one_line_naming_the_folder_and_the_cause(tmp_path):
    with pytest.raises(files.WriteFailed) as failed:
        files.write_atomically(tmp_path / "missing" / "letter.pdf", b"%PDF")
    assert str(failed.value) == f"cannot write to {tmp_path / 'missing'}: No such file or directory"


def test_a_symbolic_link_at_the_temporary_name_is_not_followed(tmp_path):
    target = tmp_path / "elsewhere"
    target.write_text("not ours")
    files.partial_name(tmp_path / "letter.pdf").symlink_to(target)
    with pytest.raises(files.WriteFailed, match="Too many levels of symbolic links"):
        files.write_atomically(tmp_path / "letter.pdf", b"%PDF")
    assert target.read_text() == "not ours" and not (tmp_path / "letter.pdf").exists()


def test_a_staged_folder_replaces_the_earlier_one_only_when_whole(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("earlier")
    with pytest.raises(files.WriteFailed), files.staged_folder(out, replace=True) as staged:
        (staged / "index.html").write_text("new")
        raise files.WriteFailed("cannot write to site: the disk is full")
    assert (out / "index.html").read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["site"]
    with files.staged_folder(out, replace=True) as staged:
        (staged / "index.html").write_text("new")
    assert (out / "index.html").read_text() == "new" and [p.name for p in tmp_path.iterdir()] == ["site"]


def test_files_written_together_are_each_whole_and_a_failure_is_raised_after_the_others(tmp_path):
    (tmp_path / "sheets").mkdir()
    contents = {tmp_path / "letter.pdf": b"%PDF %%EOF", tmp_path / "missing" / "received.xlsx": b"PK",
                tmp_path / "sheets" / "decided.xlsx": b"PK decided"}
    with pytest.raises(files.WriteFailed, match=f"cannot write to {tmp_path / 'missing'}: No such file"):
        files.write_all_atomically(contents)
    assert (tmp_path / "letter.pdf").read_bytes() == b"%PDF %%EOF"
    assert [path.name for path in (tmp_path / "sheets").iterdir()] == ["decided.xlsx"]
    assert (tmp_path / "sheets" / "decided.xlsx").read_bytes() == b"PK decided"
