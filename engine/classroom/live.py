"""Classes kept in memory between calls and brought up to date from the store, answer by answer.

The path from a stored answer to a figure on a screen:

1. an answer is written to the store (practice, the quiz grid, an import);
2. :func:`live_service` asks the store for the class's answer mark (count and
   highest id: one indexed query) and reads only the answers it has not seen;
3. each goes to :meth:`ClassService.record_answer`, which updates that one
   student's state (the model's adapt step, milliseconds);
4. the screen asks the service for its figures; only that student's are recomputed.

The class's exercise calibration is read from the store (see
:mod:`engine.classroom.calibration`) and is only redone in a background job.
One :class:`LiveClass` is shared by every thread of the process (each with its
own store connection), under a per-class lock.
"""
from __future__ import annotations

import gc
import itertools
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator

from engine.adapt.service import Answer, ClassData, ClassService
from engine.classroom import calibration, models
from engine.classroom.ids import ClassId

AUTO_GRADED = ("multiple_choice", "numeric", "short_text")


@dataclass
class LiveClass:
    """One class's service and what of the store it has seen."""

    service: ClassService
    base: int
    bank: int
    """The store's bank revision this service was built on (see ``Store.bank_revision``)."""
    answers: int = 0
    last_id: int = 0
    total: float = 0.0
    owners: dict[int, str] = field(default_factory=dict)
    saved: bool = False
    """Whether the store holds this calibration (else it is saved on first use)."""
    seen: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Per store object (see :func:`_token`): the database mark at its last look (see :func:`_database_mark`)."""


_LIVE: dict[tuple[str, int], LiveClass] = {}
_LOCKS: dict[tuple[str, int], threading.RLock] = {}
_GUARD = threading.Lock()
_TOKENS = itertools.count(1)


def _key(store: Any, class_id: ClassId) -> tuple[str, int]:
    return str(Path(store.path).resolve()), int(class_id)


def class_lock(store: Any, class_id: ClassId) -> threading.RLock:
    """The lock that keeps one class's live state consistent across threads."""
    with _GUARD:
        return _LOCKS.setdefault(_key(store, class_id), threading.RLock())


def live_service(store: Any, class_id: ClassId, calibrate: bool = True) -> ClassService:
    """The class's service, up to date with the store (``calibrate``: its model is ready to use).

    The first call in a process reads the class and its stored calibration
    (or calibrates once and stores it); later calls read only what changed.
    """
    key = _key(store, class_id)
    with class_lock(store, class_id):
        live = _LIVE.get(key)
        if live is not None and (live.saved or not calibrate) and live.seen.get(_token(store)) == _database_mark(store):
            return live.service  # nothing was written to the data file since this store last looked
        base = models.model_key(store, class_id)
        revision = store.bank_revision()
        if live is None or live.base != base:
            live = _open(store, class_id, base, revision)
        elif live.bank != revision:
            live = _with_bank(live, revision, store, class_id)
        _catch_up(store, class_id, live)
        _LIVE[key] = live
        if calibrate and not live.saved:  # calibrated once here (or adopted), then kept with the class
            service = live.service
            calibration.save(store, class_id, service.model(), service.tracer(), service.calibrated_answers, base, live.last_id)
            live.saved = True
        live.seen[_token(store)] = _database_mark(store)
        return live.service


def _token(store: Any) -> int:
    """A number no other store object of this process gets (``id`` can come back after a store is closed)."""
    token = getattr(store, "_live_token", None)
    if token is None:
        token = next(_TOKENS)
        store._live_token = token
    return token


def _database_mark(store: Any) -> tuple[int, int]:
    """Changes to the data file as one connection sees them: other connections' commits (SQLite's
    ``data_version``) and its own (``total_changes``). Equal marks mean nothing was written in between."""
    conn = store.db.conn
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), int(conn.total_changes)


def is_kept(store: Any, class_id: ClassId) -> bool:
    """Whether this process keeps the class in memory (its figures then come in milliseconds)."""
    with _GUARD:
        return _key(store, class_id) in _LIVE


