"""The store commands of ``python -m engine``, run in-process through engine.cli.main."""
from __future__ import annotations

import gzip

import pytest

from engine.cli import main
from engine.store import Store
from engine.store.starter_pack import starter_pack_path


def test_doctor_on_a_fresh_folder_creates_nothing(data_dir, capsys):
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"data folder:    {data_dir}" in out
    assert "not created yet: run init" in out
    assert "backups:        none yet" in out
    assert "packages:" in out and "sqlite-utils" in out
    assert not (data_dir / "lamplight.sqlite3").exists()


def test_doctor_after_init_and_demo(data_dir, capsys):
    assert main(["init"]) == 0
    assert main(["demo", "--students", "6", "--weeks", "1"]) == 0
    assert main(["backup"]) == 0
    capsys.readouterr()
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    from engine.store.migrations import LATEST_VERSION

    assert f"schema version: {LATEST_VERSION} (latest {LATEST_VERSION})" in out
    assert "integrity:      ok" in out
    assert "1 classes, 6 students" in out
    assert "backups:        1 in" in out and "minutes ago" in out


def test_data_dir_option_wins_over_environment(data_dir, tmp_path, capsys):
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "init"]) == 0
    assert (other / "lamplight.sqlite3").exists() and not (data_dir / "lamplight.sqlite3").exists()


