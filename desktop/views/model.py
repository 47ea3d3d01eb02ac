"""Model page: how well the student model fits this class, improving it in the background, rolling back."""
from __future__ import annotations

import re
from dataclasses import astuple
from datetime import date
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFileDialog, QFrame, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QProgressBar, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from desktop.file_choosers import choose_file_to_open, offered_path, remember_folder, start_folder
from desktop.i18n import count_text, day_month_year, sentences, stored_day_and_time
from desktop.prompts import ask_before
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job
from engine.adapt.learning import FitScore
from engine.classroom import Changes, Classroom
from engine.classroom import api
from engine.classroom import models
from engine.data import MIN_CHECKED_ANSWERS
from engine.district.laptop import district_round
from engine.store.classes import model_fit_setting

SHARE_EPSILON = 8.0
"""The differential-privacy ε of a shared update when the teacher asks for privacy noise."""


def then(text: str, sentence: str) -> str:
    """Two sentences in a row: a space between English ones, none after a Chinese full stop."""
    return sentences(text, sentence)


class ModelPage(Page):
    """The student model, in plain words."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.layout_ = self._scrolling_body()
        self.layout_.addWidget(heading(self.tr("Model")))
        self.layout_.addWidget(
            hint(
                self.tr(
                    "Lamplight estimates each student's chance of success on each exercise with a student model that "
                    "learned from thousands of students. It can also learn from your class's own answers; a new version is "
                    "kept only if it predicts answers it has not seen better than the current one."
                )
            )
        )
        fit_box = QGroupBox(self.tr("How well the model fits this class"))
        fit_layout = QVBoxLayout(fit_box)
        self.model_name = QLabel("")
        self.model_name.setWordWrap(True)
        self.fit_text = hint(self.tr("Press “Improve the model on this class” to check and improve the fit."))
        self.fit_text.setObjectName("fitSummary")
        fit_layout.addWidget(self.model_name)
        fit_layout.addWidget(self.fit_text)
        self.layout_.addWidget(fit_box)

        improve_box = QGroupBox(self.tr("Learning from this class"))
        improve_layout = QVBoxLayout(improve_box)
        row = QHBoxLayout()
        self.improve_button = QPushButton(self.tr("Improve the model on this class"))
        self.improve_button.setObjectName("improveModel")
        self.improve_button.clicked.connect(lambda: self.improve())  # clicked's "checked" is not "by itself"
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.improve_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        improve_layout.addLayout(row)
        self.by_itself = QCheckBox(self.tr("Also learn by itself after every {count} new answers (every class on this laptop)")
                                   .format(count=api.LEARN_EVERY_ANSWERS))  # review 43d: one setting for the laptop
        self.by_itself.setObjectName("learnByItself")
        self.by_itself.toggled.connect(lambda on: self.store.set_setting(api.LEARN_BY_ITSELF_SETTING, bool(on)))
        improve_layout.addWidget(self.by_itself)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress_text = QLabel("")
        improve_layout.addWidget(self.progress)
        improve_layout.addWidget(self.progress_text)
        improve_layout.addWidget(hint(self.tr("You can keep working while it learns; other screens stay usable.")))
        self.layout_.addWidget(improve_box)

        history_box = QGroupBox(self.tr("Earlier versions"))
        history_layout = QVBoxLayout(history_box)
        self.snapshots = QListWidget()
        self.snapshots.setObjectName("modelSnapshots")
        self.snapshots.setMinimumHeight(72)  # takes the room left over, so the whole screen fits a laptop's height
        self.snapshots.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        history_layout.addWidget(self.snapshots)
        self.rollback_button = QPushButton(self.tr("Go back to the selected version"))
        self.rollback_button.clicked.connect(self.rollback)
        self.snapshots.currentItemChanged.connect(lambda *_: self._name_rollback())
        self.shipped_button = QPushButton(self.tr("Use the model that ships with Lamplight"))
        self.shipped_button.clicked.connect(self.use_shipped)
        row = QHBoxLayout()
        row.addWidget(self.rollback_button)
        row.addWidget(self.shipped_button)
        row.addStretch(1)
        history_layout.addLayout(row)
        self.layout_.addWidget(history_box, 1)
        self.layout_.addWidget(self._district_box())
        self.job = None
        """The learning job (Cancel stops it); sharing is ``share_job``, a district model's check ``district_job``
        (review 28: sharing while learning ran took this place, so Cancel stopped the sharing and learning went on)."""
        self.share_job = None
        self.district_job = None
        self.last_report: Any = None
        self._job_class: Any = None
        """The class the running (or last) learning job is about."""
        self._fit_texts: dict[Any, str] = {}
        """Each class's outcome of learning in this session, in words."""

    def _scrolling_body(self) -> QVBoxLayout:
        """The screen's content inside a scroll area: on a 1366x768 laptop it is taller than the window, and
        squeezed into it the wrapped explanations lost their last lines. Returns the layout to fill."""
        scroll = QScrollArea()
        scroll.setObjectName("modelScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps to the width instead
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(self.layout_.spacing())
        scroll.setWidget(body)
        self.layout_.addWidget(scroll, 1)
        return layout

    def _changing_model(self) -> bool:
        """Whether learning or a district model's check runs: the class's model changes once at a time (review 28d:
        two quick presses of "Use the district model…" adopted it twice)."""
        return any(job is not None and job.is_running for job in (self.job, self.district_job))

    def refresh(self) -> None:
        class_id = self.context.class_id
        running = self.job is not None and self.job.is_running
        changing = self._changing_model()
        # the fit line and the bar are about one class (review 26: another class's stayed after a switch)
        self.fit_text.setText(self._fit_texts.get(class_id) or self._kept_fit(class_id) or
                              self.tr("Press “Improve the model on this class” to check and improve the fit."))
        if running and class_id != self._job_class:
            self.progress.setValue(0)
            self.progress_text.setText(self.tr("Learning from another class now; this class can learn when that is done."))
        elif not running:
            self.progress.setValue(1000 if class_id in self._fit_texts else 0)
            self.progress_text.setText(self.tr("Done.") if class_id in self._fit_texts else "")
        # an idle "0%" bar read as something stuck (review 39): shown while learning and after it
        self.progress.setVisible(running or class_id in self._fit_texts)
        self.improve_button.setEnabled(class_id is not None and not changing)
        self.by_itself.blockSignals(True)  # as the data says (a restore may bring another choice: review 40c)
        self.by_itself.setChecked(self.store.get_setting(api.LEARN_BY_ITSELF_SETTING, True) is not False)
        self.by_itself.blockSignals(False)
        self.share_button.setEnabled(class_id is not None)
        self.district_button.setEnabled(class_id is not None and not changing)
        self.show_key_file()
        if self._district_for != (class_id, models.model_key(self.store, class_id) if class_id is not None else None):
            self.district_text.setText("")
        info = models.model_in_use(self.store, class_id) if class_id is not None else None
        self.model_name.setText(self.model_in_use_text(info, class_id))
        self.snapshots.clear()
        snapshots = models.class_snapshots(self.store, class_id) if class_id is not None else []
        minutes = [self.snapshot_label(s.created, s.note) for s in snapshots]
        for snap, label in zip(snapshots, minutes):
            if minutes.count(label) > 1:  # review 35c: two versions of one minute read alike; their seconds tell them apart
                label = self.snapshot_label(snap.created, snap.note, seconds=True)
            item = QListWidgetItem(label + "   " + self.tr("(in use now)") if snap.active else label)
            item.setData(256, snap.id)
            item.setData(257, snap.active)
            self.snapshots.addItem(item)
        has = self.snapshots.count() > 0
        self._name_rollback()
        self.shipped_button.setEnabled(info is not None and not changing)
        if not has:
            self.snapshots.addItem(self.tr("No earlier versions yet: one is kept each time learning replaces the model."))
            self.snapshots.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def model_in_use_text(self, info: tuple[str, str] | None, class_id: Any) -> str:
        """Which model the class uses, and since when, in words that are true for how it came to be used."""
        if info is None:
            missing = models.missing_model(self.store, class_id) if class_id is not None else None
            if missing is not None and models.damaged(self.store, missing):  # review 37e
                return self.tr("Model in use: the model that ships with Lamplight. The model this class used since {date} "
                               "could not be read (its file is damaged): press “Improve the model on this class” to "
                               "learn from the class again, or use the district model again.").format(
                    date=self.when(missing.created))
            if missing is not None:  # review 28: a backup restored on another laptop carries the data, not the model files
                return self.tr("Model in use: the model that ships with Lamplight. The model this class used since {date} "
                               "is not on this laptop (a backup holds the class's answers, not its model files): press "
                               "“Improve the model on this class” to learn from the class again, or use the district "
                               "model again.").format(date=self.when(missing.created))
            return self.tr("Model in use: the model that ships with Lamplight.")
        name, date = info[0], self.when(info[1])  # review 42: "on 2026-12-06" beside the list's "6 Dec 2026 20:08"
        if name == "district":
            found = district_round(self.store.active_model_snapshot(class_id).note)
            if found is not None:
                return self.tr("Model in use: the district model of round {round}, adopted for this class on {date}.").format(
                    round=found, date=date)
            return self.tr("Model in use: the district model, adopted for this class on {date}.").format(date=date)
        from engine.district.laptop import BEFORE_DISTRICT

        note = self.store.active_model_snapshot(class_id).note
        if note.startswith(("before learning from the class", BEFORE_DISTRICT)):  # an earlier version the teacher went back to
            return self.tr("Model in use: an earlier version, kept on {date} ({what}).").format(
                date=date, what=self.snapshot_note(note))
        return self.tr("Model in use: the model improved on this class on {date}.").format(date=date)  # not its kind: "metasgd"

    def snapshot_label(self, created: str, note: str, seconds: bool = False) -> str:
        """An earlier version in the list: when it was kept and, in plain words, what it was."""
        return f"{self.when(created, seconds)}   {self.snapshot_note(note)}"

    def when(self, created: str, seconds: bool = False) -> str:
        """A stored (UTC) time on this computer's clock, as the backups are listed: 6 Dec 2026 20:08, 2026年12月6日 20:08."""
        return stored_day_and_time(created, self.context.language, seconds)

    def snapshot_note(self, note: str) -> str:
        """What an earlier version was, in plain words (the engine's notes are English, some with figures for experts)."""
        from engine.district.laptop import BEFORE_DISTRICT

        if note.startswith("before learning from the class"):  # the engine's note also carries a statistic for experts
            return self.tr("the model as it was before it learned from this class's answers")
        if note == BEFORE_DISTRICT:
            return self.tr("the model as it was before the district model was used")
        if note.startswith("The district model is now used"):  # the engine's summary, in English
            found = district_round(note)
            if found is not None:  # review 43d: two adoptions read alike; the round tells them apart
                return self.tr("the district model of round {round}, used because it predicted this class's answers at "
                               "least as well").format(round=found)
            return self.tr("the district model, used because it predicted this class's answers at least as well")
        if note.startswith("The model "):  # engine.adapt.learning's summary, in English (review 26: shown in the Chinese app)
            figure = re.search(r"(\d+)%", note)
            if figure:
                return self.tr("the model improved on this class: it predicted {percent}% of the answers kept aside right").format(
                    percent=figure[1])
            return self.tr("the model improved on this class")
        return note

    def improve(self, by_itself: bool = False) -> Any:
        """Learn from the class's answers in a worker (the button, or ``by_itself`` after enough new answers: see
        ``MainWindow.learn_when_due``, which then names it in the status bar)."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        self.improve_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # a moving bar until the first figure (review 35a: 0% for 8 s looked frozen)
        self.progress_text.setText(self.tr("Starting…"))
        self._job_class = class_id

        def work(ctx):
            return Classroom(ctx.store()).improve(class_id, ctx.progress, ctx.should_stop)

        title = self.tr("Learning from the class's new answers…") if by_itself else self.tr("Learning from this class")
        self.job = run_job(self, work, title=title, on_done=self._done, cancellable=True, show="status" if by_itself else "none")
        self.job.signals.progress.connect(self._on_progress)
        self.job.ended.connect(self._ended)
        self.refresh()  # no other model while this one learns
        return self.job

    def _on_progress(self, fraction: float, text: str) -> None:
        if self.context.class_id != self._job_class or (self.job is not None and self.job.context.should_stop()):
            return  # the teacher is looking at another class, or pressed Cancel ("Stopping…" stays: review 39)
        if fraction >= 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(fraction * 1000))
        self.progress_text.setText(self.tr("Working: {percent:.0%}").format(percent=max(0.0, fraction)))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.progress_text.setText(self.tr("Stopping…"))

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1000)
        self.refresh()  # the buttons that change the model come back
        if self.job is not None and self.job.context.should_stop() and self.context.class_id == self._job_class:
            self.progress_text.setText(self.tr("Cancelled: the model was not changed."))
            self.progress.setValue(0)

    def _done(self, report: Any) -> None:
        self.last_report = report
        self._fit_texts[self._job_class] = self.fit_summary(report)
        if not report.cancelled and report.after is not None:
            self._keep_fit(self._job_class, report, district=False)
        self.context.changed(Changes(model=True))
        self.refresh()

    def _keep_fit(self, class_id: Any, report: Any, district: bool) -> None:
        """Keep the check's figures with the class, for the fit line after the app starts again (review 39: it said
        "Press … to check" again), tied to the model in use (another model makes them say nothing)."""
        self.store.set_setting(model_fit_setting(class_id), {
            "model": models.model_key(self.store, class_id), "district": district, "day": date.today().isoformat(),
            "adopted": bool(report.adopted), "before": list(astuple(report.before)), "after": list(astuple(report.after))})

    def _kept_fit(self, class_id: Any) -> str | None:
        """The fit line from the last check kept with the class, while the class still uses the model it was about."""
        if class_id is None:
            return None
        record = self.store.get_setting(model_fit_setting(class_id))
        try:
            if record["model"] != models.model_key(self.store, class_id):
                return None
            report = SimpleNamespace(adopted=bool(record["adopted"]), cancelled=False, already_in_use=False,
                                     before=FitScore(*record["before"]), after=FitScore(*record["after"]))
            text = (self.adoption_summary if record["district"] else self.fit_summary)(report)
            day = day_month_year(date.fromisoformat(str(record["day"])[:10]), self.context.language)  # review 43d: ISO
            return self.tr("Checked on {day}: {text}").format(day=day, text=text[:1].lower() + text[1:])  # (43e: ": The")
        except (KeyError, TypeError, ValueError, IndexError):
            return None

    def closer_fit(self, report: Any, district: bool = False) -> str:
        """An adopted model that calls fewer answers right, in words: it was kept for chances that fit the class better
        (a lower log loss), which "69%, it was 70%" alone would contradict (or "75%, it was 75%", review 30a); a
        district model is called so (review 43d: "The new model" under "Use the district model…")."""
        same = round(report.after.accuracy * 100) == round(report.before.accuracy * 100)
        if district and same:
            text = self.tr("The district model is used now: its chances of success fit this class's latest {answers} answers "
                           "more closely (it is less often very sure and wrong); it predicts {after:.0%} of them "
                           "correctly, as the model before did.")
        elif district:
            text = self.tr("The district model is used now: its chances of success fit this class's latest {answers} answers "
                           "more closely (it is less often very sure and wrong), though it predicts {after:.0%} of them "
                           "correctly, against {before:.0%} with the model before.")
        elif same:
            text = self.tr(
                "The new model is used now: its chances of success fit this class's latest {answers} answers more closely "
                "(it is less often very sure and wrong); it predicts {after:.0%} of them correctly, as before.")
        else:
            text = self.tr(
                "The new model is used now: its chances of success fit this class's latest {answers} answers more closely "
                "(it is less often very sure and wrong), though it predicts {after:.0%} of them correctly, "
                "against {before:.0%} before.")
        return text.format(after=report.after.accuracy, before=report.before.accuracy, answers=count_text(report.after.answers))

    def fit_summary(self, report: Any) -> str:
        """The engine's fit report in plain words in the app's language."""
        if report.cancelled:
            return self.tr("Cancelled: the model was not changed.")
        if report.after is None:
            return self.tr("Not enough answers yet to learn from this class. Give a quiz or some practice first.")
        if report.adopted and round(report.after.accuracy * 100) <= round(report.before.accuracy * 100):
            return self.closer_fit(report)
        if report.adopted:
            return self.tr(
                "The model now predicts {after:.0%} of this class's answers correctly; it was {before:.0%} before. "
                "(Checked on the latest {answers} answers, which it did not learn from.)"
            ).format(after=report.after.accuracy, before=report.before.accuracy, answers=count_text(report.after.answers))
        if round(report.after.accuracy * 100) > round(report.before.accuracy * 100):  # review 36d: "59%… did not improve (60%)"
            return self.tr(
                "The model predicts {before:.0%} of this class's answers correctly. Learning from the class gave one that predicts "
                "{after:.0%} correctly, but whose chances of success fit the latest answers less closely (it is "
                "more often very sure and wrong), so the current model is kept."
            ).format(after=report.after.accuracy, before=report.before.accuracy)
        return self.tr(
            "The model predicts {before:.0%} of this class's answers correctly. Learning from the class did not improve it "
            "this time ({after:.0%}), so the current model is kept."
        ).format(after=report.after.accuracy, before=report.before.accuracy)

    def use_shipped(self) -> None:
        """Stop using what was learned on this class (the snapshots stay, to go back to later), after asking."""
        if not ask_before(self, self.tr("Use the model that ships with Lamplight"), self.tr(
                "Use the model that ships with Lamplight for this class? The model in use now stays in Earlier versions, "
                "to go back to."), self.tr("Use the shipped model"), self.tr("Keep the model in use")):
            return
        self.store.deactivate_models(self.context.class_id)
        self._model_changed_by_hand()

    def _name_rollback(self) -> None:
        """"Go back" only with an earlier version selected (review 27b: it did nothing with none selected, and
        offered the version in use)."""
        item = self.snapshots.currentItem()
        self.rollback_button.setEnabled(item is not None and item.data(256) is not None and not item.data(257)
                                        and not self._changing_model())

    def rollback(self) -> None:
        item = self.snapshots.currentItem()
        if item is None or item.data(256) is None or item.data(257):
            return
        answer = QMessageBox.question(self, self.tr("Go back"), self.tr("Use this earlier version of the model again?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.activate_model_snapshot(item.data(256))
            self._model_changed_by_hand()

    def _say_district(self, text: str) -> None:
        """The district line, kept for the class and the model it is about: another class, or another model in use (a
        restore, going back), clears it (review 43d: "The new model is used now" stood after a restore had brought
        back the model before the district's)."""
        class_id = self.context.class_id
        self._district_for = (class_id, models.model_key(self.store, class_id) if class_id is not None else None)
        self.district_text.setText(text)

    def _model_changed_by_hand(self) -> None:
        """Another model in use: the last improvement's or district's outcome no longer describes it (review 34e: "The
        new model is used now" stood under "Model in use: an earlier version")."""
        self._fit_texts.pop(self.context.class_id, None)
        self._say_district("")
        self.context.changed(Changes(model=True))
        self.refresh()

    # Learning with other schools (issue 17): update files and district models carried on a USB stick.

    def _district_box(self) -> QGroupBox:
        """The share / use-the-district buttons, the privacy setting and the outcome in plain words."""
        box = QGroupBox(self.tr("Learning with other schools"))
        layout = QVBoxLayout(box)
        layout.addWidget(hint(self.tr(
            "Share what this laptop learned as a file for your district (on a USB stick). It holds only totals over at "
            "least 10 students per exercise: no names, no answers, nothing about any one child.")))
        self.privacy_box = QCheckBox(self.tr("Extra privacy: add random noise to the totals"))
        self.privacy_box.setObjectName("sharePrivacy")
        self.privacy_box.setToolTip(self.tr(
            "Adds random noise to the totals in the file, so that nobody, even with every school's file, can tell whether "
            "any one child's answers are in it. The file states the privacy level it gives (differential privacy, "
            "ε = {epsilon:g}).").format(epsilon=SHARE_EPSILON))
        layout.addWidget(self.privacy_box)
        self.privacy_hint = hint(self.privacy_cost())
        self.privacy_hint.setObjectName("sharePrivacyHint")
        self.privacy_hint.setToolTip(self.privacy_box.toolTip())
        layout.addWidget(self.privacy_hint)
        layout.addLayout(self._key_row())
        row = QHBoxLayout()
        self.share_button = QPushButton(self.tr("Share what this laptop learned…"))
        self.share_button.setObjectName("shareUpdate")
        self.share_button.clicked.connect(self.share_update)
        self.district_button = QPushButton(self.tr("Use the district model…"))
        self.district_button.setObjectName("useDistrictModel")
        self.district_button.clicked.connect(self.use_district_model)
        row.addWidget(self.share_button)
        row.addWidget(self.district_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.district_text = hint("")
        self._district_for: tuple[Any, Any] | None = None  # (class, model) the district line is about
        self.district_text.setObjectName("districtSummary")
        layout.addWidget(self.district_text)
        return box

    def _key_row(self) -> QHBoxLayout:
        """The district key file in use (for districts that sign their files) and the buttons to choose or forget it."""
        row = QHBoxLayout()
        self.key_text = hint("")
        self.key_text.setObjectName("districtKeyText")
        self.key_button = QPushButton(self.tr("District key file…"))
        self.key_button.setObjectName("districtKeyFile")
        self.key_button.setToolTip(self.tr(
            "Only if your district gave you a key file: the files this laptop shares are then signed with it, and a "
            "district model is used only if it was signed with it. The key itself never goes into a shared file."))
        self.key_button.clicked.connect(self.choose_key_file)
        self.forget_key_button = QPushButton(self.tr("Stop using the key"))
        self.forget_key_button.setObjectName("forgetDistrictKey")
        self.forget_key_button.clicked.connect(self.forget_key_file)
        row.addWidget(self.key_text, 1)
        row.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.forget_key_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def show_key_file(self) -> None:
        """Say which district key file this data folder uses, if any."""
        from engine.district.laptop import key_file_in_use

        path = key_file_in_use(self.store)
        if path is None:
            self.key_text.setText(self.tr("District key: none. Files from this laptop are not signed; choose a key file "
                                          "only if your district gave you one."))
        else:
            self.key_text.setText(self.tr("District key: {file}. Files shared from this laptop are signed with it, and a "
                                          "district model is used only if it was signed with it.").format(file=path))
        self.forget_key_button.setVisible(path is not None)

    def choose_key_file(self) -> bool:
        """Ask for the district's key file and remember where it is for this data folder; True when one was taken."""
        from desktop.workers import show_error
        from engine.district.laptop import use_key_file
        from engine.errors import LamplightError

        path = choose_file_to_open(self, self.tr("District key file…"),
                                   self.tr("District key files (*.key *.txt);;All files (*)"), self.context.settings)
        if not path:
            return False
        try:
            use_key_file(self.store, path)  # reads one small text file: no need for a worker
        except LamplightError as exc:
            show_error(self, LamplightError(
                self.tr("This file was not taken as the district key. Nothing was changed.") + f"\n\n{exc}"))
            return False
        self.show_key_file()
        return True

    def forget_key_file(self) -> None:
        """Stop signing and checking with the district key (the key file itself is left where it is)."""
        from engine.district.laptop import stop_using_key_file

        stop_using_key_file(self.store)
        self.show_key_file()

    def privacy_cost(self) -> str:
        """What the privacy noise does and what it costs, with the engine's figures (the hint under the tick box)."""
        from engine.district.update import UpdateSettings, students_needed

        plain, noisy = UpdateSettings(), UpdateSettings(epsilon=SHARE_EPSILON)
        return self.tr(
            "Then nobody can tell from the file whether any one child took part. The cost: an exercise is shared only when "
            "about {needed} students have answered it (instead of {minimum}), so the district model learns less from this "
            "school, and a single class often shares nothing."
        ).format(needed=students_needed(noisy), minimum=plain.min_students)

    def share_update(self) -> Any:
        """Ask where to save the class's update file, then write it in a worker."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        # the class and the day in its name: on a district's stick one file never takes another's name (review 45c)
        suggested = offered_path(start_folder(self.context.settings),
                                 f"lamplight-update - {self.class_name()} - {date.today().isoformat()}.json")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Share what this laptop learned…"), suggested,
                                              self.tr("Lamplight district files (*.json)"))
        if not path:
            return None
        remember_folder(self.context.settings, path)
        epsilon = SHARE_EPSILON if self.privacy_box.isChecked() else None

        def work(ctx: Any) -> Any:
            from engine.district.laptop import export_class_update, laptop_key
            from engine.district.pack import load_shared_pack
            from engine.district.update import UpdateSettings

            store = ctx.store()
            key = laptop_key(store)
            payload = export_class_update(store, class_id, path, load_shared_pack(), UpdateSettings(epsilon=epsilon),
                                          key=key, progress=ctx.progress)
            return payload, key is not None

        self.share_job = run_job(self, work, title=self.tr("Writing the file for the district…"),
                                on_done=lambda payload: self._shared(path, payload),
                                on_error=lambda exc: self._share_failed(exc, noisy=epsilon is not None))
        return self.share_job

    def _shared(self, path: str, result: tuple[dict[str, Any], bool]) -> None:
        payload, signed = result
        counts, privacy = payload["counts"], payload["privacy"]
        noisy = privacy.get("mechanism", "none") != "none"  # review 43d: "10.9 students", the count with its noise
        exercises, skills = counts["exercises_released"], counts["skills_released"]
        # with noise the file's count is a noisy sum of clipped weights, no head count (review 45c: "about 11" of 30)
        text = (self.tr("Saved {file}: what the class's students taught the model about {exercises} and {skills}, with no "
                        "names or answers.") if noisy else
                self.tr("Saved {file}: what {students} students taught the model about {exercises} and {skills}, with no "
                        "names or answers.")).format(
            file=path, students=round(counts["students"]),
            exercises=self.tr("1 exercise") if exercises == 1 else self.tr("{count} exercises").format(count=exercises),
            skills=self.tr("1 skill") if skills == 1 else self.tr("{count} skills").format(count=skills))
        if noisy:
            text = then(text, self.tr("Privacy noise was added (ε = {epsilon:g}).").format(epsilon=privacy["epsilon"]))
        if signed:
            text = then(text, self.tr("It is signed with the district key."))
        self._say_district(text)

    def _share_failed(self, exc: BaseException, noisy: bool = False) -> None:
        """No file was written (nothing to share yet, or the stick could not be written): say why, in plain words."""
        from desktop.workers import show_error
        from engine.district.laptop import NothingToShare
        from engine.errors import LamplightError

        if not isinstance(exc, (LamplightError, OSError)):
            show_error(self, exc)
            return
        text = self.tr("The file for the district was not saved. Nothing was changed.")
        self._say_district(text)  # review 43d: the line went on saying what an earlier import had done
        details = str(exc)
        if noisy and isinstance(exc, NothingToShare):
            if exc.most >= exc.plain_minimum:
                details += "\n\n" + self.tr("Untick “Extra privacy” to share this class's totals without the noise.")
            else:
                details += "\n\n" + self.tr(
                    "Without the noise an exercise still needs answers from at least {minimum} students, so this class "
                    "cannot share yet either way.").format(minimum=exc.plain_minimum)
        show_error(self, LamplightError(f"{text}\n\n{details}"))

    def use_district_model(self) -> Any:
        """Ask for a district model file; adopt it in a worker only if it predicts this class at least as well."""
        class_id = self.context.class_id
        if class_id is None:
            return None
        path = choose_file_to_open(self, self.tr("Use the district model…"),
                                   self.tr("Lamplight district files (*.json);;All files (*)"), self.context.settings)
        if not path:
            return None
        return self._check_district_model(path)

    def _check_district_model(self, path: str) -> Any:
        """Check the district model in ``path`` on the class in a worker (with this data folder's district key, if any)."""
        class_id = self.context.class_id

        def work(ctx: Any) -> Any:
            from engine.district.laptop import import_district_model, laptop_key
            from engine.district.pack import load_shared_pack

            store = ctx.store()
            return import_district_model(store, class_id, path, load_shared_pack(), laptop_key(store))

        self.district_job = run_job(self, work, title=self.tr("Checking the district model on this class…"),
                                    on_done=lambda report: self._district_checked(report, class_id),
                                    on_error=lambda exc: self._district_refused(exc, path))
        self.district_job.ended.connect(self.refresh)
        self.refresh()
        return self.district_job

    def _district_checked(self, report: Any, class_id: Any) -> None:
        self._say_district(self.adoption_summary(report))
        if report.adopted:
            self._fit_texts.pop(class_id, None)  # the fit line is about the district model now
            self._keep_fit(class_id, report, district=True)
            self.context.changed(Changes(model=True))
        self.refresh()

    def adoption_summary(self, report: Any) -> str:
        """Whether the district model was adopted, and why, in the app's language."""
        if report.already_in_use:
            return self.tr("This district model is already used for this class. Nothing was changed.")
        if report.before.answers < MIN_CHECKED_ANSWERS:
            return self.tr("Not enough answers yet to check the district model on this class. The current model is kept.")
        if report.adopted and round(report.after.accuracy * 100) <= round(report.before.accuracy * 100):
            return self.closer_fit(report, district=True)
        if report.adopted:
            return self.tr(
                "The district model is now used for this class: it predicts {after:.0%} of the class's latest {answers} "
                "answers correctly; the model before predicted {before:.0%}. (Neither model learned from those answers.)"
            ).format(after=report.after.accuracy, before=report.before.accuracy, answers=count_text(report.after.answers))
        if round(report.after.accuracy * 100) >= round(report.before.accuracy * 100):  # review 43d: "64% against 64%"
            return self.tr(
                "The district model was not adopted: it predicts {after:.0%} of this class's latest {answers} "
                "answers correctly (the current model {before:.0%}), but its chances of success fit them less closely (it is "
                "more often very sure and wrong). The current model is kept."
            ).format(after=report.after.accuracy, before=report.before.accuracy, answers=count_text(report.after.answers))
        return self.tr(
            "The district model was not adopted: it predicts this class's latest {answers} answers less well than the "
            "current model ({after:.0%} correct against {before:.0%}). The current model is kept."
        ).format(after=report.after.accuracy, before=report.before.accuracy, answers=count_text(report.after.answers))

    def _district_refused(self, exc: BaseException, path: str | None = None) -> None:
        """A file that is not a district model, was changed, is for another pack or does not match the district key:
        say so; nothing changed. A signed model on a laptop with no key: offer to choose the key file, then check again."""
        from desktop.workers import show_error
        from engine.district.fileformat import KeyMismatch, KeyNeeded
        from engine.district.laptop import KeyFileUnreadable
        from engine.errors import LamplightError

        if not isinstance(exc, LamplightError):
            show_error(self, exc)
            return
        if isinstance(exc, KeyNeeded) and path is not None:
            self._ask_for_key(path)
            return
        if isinstance(exc, (KeyMismatch, KeyFileUnreadable)):
            text = (self.tr("This file was not used: it was not signed with this laptop's district key. Nothing was changed.")
                    if isinstance(exc, KeyMismatch) else
                    self.tr("This file was not used: this laptop's district key file cannot be read. Nothing was changed."))
            self._say_district(text)
            advice = self.tr("If your district gave you another key file, choose it with “District key file…” and try again.")
            show_error(self, LamplightError(f"{text}\n\n{exc}\n\n{advice}"))
            return
        text = self.tr("This file was not used. Nothing was changed.")
        self._say_district(text)
        show_error(self, LamplightError(f"{text}\n\n{exc}"))

    def _ask_for_key(self, path: str) -> None:
        """The district model is signed and this laptop has no key: offer to choose the key file, then check it again."""
        answer = QMessageBox.question(self, self.tr("Use the district model…"), self.tr(
            "This district model is signed with your district's key. To check that it really comes from your district, "
            "Lamplight needs the district key file (a small file your district gave you). Choose it now?"))
        if answer == QMessageBox.StandardButton.Yes and self.choose_key_file():
            self._check_district_model(path)
            return
        self._say_district(self.tr(
            "This file was not used: it is signed with a district key, and this laptop has none. Choose the key file with "
            "“District key file…” and try again. Nothing was changed."))
