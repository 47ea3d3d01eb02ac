"""The installer's pieces that run without a build: entry dispatch, self-test, metadata.

The bundle itself is built and checked by ``test_bundle.py`` (slow).
"""
from __future__ import annotations

import configparser
import importlib
import math
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


@pytest.fixture()
def installer_modules(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(INSTALLER))
    return importlib.import_module("entry"), importlib.import_module("smoke_entry"), importlib.import_module("build")


@pytest.mark.parametrize(
    ("argv", "program", "expected_args"),
    [
        (["/opt/lamplight/lamplight-engine", "store", "info"], "engine", ["store", "info"]),
        (["/opt/lamplight/lamplight", "engine", "store", "info"], "engine", ["store", "info"]),
        (["C:/Lamplight/lamplight.exe", "engine", "--help"], "engine", ["--help"]),
        (["/opt/lamplight/lamplight-smoke", "/tmp/out"], "smoke", ["/tmp/out"]),
        (["/opt/lamplight/lamplight", "smoke-test", "/tmp/out"], "smoke", ["/tmp/out"]),
        (["/opt/lamplight/lamplight", "--data-dir", "/tmp/d"], "desktop", ["--data-dir", "/tmp/d"]),
        (["/opt/lamplight/lamplight"], "desktop", []),
    ],
)
def test_entry_picks_the_program_by_name_or_first_argument(installer_modules, monkeypatch, argv, program, expected_args):
    entry, smoke_entry, _ = installer_modules
    import desktop.app
    import engine.cli

    calls = []
    monkeypatch.setattr(engine.cli, "main", lambda args: calls.append(("engine", args)) or 0)
    monkeypatch.setattr(smoke_entry, "main", lambda args: calls.append(("smoke", args)) or 0)
    monkeypatch.setattr(desktop.app, "main", lambda args: calls.append(("desktop", args)) or 0)
    monkeypatch.setattr(sys, "argv", argv)
    assert entry.main() == 0
    assert calls == [(program, expected_args)]


def test_meta_learning_check_produces_a_finite_meta_gradient(installer_modules):
    _, smoke_entry, _ = installer_modules
    loss = smoke_entry.check_meta_learning()
    assert math.isfinite(loss) and 0 < loss < math.log(2) + 1e-6  # two inner steps beat the zero initialisation


def test_self_test_makes_the_demo_class_and_a_worksheet_pdf(installer_modules, tmp_path, capsys):
    _, smoke_entry, _ = installer_modules
    assert smoke_entry.main([str(tmp_path)]) == 0
    output = capsys.readouterr().out
    assert "smoke test passed" in output and "predictions in (0, 1)" in output
    assert (tmp_path / "worksheet.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "data").is_dir()


def test_self_test_refuses_a_data_folder_in_use(installer_modules, tmp_path, capsys):
    _, smoke_entry, _ = installer_modules
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "keep.txt").write_text("a teacher's file")
    assert smoke_entry.main([str(tmp_path)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "data" / "keep.txt").read_text() == "a teacher's file"
    assert smoke_entry.main([]) == 2


def test_archive_version_matches_the_app_version(installer_modules):
    _, _, build = installer_modules
    from engine import __version__

    assert build.project_version() == __version__


def test_desktop_entry_names_the_program_and_an_existing_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "lamplight.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].split()[0] == "lamplight"
    assert section["Terminal"] == "false" and "Education;" in section["Categories"]
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.svg").read_text().startswith("<svg")
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
