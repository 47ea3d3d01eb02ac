"""Practice mode: the laptop is handed to the students, one at a time.

The teacher chooses how many exercises make one turn and starts it (a teacher
password is set the first time); every teacher screen is then locked. A
student picks their name and gets an adaptive sequence of exercises, graded at
once, on screens made for a seven-year-old: big type (the exercise at
36 px), buttons big enough for a finger, Enter or a big "Next" to go on, a
strip with "3 of 10" and a star per right answer, kind words and the right
answer after a mistake, and an end screen with the stars earned. Only their
own session shows: the name list is the only thing a student sees of the
others. Leaving practice mode needs the teacher password.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetrics, QKeyEvent, QMouseEvent, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import chinese_font_first, last_two_together, sentences
from desktop.plain_text import tip
from desktop.security import ask_teacher_password, ensure_teacher_password
from desktop.views.base import Page, heading, hint
from desktop.widgets.fraction_text import FractionText, draw_centred, has_fraction, lay_out
from desktop.workers import run_job
from engine.choices import choice_positions, student_owner
from engine.classroom import Changes, Classroom
from engine.classroom.grading import AUTO_GRADED, MAX_TYPED_CHARS
from engine.classroom.written import WrittenAnswers
from engine.errors import LamplightError
from engine.measure_units import with_unit_asked
from engine.store.records import Exercise, Student

LENGTH_SETTING = "practice_session_length"
"""How many exercises make one student's turn (the teacher sets it on the start screen)."""
DEFAULT_LENGTH = 10
AWAY_MINUTES = 5
"""A turn with nothing pressed for this long ends: the names come back, so the next child never answers as this one."""
END_SECONDS = 60
"""The end screen (stars) stays this long, then the names come back for the next child."""
LENGTH_RANGE = (3, 30)

PROMPT_PX = 36  # the exercise itself: well above the 28 px a young reader needs
ANSWER_PX = 32
BUTTON_PX = 26
TOUCH_PX = 72  # height of every button a child presses (a fingertip is about 10 mm)
# review 36d: a chosen choice was a faint grey, and the first name looked chosen before any was tapped
CHOSEN_INK = "#0d47a1"
CHOSEN_CHOICE = f"QPushButton:checked {{ background: #bbdefb; color: {CHOSEN_INK}; border: 3px solid {CHOSEN_INK}; border-radius: 6px; }}"
NAME_TILES = ("QListWidget { outline: 0; }"
              " QListWidget::item { border: 2px solid #c8c8c8; border-radius: 8px; padding-left: 8px; color: black; }"
              " QListWidget::item:selected { background: #bbdefb; color: #0d47a1; border: 3px solid #0d47a1; }")
NAME_TILE_PX = 220  # the width of a name's tile in a small class (names side by side); a large one's are narrower
NAME_SIZES = ((28, 72), (26, 64), (24, 58), (22, 52), (20, 48), (18, 44))
"""(type, tile height) in px for the names, largest first: the largest that shows the whole class without scrolling
(review 40: 41 children, 5 tiles a row, and a thin scroll bar to reach the last ones). 18 px is 13.5 pt, and 44 px
still a fingertip's tile."""
NAME_SPACING = 6  # around each tile: 12 px between two
TILE_PADDING = 36  # what a tile needs besides its name: border, padding and a margin on the right as on the left
STAR, NO_STAR, TO_COME, FOR_THE_TEACHER = "★", "☆", "○", "✎"


def sized(widget: QWidget, pixels: int, min_height: int = 0) -> QWidget:
    """Set a widget's font to ``pixels`` px (and a minimum height for touch)."""
    font = widget.font()
    font.setPixelSize(pixels)
    widget.setFont(font)
    if min_height:
        widget.setMinimumHeight(min_height)
    return widget


@dataclass
class PracticeClass:
    """What practice mode shows: the class's children and the bank (its model is made ready first)."""

    students: list[Student]
    exercises: dict[str, Exercise]

    @classmethod
    def ready(cls, store: Any, class_id: Any, language: str | None = None) -> "PracticeClass":
        """Read the class and get its model ready (a background job: calibrating can take a while); texts in ``language``."""
        Classroom(store, language).service(class_id)
        return cls(store.list_students(class_id), {str(e.id): e for e in store.list_exercises(language)})


