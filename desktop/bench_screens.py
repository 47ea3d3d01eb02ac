"""Screens benchmark: what a teacher waits for after a click, in the real window, on a year of answers.

    python -m desktop.bench_screens [--sizes 1000,3000] [--runs 5] [--json OUT] [--no-cold]

For each size, one process builds a data folder (two classes of 60 students
with SIZE answers each, from the longest assist2017 histories as in
``engine.bench.classroom``; a paper quiz, 60 typed answers waiting for
marking, a teacher password), a second process calibrates both classes as the
app's background job does (once per class, then stored), and a third, fresh
process starts the real :class:`desktop.main_window.MainWindow` the way
``lamplight`` does (Qt's offscreen platform; one torch thread, one core left
for the window) and clicks the real widgets with ``QTest``. Each action is
timed from the click until the screen shows the data: the page's background
job has ended and its tables and labels hold the figures. Waiting processes
events and sleeps 5 ms in between (``QTest.qWait`` would keep Python's GIL
from the background jobs). A fourth process starts the window again on the
data the third closed on and times its first dashboard (the figures kept as
the app closed), then restores a backup it made of that data and times the
dashboard again (the class's own calibration is kept). With ``--cold`` (the default) one more process
opens the dashboard of a copy of the folder whose calibration was never
stored: what the very first look at a new class costs.

Prints one table per size (median and max over ``--runs``; actions that can
happen once per process are timed once) with the machine's load average.
Targets: 0.3 s for a screen, 3 s for the whole class's worksheets PDF.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

SIZES = (1000, 3000)
SCREEN_TARGET_S = 0.3
PDF_TARGET_S = 3.0
PASSWORD = "lamp-bench-42"
QUIZ_QUESTIONS = 10
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "assist2017"


# --- building the data folder (its own process) ------------------------------------------------
def build(folder: Path, answers: int, data: Path | None, students: int) -> str:
    """Two classes of ``students`` x ``answers`` (the classroom benchmark's builder), a quiz, written answers, a password."""
    from engine.bench import classroom
    from engine.classroom.api import LEARN_BY_ITSELF_SETTING
    from engine.security import teacher

    classroom.STUDENTS = students  # the builder reads it when called
    store, first, source = classroom.build_class(folder, answers, data)
    classroom.add_twin_class(store, first, "Second class")
    skill = store.list_skills()[0].id
    written = store.add_exercise("Name an animal that starts with c.", "short_text", "cat", skills=[skill])
    for n, student in enumerate(store.list_students(first)):
        store.queue_answer(student.id, written, ["cat", "cow", "Cat", "camel", "dog"][n % 5], source="practice")
    numeric = [e.id for e in store.list_exercises() if e.kind == "numeric"][:QUIZ_QUESTIONS]
    store.create_quiz(first, "Benchmark quiz", numeric)
    teacher.set_first_password(store, PASSWORD)
    store.set_setting(LEARN_BY_ITSELF_SETTING, False)  # it would learn from the built year in the middle of the timings
    store.close()
    return source


def calibrate(folder: Path) -> dict[str, float]:
    """Calibrate every class and store it, as the app's "Getting the class ready…" job does; seconds per class."""
    from engine.classroom import Classroom
    from engine.store import Store

    with Store.open(folder) as store:
        seconds = {}
        for info in store.list_classes():
            start = time.perf_counter()
            Classroom(store).prepare(info.id)
            seconds[info.name] = round(time.perf_counter() - start, 2)
        return seconds


# --- clicking the real window (its own, fresh process) -----------------------------------------
class Clicker:
    """The main window on a data folder and the teacher's clicks, each timed until its screen shows the data."""

    def __init__(self, folder: Path, timeout: float = 300.0) -> None:
        from engine.device import reserve_a_core_for_the_gui

        reserve_a_core_for_the_gui()  # as ``lamplight`` does before anything else
        from desktop.app import create_application
        from desktop.context import AppContext
        from desktop.main_window import MainWindow

        self.timeout = timeout
        self.app = create_application()
        self.app.setProperty("lamplight_no_popups", True)  # an error is recorded (and fails the run), not shown
        self.context = AppContext.open(folder, language="en")
        self.context.settings.setValue("window/page", "classes")  # every run starts where a first start does
        self.window = MainWindow(self.context, defer=True)
        self.window.show()
        self.app.processEvents()
        self.window.populate()
        self.window.prepare_current_class()  # what ``after_start`` starts in the background (the daily backup is left out)
        self.times: dict[str, list[float]] = {}

    # --- waiting -----------------------------------------------------------------------------
    def settle(self, condition: Callable[[], bool], what: str) -> None:
        """Process events (sleeping 5 ms in between, so background jobs get the GIL) until ``condition()``."""
        from PySide6.QtWidgets import QApplication

        deadline = time.perf_counter() + self.timeout
        while True:
            QApplication.processEvents()  # at least once: the screen is laid out and painted before it counts as shown
            if condition():
                break
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{what}: the screen did not show its data within {self.timeout:.0f} s")
            time.sleep(0.005)
        self.check_errors(what)

    def timed(self, name: str, action: Callable[[], Any], shown: Callable[[], bool]) -> float:
        """Seconds from ``action`` (a click) until ``shown()``; kept under ``name``."""
        start = time.perf_counter()
        action()
        self.settle(shown, name)
        seconds = time.perf_counter() - start
        self.times.setdefault(name, []).append(seconds)
        return seconds

    def idle(self) -> None:
        """Wait (untimed) until no background job runs and the other classes were read after start (as they
        are while a teacher looks at the first screen): the next click starts from a quiet app."""
        from desktop.workers import jobs_running

        self.settle(lambda: not jobs_running() and not self.window.reading_ahead, "waiting for background jobs")

    def check_errors(self, what: str) -> None:
        from desktop.workers import shown_errors

        errors = shown_errors()
        if errors:
            raise RuntimeError(f"{what}: the app showed an error: {errors}")

    # --- clicks --------------------------------------------------------------------------------
    def nav(self, key: str) -> Callable[[], None]:
        """A click on the navigation list's entry for screen ``key``."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from desktop.main_window import PAGES

        def click() -> None:
            item = self.window.nav.item([k for k, *_ in PAGES].index(key))
            QTest.mouseClick(self.window.nav.viewport(), Qt.MouseButton.LeftButton, pos=self.window.nav.visualItemRect(item).center())
        return click

    def leave_to(self, key: str) -> None:
        """Go to another screen (untimed), so the next click opens its screen anew."""
        self.nav(key)()
        self.settle(lambda: self.window.current_key() == key, f"opening {key}")
        self.idle()

    @staticmethod
    def key(widget: Any, key: Any, text: str = "") -> Callable[[], None]:
        from PySide6.QtTest import QTest

        return lambda: QTest.keyClick(widget, key) if not text else QTest.keyClicks(widget, text)

    @staticmethod
    def click(widget: Any) -> Callable[[], None]:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        def press() -> None:
            if not (widget.isVisible() and widget.isEnabled()):
                raise RuntimeError(f"{widget.objectName() or widget} cannot be pressed")
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
        return press

    def page(self, key: str) -> Any:
        return self.window.pages.get(key)

    @staticmethod
    def job_done(page: Any, before: Any) -> bool:
        """The page started a new job after the click and it has ended."""
        return page is not None and page.job is not None and page.job is not before and not page.job.is_running


# --- the teacher's actions -----------------------------------------------------------------------
FIRST_DASHBOARD = "Class dashboard, first visit right after start"
RESTART_DASHBOARD = "Class dashboard, first visit after a restart"
RESTORED_DASHBOARD = "Class dashboard, first visit after restoring this laptop's backup"
DASHBOARD = "Class dashboard (open)"
STUDENT = "Student page (open)"
ANOTHER_STUDENT = "Student page: another student"
QUIZ = "Paper quiz (open)"
QUIZ_SAVED = "Paper quiz: type 1 in a cell -> saved"
QUIZ_ON_DASHBOARD = "Paper quiz: then Class dashboard shows it"
MARKING = "Mark written answers (open, answers listed)"
MARKING_SUGGESTED = "Mark written answers: suggested marks shown"
MODEL = "Model (open)"
REPORTS = "Worksheets & reports (open)"
WORKSHEETS = "Worksheets PDF, whole class (file written)"
FIRST_SWITCH = "Switch class, first time to that class"
SWITCH = "Switch class (class combo, dashboard open)"
PRACTICE_START = "Practice mode: Start (teacher)"
PRACTICE_NAME = "Practice: child's name -> first question"
PRACTICE_ONE = "Practice: answer -> next question shown"
ACTIONS = (FIRST_DASHBOARD, RESTART_DASHBOARD, RESTORED_DASHBOARD, DASHBOARD, STUDENT, ANOTHER_STUDENT, QUIZ, QUIZ_SAVED, QUIZ_ON_DASHBOARD, MARKING, MARKING_SUGGESTED,
           MODEL, REPORTS, WORKSHEETS, FIRST_SWITCH, SWITCH, PRACTICE_START, PRACTICE_NAME, PRACTICE_ONE)
"""Every action timed, in the order they are done."""
ONCE = (FIRST_DASHBOARD, RESTART_DASHBOARD, RESTORED_DASHBOARD, FIRST_SWITCH, PRACTICE_START, PRACTICE_NAME)
"""The actions timed once per process (they can only happen once); the others are timed ``--runs`` times."""


def dashboard_shows(bench: Clicker, before: Any, answers: int | None = None, class_id: Any = None) -> Callable[[], bool]:
    """The dashboard's job ended and its heat map shows the class (with ``answers`` answers, when given)."""
    def shown() -> bool:
        page = bench.page("dashboard")
        if not bench.job_done(page, before) or page.insights is None or not page.heatmap.rows:
            return False
        if class_id is not None and bench.context.class_id != class_id:
            return False
        return answers is None or page.insights.answers == answers
    return shown


def open_dashboard(bench: Clicker, name: str) -> None:
    page = bench.page("dashboard")
    before = page.job if page is not None else None
    bench.timed(name, bench.nav("dashboard"), lambda: dashboard_shows(bench, before)())


def student_shows(bench: Clicker, before: Any, name: Callable[[], str]) -> Callable[[], bool]:
    def shown() -> bool:
        page = bench.page("student")
        return bench.job_done(page, before) and page.status.text().startswith(name() + ":") and page.history_model.rowCount() > 0
    return shown


def open_student(bench: Clicker) -> None:
    from PySide6.QtCore import Qt

    page = bench.page("student")
    before = page.job if page is not None else None
    bench.timed(STUDENT, bench.nav("student"), student_shows(bench, before, lambda: bench.page("student").student_combo.currentText()))
    page = bench.page("student")
    combo = page.student_combo
    combo.setFocus()
    target = combo.itemText((combo.currentIndex() + 1) % combo.count())
    if combo.currentIndex() + 1 >= combo.count():
        combo.setCurrentIndex(0)  # untimed: back to the top of the list, so Down picks the next student
        bench.idle()
        target = combo.itemText(1)
    before = page.job
    bench.timed(ANOTHER_STUDENT, bench.key(combo, Qt.Key.Key_Down), student_shows(bench, before, lambda: target))


def quiz_entry(bench: Clicker, run: int) -> None:
    """Open the quiz, click an empty cell, type 1; then open the dashboard until it counts that answer."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    bench.timed(QUIZ, bench.nav("quiz"), lambda: bench.page("quiz") is not None and bench.page("quiz").model.rowCount() > 1)
    page = bench.page("quiz")
    grid, model = page.grid, page.model
    row, column = run % len(model.students), (run // len(model.students)) % len(model.exercises)
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.visualRect(model.index(row, column)).center())
    cell = model.key(row, column)
    if model.scores.get(cell) is not None:
        raise RuntimeError(f"quiz cell {cell} is not empty: the data folder was used before")
    answers = bench.context.store.class_answer_mark(bench.context.class_id)[0]
    bench.timed(QUIZ_SAVED, bench.key(grid, Qt.Key.Key_1),
                lambda: model.scores.get(cell) == 1.0 and page.saved_label.text() != "")
    if bench.context.store.class_answer_mark(bench.context.class_id)[0] != answers + 1:
        raise RuntimeError("typing 1 in the quiz grid did not save an answer")
    dashboard = bench.page("dashboard")
    before = dashboard.job if dashboard is not None else None
    bench.timed(QUIZ_ON_DASHBOARD, bench.nav("dashboard"), dashboard_shows(bench, before, answers=answers + 1))


def open_marking(bench: Clicker) -> None:
    """Open "Mark written answers": the typed answers are listed at once, the suggested marks come from a job."""
    start = time.perf_counter()
    bench.timed(MARKING, bench.nav("marking"), lambda: bench.page("marking") is not None and bench.page("marking").tree.topLevelItemCount() > 0)
    page = bench.page("marking")
    bench.settle(lambda: not page.busy and page.outlook is not None and page.outlook.key == page._key(), MARKING_SUGGESTED)
    bench.times.setdefault(MARKING_SUGGESTED, []).append(time.perf_counter() - start)


def worksheets(bench: Clicker, folder: Path, run: int) -> None:
    """Press "Worksheets (PDF)…" for the whole class; the file chooser answers a fresh path."""
    from PySide6.QtWidgets import QFileDialog

    page = bench.page("reports")
    path = folder / f"worksheets-{run}.pdf"
    original = QFileDialog.getSaveFileName
    QFileDialog.getSaveFileName = staticmethod(lambda *args, **kwargs: (str(path), ""))
    try:
        before = page.job
        bench.timed(WORKSHEETS, bench.click(page.worksheet_button),
                    lambda: bench.job_done(page, before) and page.last_file == path and path.exists() and path.stat().st_size > 0)
    finally:
        QFileDialog.getSaveFileName = original
    path.unlink()


def switch_class(bench: Clicker, name: str) -> None:
    """With the dashboard open, pick the other class in the class picker (keyboard on the real combo box)."""
    from PySide6.QtCore import Qt

    combo = bench.window.class_combo
    combo.setFocus()
    down = combo.currentIndex() == 0
    target = combo.itemData(1 if down else 0)
    before = bench.page("dashboard").job
    bench.timed(name, bench.key(combo, Qt.Key.Key_Down if down else Qt.Key.Key_Up), dashboard_shows(bench, before, class_id=target))


def practice(bench: Clicker, runs: int) -> None:
    """Start practice mode, a child taps their name, then answers ``runs`` exercises (Check, then Next)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    bench.leave_to("practice")
    page = bench.page("practice")
    page.length_spin.setValue(min(30, runs + 2))  # untimed: the turn is long enough for every run
    before = page.job
    bench.timed(PRACTICE_START, bench.click(page.start_button),
                lambda: bench.job_done(page, before) and page.pages.currentIndex() == page.NAMES and page.name_list.count() > 0)
    item = page.name_list.item(0)
    QTest.mouseClick(page.name_list.viewport(), Qt.MouseButton.LeftButton, pos=page.name_list.visualItemRect(item).center())
    bench.timed(PRACTICE_NAME, bench.click(page.go_button), lambda: page.pages.currentIndex() == page.EXERCISE and page.step is not None)
    for number in range(1, runs + 1):
        exercise = page.class_data.exercises[page.step.exercise_id]
        if exercise.choices:
            QTest.mouseClick(page.choice_group.button(list(exercise.choices).index(exercise.choices[0])), Qt.MouseButton.LeftButton)
        else:
            QTest.keyClicks(page.answer_edit, exercise.answer or "1")
        start = time.perf_counter()
        bench.click(page.check_button)()
        bench.settle(lambda: page.feedback.text() != "" and page.next_button.isVisible(), PRACTICE_ONE)
        feedback = time.perf_counter() - start
        bench.settle(lambda: not page.next_button.paused(), PRACTICE_ONE)  # untimed: Next waits for a second tap to pass
        start = time.perf_counter()
        bench.click(page.next_button)()
        bench.settle(lambda: page.progress_label.text().startswith(f"{number + 1} ") and page.check_button.isVisible(), PRACTICE_ONE)
        bench.times.setdefault(PRACTICE_ONE, []).append(feedback + time.perf_counter() - start)
        bench.times.setdefault("(part) Check -> feedback", []).append(feedback)
    page.leave_practice(PASSWORD)  # untimed
    bench.idle()


def measure(folder: Path, runs: int, profile: Path | None = None) -> dict[str, Any]:
    """Every action of the teacher, in a fresh process on the calibrated ``folder``."""
    profiler = None
    if profile is not None:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    bench = Clicker(folder)
    bench.settle(lambda: bench.window.populated, "start-up")
    first_class = bench.context.class_id
    answers_before = bench.context.store.class_answer_mark(first_class)[0]
    open_dashboard(bench, FIRST_DASHBOARD)  # the class is still being read in the background
    bench.idle()
    out = Path(tempfile.mkdtemp(prefix="lamplight-bench-pdf-"))
    try:
        for run in range(runs):
            bench.leave_to("classes")
            open_dashboard(bench, DASHBOARD)
            bench.idle()
            open_student(bench)
            bench.idle()
            quiz_entry(bench, run)
            bench.idle()
            open_marking(bench)
            bench.idle()
            bench.timed(MODEL, bench.nav("model"), lambda: bench.page("model") is not None and bench.page("model").model_name.text() != "")
            bench.idle()
            bench.timed(REPORTS, bench.nav("reports"), lambda: bench.page("reports") is not None and bench.page("reports").who.count() > 0)
            bench.idle()
            worksheets(bench, out, run)
            bench.idle()
        bench.leave_to("dashboard")
        switch_class(bench, FIRST_SWITCH)  # the other class is read from the store the first time
        bench.idle()
        for _ in range(runs):
            switch_class(bench, SWITCH)
            bench.idle()
        if bench.context.class_id != first_class:
            switch_class(bench, "(untimed) back to the first class")
            bench.times.pop("(untimed) back to the first class")
            bench.idle()
        practice(bench, runs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(str(profile))
    answers = bench.context.store.class_answer_mark(first_class)[0]
    bench.idle()
    bench.window.close()  # as the app closes it keeps the dashboard's figures for the next start
    return {"answers_in_class": answers_before, "answers_added": answers - answers_before, "times_s": {k: [round(t, 4) for t in v] for k, v in bench.times.items()}}


def restart(folder: Path) -> dict[str, Any]:
    """The first dashboard when the app starts again on the data it closed on (a fresh process): the figures
    kept as it closed are shown (see ``Classroom.keep_dashboard``). Then this morning's backup is restored (as
    Settings → Restore from a file does once the teacher said yes) and the dashboard opened again: the class's
    calibration is this laptop's own, fitted on exactly those answers, so it is kept (see
    ``engine.classroom.calibration``)."""
    bench = Clicker(folder)
    bench.settle(lambda: bench.window.populated, "start-up")
    open_dashboard(bench, RESTART_DASHBOARD)
    bench.idle()
    backup = bench.context.store.backup_now("manual")
    bench.leave_to("classes")
    job = bench.window.open_page("settings").restore_outside_file(str(backup))
    bench.settle(lambda: job is not None and not job.is_running, "restoring the backup")
    bench.idle()
    open_dashboard(bench, RESTORED_DASHBOARD)
    bench.idle()
    bench.window.close()
    return {name: [round(t, 4) for t in bench.times[name]] for name in (RESTART_DASHBOARD, RESTORED_DASHBOARD)}


def cold(folder: Path) -> dict[str, Any]:
    """The first dashboard of a class whose calibration was never stored (a fresh process, clicked at once)."""
    bench = Clicker(folder)
    bench.settle(lambda: bench.window.populated, "start-up")
    page = bench.page("dashboard")
    start = time.perf_counter()
    bench.nav("dashboard")()
    status = bench.page("dashboard").status.text()
    bench.settle(lambda: dashboard_shows(bench, None)(), "first dashboard without a stored calibration")
    return {"seconds": round(time.perf_counter() - start, 2), "status_while_waiting": status}


# --- the whole benchmark -------------------------------------------------------------------------
def _python(args: list[str], env: dict[str, str] | None = None) -> str:
    command = [sys.executable, "-m", "desktop.bench_screens", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:1])} failed:\n{done.stderr[-4000:]}")
    return done.stdout.strip().splitlines()[-1]


