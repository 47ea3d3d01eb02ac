"""The classroom API: one door from the desktop and the command line to a teacher's classes.

* :class:`~engine.classroom.api.Classroom`: figures (dashboard, student page,
  worksheets, reports), recording answers, calibration and learning;
* :mod:`~engine.classroom.ids`: typed ids; :class:`~engine.classroom.changes.Changes`:
  what an operation changed;
* :mod:`~engine.classroom.live`: classes kept in memory and updated answer by answer;
* :mod:`~engine.classroom.calibration`: a class's calibration, stored with the class.
"""
from engine.classroom.api import ClassInsights, Classroom, HistoryRow, StudentOverview
from engine.classroom.changes import Changes
from engine.classroom.ids import ClassId, ExerciseId, GroupId, QuizId, SkillId, StudentId

__all__ = ["Changes", "ClassId", "ClassInsights", "Classroom", "ExerciseId", "GroupId", "HistoryRow", "QuizId", "SkillId",
           "StudentId", "StudentOverview"]
