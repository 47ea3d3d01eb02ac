"""Hostile inputs and closed outputs give a message, never a traceback or a lost recovery key (issue 14, item 16)."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.security import teacher
from engine.store import Store

ROOT = Path(__file__).resolve().parents[2]
PACK_HEAD = '{"format": "lamplight-pack", "version": 1, "id": "p", "skills": [{"id": "a", "name": "A"}], "x": '


@pytest.mark.parametrize("tail, expected", [
    ("[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ("9" * 5000 + "}", "5000 digits"),
    ('"\\ud800"}', "lone surrogate"),
    ("1e999}", "the number 1e999, too large to keep"),  # review 43b: stored as Infinity, every later backup refused
    ("NaN}", "NaN, which is not a number"),
])
def test_hostile_json_is_refused_with_a_message(data_dir, tmp_path, capsys, tail, expected):
    pack = tmp_path / "pack.json"
    pack.write_text(PACK_HEAD + tail, encoding="utf-8")
    code = main(["--data-dir", str(data_dir), "import-pack", str(pack)])
    err = capsys.readouterr().err
    assert code == 1 and expected in err and str(pack) in err, err
    with Store.open(data_dir) as store:
        assert store.list_exercises() == [] and store.counts()["skills"] == 0


def test_a_template_of_100k_operators_gives_a_message(data_dir, tmp_path):
    bomb = {"format": "lamplight-pack", "version": 1, "id": "bomb", "skills": [{"id": "s", "name": "S"}],
            "templates": [{"id": "t", "kind": "numeric", "skills": ["s"], "params": {"a": [[1, 2]] * 5},
                           "prompt": "{a}?", "answer": "{" + "+".join(["a"] * 100_000) + "}"}]}
    pack = tmp_path / "bomb.json"
    pack.write_text(json.dumps(bomb), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "engine", "--data-dir", str(data_dir), "import-pack", str(pack)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.startswith("error:"), done.stderr


def test_password_set_into_a_pipe_refuses_before_changing_anything(data_dir, capsys, monkeypatch):
    Store.open(data_dir).close()
    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO("owl-42-lantern\nowl-42-lantern\n"))
    code = main(["--data-dir", str(data_dir), "password", "set"])  # stdout is not a terminal here
    assert code == 1 and "not a terminal" in capsys.readouterr().err
    with Store.open(data_dir) as store:
        assert not teacher.credentials(store).is_set()


def test_a_broken_pipe_loses_no_recovery_key(data_dir, capsys, monkeypatch):
    """``password set --yes | head -c 10``: the key cannot be shown, so no password is set with it."""
    Store.open(data_dir).close()

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setenv("LAMPLIGHT_PASSWORD_STDIN", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO("owl-42-lantern\nowl-42-lantern\n"))
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    code = main(["--data-dir", str(data_dir), "password", "set", "--yes"])
    assert code == 1 and "nothing was changed" in capsys.readouterr().err
    with Store.open(data_dir) as store:
        assert not teacher.credentials(store).is_set()


def test_output_closed_early_gives_one_line_not_a_traceback(data_dir):
    """``python -m engine doctor | head -c 1`` with the reader gone before the first write."""
    Store.open(data_dir).close()
    script = ("import os, sys\nr, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
              "from engine.cli import main\nsys.exit(main(sys.argv[1:]))")
    done = subprocess.run([sys.executable, "-c", script, "--data-dir", str(data_dir), "doctor"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "was closed" in done.stderr, done.stderr
