"""The main window: class picker on top, navigation list on the left, one screen at a time.

Screens are built the first time they are opened (start-up stays fast) and
rebuilt when the language changes, so every visible text switches at once.
"""
from __future__ import annotations

import html
import importlib
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QApplication,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from desktop.context import AppContext
from desktop.plain_text import tip
from desktop.workers import jobs_running, run_job
from engine.classroom import Changes, Classroom
from engine.errors import LamplightError
from engine.store.demo import create_demo_class

OTHER_CLASSES_READ = 4  # classes read ahead after start: each holds its answers in memory, like a visited class
READ_AHEAD_RETRY_MS = 1000  # the reading ahead waits while the teacher's own screens are working
KEEP_FIGURES_EVERY_MS = 3 * 60 * 1000
"""How often the dashboard's figures are kept while the app is open (see :meth:`MainWindow.keep_dashboard_meanwhile`)."""
BACK_UP_UNSAVED_EVERY_MS = 30 * 60 * 1000
"""How often, while the app is open, a backup is made when no daily backup holds the data as it is."""
READ_MARKING = "marking model"  # read ahead last: the marking model, when the class has typed answers waiting

PAGES = [
    ("classes", "desktop.views.classes", "ClassesPage"),
    ("bank", "desktop.views.bank", "BankPage"),
    ("quiz", "desktop.views.quiz", "QuizPage"),
    ("marking", "desktop.views.marking", "MarkingPage"),
    ("practice", "desktop.views.practice", "PracticePage"),
    ("dashboard", "desktop.views.dashboard", "DashboardPage"),
    ("student", "desktop.views.student", "StudentPage"),
    ("reports", "desktop.views.reports", "ReportsPage"),
    ("model", "desktop.views.model", "ModelPage"),
    ("settings", "desktop.views.settings", "SettingsPage"),
]


