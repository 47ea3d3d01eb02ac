"""Background jobs: the one way the app runs anything slow.

Every long job (imports, class refresh, model training, PDFs, backups) goes
through :func:`run_job`, in the spirit of Anki's ``aqt.operations``:

* the work function runs on a ``QThreadPool`` thread and gets a
  :class:`JobContext` with ``progress(fraction, text)``, ``should_stop()`` and
  ``store()`` (a store opened *in that thread*: SQLite connections must not
  cross threads);
* progress shows in a dialog (with a Cancel button when the job can stop) or,
  for quick refreshes, in the main window's status bar;
* the result arrives on the GUI thread through ``on_done``;
* failures all end in :func:`show_error`: a ``LamplightError`` message is shown
  as is, anything else as a short message with the traceback under "Details".
"""
from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.engine_texts import progress_text, teacher_text
from engine.errors import LamplightError


class JobCancelled(Exception):
    """Raised inside a job (or by ``JobContext.check``) when the teacher pressed Cancel."""


@dataclass
class JobContext:
    """What a work function may use: progress, cancel and a per-thread store."""

    open_store: Callable[[], Any] | None = None
    _cancel: threading.Event = field(default_factory=threading.Event)
    _report: Callable[[float, str], None] = lambda fraction, text: None
    _store: Any = None

    def progress(self, fraction: float, text: str = "") -> None:
        """Report progress: ``fraction`` in [0, 1] (negative = unknown) and a short line."""
        try:
            self._report(float(fraction), text)
        except RuntimeError:  # the app is quitting: stop the work
            self._cancel.set()

    def progress_or_stop(self, fraction: float, text: str = "") -> None:
        """:meth:`progress`, then :meth:`check`: for work that may stop at any report (reading a file, or writing
        in one transaction, which the raised :class:`JobCancelled` rolls back)."""
        self.progress(fraction, text)
        self.check()

    def kept(self) -> None:
        """The work's changes are committed: a Cancel pressed from now on is too late to count, and the job ends as
        done (review 30d: answers committed while Cancel was pressed were said to be "not imported")."""
        self._cancel.clear()

    def should_stop(self) -> bool:
        """True once the teacher asked to cancel; long loops check it and return early."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`JobCancelled` if cancel was requested."""
        if self._cancel.is_set():
            raise JobCancelled()

    def store(self) -> Any:
        """The store for this job's thread, opened on first use and closed at the end."""
        if self._store is None:
            if self.open_store is None:
                raise RuntimeError("this job was started without a store opener")
            self._store = self.open_store()
        return self._store

    def _close(self) -> None:
        if self._store is not None:
            close = getattr(self._store, "close", None)
            if callable(close):
                close()
            self._store = None


class _Signals(QObject):
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[JobContext], Any], context: JobContext, signals: _Signals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.work = work
        self.context = context
        self.signals = signals

    def run(self) -> None:  # runs on a pool thread
        try:
            try:
                result = self.work(self.context)
            except JobCancelled:
                self.signals.cancelled.emit()
            except BaseException as exc:  # noqa: BLE001 - every failure must reach the popup
                self.signals.failed.emit(exc, traceback.format_exc())
            else:
                if self.context.should_stop():
                    self.signals.cancelled.emit()
                else:
                    self.signals.finished.emit(result)
        except RuntimeError:
            pass  # the app is quitting and its objects are gone: nobody is left to tell
        finally:
            try:
                self.context._close()
            except Exception:  # noqa: BLE001 - closing must never hide the job's outcome
                pass