def is_calibrated(store: Any, class_id: ClassId) -> bool:
    """Whether this process keeps the class in memory with its exercises calibrated.

    Never waits for the class's lock: a calibration running in another thread
    does not hold up the screen that asks (it counts as not calibrated yet).
    """
    with _GUARD:
        live = _LIVE.get(_key(store, class_id))
    return live is not None and (live.saved or live.service.is_calibrated)


def read_class(store: Any, class_id: ClassId) -> ClassData:
    """The class's roster, bank and answers read straight from the store (no live state, no lock)."""
    return _class_data(store, class_id, _bank(store), store.class_log(class_id))


def forget() -> None:
    """Drop every live class: the next call reads them again from the store (after a restore, say)."""
    with _GUARD:
        _LIVE.clear()


def catch_up_if_live(store: Any, class_id: ClassId) -> None:
    """Take new answers into a class kept in memory (a class not in memory is read when next shown).

    Skipped while another thread holds the class (calibrating it, say): the screen
    that saved an answer must not wait, and :func:`live_service` catches up on every
    answer it has not seen at the next look anyway.
    """
    lock = class_lock(store, class_id)
    if not lock.acquire(blocking=False):
        return
    try:
        live = _LIVE.get(_key(store, class_id))
        if live is not None and live.base == models.model_key(store, class_id):
            _catch_up(store, class_id, live)
    finally:
        lock.release()


def swap_in(store: Any, class_id: ClassId, fresh: ClassService, seen: tuple[int, int, float], owners: dict[int, str]) -> None:
    """Use ``fresh`` (a re-calibrated service) from now on, then catch up on answers that came in meanwhile."""
    with class_lock(store, class_id):
        live = _LIVE.get(_key(store, class_id))
        if live is None:
            return
        live.service = fresh
        live.answers, live.last_id, live.total = seen
        live.owners = dict(owners)
        _catch_up(store, class_id, live)


def snapshot(store: Any, class_id: ClassId) -> tuple[ClassService, tuple[int, int, float], dict[int, str]]:
    """The live service with what of the store it has seen (for a background re-calibration)."""
    with class_lock(store, class_id):
        live = _LIVE.get(_key(store, class_id))
        if live is None:
            live_service(store, class_id)
            live = _LIVE[_key(store, class_id)]
        live.service.log()
        return live.service, (live.answers, live.last_id, live.total), dict(live.owners)


