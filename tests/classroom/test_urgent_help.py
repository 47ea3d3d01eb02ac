"""The dashboard's "Needs help now" short list is decided in the engine: most urgent first, a few per student."""
from __future__ import annotations

from engine.adapt.insights import HelpNeed
from engine.classroom.api import urgent_help


def needs(*rows: tuple[str, str, float]) -> list[HelpNeed]:
    listed = [HelpNeed(student, skill, urgency, f"{student} {skill}") for student, skill, urgency in rows]
    return sorted(listed, key=lambda h: -h.urgency)  # as the engine gives them: most urgent first


def test_a_few_per_student_each_students_lines_together_most_urgent_student_first():
    every = needs(("ana", "add", 2.0), ("bo", "add", 1.9), ("ana", "sub", 1.8), ("ana", "mul", 1.7), ("bo", "sub", 0.5), ("cy", "add", 0.4))
    listed = urgent_help(every, per_student=2, limit=10)
    assert [(h.student_id, h.skill_id) for h in listed.shown] == [("ana", "add"), ("ana", "sub"), ("bo", "add"), ("bo", "sub"), ("cy", "add")]
    assert listed.more == 1 and listed.students == 3  # ana's third need is on her page


def test_the_limit_keeps_the_most_urgent_and_counts_the_rest():
    every = needs(*((f"s{n:02d}", skill, 10 - n / 10 - k / 100) for n in range(50) for k, skill in enumerate(("a", "b", "c"))))
    listed = urgent_help(every, per_student=2, limit=20)
    assert len(listed.shown) == 20 and listed.more == 150 - 20 and listed.students == 50
    assert {h.student_id for h in listed.shown} == {f"s{n:02d}" for n in range(10)}, "the ten most urgent students"


def test_nothing_to_list():
    assert urgent_help([]).shown == [] and urgent_help([]).more == 0
