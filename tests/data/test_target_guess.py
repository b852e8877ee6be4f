"""The Open data dialog's guess of the target column, on files written here."""
from pathlib import Path

import numpy as np

from backpropviz.data import peek_table
from backpropviz.data.target_guess import LAST, NAMED, ONLY_TEXT, guess_target


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_only_text_column_wins_even_when_it_is_first(tmp_path):
    p = write(tmp_path / "a.csv", "kind,w,h\ncat,1.0,2.0\ndog,3.0,4.5\ncat,2.0,1.0\n")
    assert guess_target(peek_table(p)) == (0, ONLY_TEXT)


def test_a_column_named_like_a_label_wins_over_position_and_type(tmp_path):
    p = write(tmp_path / "b.csv", "x1,Class,x2,note\n1,0,2,a\n3,1,4,b\n5,0,6,c\n")
    assert guess_target(peek_table(p)) == (1, NAMED)


def test_no_hint_means_the_last_column(tmp_path):
    p = write(tmp_path / "c.csv", "a,b,c\n1,2,3\n4,5,6\n")
    assert guess_target(peek_table(p)) == (2, LAST)


def test_two_text_columns_and_no_name_fall_back_to_the_last(tmp_path):
    p = write(tmp_path / "d.csv", "a,b,c\nu,2,v\nw,5,z\n")
    assert guess_target(peek_table(p)) == (2, LAST)


def test_a_headerless_file_is_not_fooled_by_its_made_up_names(tmp_path):
    p = write(tmp_path / "e.csv", "1,2,0\n3,4,1\n5,6,0\n")
    assert guess_target(peek_table(p))[0] == 2


def test_npy_takes_the_last_column(tmp_path):
    p = tmp_path / "f.npy"
    np.save(p, np.arange(12.0).reshape(4, 3))
    assert guess_target(peek_table(p))[0] == 2
