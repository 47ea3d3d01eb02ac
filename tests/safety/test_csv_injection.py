"""No CSV export writes a cell a spreadsheet would run as a formula (issue 14, item 7).

Cells starting with = + - @ tab or CR get a leading apostrophe on export; the
store keeps the true value, plain numbers such as -3 stay numbers, and the
importers read an exported file back to the true values.
"""
from __future__ import annotations

import csv
import io

import pytest

from engine.cli import main
from engine.csv_files import safe_cell, unescape_cell
from engine.security.data_rights import export_class_pseudonymised, export_student
from engine.store import Store
from engine.store.exporters import export_responses, export_roster
from engine.store.importers import import_responses, read_roster

ATTACKS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                assert _is_number(cell), (cell, row)  # only a plain number may start so


@pytest.fixture()
def hostile_class(data_dir):
    with Store.open(data_dir) as store:
        class_id = store.create_class("4B")
        skill = store.add_skill("Sums", skill_id="sums")
        numeric = store.add_exercise("2 - 5 = ?", "numeric", "-3", skills=[skill], key="=HYPERLINK(\"x\")")
        ids = []
        for n, attack in enumerate(ATTACKS):
            student = store.add_student(class_id, f"{attack} {n}".strip() if attack[0] in "\t\r" else attack + f" {n}",
                                        external_id=f"-id{n}", group="@team")
            ids.append(student)
            store.record_response(student, numeric, True, answer="-3")
            store.record_response(student, numeric, False, answer=attack)
        yield store, class_id, ids


def test_roster_and_responses_exports_neutralise_and_read_back(hostile_class, tmp_path):
    store, class_id, _ = hostile_class
    roster = export_roster(store, class_id, tmp_path / "roster.csv")
    log = export_responses(store, class_id, tmp_path / "log.csv")
    for path in (roster, log):
        assert_no_formula(cells(path))
    rows = cells(log)
    answers = [row[rows[0].index("answer")] for row in rows[1:]]
    assert "-3" in answers and "'=cmd|' /C calc'!A0" in answers  # the number stays a number
    assert sorted((r.name, r.external_id) for r in read_roster(roster)) == sorted(
        (s.name, s.external_id) for s in store.list_students(class_id))
    report = import_responses(store, log, class_name="Copy")
    copied = sorted(r.answer for r in store.responses_for_class(report.class_id))
    assert report.responses == 2 * len(ATTACKS)
    assert copied == sorted(r.answer.strip() for r in store.responses_for_class(class_id))  # true values (imports trim spaces)
    assert any(a.startswith("=cmd") for a in copied)


def test_student_export_and_class_share_neutralise(hostile_class, tmp_path):
    store, class_id, ids = hostile_class
    for n, student in enumerate(ids):
        path = export_student(store, student, tmp_path / f"student-{n}.csv")
        assert_no_formula(cells(path))
    share = export_class_pseudonymised(store, class_id, tmp_path / "share.csv")
    assert_no_formula(cells(share))
    assert "'=HYPERLINK" in share.read_text(encoding="utf-8")


def test_the_store_keeps_the_true_values(hostile_class, tmp_path):
    store, class_id, _ = hostile_class
    export_roster(store, class_id, tmp_path / "roster.csv")
    assert sorted(s.name for s in store.list_students(class_id))[0].startswith(("\t", "\r", "+", "-", "=", "@"))
    assert store.exercise_by_key("=HYPERLINK(\"x\")") is not None


def test_report_csv_neutralises(tmp_path):
    from engine.adapt.reports import write_csv

    path = write_csv([{"student": "=cmd|' /C calc'!A0", "score": -3, "note": "-1"}, {"student": "Ana", "extra": "@x"}],
                     tmp_path / "report.csv")
    rows = cells(path)
    assert rows[0] == ["student", "score", "note", "extra"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "-3", "-1", ""] and rows[2] == ["Ana", "", "", "'@x"]


def test_cli_exports_neutralise(hostile_class, data_dir, tmp_path):
    store, class_id, _ = hostile_class
    out = tmp_path / "cli-roster.csv"
    assert main(["--data-dir", str(data_dir), "export", "roster", "--class", "4B", "--out", str(out)]) == 0
    assert_no_formula(cells(out))
    out = tmp_path / "cli-share.csv"
    assert main(["--data-dir", str(data_dir), "class-share", str(class_id), str(out)]) == 0
    assert_no_formula(cells(out))


@pytest.mark.parametrize("value", ATTACKS + ["'=x", "'", "''", "Ana", "-", "-3", "+0.5", "1e5", "李小龙", ""])
def test_escaping_round_trips(value):
    written = safe_cell(value)
    assert unescape_cell(written) == value
    assert not written.startswith(FORMULA_STARTS) or float(written) is not None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