class Job(QObject):
    """A running background job; keeps itself alive until its result is delivered."""

    _running: set["Job"] = set()
    _retired: list["Job"] = []

    done = Signal(object)
    """Emitted on the GUI thread with the result, after ``on_done``."""
    ended = Signal()
    """Emitted on the GUI thread however the job ended (done, failed or cancelled)."""
    cancelled = Signal()
    """Emitted on the GUI thread, after ``ended``, when the work stopped at the teacher's Cancel."""

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[JobContext], Any],
        *,
        title: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        cancellable: bool,
        show: str,
        open_store: Callable[[], Any] | None,
    ) -> None:
        super().__init__(None)
        self.parent_widget = parent
        self.title = title
        self.cancellable = cancellable
        self.on_done = on_done
        self.on_error = on_error
        self.context = JobContext(open_store=open_store)
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.signals.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)
        self.context._report = self.signals.progress.emit
        self.dialog: QProgressDialog | None = None
        self.status_bar = None
        self.finished = False
        self._dialog_in_set_value: QProgressDialog | None = None
        if show == "dialog":
            self.dialog = QProgressDialog(title, "", 0, 1000, parent)
            self.dialog.setWindowTitle(title)
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(300)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            if cancellable:
                self.dialog.setCancelButtonText(QCoreApplication.translate("workers", "Cancel"))
                self.dialog.canceled.connect(self.cancel)
            else:
                self.dialog.setCancelButton(None)
            self.dialog.setValue(0)
        elif show == "status" and parent is not None:
            window = parent.window()
            status = getattr(window, "statusBar", None)
            self.status_bar = status() if callable(status) else None
            if self.status_bar is not None:
                self.status_bar.showMessage(title)
        self._runnable = _Runnable(work, self.context, self.signals)

    def start(self) -> "Job":
        Job._release_retired()
        Job._running.add(self)
        QThreadPool.globalInstance().start(self._runnable)
        return self

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop; it ends at its next ``should_stop()`` check."""
        self.context._cancel.set()
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("workers", "Stopping…"))

    @property
    def is_running(self) -> bool:
        return not self.finished

    @Slot(float, str)
    def _on_progress(self, fraction: float, text: str) -> None:
        if self.finished:
            return
        text = progress_text(text)
        dialog = self.dialog  # setValue may process events and end the job meanwhile
        if dialog is not None:
            if text and not self.context.should_stop():
                dialog.setLabelText(text)
            if fraction < 0:
                dialog.setMaximum(0)
            else:
                dialog.setMaximum(1000)
                # a shown modal dialog's setValue processes events: the job may end in there (and its error box
                # run), so the dialog must not be deleted until setValue has returned
                self._dialog_in_set_value = dialog
                try:
                    dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
                finally:
                    self._dialog_in_set_value = None
                    if self.finished and shiboken6.isValid(dialog):
                        dialog.deleteLater()
        # a status bar job keeps its title: the engine's own line was a model's "step 60/100, query loss 0.4832", in
        # English (review 40), and a percent repainted the window at each step (the dashboard's heat map each time)

    def _finish(self) -> None:
        self.finished = True
        if self.dialog is not None:
            self._retire_dialog(self.dialog, delete=self.dialog is not self._dialog_in_set_value)
            self.dialog = None
        if self.status_bar is not None and self.status_bar.currentMessage() == self.title:
            self.status_bar.clearMessage()  # its title only: a message said meanwhile stays (review 46: "Saved the group")
        Job._running.discard(self)
        Job._retired.append(self)
        Job._release_retired()
        self.ended.emit()

    @staticmethod
    def _release_retired() -> None:
        """Let go of ended jobs once the thread pool has deleted their runnable, on this (the GUI) thread.

        The pool deletes a finished runnable on its own thread. If that dropped the
        last reference to the job's signal object, a QObject living on the GUI thread
        would be destroyed from the pool thread while the GUI thread may still be
        delivering its queued signals: a crash that comes and goes. Holding ended
        jobs until their runnable is gone keeps every such deletion here.
        """
        Job._retired[:] = [job for job in Job._retired if shiboken6.isValid(job._runnable)]

    @staticmethod
    def _retire_dialog(dialog: QProgressDialog, delete: bool = True) -> None:
        """Put the progress dialog away for good before ``on_done`` or the error popup runs.

        ``QProgressDialog`` shows itself from its own timer once ``minimumDuration``
        has passed; ``hide()`` does not stop that timer and ``deleteLater()`` waits
        for the event loop to come back, which it does not while a follow-up dialog
        runs its own loop. The timer would then pop the dialog, modal and stuck at
        0 %, over that follow-up dialog. ``reset()`` stops the timer; stopping the
        dialog's child timers as well keeps this true whatever Qt version runs.
        """
        try:
            dialog.canceled.disconnect()
        except (RuntimeError, TypeError):
            pass  # nothing was connected (a job without Cancel)
        dialog.reset()
        for timer in dialog.findChildren(QTimer):
            timer.stop()
        dialog.hide()
        if delete:  # otherwise the caller inside the dialog's setValue deletes it once that returns
            dialog.deleteLater()

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._finish()
        _deliver(lambda: self._report_done(result), self.parent_widget)

    def _report_done(self, result: Any) -> None:
        if self.on_done is not None:
            try:
                self.on_done(result)
            except Exception as exc:  # noqa: BLE001 - a failing callback still gets a popup
                show_error(self.parent_widget, exc, traceback.format_exc())
        self.done.emit(result)

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, details: str) -> None:
        self._finish()
        _deliver(lambda: self.on_error(exc) if self.on_error is not None else
                 show_error(self.parent_widget, exc, details, title=self.title.rstrip("…. ")), self.parent_widget)

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish()
        self.cancelled.emit()


def run_job(
    parent: QWidget | None,
    work: Callable[[JobContext], Any],
    *,
    title: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancellable: bool = False,
    show: str = "dialog",
    open_store: Callable[[], Any] | None = None,
) -> Job:
    """Run ``work(context)`` off the GUI thread; deliver its result to ``on_done`` on the GUI thread.

    ``show`` is ``"dialog"`` (progress dialog, appears after 0.3 s),
    ``"status"`` (status bar message) or ``"none"``. When ``open_store`` is
    omitted, the opener of the app's context (``parent.window().context``)
    is used, so ``context.store()`` works in every job started from a window.
    """
    if open_store is None and parent is not None:
        app_context = getattr(parent.window(), "context", None)
        open_store = getattr(app_context, "open_store", None)
    return Job(
        parent,
        work,
        title=title,
        on_done=on_done,
        on_error=on_error,
        cancellable=cancellable,
        show=show,
        open_store=open_store,
    ).start()


def show_error(parent: QWidget | None, exc: BaseException, details: str = "", title: str = "") -> None:
    """The single error popup of the app, titled with what was being done (a job's ``title``: "Removing from the
    backups"), else "Lamplight".

    A ``LamplightError`` is a message for people and is shown as is. Anything
    else is a bug: a short apology, the error in one line, and the traceback
    under "Show Details" so the teacher can pass it on.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("workers", "Lamplight"))
    if isinstance(exc, LamplightError):
        box.setText(teacher_text(str(exc)))
    else:
        box.setText(
            QCoreApplication.translate(
                "workers", "Something went wrong and the last action did not finish. Your saved data is safe."
            )
        )
        box.setInformativeText(f"{type(exc).__name__}: {exc}")
        box.setDetailedText(details or "".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    if QCoreApplication.instance() is not None and QCoreApplication.instance().property("lamplight_no_popups"):
        _record_error(box)
        return
    box.exec()


_shown_errors: list[str] = []


def _record_error(box: QMessageBox) -> None:
    """In tests (``lamplight_no_popups`` set), errors are collected instead of blocking."""
    _shown_errors.append(box.text() + ("\n" + box.informativeText() if box.informativeText() else ""))
    box.deleteLater()


def shown_errors() -> list[str]:
    """Errors that would have popped up since the last call (test helper); clears the list."""
    errors = list(_shown_errors)
    _shown_errors.clear()
    return errors


def cancel_all(wait_ms: int = 5000) -> bool:
    """Ask every running job to stop and wait for them (at quit); True if all ended in time."""
    for job in list(Job._running):
        job.context._cancel.set()
    return QThreadPool.globalInstance().waitForDone(wait_ms)


def stop_all(timeout_ms: int = 30000) -> bool:
    """Stop the jobs a teacher could cancel and wait for the others to end, events flowing so each ends as the teacher
    sees it (before a restore replaces the data under them); True when none runs. A job that cannot be cancelled is
    never told to stop: its screen learns how it ended only when it ends as done or failed (review 32c)."""
    for job in list(Job._running):
        if job.cancellable:
            job.cancel()
    return wait_for_all(timeout_ms)


_held: list[Callable[[], None]] | None = None
"""What ended jobs have to show, kept while the teacher screens are locked (None: not locked)."""


_shown_anyway: Any = None
"""While results are held, the widget whose own jobs still show theirs (the practice screen in practice mode)."""


def hold_results(except_for: Any = None) -> None:
    """While the teacher screens are locked, a job that ends keeps what it shows (a question, a message, a filled
    screen) until :func:`release_results`: review 27e, an import's question with the children's names came up over
    the password prompt, its buttons working. ``except_for``: a widget whose own jobs still show what they have (in
    practice mode the practice screen's; review 31b: a teacher's "Remove … from the backups?" could come up for a
    child to answer)."""
    global _held, _shown_anyway
    if _held is None:
        _held = []
    _shown_anyway = except_for


def release_results() -> None:
    """Show what the jobs that ended while the screens were locked have to show, in the order they ended."""
    global _held, _shown_anyway
    waiting, _held, _shown_anyway = _held or [], None, None
    while waiting:
        waiting.pop(0)()
        if _held is not None:  # what it showed locked the screens again (practice mode began): the rest wait again
            _held[:0] = waiting  # (review 40d: a teacher's question after it came up over practice mode)
            return


def _deliver(show: Callable[[], None], parent: Any = None) -> None:
    shown_anyway = _shown_anyway is not None and parent is not None and (parent is _shown_anyway or _shown_anyway.isAncestorOf(parent))
    if _held is not None and not shown_anyway:
        _held.append(show)
    else:
        show()


def jobs_the_teacher_waits_for() -> list[Job]:
    """The running jobs a teacher started and watches in a progress dialog (a PDF, a backup, an import), not the
    work the app does by itself in the background, which starts again at the next start."""
    return [job for job in Job._running if job.dialog is not None and not job.finished]


def jobs_running() -> bool:
    """Whether a background job is running (work that can wait starts when none is)."""
    return bool(Job._running)


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """Process events until every running job has ended (for tests and clean shutdown)."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    app = QCoreApplication.instance()
    while Job._running and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        QThreadPool.globalInstance().waitForDone(10)
    return not Job._running
