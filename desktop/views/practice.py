"""Practice mode: the laptop is handed to the students, one at a time.

The teacher starts it (a teacher password is set the first time); every
teacher screen is then locked. A student picks their name and gets an
adaptive sequence of exercises, graded at once. Only their own session shows:
the name list is the only thing a student sees of the others. Leaving
practice mode needs the teacher password.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import services
from desktop.security import ask_teacher_password, ensure_teacher_password
from desktop.views.base import Page, heading, hint
from desktop.workers import run_job


def big(widget: QWidget, scale: float = 1.35) -> QWidget:
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    widget.setFont(font)
    return widget


class PracticePage(Page):
    """Start, run and leave practice mode."""

    def __init__(self, context: Any, window: Any) -> None:
        super().__init__(context, window)
        self.class_data: Any = None
        self.session: Any = None
        self.student: Any = None
        self.step: Any = None
        self.answered = 0
        self.right = 0
        self.job = None
        self.pages = QStackedWidget()
        self.layout_.addWidget(self.pages, 1)

        # 0: teacher's start screen
        start = QWidget()
        s_box = QVBoxLayout(start)
        s_box.addWidget(heading(self.tr("Practice mode")))
        s_box.addWidget(
            hint(
                self.tr(
                    "Students take turns on this laptop: each picks their name and answers exercises chosen for them, "
                    "marked at once. While practice mode is on, your screens are locked; leaving it needs the teacher password."
                )
            )
        )
        self.start_hint = hint("")
        s_box.addWidget(self.start_hint)
        self.start_button = big(QPushButton(self.tr("Start practice mode")))
        self.start_button.setObjectName("startPractice")
        self.start_button.clicked.connect(lambda: self.start_practice())  # clicked would pass checked=False
        s_box.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        s_box.addStretch(1)
        self.pages.addWidget(start)

        # 1: pick your name
        names = QWidget()
        n_box = QVBoxLayout(names)
        n_box.addWidget(heading(self.tr("Who is practising? Pick your name.")))
        self.name_list = big(QListWidget(), 1.4)
        self.name_list.setObjectName("practiceNames")
        self.name_list.itemActivated.connect(lambda item: self.pick_student(item.data(Qt.ItemDataRole.UserRole)))
        n_box.addWidget(self.name_list, 1)
        row = QHBoxLayout()
        self.go_button = big(QPushButton(self.tr("Start")))
        self.go_button.clicked.connect(self._pick_current)
        row.addWidget(self.go_button)
        row.addStretch(1)
        self.leave_button = QPushButton(self.tr("Leave practice mode (teacher)…"))
        self.leave_button.clicked.connect(lambda: self.leave_practice())  # clicked would pass checked=False as the password
        row.addWidget(self.leave_button)
        n_box.addLayout(row)
        self.pages.addWidget(names)

        # 2: exercise
        exercise = QWidget()
        e_box = QVBoxLayout(exercise)
        self.hello = big(QLabel(""), 1.2)
        e_box.addWidget(self.hello)
        self.prompt = big(QLabel(""), 1.6)
        self.prompt.setObjectName("practicePrompt")
        self.prompt.setWordWrap(True)
        e_box.addWidget(self.prompt)
        self.choices_box = QWidget()
        self.choices_layout = QVBoxLayout(self.choices_box)
        self.choice_group = QButtonGroup(self)
        e_box.addWidget(self.choices_box)
        self.answer_edit = big(QLineEdit(), 1.5)
        self.answer_edit.setObjectName("practiceAnswer")
        self.answer_edit.setPlaceholderText(self.tr("Type your answer, then press Enter"))
        self.answer_edit.returnPressed.connect(self.submit)
        e_box.addWidget(self.answer_edit)
        self.feedback = big(QLabel(""), 1.4)
        self.feedback.setObjectName("practiceFeedback")
        self.feedback.setWordWrap(True)
        e_box.addWidget(self.feedback)
        buttons = QHBoxLayout()
        self.check_button = big(QPushButton(self.tr("Check my answer")))
        self.check_button.setObjectName("practiceCheck")
        self.check_button.clicked.connect(self.submit)
        self.next_button = big(QPushButton(self.tr("Next exercise")))
        self.next_button.setObjectName("practiceNext")
        self.next_button.clicked.connect(self.show_next)
        self.done_button = QPushButton(self.tr("I am done"))
        self.done_button.setObjectName("practiceDone")
        self.done_button.clicked.connect(self.finish_student)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.done_button)
        e_box.addLayout(buttons)
        self.score_label = QLabel("")
        e_box.addWidget(self.score_label)
        e_box.addStretch(1)
        self.pages.addWidget(exercise)

    # --- teacher side ---------------------------------------------------------------
    def refresh(self) -> None:
        if self.context.practice_locked:
            return
        has_students = self.context.class_id is not None and bool(services.list_students(self.store, self.context.class_id))
        self.start_button.setEnabled(has_students)
        self.start_hint.setText(
            "" if has_students else self.tr("This class has no students yet: add them in Classes & students first.")
        )
        self.pages.setCurrentIndex(0)

    def start_practice(self, skip_password: bool = False) -> None:
        if self.context.class_id is None:
            return
        if not skip_password and not ensure_teacher_password(self, self.store):
            return
        class_id = self.context.class_id

        def done(data: Any) -> None:
            self.class_data = data
            self.main_window.set_practice_lock(True)
            self.show_names()

        self.job = run_job(self, lambda ctx: services.load_class_data(ctx.store(), class_id), title=self.tr("Getting practice ready…"), on_done=done)

    def show_names(self) -> None:
        self.session = None
        self.student = None
        self.name_list.clear()
        for student in self.class_data.students:
            item = QListWidgetItem(student.name)
            item.setData(Qt.ItemDataRole.UserRole, student)
            self.name_list.addItem(item)
        self.pages.setCurrentIndex(1)
        self.name_list.setFocus()

    def leave_practice(self, password: str | None = None) -> bool:
        from desktop.security import verify_teacher_password

        ok = verify_teacher_password(self.store, password) if password is not None else ask_teacher_password(self, self.store)
        if ok:
            self.main_window.set_practice_lock(False)
            self.class_data = None
            self.context.changed("responses")
            self.pages.setCurrentIndex(0)
        return ok

    # --- student side ---------------------------------------------------------------
    def _pick_current(self) -> None:
        item = self.name_list.currentItem()
        if item is not None:
            self.pick_student(item.data(Qt.ItemDataRole.UserRole))

    def pick_student(self, student: Any) -> None:
        self.student = student
        self.session = services.practice_session(self.class_data, student.id)
        self.answered = self.right = 0
        self.hello.setText(self.tr("Hello, {name}!").format(name=student.name))
        self.pages.setCurrentIndex(2)
        self.show_next()

    def show_next(self) -> None:
        self.step = self.session.next_exercise() if self.session is not None else None
        self.feedback.setText("")
        self.answer_edit.clear()
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.deleteLater()
        if self.step is None:
            self.prompt.setText(self.tr("There are no exercises to practise right now. Well done!"))
            self.answer_edit.hide()
            self.check_button.hide()
            self.next_button.hide()
            return
        exercise = self.class_data.exercises[self.step.exercise_id]
        self.prompt.setText(exercise.prompt)
        if exercise.choices:
            self.answer_edit.hide()
            for i, choice in enumerate(exercise.choices):
                button = big(QRadioButton(choice), 1.3)
                self.choice_group.addButton(button, i)
                self.choices_layout.addWidget(button)
            self.choices_box.show()
        else:
            self.choices_box.hide()
            self.answer_edit.show()
            self.answer_edit.setEnabled(True)
            self.answer_edit.setFocus()
        self.check_button.show()
        self.check_button.setEnabled(True)
        self.next_button.hide()

    def current_answer(self) -> str:
        exercise = self.class_data.exercises[self.step.exercise_id]
        if exercise.choices:
            checked = self.choice_group.checkedId()
            return "" if checked < 0 else exercise.choices[checked]
        return self.answer_edit.text()

    def submit(self) -> None:
        if self.step is None or not self.check_button.isVisible() or not self.check_button.isEnabled():
            return
        answer = self.current_answer().strip()
        if not answer:
            self.feedback.setText(self.tr("Write an answer first."))
            return
        exercise = self.class_data.exercises[self.step.exercise_id]
        score = services.grade(exercise, answer)
        services.record_practice_answer(self.store, self.class_data, self.student.id, exercise.id, score, answer)
        self.session.record(str(exercise.id), score)
        self.answered += 1
        self.right += score >= 1
        if score >= 1:
            self.feedback.setText(self.tr("Right! Well done."))
            self.feedback.setStyleSheet("color: #1b5e20;")
        else:
            self.feedback.setText(self.tr("Not quite. The answer is: {answer}").format(answer=exercise.answer_text))
            self.feedback.setStyleSheet("color: #b23b2c;")
        self.score_label.setText(self.tr("Today: {right} right out of {answered}.").format(right=self.right, answered=self.answered))
        self.check_button.setEnabled(False)
        self.answer_edit.setEnabled(False)
        self.next_button.show()
        self.next_button.setFocus()

    def finish_student(self) -> None:
        """Back to the name list, so the next student can start (nothing of this student stays on screen)."""
        self.score_label.setText("")
        self.show_names()