def test_import_export_restore_round(data_dir, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,external_id,group\nAna,u1,Red\nBen,u2,\n", encoding="utf-8")
    assert main(["import-roster", str(roster), "--class", "4B"]) == 0
    log = tmp_path / "log.csv.gz"
    log.write_bytes(gzip.compress(b"student_id,item_id,skill_ids,correct,position\nu1,i1,k1,1,0\nu2,i1,k1,0,0\nu3,i2,,1,0\n"))
    assert main(["import-responses", str(log), "--class", "4B"]) == 0
    assert "3 answers into class '4B' (1 new student," in capsys.readouterr().out
    assert main(["import-pack", str(starter_pack_path())]) == 0
    out_roster, out_log, out_pack = tmp_path / "r.csv", tmp_path / "l.csv", tmp_path / "p.json"
    assert main(["export", "roster", "--class", "4b", "--out", str(out_roster)]) == 0
    assert main(["export", "responses", "--class", "4B", "--out", str(out_log)]) == 0
    assert main(["export", "pack", "--out", str(out_pack)]) == 0
    assert out_roster.read_text(encoding="utf-8").splitlines()[:2] == ["name,external_id,group", "Ana,u1,Red"]
    assert len(out_log.read_text(encoding="utf-8").splitlines()) == 4
    assert main(["backup"]) == 0
    with Store.open() as store:
        store.delete_class(store.find_class("4B").id)
    capsys.readouterr()
    assert main(["restore"]) == 0
    listing = capsys.readouterr().out
    assert "  1  " in listing and "manual" in listing
    assert main(["restore", "1"]) == 1, "no terminal to ask on: nothing replaced without --yes (review 31b)"
    assert "Not asked (no terminal): add --yes" in capsys.readouterr().out
    with Store.open() as store:
        assert store.find_class("4B") is None
    assert main(["restore", "1", "--yes"]) == 0
    with Store.open() as store:
        assert [s.name for s in store.list_students(store.find_class("4B").id)] == ["Ana", "Ben", "Student u3"]


def test_errors_and_usage(data_dir, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,external_id\nAna,1\nBen,1\n", encoding="utf-8")
    assert main(["import-roster", str(bad), "--class", "4B"]) == 1
    assert "line 3: the id '1' is also on line 2" in capsys.readouterr().err
    with Store.open() as store:
        assert store.list_classes() == []  # the class is not created for a bad file
    assert main(["export", "roster", "--out", str(tmp_path / "x.csv")]) == 2
    assert main(["export", "roster", "--class", "Nope", "--out", str(tmp_path / "x.csv")]) == 1
    assert "no class named 'Nope'" in capsys.readouterr().err
    assert main(["restore", "7"]) == 1
    with pytest.raises(SystemExit) as usage:
        main(["export", "everything", "--out", "x"])
    assert usage.value.code == 2


def test_store_bench_prints_timings_and_leaves_the_data_folder_alone(data_dir, capsys):
    assert main(["store-bench", "--answers", "5"]) == 0
    out = capsys.readouterr().out
    for label in ("create a new store", "create the demo class", "class_log (demo class)", "record_response x5", "restore that backup"):
        assert label in out
    assert list(data_dir.iterdir()) == []


@pytest.mark.parametrize("command, target", [
    (["export", "roster", "--class", "Demo class", "--out"], "lamplight.sqlite3"),
    (["export", "pack", "--out"], "lamplight.keys.json"),
    (["export", "responses", "--class", "Demo class", "--out"], "lamplight.sqlite3-wal"),
    (["class-share", "1"], "lamplight.sqlite3"),
    (["student-export", "1"], "backups/aiko.json"),
])
def test_no_export_is_written_over_the_data_folder_s_own_files(data_dir, capsys, command, target):
    """Review 32a: ``export roster --out DATA/lamplight.sqlite3`` wrote a CSV over the store (every class gone, no backup
    yet on a command-line folder); an export over the key file made the data and every backup unreadable."""
    assert main(["init"]) == 0 and main(["demo", "--students", "4", "--weeks", "1"]) == 0
    files = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert main([*command, str(data_dir / target)]) == 1
    assert "is part of Lamplight's own data" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == files
    assert main(["doctor"]) == 0 and "integrity:      ok" in capsys.readouterr().out
    assert main([*command, str(data_dir / "my-export.csv")]) == 0, "a file of her own in the data folder is hers to write"


def test_class_from_backup_lists_the_backup_s_classes_then_adds_one_under_a_free_name(data_dir, tmp_path, capsys):
    from tests.store.test_class_transfer import colleague_backup

    backup, _ = colleague_backup(tmp_path / "colleague", tmp_path)
    with Store.open() as store:
        store.create_class("5A")
    assert main(["class-from-backup", str(backup)]) == 0
    assert capsys.readouterr().out.splitlines() == ["5A: 3 students, 3 answers, 1 quiz", "Other class: 0 students, 0 answers, 0 quizzes"]
    assert main(["class-from-backup", str(backup), "--class", "5a"]) == 1, "the name is taken here"
    assert "A class named '5A' already exists." in capsys.readouterr().err
    assert main(["class-from-backup", str(backup), "--class", "5a", "--as", "5A from Ms Li"]) == 0
    assert capsys.readouterr().out.startswith("Added the class 5A from Ms Li: 3 students, 3 answers, 1 quiz (2 exercises")
    assert main(["class-from-backup", str(backup)]) == 0
    assert "(like 5A from Ms Li here)" in capsys.readouterr().out
    with Store.open() as store:
        assert [s.name for s in store.list_students(store.find_class("5A from Ms Li").id)] == ["Ana", "Ben", "Chen"]


def test_the_import_commands_ask_before_renaming_or_filing_answers_under_other_names(data_dir, tmp_path, capsys, monkeypatch):
    """Review 37b: import-roster renamed Ana to Zoe (her answers then Zoe's) and import-responses filed Tom's answers
    under Ana without a word, where the app shows both and asks first."""
    import io

    first, second, answers = tmp_path / "r1.csv", tmp_path / "r2.csv", tmp_path / "answers.csv"
    first.write_text("name,external_id\nAna,2024001\nBen,2024002\n", encoding="utf-8")
    second.write_text("name,external_id\nZoe,2024001\nBen,2024002\n", encoding="utf-8")
    answers.write_text("student_id,student_name,item_id,correct\n2024001,Tom,q1,1\n2024002,Ben,q1,0\n", encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: nothing is asked, nothing done
    assert main(["import-roster", str(first), "--class", "4B"]) == 0
    capsys.readouterr()
    assert main(["import-roster", str(second), "--class", "4B"]) == 1
    out = capsys.readouterr().out
    assert "Ana -> Zoe (2024001)" in out and "Nothing imported." in out
    assert main(["import-responses", str(answers), "--class", "4B", "--dry-run"]) == 0
    assert "Tom (here: Ana)" in capsys.readouterr().out
    assert main(["import-responses", str(answers), "--class", "4B"]) == 1
    assert "Tom (here: Ana)" in capsys.readouterr().out
    with Store.open(data_dir) as store:
        class_id = store.find_class("4B").id
        assert sorted(s.name for s in store.list_students(class_id)) == ["Ana", "Ben"]
        assert store.counts()["responses"] == 0
    assert main(["import-roster", str(second), "--class", "4B", "--yes"]) == 0
    assert main(["import-responses", str(answers), "--class", "4B", "--yes"]) == 0
    with Store.open(data_dir) as store:
        assert sorted(s.name for s in store.list_students(class_id)) == ["Ben", "Zoe"]
        assert store.counts()["responses"] == 2


def test_export_does_not_replace_a_file_without_force(data_dir, tmp_path, capsys):
    """Review 37b: ``export roster --out marks.csv`` replaced a hand-made marks.csv without a word."""
    assert main(["init"]) == 0 and main(["demo", "--students", "4", "--weeks", "1"]) == 0
    mine = tmp_path / "marks.csv"
    mine.write_text("my own marks\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "roster", "--class", "Demo class", "--out", str(mine)]) == 1
    assert "add --force" in capsys.readouterr().err and mine.read_text(encoding="utf-8") == "my own marks\n"
    assert main(["export", "roster", "--class", "Demo class", "--out", str(mine), "--force"]) == 0
    assert mine.read_text(encoding="utf-8-sig").startswith("name")
    mine.write_text("my own marks\n", encoding="utf-8")  # review 37c: student-export and class-share did the same
    capsys.readouterr()
    for command in (["student-export", "1", str(mine)], ["class-share", "1", str(mine)]):
        assert main(command) == 1
        assert "add --force" in capsys.readouterr().err and mine.read_text(encoding="utf-8") == "my own marks\n"
    assert main(["student-export", "1", str(mine), "--force"]) == 0 and "my own marks" not in mine.read_text(encoding="utf-8")


def test_import_roster_by_name_keeps_each_child_with_her_name_where_the_numbers_were_given_out_again(data_dir, tmp_path, capsys):
    """Review 51a: a renumbered list could only rename children by their numbers; --by-name keeps each with her name."""
    first, second = tmp_path / "r1.csv", tmp_path / "r2.csv"
    first.write_text("name,student number\nAna,1\nBen,2\nCai,3\n", encoding="utf-8")
    second.write_text("name,student number\nBen,1\nCai,2\n", encoding="utf-8")
    assert main(["import-roster", str(first), "--class", "4B"]) == 0
    assert main(["import-roster", str(second), "--class", "4B"]) == 1
    assert "add --by-name" in capsys.readouterr().out
    assert main(["import-roster", str(second), "--class", "4B", "--by-name"]) == 0
    with Store.open(data_dir) as store:
        class_id = store.find_class("4B").id
        assert {s.name: s.external_id for s in store.list_students(class_id)} == {"Ana": None, "Ben": "1", "Cai": "2"}