class MainWindow(QMainWindow):
    """Lamplight's one window."""

    def __init__(self, context: AppContext, defer: bool = False) -> None:
        """Build the window; with ``defer`` the data is read just after the window is shown."""
        super().__init__()
        self.context = context
        self.pages: dict[str, QWidget] = {}
        self._recalibrating = False
        self._preparing: set[Any] = set()
        self.reading_ahead = False  # from start until the other classes were read (see read_other_classes)
        self._archived_in_picker: Any = None  # the archived class the picker shows while it is the class in use
        self._to_read: list[Any] | None = None  # the other classes still to read; None: not chosen yet
        self.setWindowTitle(self.tr("Lamplight"))
        self.setMinimumSize(QSize(800, 560))
        self._build()
        if defer:
            QTimer.singleShot(20, self.populate)  # after the first paint of the window
        else:
            self.populate()
        context.class_changed.connect(self._on_class_changed)
        context.data_changed.connect(self._on_data_changed)
        self.keep_timer = QTimer(self)
        self.keep_timer.setInterval(KEEP_FIGURES_EVERY_MS)
        self.keep_timer.timeout.connect(self.keep_dashboard_meanwhile)
        self.keep_timer.start()
        self.backup_timer: QTimer | None = None
        self.backup_job: Any = None
        self.backup_failure_told = False
        """A failed daily backup is said once a session (the next ones try again silently)."""
        self.fit_to_screen(1180, 760)
        geometry = context.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            self.fit_to_screen(self.width(), self.height())
        state = context.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.toolbar.setVisible(True)  # a state saved in practice mode (toolbar hidden) must not hide the class picker

    def fit_to_screen(self, width: int, height: int) -> None:
        """Resize to ``width`` x ``height``, shrunk so the whole window (frame included) fits the screen.

        On a 1366x768 laptop the task bar and the title bar leave about 700
        pixels: a taller window would hide its own status bar and buttons.
        """
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(width, height)
            return
        available = screen.availableGeometry()
        frame_width, frame_height = 16, 40  # title bar and borders, before the window manager tells us
        width = max(self.minimumWidth(), min(width, available.width() - frame_width))
        height = max(self.minimumHeight(), min(height, available.height() - frame_height))
        self.resize(width, height)
        if not available.contains(self.frameGeometry()):
            self.move(available.topLeft())

    # --- building -----------------------------------------------------------------
    def _nav_labels(self) -> dict[str, str]:
        return {
            "classes": self.tr("Classes & students"),
            "bank": self.tr("Exercise bank"),
            "quiz": self.tr("Paper quiz"),
            "marking": self.tr("Mark written answers"),
            "practice": self.tr("Practice mode"),
            "dashboard": self.tr("Class dashboard"),
            "student": self.tr("Student page"),
            "reports": self.tr("Worksheets & reports"),
            "model": self.tr("Model"),
            "settings": self.tr("Settings"),
        }

    def _build(self) -> None:
        toolbar = QToolBar(self.tr("Class"), self)
        toolbar.setObjectName("classToolbar")
        toolbar.setMovable(False)
        self.class_label = QLabel(self.tr("Class:"))
        self.class_combo = QComboBox()
        self.class_combo.setMinimumWidth(220)
        self.class_combo.setMaximumWidth(640)  # a long class name shows whole, up to half a small laptop's screen
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # review 34a: kept its first
        # width, so a class made later showed "…三年级二班（" only
        self.class_combo.setObjectName("classCombo")
        self.class_combo.currentIndexChanged.connect(self._on_class_picked)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(8, 2, 8, 2)
        row.addWidget(self.class_label)
        row.addWidget(self.class_combo)
        toolbar.addWidget(holder)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setMaximumWidth(240)
        self.nav.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 7px 6px; }")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for key, label in self._nav_labels().items():
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self._fit_nav()
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.nav.minimumWidth(), 10_000])  # the screens get the room, not the list of them
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._on_nav)
        self._build_menus()
        self.populated = False
        self._population_started = False
        self.idle_guard: Any = None  # the teacher screens' idle lock (desktop.security.install_idle_lock), set by the app
        self._locking = False

    def _fit_nav(self) -> None:
        """The screens' list at least as wide as its longest name (review 26: a narrow window cut "Mark written
        answers" and added a scroll bar)."""
        widest = max(self.nav.sizeHintForColumn(0), 0)
        self.nav.setMinimumWidth(max(170, widest + 2 * self.nav.frameWidth() + 4))

    def _build_menus(self) -> None:
        """The File and Help menus (rebuilt in the new language after a switch)."""
        for menu in self.menuBar().findChildren(QMenu):
            menu.deleteLater()
        self.menuBar().clear()
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        lock_action = QAction(self.tr("&Lock the teacher screens"), file_menu)
        lock_action.setObjectName("lockNow")
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(self.lock_now)
        file_menu.addAction(lock_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), file_menu)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        guide = QAction(self.tr("&How to use Lamplight"), help_menu)
        guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        guide.triggered.connect(self.show_guide)
        help_menu.addAction(guide)
        about = QAction(self.tr("&About Lamplight"), help_menu)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def lock_now(self) -> None:
        """Lock the teacher screens at once, behind the teacher password (asked for first when there is none yet):
        review 41a, a teacher leaving the room could only wait for the idle lock."""
        from desktop.security import ensure_teacher_password
        from desktop.workers import show_error

        if self.idle_guard is None or self.context.practice_locked or self._locking:  # practice mode has its own lock
            return
        self._locking = True  # Ctrl+L again in the new password's prompt is no second lock
        try:
            if ensure_teacher_password(self, self.context.store):
                self.idle_guard.lock_now(protected=True)
        except LamplightError as exc:  # the data did not open (the start-up recovery speaks of it)
            show_error(self, exc)
        finally:
            self._locking = False

    def lock_key_pressed(self, watched: QObject, event: QKeyEvent) -> bool:
        """Whether a key pressed in the app is Ctrl+L in another of its windows, and locks: a menu shortcut works only
        in this window, and a progress box (a model training for minutes) or a question over it blocks it, so the
        teacher could not lock before leaving the room (review 41d). The idle lock's event filter, which sees every
        key, asks (see :func:`desktop.security.install_idle_lock`)."""
        if isinstance(watched, QWidget) and watched.window() is not self:
            lock = self.menuBar().findChild(QAction, "lockNow")
            able = self.idle_guard is not None and not self.idle_guard.policy.locked and not self.context.practice_locked
            if able and lock is not None and self.isVisible() and QKeySequence(event.keyCombination()) == lock.shortcut():
                QTimer.singleShot(0, self, self.lock_now)  # after this key's event: the lock's prompt runs its own loop
                return True
        return False

    def populate(self) -> None:
        """Read the classes and show the last used screen (needs the store: the slow part of start-up). Once: the
        deferred call and the app's start both ask for it, and the second came while the first's recovery question
        was open, so a damaged file was offered for recovery twice (review 31b)."""
        from desktop.workers import show_error

        if self._population_started:
            return
        self._population_started = True
        while True:
            try:
                if self.context.class_id is None:
                    self.context.resolve_class()
                self.reload_classes()
                break
            except LamplightError as exc:
                from desktop.security import offer_recovery

                if offer_recovery(self, self.context.data_dir, exc):  # damaged file and a good backup: put it back
                    self.context._store = None
                    continue
                show_error(self, exc)
                self.close()
                return
        start = str(self.context.settings.value("window/page", "classes"))
        self.open_page(start if start in [k for k, *_ in PAGES] else "classes")
        self.populated = True

    # --- classes ------------------------------------------------------------------
    def reload_classes(self) -> None:
        """Refill the class picker (after a class was created, renamed or archived)."""
        every = self.context.store.list_classes(include_archived=True)
        # an archived class the teacher chose in Classes & students stays while she reads its reports (review 39)
        classes = [c for c in every if not c.archived or c.id == self.context.class_id]
        self._archived_in_picker = next((c.id for c in classes if c.archived), None)
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        for info in classes:
            self.class_combo.addItem(self.tr("{name} (archived)").format(name=info.name) if info.archived else info.name, info.id)
            self.class_combo.setItemData(self.class_combo.count() - 1, tip(info.name), Qt.ItemDataRole.ToolTipRole)
        ids = [c.id for c in classes]
        if self.context.class_id not in ids:
            self.context.take_class(ids[0] if ids else None)
        if self.context.class_id is not None:
            self.class_combo.setCurrentIndex(ids.index(self.context.class_id))
        else:
            self.class_combo.addItem(self.tr("(every class is archived)") if every else self.tr("(no class yet)"), None)
        self.class_combo.setEnabled(any(not c.archived for c in classes))
        self.class_combo.blockSignals(False)

    def _on_class_picked(self, index: int) -> None:
        self.context.set_class(self.class_combo.itemData(index))

    def _on_class_changed(self, class_id: Any) -> None:
        """The current class changed (here or on another screen): show it in the class picker, refresh the screen."""
        index = self.class_combo.findData(class_id)
        if index < 0:  # an archived class chosen in Classes & students
            self.reload_classes()
        elif self._archived_in_picker not in (None, class_id):  # another class chosen: the archived one leaves the picker
            QTimer.singleShot(0, self, self.reload_classes)
        if index >= 0 and index != self.class_combo.currentIndex():
            self.class_combo.blockSignals(True)
            self.class_combo.setCurrentIndex(index)
            self.class_combo.blockSignals(False)
        self._refresh_current()
        self.prepare_class_if_new()

    # --- pages --------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The screen ``key`` (built on first use)."""
        if key not in self.pages:
            module_name, class_name = next((m, c) for k, m, c in PAGES if k == key)
            page_class = getattr(importlib.import_module(module_name), class_name)
            page = page_class(self.context, self)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        return self.pages[key]

    def open_page(self, key: str) -> QWidget:
        """Show screen ``key`` and select it in the navigation list."""
        keys = [k for k, *_ in PAGES]
        if key not in keys:
            key = "classes"
        if self.nav.currentRow() != keys.index(key):
            self.nav.setCurrentRow(keys.index(key))
        return self.pages.get(self.current_key()) or self.page(self.current_key())

    def current_key(self) -> str:
        return [k for k, *_ in PAGES][max(0, self.nav.currentRow())]

    def _on_nav(self, row: int) -> None:
        if row < 0:
            return
        key = PAGES[row][0]
        if self.context.practice_locked and key != "practice":
            self.nav.blockSignals(True)
            self.nav.setCurrentRow([k for k, *_ in PAGES].index("practice"))
            self.nav.blockSignals(False)
            return
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.context.settings.setValue("window/page", key)
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def _refresh_current(self, what: Changes = Changes.all()) -> None:
        """Refresh the screen on show if ``what`` changed touches what it shows (the others refresh when opened)."""
        page = self.stack.currentWidget()
        refresh, shows = getattr(page, "refresh", None), getattr(page, "shows", ())
        if callable(refresh) and (not shows or what.touches(*shows)):
            refresh()

    def _on_data_changed(self, what: Changes) -> None:
        if what.touches("classes"):
            self.reload_classes()
        self._refresh_current(what)
        if what.touches("answers"):
            self.recalibrate_when_due()
            self.prepare_class_if_new()
            self.learn_when_due()

    def recalibrate_when_due(self) -> Any:
        """Once enough new answers came in, re-fit the class's exercises in the background.

        The screens keep the current calibration until the new one, its figures
        already worked out, replaces it in one step; nobody waits for it.
        """
        class_id = self.context.class_id
        if class_id is None or self._recalibrating or not Classroom(self.context.store).needs_recalibration(class_id):
            return None
        self._recalibrating = True

        def finished(_: Any = None) -> None:
            self._recalibrating = False

        return run_job(self, lambda ctx: Classroom(ctx.store()).recalibrate(class_id, ctx.progress),
                       title=self.tr("Updating the class's exercises…"), show="status", on_done=finished,
                       on_error=lambda _: finished())

    def learn_when_due(self) -> Any:
        """Learning on the laptop by itself (feature 8): once the class has enough new answers (see
        ``Classroom.learning_due``), the Model page's learning runs in the background, its bar and Cancel on that
        page, when no other job runs (else at the next tick of ``keep_timer``) and no child is practising (their
        next question comes first; leaving practice mode asks again)."""
        class_id = self.context.class_id
        # not while a question is open either (review 40c: "Go back to the selected version?" then changed a model
        # that had just been learned, and a recovery key's dialog gave a job time to run into the encryption)
        if class_id is None or self.context.practice_locked or jobs_running() or QApplication.activeModalWidget():
            return None
        try:
            if not Classroom(self.context.store).learning_due(class_id):
                return None
        except LamplightError:
            return None  # a class deleted meanwhile: nothing to learn from
        return self.page("model").improve(by_itself=True)

    def stop_learning(self, class_id: Any) -> None:
        """Cancel the class's learning, if it runs, and wait for it to end: before the class is archived or deleted
        (review 40c: learning by itself then saved a model for a deleted class, and the teacher saw an error)."""
        from desktop.workers import wait_for_all

        page = self.pages.get("model")
        job = getattr(page, "job", None)
        if job is not None and job.is_running and getattr(page, "_job_class", None) == class_id:
            job.cancel()
            wait_for_all()

    def retranslate(self) -> None:
        """Show every text in the language just installed: the window's own texts change, screens are recreated.

        The navigation list, class picker and stack stay the same widgets (a
        rebuilt navigation list kept firing into deleted screens); only the
        screens are made anew, the current one first, then the old ones go.
        """
        current = self.current_key()
        self.setWindowTitle(self.tr("Lamplight"))
        self.toolbar.setWindowTitle(self.tr("Class"))
        self.class_label.setText(self.tr("Class:"))
        for row, label in enumerate(self._nav_labels().values()):
            self.nav.item(row).setText(label)
        self._fit_nav()
        self._build_menus()
        old_pages = list(self.pages.values())
        self.pages.clear()
        page = self.page(current)
        self.stack.setCurrentWidget(page)
        for old in old_pages:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.reload_classes()
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    def prepare_current_class(self, quietly: bool = False) -> Any:
        """Read the current class in the background (calibrating it first if it never was) and work out its
        dashboard's figures, so the first dashboard opens at once (about a second on a year of answers when nothing
        was kept, e.g. after a restore); then read the teacher's other classes (see :meth:`read_other_classes`).
        ``quietly``: nothing in the status bar (after a restore, "Backup restored." stays there)."""
        class_id, language = self.context.class_id, self.context.language
        if class_id is None:
            return None

        def work(ctx: Any) -> None:
            room = Classroom(ctx.store(), language)
            room.service(class_id)  # first: with figures kept, dashboard() alone would show them and read nothing
            room.dashboard(class_id)

        job = run_job(self, work, title=self.tr("Getting the class ready…"), show="none" if quietly else "status")
        self.reading_ahead, self._to_read = True, None
        job.ended.connect(self.read_other_classes)
        return job

    def read_other_classes(self) -> Any:
        """Read up to OTHER_CLASSES_READ of the other classes in the background, so that the first switch to
        one of them is as quick as switching back (about a second each on a year of answers), then the marking
        model when typed answers wait for a mark (its first suggestions would wait about a second for it). Each is
        one job, started only when no other job runs: the screens the teacher opens come first. Reading
        ahead is a favour nobody asked for, so what it cannot read is left for its first look."""
        if self._to_read is None:
            others = [self.class_combo.itemData(i) for i in range(self.class_combo.count())]
            self._to_read = [class_id for class_id in others if class_id != self.context.class_id][:OTHER_CLASSES_READ]
            self._to_read.append(READ_MARKING)
        if not self._to_read:
            self.reading_ahead = False
            return self.learn_when_due()
        if jobs_running():
            QTimer.singleShot(READ_AHEAD_RETRY_MS, self, self.read_other_classes)
            return None
        item, language, current = self._to_read.pop(0), self.context.language, self.context.class_id
        if item == READ_MARKING:
            from desktop.views.marking import load_if_waiting

            work = lambda ctx: load_if_waiting(ctx.store(), current)  # noqa: E731
        else:
            work = lambda ctx: Classroom(ctx.store(), language).read_ahead(item)  # noqa: E731
        job = run_job(self, work, on_error=lambda exc: None, title=self.tr("Getting your other classes ready…"), show="none")
        job.ended.connect(self.read_other_classes)
        return job

    def prepare_class_if_new(self) -> Any:
        """Calibrate the current class in the background if it never was (the demo class just made, a class
        chosen or given answers for the first time), so its first dashboard or quiz pick finds it ready.

        Calibrating takes seconds to tens of seconds on a year of answers; it is done
        once per class and stored (see ``engine.classroom.calibration``).
        """
        class_id = self.context.class_id
        if class_id is None or class_id in self._preparing or not Classroom(self.context.store).first_look(class_id):
            return None
        self._preparing.add(class_id)
        job = run_job(self, lambda ctx: Classroom(ctx.store()).prepare(class_id), title=self.tr("Getting the class ready…"),
                      show="status")
        job.ended.connect(lambda: self._preparing.discard(class_id))
        return job

    def take_scheduled_backup(self, unsaved_too: bool = False) -> Any:
        """The daily backup, in the background (old ones rotate out); from then on, every half hour, one more when
        no daily backup holds the data as it is (the first day's work had none until the next start: review 37h)."""
        if self.backup_timer is None:
            self.backup_timer = QTimer(self)
            self.backup_timer.setInterval(BACK_UP_UNSAVED_EVERY_MS)
            self.backup_timer.timeout.connect(lambda: self.take_scheduled_backup(unsaved_too=True))
            self.backup_timer.start()
        from desktop.workers import jobs_running, show_error

        if (self.backup_job is not None and self.backup_job.is_running) or (unsaved_too and jobs_running()):
            return None  # review 38c: one ran in the middle of a restore; the next half hour comes soon enough

        def failed(exc: BaseException) -> None:  # review 38c: a full disk gave the same popup every half hour
            if not self.backup_failure_told:
                self.backup_failure_told = True
                show_error(self, exc)

        def made(path: Any) -> None:  # Settings lists it, and the note of a restore before it goes, as after "Back up now"
            if path is not None and "settings" in self.pages:
                self.pages["settings"].backup_made()

        self.backup_job = run_job(self, lambda ctx: ctx.store().maybe_scheduled_backup(unsaved_too=unsaved_too),
                                  title=self.tr("Making the daily backup…"), show="status", on_done=made, on_error=failed)
        return self.backup_job

    def tell_privacy_notices(self) -> None:
        """Say once, when the data folder could not be made private (its data is untouched): others may read it."""
        from desktop.engine_texts import teacher_text

        notices, self.context.privacy_notices[:] = list(self.context.privacy_notices), []
        if not notices:
            return
        text = teacher_text(str(notices[0]))
        others = [str(notice.path) for notice in notices[1:] if notice.path is not None]
        if others:
            text += "\n\n" + self.tr("The same goes for:") + "\n" + "\n".join(others)
        QMessageBox.warning(self, self.tr("The data folder is not private"), text)

    # --- practice lock ------------------------------------------------------------
    def set_practice_lock(self, locked: bool) -> None:
        """In practice mode a student cannot reach any teacher screen (nor paste what the teacher copied)."""
        from desktop.workers import hold_results, release_results

        was_locked, self.context.practice_locked = self.context.practice_locked, locked
        if locked:
            from desktop.security import clear_clipboard

            clear_clipboard()
            hold_results(except_for=self.pages.get("practice"))  # a teacher's job asks her when she is back
        elif was_locked:
            release_results()
            QTimer.singleShot(0, self, self.learn_when_due)  # the turns' answers, once the teacher is back
        if locked:
            self.open_page("practice")  # review 35b: a screen the teacher opened while practice got ready stayed on show
        self.nav.setEnabled(not locked)
        self.nav.setVisible(not locked)  # students see only the practice screen
        self.toolbar.setVisible(not locked)
        self.class_combo.setEnabled(not locked)
        self.menuBar().setEnabled(not locked)
        self.menuBar().setVisible(not locked)  # review 39: a greyed File/Help bar over every child's screen
        if locked and not was_locked:
            self._state_before_practice = self.windowState()
            self.showFullScreen()  # review 35b: a minimised practice window left the child the teacher's desktop
        elif was_locked and not locked:
            self.setWindowState(getattr(self, "_state_before_practice", Qt.WindowState.WindowNoState))

    def changeEvent(self, event: QEvent) -> None:
        """In practice mode the window comes straight back when minimised (a key of the desktop, a task bar click)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and self.context.practice_locked and self.isMinimized():
            QTimer.singleShot(0, self._back_to_practice)

    def _back_to_practice(self) -> None:
        if self.context.practice_locked:
            self.showFullScreen()
            self.activateWindow()

    def createPopupMenu(self) -> QMenu | None:
        """The right-click menu of the menu bar and toolbar (which shows the class toolbar): none in practice mode."""
        return None if self.context.practice_locked else super().createPopupMenu()

    # --- first run ------------------------------------------------------------------
    def offer_demo_class(self, ask: bool = True) -> None:
        """On an empty data folder, offer (or with ``ask=False`` just make) the demo class."""
        if self.context.store.list_classes(include_archived=True):
            return
        if ask:
            answer = QMessageBox.question(
                self,
                self.tr("Welcome to Lamplight"),
                self.tr(
                    "There are no classes yet.\n\nCreate a demo class with made-up students, exercises and answers, "
                    "so you can try every screen? You can archive it later (Classes & students → Archive) to hide it.\n\n"
                    "Choose No to start with an empty class list."
                ),
            )
            self.offer_teacher_password()
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.create_demo_class()

    def offer_teacher_password(self) -> None:
        """First start: offer a teacher password for the teacher screens (the teacher may skip it)."""
        from desktop.security import ensure_teacher_password, has_teacher_password

        if has_teacher_password(self.context.store):
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Welcome to Lamplight"), self.tr(
            "Protect the teacher screens (marks, reports, settings) with a teacher password?\n\n"
            "Without one, anyone at this computer can open them. Practice mode also needs it to keep students "
            "on the practice screen. You can set it later in Settings."), parent=self)
        set_button = box.addButton(self.tr("Set a teacher password…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Skip for now"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is set_button:
            ensure_teacher_password(self, self.context.store)

    def create_demo_class(self) -> Any:
        language = self.context.language  # the demo class's names fit the language chosen at first run

        def work(ctx):
            return create_demo_class(ctx.store(), language=language)

        def done(class_id):
            self.context.take_class(class_id)
            self.context.changed(Changes(classes=True))
            self.prepare_class_if_new()
            self.reading_ahead, self._to_read = True, None  # start-up read nothing ahead (there was no class yet):
            self.read_other_classes()  # the marking model, for the demo's written answers, once the class is ready

        return run_job(self, work, title=self.tr("Creating the demo class…"), on_done=done)

    def show_guide(self) -> None:
        """The illustrated guide in the app's language (shipped in resources/guide, read offline)."""
        from desktop.views.guide import GuideDialog

        GuideDialog(self.context.language, self, screen=self.current_key() or "").exec()

    def show_about(self) -> None:
        from engine import __version__

        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About Lamplight"), self.tr(
            "<h3>Lamplight {version}</h3><p>An offline classroom app for teachers. "
            "All student data stays on this computer, in one file in:</p><p>{folder}</p>"
        ).format(version=__version__, folder=html.escape(str(self.context.data_dir))), QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.exec()
        box.deleteLater()

    def keep_dashboard(self) -> None:
        """Keep the current class's dashboard figures for the next start (see ``Classroom.keep_dashboard``);
        skipped while a job runs, and a failure never stops the app from closing."""
        if self.context.class_id is None or jobs_running():
            return
        try:
            Classroom(self.context.store, self.context.language).keep_dashboard(self.context.class_id)
        except Exception:  # noqa: BLE001 - a favour for the next start; closing must not fail for it
            pass

    def keep_dashboard_meanwhile(self) -> Any:
        """Every few minutes while no job runs, keep the current class's dashboard figures in the background (only
        when the data changed since they were last kept): after a power cut or a crash the next start shows them at
        once, as after closing the app (0.1 s rather than about a second on a year of answers)."""
        if self.context.class_id is None or jobs_running() or self.learn_when_due() is not None:
            return None
        class_id, language = self.context.class_id, self.context.language
        return run_job(self, lambda ctx: Classroom(ctx.store(), language).keep_dashboard(class_id), on_error=lambda exc: None,
                       title=self.tr("Keeping the dashboard for the next start…"), show="none")

    def _may_stop_the_teachers_jobs(self) -> bool:
        """Whether the window may close with the jobs the teacher started still running (review 41a: closing while
        the worksheets were being made lost them without a word): one that can be cancelled only if she says so;
        one that cannot (a restore, a backup) is waited for."""
        from desktop.prompts import ask_before
        from desktop.workers import jobs_the_teacher_waits_for

        busy = jobs_the_teacher_waits_for()
        if not busy:
            return True
        what = "\n".join(f"• {job.title}" for job in busy)
        if not all(job.cancellable for job in busy):
            QMessageBox.information(self, self.tr("Lamplight is still at work"), self.tr(
                "Lamplight is still at work:\n{what}\nClose it again when that is done: stopping it half-way could leave it unfinished.").format(what=what))
            return False
        if not ask_before(self, self.tr("Lamplight is still at work"), self.tr(
                "Lamplight is still at work:\n{what}\nQuit anyway? It stops, and what it was doing is not saved.").format(what=what),
                self.tr("Quit anyway"), self.tr("Keep working")):
            return False
        for job in busy:
            job.cancel()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        practising = self.context.practice_locked
        if practising:
            from desktop.security import ask_teacher_password

            if not ask_teacher_password(self, self.context.store):
                event.ignore()
                return
        # after the password (a child never sees the teacher's question), before practice mode ends ("Keep working"
        # leaves the children practising: review 41d)
        if not self._may_stop_the_teachers_jobs():
            event.ignore()
            return
        if practising:
            self.set_practice_lock(False)  # the saved window state must keep the class picker and navigation
            self.pages["practice"].tell_what_was_not_saved()  # review 35b: closing said nothing of answers not saved
        self.keep_dashboard()
        self.context.settings.setValue("window/geometry", self.saveGeometry())
        self.context.settings.setValue("window/state", self.saveState())
        self.context.settings.sync()
        super().closeEvent(event)

