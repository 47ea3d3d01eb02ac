"""What a teacher meets at the district buttons: a class too small to share, a model adopted, files picked by mistake."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.cli import main
from engine.district.fileformat import read_file
from engine.district.laptop import (BEFORE_DISTRICT, NOISE_SECRET_SETTING, aggregate_files, district_folder, export_class_update, import_district_model,
                                    load_district_model)
from engine.district.pack import load_shared_pack
from engine.district.update import UpdateSettings
from engine.errors import LamplightError
from tests.district.schools import a_district_that_knows_the_exercises


def _tiny_class(known, students: int = 5, exercises: int = 12) -> int:
    """A class of ``students`` who each answered the same ``exercises`` shared exercises (every exercise: too few)."""
    store = known.store
    shared = [e for e in store.list_exercises() if e.key.startswith("starter-math:")][:exercises]
    class_id = store.create_class("Wren Room 2")
    for n in range(students):
        student = store.add_student(class_id, f"Tiny Pupil{n}")
        for m, exercise in enumerate(shared):
            store.record_response(student, exercise.id, (n + m) % 2, time=f"2025-03-{1 + m:02d}T09:00:00+00:00", source="practice")
    return class_id


def test_a_class_with_too_few_students_on_every_exercise_writes_no_file_and_says_how_close(known_class, tmp_path: Path) -> None:
    class_id = _tiny_class(known_class)
    out = tmp_path / "stick" / "small.json"
    with pytest.raises(LamplightError) as refused:
        export_class_update(known_class.store, class_id, out, load_shared_pack(), UpdateSettings(meta_steps=0))
    message = str(refused.value)
    assert message.startswith("Nothing can be shared yet: each exercise needs answers from at least 10 students"), message
    # each child's latest 2 answers (on the same 2 exercises) stay on the laptop to check a district model: 10 are shared
    assert "Exercises close to it: 10 (answered by 5 to 9 students)." in message
    assert not out.exists() and not out.parent.exists() or not list(out.parent.iterdir())


def test_the_command_line_refuses_a_class_too_small_to_share(known_class, data_dir: Path, tmp_path: Path, capsys) -> None:
    _tiny_class(known_class, students=3, exercises=4)
    known_class.store.close()
    out = tmp_path / "small.json"
    assert main(["district", "export", "--class", "Wren Room 2", "--out", str(out), "--meta-steps", "0"]) == 1
    said = capsys.readouterr()
    assert "Nothing can be shared yet" in said.err and "The most-answered exercise has answers from 3 students." in said.err
    assert said.out == "" and not out.exists()


def test_adopting_a_district_model_keeps_the_model_used_before_to_go_back_to(tmp_path: Path) -> None:
    store, class_id, district = a_district_that_knows_the_exercises(tmp_path)
    pack = load_shared_pack()
    assert store.active_model_snapshot(class_id) is None  # the shipped model, calibrated on the class
    report = import_district_model(store, class_id, district, pack)
    assert report.adopted, report.summary
    active = store.active_model_snapshot(class_id)
    snapshots = store.list_model_snapshots(class_id)
    assert active.kind == "district" and [s.note for s in snapshots if not s.active] == [BEFORE_DISTRICT]
    [before] = [s for s in snapshots if not s.active]
    store.activate_model_snapshot(before.id)  # "Go back to the selected version"
    from engine.classroom.models import class_model

    assert class_model(store, class_id).name != "district"
    # adopting again from a learned or earlier version keeps that one (already in the list), adding no copy
    import_district_model(store, class_id, district, pack)
    assert sorted(s.note for s in store.list_model_snapshots(class_id) if not s.active) == sorted([BEFORE_DISTRICT, active.note])
    # review 43d: an older round's file silently took the newer one's place (the laptop's next share was made against it)
    from engine.district.aggregate import starting_model
    from engine.district.fileformat import write_file
    from engine.district.laptop import _shipped_meta

    counting = write_file(tmp_path / "district-count.json", "district-model", starting_model(pack, _shipped_meta()).payload())
    snapshots = store.list_model_snapshots(class_id)
    with pytest.raises(LamplightError, match="has learned nothing yet"):  # review 43e: a counting round's file
        import_district_model(store, class_id, counting, pack)
    newer = load_district_model(district, pack)
    newer.round = 2
    newer_file = write_file(tmp_path / "district-r2.json", "district-model", newer.payload())
    assert import_district_model(store, class_id, newer_file, pack).adopted
    snapshots = store.list_model_snapshots(class_id)
    with pytest.raises(LamplightError, match="from round 1, older than the round 2 model this class uses"):
        import_district_model(store, class_id, district, pack)
    assert store.list_model_snapshots(class_id) == snapshots
    # review 43e: a class that went back to the model before the district's may use round 1 again; the laptop's
    # shares stay made against round 2
    [before] = [s for s in snapshots if s.note == BEFORE_DISTRICT]
    store.activate_model_snapshot(before.id)
    assert import_district_model(store, class_id, district, pack).adopted
    assert load_district_model(district_folder(store) / "district-model.json", pack).round == 2
    store.close()


def test_a_district_model_is_checked_on_answers_the_schools_update_never_held(known_class, tmp_path: Path) -> None:
    """Review 39: the check held back each child's latest answers, but the school's update had shared them, so the
    district model was graded on answers it had learned from and a model no better was adopted ("Neither model
    learned from those answers" was not true). Later answers move the checked ones on, never back into what was shared."""
    from engine.data import split_holdout
    from engine.district.adopt import CHECKED_SHARE, shared_answers

    store, class_id = known_class.store, known_class.class_id

    def ids(log) -> set[int]:
        return set(log.extra["response_id"])

    log = store.class_log(class_id)
    shared, (_, checked) = ids(shared_answers(log)), split_holdout(log, CHECKED_SHARE)
    assert shared and ids(checked) and not shared & ids(checked) and len(shared) + len(checked) == len(log)
    update = tmp_path / "school.json"
    payload = export_class_update(store, class_id, update, load_shared_pack(), UpdateSettings(meta_steps=0))
    assert payload["counts"]["answers"] == len(shared)  # every shared answer is on a starter exercise
    exercise = store.list_exercises()[0].id
    for student in known_class.student_ids:
        for day in (10, 11, 12):
            store.record_response(student, exercise, 1.0, time=f"2025-03-{day}T09:00:00+00:00", source="practice")
    _, checked_later = split_holdout(store.class_log(class_id), CHECKED_SHARE)
    assert not ids(checked_later) & shared, "a district model from that update is checked on answers it never saw"


@pytest.mark.parametrize("content, says", [
    (b"", "is not a district model from Lamplight (the file is empty or is not a JSON file)."),
    (b"\x89PNG\r\n\x1a\n", "is not a district model from Lamplight (the file is empty or is not a JSON file)."),
    (json.dumps({"format": "something-else"}).encode(),
     "is not a district model from Lamplight (it is a JSON file, but not one Lamplight wrote for a district)."),
])
def test_files_that_are_not_district_models_say_so_without_jargon(tmp_path: Path, content: bytes, says: str) -> None:
    bad = tmp_path / "picked.json"
    bad.write_bytes(content)
    with pytest.raises(LamplightError) as refused:
        read_file(bad, "district-model")
    assert str(refused.value) == f"{bad} {says}"


def test_a_school_update_picked_instead_of_the_district_model_says_which_file_to_use(known_class, tmp_path: Path) -> None:
    update = tmp_path / "school.json"
    export_class_update(known_class.store, known_class.class_id, update, load_shared_pack(), UpdateSettings(meta_steps=0))
    with pytest.raises(LamplightError) as refused:
        read_file(update, "district-model")
    assert str(refused.value) == (f"Wrong file: {update} is a school's update file, not a district model. The district combines "
                                  "the schools' update files into a district model: use the district model file here.")


def test_a_folder_that_cannot_be_written_is_a_message_not_a_crash(known_class, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where a folder should be")
    with pytest.raises(LamplightError, match="while saving the district file"):
        export_class_update(known_class.store, known_class.class_id, blocked / "school.json", load_shared_pack(),
                            UpdateSettings(meta_steps=0))


def test_with_privacy_noise_a_class_under_the_noisy_minimum_writes_no_file(known_class, tmp_path: Path) -> None:
    """ε = 8 (the app's option): one student adds at most 1/4 to an exercise's precision, which must stand 3 noise
    deviations clear, so an exercise needs about 42 students; the known class's 14 share nothing and no file is left."""
    from engine.district.update import students_needed

    assert students_needed(UpdateSettings()) == 10 and students_needed(UpdateSettings(epsilon=8.0)) == 42
    out = tmp_path / "private.json"
    with pytest.raises(LamplightError) as refused:
        export_class_update(known_class.store, known_class.class_id, out, load_shared_pack(), UpdateSettings(epsilon=8.0, meta_steps=0))
    assert str(refused.value) == ("Nothing can be shared yet: with privacy noise, an exercise needs answers from at least about "
                                  "42 students (instead of 10), and none of this class's exercises has that many yet. "
                                  "The most-answered exercise has answers from 12 students.")  # of those it shares  # 25 of 30 exercises each
    assert not out.exists()


def test_the_command_line_never_writes_over_a_file_and_counts_a_class_once(known_class, data_dir: Path, tmp_path: Path,
                                                                          capsys) -> None:
    """Review 43d: a mistyped --out replaced the district's model file; a copy of one school's file counted that class
    twice; a second `district keys` under another name replaced the laptop's key without a word."""
    name = known_class.store.get_class(known_class.class_id).name
    known_class.store.close()
    out = tmp_path / "school-12.json"
    assert main(["district", "export", "--class", name, "--out", str(out), "--meta-steps", "0"]) == 0
    written = out.read_bytes()
    assert main(["district", "export", "--class", name, "--out", str(out), "--meta-steps", "0"]) == 1
    assert "exists; choose another file, or add --force" in capsys.readouterr().err and out.read_bytes() == written
    copy = tmp_path / "copy-of-school-12.json"
    copy.write_bytes(written)
    district = tmp_path / "district-r1.json"
    assert main(["district", "aggregate", str(out), str(copy), "--out", str(district)]) == 1
    assert "is the same update as" in capsys.readouterr().err and not district.exists()
    assert main(["district", "keys", "--school", "Hillside", "--out", str(tmp_path / "key.json")]) == 0
    assert main(["district", "keys", "--school", "Hillside", "--out", str(tmp_path / "again.json")]) == 0
    key = read_file(tmp_path / "key.json", "school-key")["public_key"]
    assert read_file(tmp_path / "again.json", "school-key")["public_key"] == key, "the same name: the same key"
    capsys.readouterr()
    assert main(["district", "keys", "--school", "Hillside Primary", "--out", str(tmp_path / "other.json")]) == 1
    assert "This laptop's district key is for 'Hillside'." in capsys.readouterr().err
    assert main(["district", "keys", "--school", "Hillside Primary", "--out", str(tmp_path / "other.json"), "--force"]) == 0
    assert read_file(tmp_path / "other.json", "school-key")["public_key"] != key


def test_two_updates_of_one_class_at_the_same_district_model_count_once(known_class, tmp_path: Path) -> None:
    """Review 45c: a class that shared, then shared again after more answers, counted twice in the district model. Its
    files carry a token of the class and the district model (no name or id: another class's token differs)."""
    store, class_id, pack = known_class.store, known_class.class_id, load_shared_pack()
    first = tmp_path / "monday.json"
    export_class_update(store, class_id, first, pack, UpdateSettings(meta_steps=0))
    exercise = store.list_exercises()[0].id
    for student in known_class.student_ids[:3]:  # more answers since: a different file
        store.record_response(student, exercise, 1.0)
    second = tmp_path / "friday.json"
    export_class_update(store, class_id, second, pack, UpdateSettings(meta_steps=0))
    tokens = [read_file(f, "school-update")["class"] for f in (first, second)]
    assert tokens[0] == tokens[1] and len(tokens[0]) == 32
    district = tmp_path / "district.json"
    with pytest.raises(LamplightError, match="are two updates of the same class, taken at the same district model"):
        aggregate_files([first, second], pack, district)
    assert not district.exists()

    other = store.create_class("Kestrel Room 8")  # another class of the laptop: another token, both count
    store.move_students(known_class.student_ids, other)
    third = tmp_path / "room-8.json"
    export_class_update(store, other, third, pack, UpdateSettings(meta_steps=0))
    assert read_file(third, "school-update")["class"] != tokens[0]
    aggregate_files([first, third], pack, district)
    assert district.exists()


def test_the_district_benchmark_runs_and_prints_its_figures(tmp_path: Path) -> None:
    """The benchmark's 100 files were 10 files copied byte for byte, which the district refuses (each class counts
    once, review 43d): it stopped at its first figure."""
    figures = tmp_path / "bench.json"
    assert main(["bench", "--scenario", "district", "--json", str(figures)]) == 0
    measured = json.loads(figures.read_text())
    assert measured["aggregate_100_files_s"] > 0 and measured["masked_aggregate_100_files_s"] > 0


def test_a_class_restored_to_before_it_shared_shares_as_the_same_class(known_class, tmp_path: Path) -> None:
    """Review 46b: the privacy secret (and with it the class token and the noise) came from the backup, so after a
    restore to before the first share the same class shared as another and counted twice."""
    store, class_id, pack = known_class.store, known_class.class_id, load_shared_pack()
    before_sharing = store.backup_now()
    first = tmp_path / "monday.json"
    export_class_update(store, class_id, first, pack, UpdateSettings(meta_steps=0))
    secret = store.get_setting(NOISE_SECRET_SETTING)
    store.restore(before_sharing)
    assert store.get_setting(NOISE_SECRET_SETTING) == secret, "the laptop's secret, not the backup's (none)"
    again = tmp_path / "tuesday.json"
    export_class_update(store, class_id, again, pack, UpdateSettings(meta_steps=0))
    assert read_file(again, "school-update")["class"] == read_file(first, "school-update")["class"]
    with pytest.raises(LamplightError, match="each class counts once"):  # here the very same file: same data, same noise
        aggregate_files([first, again], pack, tmp_path / "district.json")


def test_a_class_file_combined_in_one_round_is_refused_in_the_next(known_class, tmp_path: Path) -> None:
    """Review 46b: last round's file of a class, given again beside its new one (made at the new district model, so
    another class token), counted the class twice. A district model keeps the tokens of the files it combined."""
    store, class_id, pack = known_class.store, known_class.class_id, load_shared_pack()
    other = store.create_class("Kestrel Room 8")
    store.move_students(known_class.student_ids[::2], other)
    settings = UpdateSettings(meta_steps=0, min_students=3)  # half the class each
    export_class_update(store, class_id, tmp_path / "a1.json", pack, settings)
    export_class_update(store, other, tmp_path / "b1.json", pack, settings)
    first = aggregate_files([tmp_path / "a1.json", tmp_path / "b1.json"], pack, tmp_path / "district1.json")
    assert len(first.combined) == 2 and read_file(tmp_path / "district1.json", "district-model")["combined"] == list(first.combined)
    export_class_update(store, class_id, tmp_path / "a2.json", pack, settings, base=tmp_path / "district1.json")
    export_class_update(store, other, tmp_path / "b2.json", pack, settings, base=tmp_path / "district1.json")
    with pytest.raises(LamplightError, match="a1.json was combined into this district model .round 1. or an earlier one"):
        aggregate_files([tmp_path / "a1.json", tmp_path / "a2.json"], pack, tmp_path / "district2.json",
                        base=tmp_path / "district1.json")
    assert not (tmp_path / "district2.json").exists()
    second = aggregate_files([tmp_path / "a2.json", tmp_path / "b2.json"], pack, tmp_path / "district2.json",
                             base=tmp_path / "district1.json")
    assert second.round == 2 and len(second.combined) == 4  # round 1's files stay refused in round 3 too
