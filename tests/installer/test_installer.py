"""The installer's pieces that run without a build: entry dispatch, self-test, metadata.

The bundle itself is built and checked by ``test_bundle.py`` (slow).
"""
from __future__ import annotations

import configparser
import importlib
import math
import subprocess
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
    assert "written answers marked: LearnedMarker from marking suggested 2:right" in output
    assert (tmp_path / "worksheet.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "data").is_dir()


def test_marking_check_fails_when_the_model_ranks_a_wrong_answer_first(installer_modules, monkeypatch):
    _, smoke_entry, _ = installer_modules
    import numpy as np

    import engine.marking.marker as marker

    class Backwards:
        """Suggests the reverse of a fair marker: wrong answers likely right."""

        def predict(self, question, support, labels):
            p = np.full(len(question.answers), 0.9)
            p[list(smoke_entry.MARKING_RIGHT)] = 0.1
            return p

        def auto_threshold(self, k, has_reference=True):
            return 0.95

    monkeypatch.setattr(marker, "load_default_marker", lambda path=None: Backwards())
    with pytest.raises(RuntimeError, match="ranks a wrong answer above a right one"):
        smoke_entry.check_marking()


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


# --- Qt's xcb platform plugin: the X libraries the bundle carries (installer/xcb_libs.py) ---

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb plugin is Linux only")


@pytest.fixture()
def xcb_libs(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(INSTALLER))
    return importlib.import_module("xcb_libs")


def pyside_xcb_plugin() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"


@linux_only
def test_the_bundled_list_covers_every_xcb_util_and_xkbcommon_library_qt_links(xcb_libs):
    resolved = xcb_libs.ldd_resolved(pyside_xcb_plugin())
    assert resolved, "ldd found no libraries"
    needed = {name for name in resolved if name.startswith(("libxcb-", "libxkbcommon"))}
    xcb_core = {"libxcb-randr.so.0", "libxcb-render.so.0", "libxcb-shape.so.0", "libxcb-shm.so.0",
                "libxcb-sync.so.1", "libxcb-xfixes.so.0", "libxcb-xkb.so.1"}  # libxcb's own extensions, bundled by PyInstaller
    assert needed - xcb_core == set(xcb_libs.QT_XCB_LIBRARIES)
    assert "libxcb-cursor.so.0" in xcb_libs.QT_XCB_LIBRARIES
    assert not any(xcb_libs.BASE_X_LIBRARIES.match(name) for name in xcb_libs.QT_XCB_LIBRARIES)
    for base in ("libc.so.6", "libxcb.so.1", "libX11.so.6", "libGL.so.1", "/lib64/ld-linux-x86-64.so.2"):
        assert xcb_libs.BASE_X_LIBRARIES.match(base), base


@linux_only
def test_system_library_and_ldd_agree_on_where_each_xcb_library_is(xcb_libs):
    resolved = xcb_libs.ldd_resolved(pyside_xcb_plugin())
    for soname in xcb_libs.QT_XCB_LIBRARIES:
        found = xcb_libs.system_library(soname)
        if found is None:  # a bare machine: ldd cannot find it either
            assert resolved.get(soname) is None
        else:
            assert Path(resolved[soname]).resolve() == found.resolve()
    assert xcb_libs.system_library("libno-such-library.so.7") is None


def test_apt_line_names_each_package_once(xcb_libs):
    packages = xcb_libs.APT_LINE.split()[3:]
    assert xcb_libs.APT_LINE.startswith("sudo apt-get install ") and "libxcb-cursor0" in packages
    assert sorted(packages) == sorted(set(xcb_libs.QT_XCB_LIBRARIES.values()))


@linux_only
def test_build_says_what_to_install_when_not_root(installer_modules, xcb_libs, monkeypatch, capsys):
    _, _, build = installer_modules
    monkeypatch.setattr(xcb_libs, "missing_packages", lambda: ["libxcb-cursor0"])
    monkeypatch.setattr(build.os, "geteuid", lambda: 1000)
    ran = []
    monkeypatch.setattr(build.subprocess, "run", lambda *a, **k: ran.append(a))
    assert build.ensure_qt_xcb_libraries() is False
    err = capsys.readouterr().err
    assert "libxcb-cursor0" in err and xcb_libs.APT_LINE in err and "not running as root" in err
    assert ran == []  # nothing installed


@linux_only
def test_build_installs_the_missing_packages_as_root(installer_modules, xcb_libs, monkeypatch):
    _, _, build = installer_modules
    missing = [["libxcb-cursor0", "libxcb-icccm4"], []]  # before and after apt-get
    monkeypatch.setattr(xcb_libs, "missing_packages", lambda: missing.pop(0))
    monkeypatch.setattr(build.os, "geteuid", lambda: 0)
    monkeypatch.setattr(build.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    ran = []
    monkeypatch.setattr(build.subprocess, "run", lambda command, **k: ran.append(command) or subprocess.CompletedProcess(command, 0))
    assert build.ensure_qt_xcb_libraries() is True
    assert ran == [["/usr/bin/apt-get", "install", "-y", "--no-install-recommends", "libxcb-cursor0", "libxcb-icccm4"]]


@linux_only
def test_smoke_check_fails_a_bundle_whose_xcb_plugin_takes_libraries_from_the_system(installer_modules, tmp_path, capsys):
    import shutil

    smoke = importlib.import_module("smoke")  # installer/ is on sys.path through installer_modules
    platforms = tmp_path / "lamplight" / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    shutil.copy(pyside_xcb_plugin(), platforms / "libqxcb.so")  # without Qt's libraries or the xcb ones beside it
    with pytest.raises(SystemExit, match="FAILED: xcb libraries"):
        smoke.check_xcb_libraries(tmp_path / "lamplight")
    assert "from the bundle" in capsys.readouterr().out