def target_of(action: str) -> float | None:
    if action.startswith("(part)"):
        return None
    return PDF_TARGET_S if action == WORKSHEETS else SCREEN_TARGET_S


def table(result: dict[str, Any]) -> str:
    """The size's figures as text: one line per action with n, median, max and its target."""
    lines = [f"{result['students']} students x {result['answers_per_student']} answers ({result['answers_in_class']} in the class; {result['source']}); "
             f"load average {result['load_before']} before, {result['load_after']} after",
             f"  calibration, once per class (background, stored): {result['calibration_s']}",
             f"  {'action':<52} {'n':>2} {'median s':>9} {'max s':>7}  target"]
    for action, times in result["times_s"].items():
        target = target_of(action)
        mark = "" if target is None else f"<= {target:g} s" + ("" if statistics.median(times) <= target else "  OVER")
        lines.append(f"  {action:<52} {len(times):>2} {statistics.median(times):>9.3f} {max(times):>7.3f}  {mark}")
    if result.get("cold"):
        lines.append(f"  not calibrated yet: first Class dashboard took {result['cold']['seconds']} s "
                     f"(the screen said: {result['cold']['status_while_waiting']!r})")
    return "\n".join(lines)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_size(size: int, runs: int, data: Path | None, students: int, with_cold: bool, profile: Path | None) -> dict[str, Any]:
    """Build, calibrate, click and (optionally) the uncalibrated first look, each in its own process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="lamplight-screens-bench-") as tmp:
        folder, cold_folder = Path(tmp) / "data", Path(tmp) / "cold"
        source = _python(["build", str(size), str(folder), str(data or ""), str(students)])
        if with_cold:
            shutil.copytree(folder, cold_folder)
        calibration = json.loads(_python(["calibrate", str(folder)]))
        before = load()
        measured = json.loads(_python(["measure", str(folder), str(runs), str(profile or "")], env))
        restarted = json.loads(_python(["restart", str(folder)], env))
        after = load()
        times = measured["times_s"]
        measured["times_s"] = {FIRST_DASHBOARD: times.pop(FIRST_DASHBOARD), **restarted, **times}
        result = {"answers_per_student": size, "students": students, "source": source, "calibration_s": calibration,
                  "load_before": before, "load_after": after, **measured, "platform": "offscreen"}
        if with_cold:
            result["cold"] = json.loads(_python(["cold", str(cold_folder)], env))
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("build", "calibrate", "measure", "restart", "cold"):
        return _step(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="answers per student, one class size after the other")
    parser.add_argument("--runs", type=int, default=5, help="times each action is repeated")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--data", default=str(DEFAULT_DATA) if DEFAULT_DATA.exists() else "",
                        help="dataset folder for the histories (assist2017); empty: synthetic answers")
    parser.add_argument("--students", type=int, default=60, help="students per class (60 as in the classroom benchmark)")
    parser.add_argument("--no-cold", action="store_true", help="skip the first dashboard of a class never calibrated")
    parser.add_argument("--profile", help="cProfile the clicking process's GUI thread into this file (last size only)")
    args = parser.parse_args(argv)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        profile = Path(args.profile).resolve() if args.profile else None
        results.append(run_size(size, args.runs, Path(args.data) if args.data else None, args.students, not args.no_cold, profile))
        print(table(results[-1]), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


def _step(argv: list[str]) -> int:
    """One step in its own process; prints its result as the last line."""
    step, rest = argv[0], argv[1:]
    if step == "build":
        print(build(Path(rest[1]), int(rest[0]), Path(rest[2]) if rest[2] else None, int(rest[3])))
    elif step == "calibrate":
        print(json.dumps(calibrate(Path(rest[0]))))
    elif step == "measure":
        print(json.dumps(measure(Path(rest[0]), int(rest[1]), Path(rest[2]) if len(rest) > 2 and rest[2] else None)))
    elif step == "restart":
        print(json.dumps(restart(Path(rest[0]))))
    else:
        print(json.dumps(cold(Path(rest[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
