"""Shared fixtures. GUI tests run offscreen; real-data tests skip without ../shared/data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import desktop  # noqa: E402,F401  (protects None from PySide6 6.12's lost references before any Qt call of the suite)

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("LAMPLIGHT_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Lamplight data folder, also set as LAMPLIGHT_DATA_DIR."""
    folder = tmp_path / "lamplight-data"
    folder.mkdir()
    monkeypatch.setenv("LAMPLIGHT_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def other_schools(tmp_path_factory):
    """``other_schools(key=None)``: the update files of three other schools' demo classes (see
    ``tests.district.schools.other_demo_schools``), made once a session for each signing key."""
    from tests.district.schools import other_demo_schools

    made: dict[bytes | None, list[Path]] = {}

    def updates(key: bytes | None = None) -> list[Path]:
        if key not in made:
            made[key] = other_demo_schools(tmp_path_factory.mktemp("other-schools"), key)
        return made[key]

    return updates


def shared_dataset(name: str) -> Path:
    """Path of a dataset in ../shared/data, or skip the test with the reason."""
    folder = SHARED_DATA / name
    if not (folder / "responses.csv.gz").exists():
        pytest.skip(f"real dataset {name!r} not found at {folder} (../shared/data is absent)")
    return folder
