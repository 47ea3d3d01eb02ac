"""Model page: how well the student model fits this class, improving it in the background, rolling back."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QProgressBar, QPushButton, QVBoxLayout

from desktop.views.base import Page, heading, hint
from desktop.workers import run_job
from engine.classroom import Changes, Classroom
from engine.classroom import models


class ModelPage(Page):
    """The student model, in plain words."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
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
        self.improve_button.clicked.connect(self.improve)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.improve_button)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        improve_layout.addLayout(row)
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
        history_layout.addWidget(self.snapshots)
        self.rollback_button = QPushButton(self.tr("Go back to the selected version"))
        self.rollback_button.clicked.connect(self.rollback)
        self.shipped_button = QPushButton(self.tr("Use the model that ships with Lamplight"))
        self.shipped_button.clicked.connect(self.use_shipped)
        row = QHBoxLayout()
        row.addWidget(self.rollback_button)
        row.addWidget(self.shipped_button)
        row.addStretch(1)
        history_layout.addLayout(row)
        self.layout_.addWidget(history_box, 1)
        self.job = None
        self.last_report: Any = None

    def refresh(self) -> None:
        class_id = self.context.class_id
        self.improve_button.setEnabled(class_id is not None and (self.job is None or not self.job.is_running))
        info = models.model_in_use(self.store, class_id) if class_id is not None else None
        if info is None:
            self.model_name.setText(self.tr("Model in use: the model that ships with Lamplight."))
        else:
            self.model_name.setText(self.tr("Model in use: {name}, improved on this class on {date}.").format(name=info[0], date=info[1]))
        self.snapshots.clear()
        for snap in models.class_snapshots(self.store, class_id) if class_id is not None else []:
            item = QListWidgetItem(self.snapshot_label(snap.created, snap.note))
            item.setData(256, snap.id)
            self.snapshots.addItem(item)
        has = self.snapshots.count() > 0
        self.rollback_button.setEnabled(has)
        self.shipped_button.setEnabled(info is not None)
        if not has:
            self.snapshots.addItem(self.tr("No earlier versions yet: one is kept each time learning replaces the model."))
            self.snapshots.item(0).setFlags(Qt.ItemFlag.NoItemFlags)

    def snapshot_label(self, created: str, note: str) -> str:
        """An earlier version in the list: when it was kept and, in plain words, what it was."""
        from datetime import datetime

        try:
            when = datetime.fromisoformat(created.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = created
        if note.startswith("before learning from the class"):  # the engine's note also carries a statistic for experts
            note = self.tr("the model as it was before it learned from this class's answers")
        return f"{when}   {note}"

    def improve(self) -> Any:
        class_id = self.context.class_id
        if class_id is None:
            return None
        self.improve_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.progress_text.setText(self.tr("Starting…"))

        def work(ctx):
            return Classroom(ctx.store()).improve(class_id, ctx.progress, ctx.should_stop)

        self.job = run_job(self, work, title=self.tr("Learning from this class"), on_done=self._done, cancellable=True, show="none")
        self.job.signals.progress.connect(self._on_progress)
        self.job.ended.connect(self._ended)
        return self.job

    def _on_progress(self, fraction: float, text: str) -> None:
        if fraction >= 0:
            self.progress.setValue(int(fraction * 1000))
        self.progress_text.setText(self.tr("Working: {percent:.0%}").format(percent=max(0.0, fraction)))

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.progress_text.setText(self.tr("Stopping…"))

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        self.improve_button.setEnabled(self.context.class_id is not None)
        if self.job is not None and self.job.context.should_stop():
            self.progress_text.setText(self.tr("Cancelled: the model was not changed."))
            self.progress.setValue(0)

    def _done(self, report: Any) -> None:
        self.last_report = report
        self.progress.setValue(1000)
        self.progress_text.setText(self.tr("Done."))
        self.fit_text.setText(self.fit_summary(report))
        self.context.changed(Changes(model=True))
        self.refresh()

    def fit_summary(self, report: Any) -> str:
        """The engine's fit report in plain words in the app's language."""
        if report.cancelled:
            return self.tr("Cancelled: the model was not changed.")
        if report.after is None:
            return self.tr("Not enough answers yet to learn from this class. Give a quiz or some practice first.")
        if report.adopted:
            return self.tr(
                "The model now predicts {after:.0%} of this class's answers correctly; it was {before:.0%} before. "
                "(Checked on the latest {answers} answers, which it did not learn from.)"
            ).format(after=report.after.accuracy, before=report.before.accuracy, answers=report.after.answers)
        return self.tr(
            "The model predicts {before:.0%} of this class's answers correctly. Learning from the class did not improve it "
            "this time ({after:.0%}), so the current model is kept."
        ).format(after=report.after.accuracy, before=report.before.accuracy)

    def use_shipped(self) -> None:
        """Stop using what was learned on this class (the snapshots stay, to go back to later)."""
        self.store.deactivate_models(self.context.class_id)
        self.context.changed(Changes(model=True))
        self.refresh()

    def rollback(self) -> None:
        item = self.snapshots.currentItem()
        if item is None or item.data(256) is None:
            return
        answer = QMessageBox.question(self, self.tr("Go back"), self.tr("Use this earlier version of the model again?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.store.activate_model_snapshot(item.data(256))
            self.context.changed(Changes(model=True))
            self.refresh()