# --- reading the store -------------------------------------------------------------------
_HOLDS = 0
_HOLDS_GUARD = threading.Lock()
_COLLECTING = True


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a class is read into objects (threads may nest it).

    A year of a class's answers becomes a few hundred thousand small objects, none of them garbage; as they are
    made the collector walks them again and again, now and then with the whole heap (torch's and Qt's objects
    too): a fifth of opening a class of 60 x 3,000 answers and its dashboard. Reference counting frees objects as
    ever meanwhile; cycles left over are collected after.
    """
    global _HOLDS, _COLLECTING
    with _HOLDS_GUARD:
        if _HOLDS == 0:
            _COLLECTING = gc.isenabled()
            gc.disable()
        _HOLDS += 1
    try:
        yield
    finally:
        with _HOLDS_GUARD:
            _HOLDS -= 1
            if _HOLDS == 0 and _COLLECTING:
                gc.enable()


def _bank(store: Any) -> tuple:
    exercises = store.list_exercises()
    taught = {skill: n for n, skill in enumerate(store.skill_prerequisites())}
    skills = sorted(store.list_skills(), key=lambda s: taught.get(s.id, len(taught)))  # the heat map's and next steps' order
    return (
        tuple((e.id, e.kind, e.prompt, e.answer, tuple(e.choices), tuple(e.skills), e.on_paper, e.untitled) for e in exercises),
        tuple((s.id, s.name, tuple(s.prerequisites)) for s in skills),
    )


def _class_data(store: Any, class_id: ClassId, bank: tuple, log: Any) -> ClassData:
    exercises, skills = bank
    return ClassData(
        class_id=str(class_id),
        students={str(s.id): s.label for s in store.list_students(class_id)},
        exercises={str(e[0]): tuple(e[5]) for e in exercises},
        prerequisites={s[0]: list(s[2]) for s in skills if s[2]},
        skill_names={s[0]: s[1] for s in skills},
        responses=log,
        times=list(log.extra.get("time", [])) or None,
        content={str(e[0]): {"prompt": e[2], "answer": e[3], "choices": e[4], "kind": e[1], "on_paper": e[6], "untitled": e[7]}
                 for e in exercises},
    )


def _open(store: Any, class_id: ClassId, base: int, revision: int) -> LiveClass:
    with collector_held():
        return _read_class(store, class_id, base, revision)


def _read_class(store: Any, class_id: ClassId, base: int, revision: int) -> LiveClass:
    log = store.class_log(class_id)
    data = _class_data(store, class_id, _bank(store), log)
    saved = calibration.load(store, class_id, base)
    if saved is not None:
        model, tracer, answers = saved
        service = ClassService(data, model, tracer=tracer, calibrated=True)
        service.calibrated_answers = answers
    else:
        model = models.class_model(store, class_id)
        # A model the class adopted (learning on the laptop, a district model) carries its own
        # exercise calibration: use it as it is rather than fitting the exercises again.
        adopted = model is not None and getattr(model, "n_items", 0) > 0
        service = ClassService(data, model, calibrated=adopted)
    ids = log.extra.get("response_id", [])
    owners = {int(i): s for i, s in zip(ids, log.student_ids)}
    return LiveClass(service, base, revision, len(log), max(owners, default=0), round(float(log.correct.sum()), 6), owners,
                     saved=saved is not None)


def _with_bank(live: LiveClass, revision: int, store: Any, class_id: ClassId) -> LiveClass:
    """The same answers and calibration over a changed bank."""
    data = _class_data(store, class_id, _bank(store), live.service.log())
    return replace(live, service=live.service.over(data), bank=revision)


def _answer(row: tuple) -> tuple[str, Answer]:
    student, exercise, score, time, source, rid = row
    return str(student), Answer(str(exercise), float(score), time, source, int(rid))


def _catch_up(store: Any, class_id: ClassId, live: LiveClass) -> None:
    """Bring the service up to date: roster, new answers, and students whose answers were changed or deleted."""
    service = live.service
    roster = {str(s.id): s.label for s in store.list_students(class_id)}
    if roster != service.data.students:
        service.set_students(roster)
        live.owners = {i: s for i, s in live.owners.items() if s in roster}
        live.answers = len(live.owners)
    mark = store.class_answer_mark(class_id)
    if mark == (live.answers, live.last_id, live.total):
        return
    new = store.class_answers_after(class_id, live.last_id)
    if live.answers + len(new) == mark[0] and abs(live.total + sum(row[2] for row in new) - mark[2]) < 1e-4:
        for row in new:
            student, answer = _answer(row)
            if student in roster:
                service.record_answer(student, answer)
            live.owners[answer.response_id] = student
    else:
        owners = {i: str(s) for i, s in store.class_answer_owners(class_id).items()}
        changed = {live.owners[i] for i in live.owners.keys() - owners.keys()} | {str(row[0]) for row in new}
        if not changed:  # the same answers with other scores: look at everyone, keep who did not change
            changed = set(roster)
        rows: dict[str, list[Answer]] = {s: [] for s in changed}
        for row in store.answers_of_students([int(s) for s in changed]):
            student, answer = _answer(row)
            rows[student].append(answer)
        for student, answers in rows.items():
            if student in roster and [(a.item, a.score, a.response_id) for a in answers] != [
                    (a.item, a.score, a.response_id) for a in service.answers(student)]:
                service.replace_answers(student, answers)
        live.owners = owners
    live.answers, live.last_id, live.total = mark