_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F) if chr(code).isalnum() or chr(code) in "＋－．／％＝＜＞"}
"""Full-width forms typed as themselves in the answer box: digits, letters and arithmetic signs (Chinese punctuation,
，：；？！, stays)."""


class EnterButton(QPushButton):
    """A push button that Enter and Return also press when it has the focus (as Space does).

    After :meth:`arm` (the button just took the focus from the answer a child typed) a held or doubled Enter or
    Space, or a second tap, does not press it for a moment: review 27d, the second Enter of a quick double press skipped the
    feedback that shows the right answer.
    """

    PAUSE_S = 0.6
    _armed_at = 0.0

    def arm(self) -> None:
        self._armed_at = time.monotonic()

    def paused(self) -> bool:
        """Whether a press now would be the second of a double press (see :meth:`arm`), and is ignored."""
        return time.monotonic() - self._armed_at < self.PAUSE_S

    TEXT_MARGIN = 8
    """Room on each side of a choice drawn by :meth:`paintEvent`."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """How tall a choice with a fraction is at ``width``: a long one wraps, and the button grows to hold it."""
        lines = lay_out(self, self.text(), width - 2 * self.TEXT_MARGIN)
        return max(self.minimumHeight(), int(lines.height() + 0.999) + 2 * self.TEXT_MARGIN)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        if has_fraction(self.text()) and self.width() > 2 * self.TEXT_MARGIN:
            hint.setHeight(max(hint.height(), self.heightForWidth(self.width())))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if has_fraction(self.text()) and event.size().width() != event.oldSize().width():
            self.updateGeometry()  # (its height follows its width: see sizeHint)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """A choice with a fraction shows it stacked, as the question above it does (:mod:`desktop.widgets.fraction_text`)."""
        if not has_fraction(self.text()):
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)
        chosen = self.isChecked() and self.isEnabled()  # (after Check the marked choices' own colours)
        ink = QColor(CHOSEN_INK) if chosen else self.palette().color(
            QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        painter.setPen(ink)
        margin = self.TEXT_MARGIN
        draw_centred(painter, self, self.text(), QRectF(self.rect().adjusted(margin, 0, -margin, 0)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.paused():  # review 28c: a double tap on "Check" pressed "Next", which took its place, and skipped the feedback
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.paused():  # review 28d: a double Space skipped the feedback too
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            if not event.isAutoRepeat() and not self.paused():
                self.click()
            return
        super().keyPressEvent(event)


@dataclass
class NameGrid:
    """How the names are laid out: their type, their tiles' height and each tile's width."""

    pixels: int
    height: int
    widths: list[int]
    fits: bool = True  # every name in sight: no scroll bar


def _tiles(needed: list[int], column: int, row: int) -> tuple[list[int], int]:
    """The widths of the tiles of names ``needed`` px wide in columns of ``column`` px and rows of ``row`` px (as
    QListView lays them out), and the rows they take. A name too wide for a column takes two (or more, up to a
    row), leaving the end of the row before it empty (a short name stretched to fill it looked like a mistake)."""
    step = column + 2 * NAME_SPACING
    columns = max(1, row // step)
    widths: list[int] = []
    rows, used = (1 if needed else 0), 0
    for width in needed:
        span = min(-(-(width + 2 * NAME_SPACING) // step), columns)
        if used + span > columns:
            rows, used = rows + 1, 0
        widths.append(span * step - 2 * NAME_SPACING)
        used += span
    return widths, rows


def name_grid(name_widths: Any, room: QSize) -> NameGrid:
    """The names' tiles in a list of ``room``: the largest type of :data:`NAME_SIZES` whose tiles all fit without
    scrolling, in columns as wide as the names but for the longest tenth, at least as wide as a small class's
    tiles, and never so wide that the class needs another row. A name too long for a column takes two (or more)
    before it loses its middle (review 40a: "Maria Jos…ez Garcia" with a quarter of the row empty), and loses it
    only in the smallest type when even that does not fit. The tiles grow taller into the rows left empty (to
    today's 72 px). ``name_widths(pixels)``: each name's width in that type.

    Failing all (a window far smaller than a laptop's screen), the smallest type, and the names scroll."""
    gap, row = 2 * NAME_SPACING, room.width() - 1  # QListView wraps a tile that would end on the row's last pixel
    for pixels, height in NAME_SIZES:
        rows = room.height() // (height + gap)
        needed = [width + TILE_PADDING for width in name_widths(pixels)]
        if rows < 1 or not needed:
            continue
        most = row // -(-len(needed) // rows) - gap  # the widest column that still fits the class in that many rows
        # the longest tenth aside; in a class of fewer than ten, the middle name (review 40c: "Ana" got a row of its own
        # beside one long name in a class of three)
        typical = sorted(needed)[len(needed) * 9 // 10 if len(needed) >= 10 else len(needed) // 2]
        column = min(max(typical, NAME_TILE_PX * pixels // NAME_SIZES[0][0]), most)
        if column < TILE_PADDING + 2 * pixels:  # not even two characters would show
            continue
        column = row // max(1, row // (column + gap)) - gap  # as many columns, widened to fill the row (review 41a:
        # "Harry Roberts" took two columns beside a strip of empty row)
        widths, used = _tiles(needed, column, row)
        if used > rows and (pixels, height) == NAME_SIZES[-1]:  # no other way: the longest names lose their middle
            widths, used = _tiles([min(width, column) for width in needed], column, row)
        if used <= rows:
            return NameGrid(pixels, max(height, min(NAME_SIZES[0][1], room.height() // used - gap)), widths)
    pixels, height = NAME_SIZES[-1]
    needed = [width + TILE_PADDING for width in name_widths(pixels)]
    column = min(max([*needed, NAME_TILE_PX * pixels // NAME_SIZES[0][0]]), max(row - gap, 1))
    return NameGrid(pixels, height, [column] * len(needed), fits=False)


class NameTiles(QListWidget):
    """Who is practising: the class's names side by side, their tiles sized to show every name at once (see
    :func:`name_grid`) and again whenever the list changes size (the window going full screen)."""

    def __init__(self) -> None:
        super().__init__()
        self._laid_out_for: Any = None

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self, force: bool = False) -> None:
        if not self.count():  # nothing to lay out (review 40c: an empty list's resize raised inside resizeEvent)
            return
        room = self.contentsRect().size()  # with no scroll bar: when they fit, none shows
        if not force and room == self._laid_out_for:
            return
        self._laid_out_for = room
        texts = [self.item(row).text() for row in range(self.count())]

        def name_widths(pixels: int) -> list[int]:
            font = self.font()
            font.setPixelSize(pixels)
            metrics = QFontMetrics(font)
            return [metrics.horizontalAdvance(text) for text in texts]

        grid = name_grid(name_widths, room)
        # no scroll bar when they fit (QListView keeps its room free while it may show, and fits fewer a row)
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if grid.fits else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setVerticalScrollBarPolicy(policy)
        sized(self, grid.pixels)
        for row, (text, width, needed) in enumerate(zip(texts, grid.widths, name_widths(grid.pixels))):
            item = self.item(row)
            item.setSizeHint(QSize(width, grid.height))
            item.setToolTip(tip(text) if needed + TILE_PADDING > width else "")  # the whole name, where its middle is gone
            # (as typed, never read as HTML: review 46b)
        self.doItemsLayout()


def child_button(text: str, name: str, pixels: int = BUTTON_PX) -> EnterButton:
    button = EnterButton(text)
    button.setObjectName(name)
    sized(button, pixels, TOUCH_PX)
    button.setMinimumWidth(200)
    return button


def saved_length(store: Any) -> int:
    """The teacher's chosen turn length (the default when unset or unreadable)."""
    try:
        value = int(store.get_setting(LENGTH_SETTING) or DEFAULT_LENGTH)
    except (TypeError, ValueError):
        value = DEFAULT_LENGTH
    return min(max(value, LENGTH_RANGE[0]), LENGTH_RANGE[1])


class PracticePage(Page):
    """Start, run and leave practice mode."""

    START, NAMES, EXERCISE, END = range(4)

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.class_data: Any = None
        self.not_saved: dict[tuple[Any, Any], str] = {}
        """(student, exercise) -> why their answer could not be saved (the teacher is told on leaving practice mode;
        an answer saved at a later try is taken off)."""
        self.session: Any = None
        self.student: Any = None
        self.step: Any = None
        self.results: list[bool | None] = []  # right, wrong, or None: waiting for the teacher
        self.session_length = DEFAULT_LENGTH
        self.turn_length = DEFAULT_LENGTH  # this turn's: the length chosen, or fewer when there are fewer exercises
        self.job = None
        self.away = QTimer(self)  # review 34e: a child who walked away left the next one answering under their name
        self.away.setSingleShot(True)
        self.away.timeout.connect(lambda: self.show_names() if self.pages.currentIndex() in (self.EXERCISE, self.END) else None)
        self.pages = QStackedWidget()
        self.layout_.addWidget(self.pages, 1)
        self.pages.addWidget(self._start_screen())
        self.pages.addWidget(self._names_screen())
        self.pages.addWidget(self._exercise_screen())
        self.pages.addWidget(self._end_screen())

    # --- the four screens -------------------------------------------------------------
    def _start_screen(self) -> QWidget:
        start = QWidget()
        box = QVBoxLayout(start)
        box.setContentsMargins(0, 0, 0, 0)  # the title where every other page has it (review 39)
        box.addWidget(heading(self.tr("Practice mode")))
        box.addWidget(
            hint(
                self.tr(
                    "Students take turns on this laptop: each picks their name and answers exercises chosen for them, "
                    "marked at once. While practice mode is on, your screens are locked; leaving it needs the teacher password."
                )
            )
        )
        row = QHBoxLayout()
        label = QLabel(self.tr("Exercises in each student's turn:"))
        row.addWidget(label)
        self.length_spin = QSpinBox()
        self.length_spin.setObjectName("practiceLength")
        self.length_spin.setRange(*LENGTH_RANGE)
        self.length_spin.setValue(DEFAULT_LENGTH)
        label.setBuddy(self.length_spin)
        row.addWidget(self.length_spin)
        row.addStretch(1)
        box.addLayout(row)
        self.start_hint = hint("")
        box.addWidget(self.start_hint)
        self.start_button = sized(QPushButton(self.tr("Start practice mode")), 20, 48)
        self.start_button.setObjectName("startPractice")
        self.start_button.clicked.connect(lambda: self.start_practice())  # clicked would pass checked=False
        box.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(1)
        return start

    def _names_screen(self) -> QWidget:
        names = QWidget()
        box = QVBoxLayout(names)
        box.addWidget(sized(QLabel(self.tr("Who is practising? Tap your name.")), 30))
        self.name_list = sized(NameTiles(), NAME_SIZES[0][0])
        self.name_list.setObjectName("practiceNames")
        self.name_list.setSpacing(NAME_SPACING)
        self.name_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # names side by side, row after row (review 30a: one column showed 6 of 30 names at 1366 x 768)
        self.name_list.setFlow(QListView.Flow.LeftToRight)
        self.name_list.setWrapping(True)
        self.name_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.name_list.setUniformItemSizes(False)  # a long name's tile spans two columns (review 40)
        self.name_list.setStyleSheet(NAME_TILES)
        self.name_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "Zhang…(2024023)": the number that tells namesakes apart stays
        self.name_list.itemActivated.connect(lambda item: self.pick_student(item.data(Qt.ItemDataRole.UserRole)))
        self.name_list.itemSelectionChanged.connect(  # a click or the arrow keys (review 34e: arrows left Start grey)
            lambda: self.go_button.setEnabled(bool(self.name_list.selectedItems())))
        box.addWidget(self.name_list, 1)
        row = QHBoxLayout()
        self.go_button = child_button(self.tr("Start"), "practiceGo", 28)
        self.go_button.clicked.connect(lambda: self._pick_current())
        row.addWidget(self.go_button)
        row.addStretch(1)
        self.leave_button = QPushButton(self.tr("Leave practice mode (teacher)…"))
        self.leave_button.setObjectName("leavePractice")
        self.leave_button.clicked.connect(lambda: self.leave_practice())  # clicked would pass checked=False as the password
        row.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignBottom)
        box.addLayout(row)
        return names

    def _exercise_screen(self) -> QWidget:
        exercise = QWidget()
        box = QVBoxLayout(exercise)
        top = QHBoxLayout()
        self.hello = sized(QLabel(""), 26)
        top.addWidget(self.hello)
        top.addStretch(1)
        self.progress_label = sized(QLabel(""), 26)
        self.progress_label.setObjectName("practiceProgress")
        top.addWidget(self.progress_label)
        box.addLayout(top)
        self.stars = sized(QLabel(""), 34)
        self.stars.setObjectName("practiceStars")
        self.stars.setTextFormat(Qt.TextFormat.RichText)
        box.addWidget(self.stars)
        self.prompt = sized(FractionText(), PROMPT_PX)  # 3/4 stacked, as on the child's worksheet
        self.prompt.setObjectName("practicePrompt")
        box.addWidget(self.prompt)
        self.choices_box = QWidget()
        self.choices_box.setObjectName("practiceChoices")
        self.choices_box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # holds the focus until the child picks a choice
        self.choices_layout = QGridLayout(self.choices_box)
        self.choices_layout.setSpacing(14)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idClicked.connect(lambda _id: self.still_here())
        self.choice_group.setExclusive(True)
        self.choice_group.idClicked.connect(lambda _: self.check_button.setFocus())
        box.addWidget(self.choices_box)
        self.answer_edit = sized(QLineEdit(), ANSWER_PX, TOUCH_PX)
        self.answer_edit.textEdited.connect(lambda _text: self.still_here())
        self.answer_edit.textEdited.connect(self._plain_forms)
        self.answer_edit.setObjectName("practiceAnswer")
        self.answer_edit.setMaximumWidth(520)
        self.answer_edit.setMaxLength(MAX_TYPED_CHARS)
        self.answer_edit.setStyleSheet("QLineEdit:disabled { color: #222; }")  # the child's answer stays readable after Check
        self.answer_edit.setPlaceholderText(self.tr("Your answer"))
        self.answer_edit.returnPressed.connect(lambda: self.submit())
        box.addWidget(self.answer_edit)
        self.feedback = sized(FractionText(), 28)  # "The answer is 3/4", stacked as in the question
        self.feedback.setObjectName("practiceFeedback")
        self.feedback.setMinimumHeight(self.feedback.fontMetrics().lineSpacing())  # the buttons stay put when it speaks
        box.addWidget(self.feedback)
        box.addSpacing(10)  # review 39: the feedback sat on the buttons
        buttons = QHBoxLayout()
        self.check_button = child_button(self.tr("Check ✓"), "practiceCheck", 28)
        self.check_button.clicked.connect(lambda: self.submit())
        self.next_button = child_button(self.tr("Next ➜"), "practiceNext", 28)
        self.next_button.clicked.connect(lambda: self.go_on())
        self.done_button = child_button(self.tr("I am done"), "practiceDone", 22)
        self.done_button.clicked.connect(lambda: self.finish_student())
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        box.addLayout(buttons)
        box.addStretch(1)
        return exercise

    def _end_screen(self) -> QWidget:
        end = QWidget()
        box = QVBoxLayout(end)
        box.addStretch(1)
        self.end_title = sized(QLabel(""), 44)
        self.end_title.setObjectName("practiceEndTitle")
        self.end_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_title.setWordWrap(True)
        box.addWidget(self.end_title)
        self.end_stars = sized(QLabel(""), 44)
        self.end_stars.setObjectName("practiceEndStars")
        self.end_stars.setTextFormat(Qt.TextFormat.RichText)
        self.end_stars.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_stars.setWordWrap(True)
        box.addWidget(self.end_stars)
        self.end_text = sized(QLabel(""), 30)
        self.end_text.setObjectName("practiceEndText")
        self.end_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.end_text.setWordWrap(True)
        box.addWidget(self.end_text)
        box.addSpacing(16)
        self.next_student_button = child_button(self.tr("Next student"), "practiceNextStudent", 30)
        self.next_student_button.clicked.connect(lambda: self.show_names())
        box.addWidget(self.next_student_button, 0, Qt.AlignmentFlag.AlignCenter)
        box.addStretch(2)
        return end

    # --- teacher side ---------------------------------------------------------------
    def refresh(self) -> None:
        if self.context.practice_locked:
            return
        has_students = self.context.class_id is not None and bool(self.store.list_students(self.context.class_id))
        archived = self.context.class_archived()
        # review 41a: with an empty bank every child who tapped a name was told "no exercises for you right now"
        has_exercises = any(self.store.search_exercises(kind=kind, limit=1) for kind in AUTO_GRADED)
        self.start_button.setEnabled(has_students and has_exercises and not archived)
        self.length_spin.setValue(saved_length(self.store))
        self.start_hint.setText(
            self.tr("This class is archived: restore it in Classes & students before its students practise.") if archived else
            self.tr("This class has no students yet: add them in Classes & students first.") if not has_students else
            self.tr("The exercise bank has no exercises the laptop can mark yet: in Exercise bank, press “Add the starter "
                    "exercises” or import an exercise pack first.") if not has_exercises else ""
        )
        self.pages.setCurrentIndex(self.START)

    def start_practice(self, skip_password: bool = False) -> None:
        if self.context.class_id is None:
            return
        if not skip_password and not ensure_teacher_password(self, self.store):
            return
        self.session_length = self.length_spin.value()
        self.store.set_setting(LENGTH_SETTING, self.session_length)
        class_id = self.context.class_id

        def done(data: Any) -> None:
            if self.context.class_id != class_id:  # review 35c: the teacher chose another class meanwhile; its
                return  # children would have tapped names of the first class, and nothing happened
            self.class_data = data
            self.main_window.set_practice_lock(True)
            self.show_names()

        language = self.context.language
        self.job = run_job(self, lambda ctx: PracticeClass.ready(ctx.store(), class_id, language), title=self.tr("Getting practice ready…"), on_done=done)

    def show_names(self) -> None:
        self.away.stop()
        self.session = None
        self.student = None
        self.step = None
        self.results = []
        self.answer_edit.setText("")
        self.name_list.clear()
        for student in self.class_data.students:
            item = QListWidgetItem(student.label)
            item.setData(Qt.ItemDataRole.UserRole, student)
            self.name_list.addItem(item)
        self.name_list.fit(force=True)  # as many columns, and as large a type, as the class and the screen allow
        self.name_list.clearSelection()
        self.go_button.setEnabled(False)
        self.pages.setCurrentIndex(self.NAMES)
        self.name_list.setFocus()

    def leave_practice(self, password: str | None = None) -> bool:
        from desktop.security import verify_teacher_password

        ok = verify_teacher_password(self.store, password) if password is not None else ask_teacher_password(self, self.store)
        if ok:
            self.away.stop()
            self.main_window.set_practice_lock(False)
            self.class_data = None
            self.context.changed(Changes(answers=True))
            self.pages.setCurrentIndex(self.START)
            self.tell_what_was_not_saved()
        return ok

    def tell_what_was_not_saved(self) -> None:
        """Say how many answers of practice mode the disk did not take, and why (once)."""
        if not self.not_saved:
            return
        from desktop.engine_texts import teacher_text

        count, reason = len(self.not_saved), teacher_text(list(self.not_saved.values())[-1])
        self.not_saved = {}
        QMessageBox.warning(self, self.tr("Answers not saved"), self.tr(
            "Answers typed in practice mode could not be saved ({count} in all), so they are not in the class's "
            "results. The last reason: {reason}").format(count=count, reason=reason))

    # --- student side ---------------------------------------------------------------
    def _pick_current(self) -> None:
        chosen = self.name_list.selectedItems()  # the name shown chosen, never one left current from the last child
        if chosen:
            self.pick_student(chosen[0].data(Qt.ItemDataRole.UserRole))

    def pick_student(self, student: Any) -> None:
        self.student = student
        self.session = Classroom(self.store, self.context.language).practice_session(self.context.class_id, student.id)
        at_most = self.session.questions_at_most
        # review 32b: a bank of 3 said "2 of 10", then the turn ended after 3
        self.turn_length = min(self.session_length, at_most) if at_most else self.session_length
        self.results = []
        hello = self.tr("Hello, {name}!").format(name=student.label)
        chinese_font_first(self.hello, hello)
        self.hello.setText(hello)  # review 32b: the tile said 陈静 (2024004)
        self.pages.setCurrentIndex(self.EXERCISE)
        self.show_next()

    def still_here(self) -> None:
        """The child at the laptop did something: their turn goes on (:data:`AWAY_MINUTES` without, and it ends)."""
        self.away.start(int(AWAY_MINUTES * 60_000))

    def show_next(self) -> None:
        self.still_here()
        self.step = self.session.next_exercise() if self.session is not None else None
        self.feedback.setText("")
        self.answer_edit.setText("")  # unlike clear(), forgets the undo history: Ctrl+Z never brings back the last child's answer
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.hide()  # at once: deleteLater waits for the event loop (the last question's buttons showed meanwhile)
            button.deleteLater()
        if self.step is None:
            self.show_end()
            return
        self._show_progress(len(self.results) + 1)
        exercise = self.class_data.exercises[self.step.exercise_id]
        chinese_font_first(self.prompt, exercise.prompt)
        self.prompt.setText(last_two_together(exercise.prompt))
        if exercise.choices:
            self.answer_edit.hide()
            columns = 2 if len(exercise.choices) > 2 else len(exercise.choices)
            # The child's own order (as on their worksheet); a button's id is the choice's stored position.
            shown = []
            for place, i in enumerate(choice_positions(len(exercise.choices), student_owner(self.student.id), exercise.id)):
                button = child_button(exercise.choices[i], f"practiceChoice{place}", ANSWER_PX)
                button.setCheckable(True)
                button.setStyleSheet(CHOSEN_CHOICE)
                self.choice_group.addButton(button, i)
                self.choices_layout.addWidget(button, place // columns, place % columns)
                button.show()  # a child added to a visible widget stays hidden until shown
                shown.append(button)
            chain = [*shown, self.check_button, self.done_button]  # review 34e: Tab reached Check before the choices
            for first, then in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, then)
            self.choices_box.show()
            self.choices_box.setFocus()  # nothing picked: Enter must not answer for the child
        else:
            self.choices_box.hide()
            self.answer_edit.show()
            self.answer_edit.setEnabled(True)
            self.answer_edit.setFocus()
        self.check_button.show()
        self.check_button.setEnabled(True)
        self.next_button.hide()

    def _show_progress(self, number: int) -> None:
        """The strip: "3 of 10" for exercise ``number`` and a star for each right answer so far (○ for those to come)."""
        number = min(number, self.turn_length)
        self.progress_label.setText(self.tr("{number} of {total}").format(number=number, total=self.turn_length))
        self.stars.setText(stars_html(self.results, self.turn_length))

    def current_answer(self) -> str:
        exercise = self.class_data.exercises[self.step.exercise_id]
        if exercise.choices:
            checked = self.choice_group.checkedId()
            return "" if checked < 0 else exercise.choices[checked]
        return self.answer_edit.text()

    def _plain_forms(self, text: str) -> None:
        """A Chinese keyboard's full-width digits, letters and signs (１／２, ＡＢ) shown as the plain ones they are, which
        every font draws (review 51c: the bundled font has no full-width ／, and "１／２" showed as "1□2"); marking
        reads them alike, and Chinese punctuation stays."""
        plain = "".join(_FULL_WIDTH.get(character, character) for character in text)
        if plain != text:  # typed over, not set: Ctrl+Z still works (review 51d)
            at = self.answer_edit.cursorPosition()
            self.answer_edit.selectAll()
            self.answer_edit.insert(plain)
            self.answer_edit.setCursorPosition(at)

    def submit(self) -> None:
        self.still_here()
        if self.step is None or self.check_button.isHidden() or not self.check_button.isEnabled():
            return
        answer = self.current_answer().strip()
        if not answer:
            self.feedback.setText(self.tr("Tap an answer first.") if self.choice_group.buttons() else self.tr("Type your answer first."))
            self.feedback.setStyleSheet("color: #5a4a00;")
            return
        exercise = self.class_data.exercises[self.step.exercise_id]
        room = Classroom(self.store, self.context.language)
        turn = (self.student.id, exercise.id)
        try:
            score = WrittenAnswers(room).practice_answer(self.context.class_id, self.student.id, exercise, answer)
        except LamplightError as exc:  # review 29b: with the disk full, Check did nothing and said nothing
            self.not_saved[turn] = str(exc)
            self.feedback.setText(self.tr("Your answer could not be saved. Please tell your teacher."))
            self.feedback.setStyleSheet("color: #8a3b00;")
            return
        self.not_saved.pop(turn, None)
        # None: a short-text answer off the key waits for the teacher (Mark written answers). This turn counts it
        # as seen with a neutral half mark, so the next pick moves on; nothing of that half mark is stored.
        self.session.record(str(exercise.id), 0.5 if score is None else score)
        self.results.append(None if score is None else score >= 1)
        if score is None:
            self.feedback.setText(self.tr("Thank you! Your teacher will read your answer."))
            self.feedback.setStyleSheet("color: #1a4a7a;")
        elif score >= 1:
            self.feedback.setText(self.tr("Right! Well done. ★"))
            self.feedback.setStyleSheet("color: #1b5e20;")
        else:
            self.feedback.setText(
                self.tr("Good try! The answer is {answer}. Mistakes help us learn.").format(
                    answer=with_unit_asked(exercise.prompt, exercise.answer) if exercise.kind == "numeric" else exercise.answer)
            )
            self.feedback.setStyleSheet("color: #8a3b00;")
        self.check_button.hide()
        self.answer_edit.setEnabled(False)
        for button in self.choice_group.buttons():
            button.setEnabled(False)
            if button.text() == exercise.answer:  # the right answer stands out, readable though disabled
                button.setStyleSheet("background: #c8e6c9; color: #1b5e20; border: 3px solid #1b5e20; border-radius: 6px;")
            elif button.isChecked():  # the child's own pick, when it was not the answer: they see what they chose
                button.setStyleSheet("background: #ffe0b2; color: #8a3b00; border: 3px dashed #8a3b00; border-radius: 6px;")
        last = len(self.results) >= self.turn_length
        self.next_button.setText(self.tr("See my stars ➜") if last else self.tr("Next ➜"))
        self.next_button.show()
        self.next_button.setFocus()
        self.next_button.arm()
        self._show_progress(len(self.results))

    def go_on(self) -> None:
        """After the feedback: the next exercise, or the end screen once the turn is complete."""
        if len(self.results) >= self.turn_length:
            self.show_end()
        else:
            self.show_next()

    def show_end(self, stopped: bool = False) -> None:
        """The end of a turn, in words a child understands: how many stars, and whose turn it is now
        (``stopped``: the child pressed "I am done")."""
        right, answered = sum(1 for ok in self.results if ok), len(self.results)
        name = self.student.label if self.student is not None else ""
        if answered == 0:
            self.end_title.setText(self.tr("Thank you, {name}!").format(name=name))
            # review 27: "I am done" before the first answer said there were no exercises
            self.end_text.setText(self.tr("You stopped before the first question. Now let the next student have a turn.")
                                  if stopped else
                                  self.tr("There are no exercises for you right now. Let the next student have a turn."))
        else:
            # review 26: "Well done" over 0 stars; a turn with none right still earns thanks and courage
            self.end_title.setText(self.tr("Well done, {name}!").format(name=name) if right else
                                   self.tr("Thank you for trying, {name}!").format(name=name))
            stars = self.tr("1 star") if right == 1 else self.tr("{count} stars").format(count=right)
            answers = self.tr("1 answer") if answered == 1 else self.tr("{count} answers").format(count=answered)
            waiting = sum(1 for ok in self.results if ok is None)
            teacher = "" if not waiting else (self.tr("Your teacher will read 1 of your answers.") if waiting == 1 else
                                              self.tr("Your teacher will read {count} of your answers.").format(count=waiting))
            courage = "" if right else self.tr("Every try helps you learn. Keep going!")  # review 38d: "0 stars" alone
            self.end_text.setText(last_two_together(sentences(self.tr("You got {stars} for {answers}.").format(
                stars=stars, answers=answers), teacher, courage, self.tr("Now let the next student have a turn."))))
        self.end_stars.setText(stars_html(self.results, answered))
        self.step = None
        self.session = None
        self.pages.setCurrentIndex(self.END)
        self.away.start(int(END_SECONDS * 1000))  # the names again for the next child, if nobody presses the button
        self.next_student_button.setFocus()
        self.next_student_button.arm()  # review 27e: a double Enter on "See my stars" skipped the stars

    def finish_student(self) -> None:
        """The student stops early: their end screen, then the name list for the next one."""
        self.show_end(stopped=True)


def stars_html(results: list[bool | None], total: int) -> str:
    """A gold star per right answer, an empty star per wrong one, a blue pencil per answer the teacher will
    read (``None``: not yet marked, so neither), a circle per exercise to come."""
    gold = f'<span style="color:#e0a000">{STAR}</span>'
    grey = f'<span style="color:#9e9e9e">{NO_STAR}</span>'
    waiting = f'<span style="color:#1a4a7a">{FOR_THE_TEACHER}</span>'
    later = f'<span style="color:#c8c8c8">{TO_COME}</span>'
    shown = [waiting if ok is None else gold if ok else grey for ok in results]
    return " ".join(shown + [later] * max(0, total - len(results)))
