"""The exercise bank (feature 2): skills with prerequisites, exercises, templates, quizzes.

Mixed into ``Store``. Skill ids are short text keys; when a caller gives only a
name, the id is made from it ("Addition within 20" -> "addition-within-20").
"""
from __future__ import annotations

import contextlib
import json
import re
import unicodedata
import uuid
from typing import Any, Iterable, Iterator, Mapping, Sequence

import sqlite_utils

from engine import choices
from engine.errors import LamplightError
from engine.store.classes import clean_name
from engine.store.templates import MAX_CHOICES, MAX_PATTERN_CHARS
from engine.store.clock import to_utc_iso
from engine.store.records import EXERCISE_KINDS, Exercise, Quiz, Skill
from engine.store.texts import normal_language
from engine.store.transactions import write_transaction
from engine.graph import find_cycle
from engine.number_text import is_number, number_value

TEXT_FIELDS = ("prompt", "answer", "choices")
"""The fields of an exercise that have a text per language (kind, skills and difficulty are shared)."""


def slugify(text: str) -> str:
    """A readable id from a name: lower case, letters/digits joined by '-' (other scripts kept)."""
    slug = re.sub(r"[^\w]+", "-", text.casefold()).strip("-_")
    return slug or "skill"


MAX_PROMPT_CHARS = 5_000  # a question with its text to read; a pack's 200,000-character prompt hung its quiz's PDF
MAX_ANSWER_CHARS = MAX_PATTERN_CHARS  # an answer key or one choice, as a template's
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")  # control, bidi override


def check_exercise_fields(kind: str, prompt: str, answer: str, choices: list[str]) -> None:
    """Raise LamplightError unless the fields make a usable exercise of that kind.

    Review 28e: a pack's prompt of 200,000 characters without a space made its quiz's PDF run for ever, and NUL or
    right-to-left override characters showed "dlrow olleh" as "hello world"; such texts are refused with the reason.
    """
    if kind not in EXERCISE_KINDS:
        raise LamplightError(f"Unknown exercise kind '{kind}' (use one of: {', '.join(EXERCISE_KINDS)}).")
    if not str(prompt).strip():
        raise LamplightError("The exercise prompt is empty.")
    if len(str(prompt)) > MAX_PROMPT_CHARS:
        raise LamplightError(f"The exercise prompt is longer than {MAX_PROMPT_CHARS:,} characters: '{str(prompt)[:60]}'.")
    if len(str(answer)) > MAX_ANSWER_CHARS or any(len(c) > MAX_ANSWER_CHARS for c in choices):
        raise LamplightError(f"An answer or a choice is longer than {MAX_ANSWER_CHARS:,} characters: '{str(prompt)[:60]}'.")
    if len(choices) > MAX_CHOICES:
        raise LamplightError(f"A multiple-choice exercise has at most {MAX_CHOICES} choices ({len(choices)} given): "
                             f"'{str(prompt)[:60]}'.")
    if any(_HIDDEN.search(text) for text in [str(prompt), str(answer), *choices]):
        raise LamplightError(f"The exercise holds hidden control characters (a NUL, or a right-to-left override that "
                             f"shows its text in another order): '{_HIDDEN.sub('', str(prompt))[:60]}'.")
    if kind == "multiple_choice":
        if len(choices) < 2:
            raise LamplightError(f"A multiple-choice exercise needs at least two choices: '{prompt[:60]}'.")
        if answer not in choices:
            raise LamplightError(f"The answer '{answer}' is not one of the choices of '{prompt[:60]}'.")
        keys = [choice_key(c) for c in choices]
        twice = [c for c, key in zip(choices, keys) if keys.count(key) > 1]
        if twice:
            raise LamplightError(f"The choice '{twice[0]}' is there twice in '{prompt[:60]}': a child would see two equal buttons.")
    elif kind == "numeric":
        if not is_number(str(answer).strip()):
            raise LamplightError(f"The answer '{answer}' of a numeric exercise is not a number: '{prompt[:60]}'.")
    elif kind == "short_text" and not str(answer).strip():
        raise LamplightError(f"A short-text exercise needs an answer key: '{prompt[:60]}'.")


def question_key(prompt: str) -> str:
    """A question as the bank tells questions apart: width, case, spaces and the marks at its end aside
    (review 47b: "What is 3＋4？" and "What is 3+4" were not "What is 3+4?").

    >>> question_key(" What is 3＋4？ ") == question_key("what is 3+4") == question_key("What is 3 + 4?")
    True
    """
    text = "".join(unicodedata.normalize("NFKC", str(prompt)).casefold().split())
    while text and unicodedata.category(text[-1]).startswith("P"):
        text = text[:-1]
    return text


def choice_key(choice: str) -> str:
    """A choice as a child reads it: "Yes" and "yes", "1" and "１" are the same button."""
    return unicodedata.normalize("NFKC", choice).casefold().strip()


_CHOICE_LETTER = re.compile(r"^\s*[(（]?([A-Za-zＡ-Ｚａ-ｚ])\s*[).．、:：)）]\s*")


def without_letters(choices: Sequence[str], answer: str) -> tuple[list[str], str]:
    """Choices typed with their own letters ("A. 3条", "B、4条", "(C) 5条", as Chinese worksheets write them) without
    them, and the answer named by its letter ("B", "B. 4条") as its choice: the printed quiz and the practice screen
    letter the choices themselves, in an order of their own (review 43: "○ A  B. 4条   ○ B  A. 3条"). Choices not
    lettered A, B, C... in order are left as they are.

    >>> without_letters(["A. 3条", "B. 4条", "C. 5条"], "B. 4条"), without_letters(["A、3", "B、4"], "b")
    ((['3条', '4条', '5条'], '4条'), (['3', '4'], '4'))
    >>> without_letters(["Yes", "No"], "B"), without_letters(["A", "B"], "B")
    ((['Yes', 'No'], 'No'), (['A', 'B'], 'B'))
    """
    letters = [_CHOICE_LETTER.match(c) for c in choices]
    in_order = all(m and n < 26 and choice_key(m.group(1)) == "abcdefghijklmnopqrstuvwxyz"[n] for n, m in enumerate(letters))
    if in_order and all(c[m.end():].strip() for c, m in zip(choices, letters)):  # ("A." alone is a choice's text)
        bare = [c[m.end():].strip() for c, m in zip(choices, letters)]
        named = _CHOICE_LETTER.match(answer)
        answer = answer[named.end():].strip() if named and answer[named.end():].strip() else answer
        choices = bare
    if any(choice_key(c) == choice_key(answer) for c in choices):
        return list(choices), answer
    letter = choice_key(answer.strip("()（） .．、"))
    if len(letter) == 1 and "a" <= letter <= "z" and ord(letter) - ord("a") < len(choices):  # the answer by its letter
        return list(choices), choices[ord(letter) - ord("a")]
    return list(choices), answer


def check_translation(kind: str, base: Mapping[str, Any], language: str, texts: Mapping[str, Any]) -> None:
    """Raise LamplightError unless ``texts`` (prompt/answer/choices in ``language``) fit the exercise ``base``.

    A missing field falls back to the base text. The translation must be a usable
    exercise itself, with as many choices as the base and its answer at the same
    place, and a numeric answer must be the same number: grading gives the same
    score whatever language the child reads.
    """
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise LamplightError(f"{language}: unknown text field(s) {', '.join(sorted(unknown))}.")
    prompt = str(texts.get("prompt") or base["prompt"])
    answer = str(texts["answer"]) if texts.get("answer") is not None else str(base["answer"])
    base_choices = [str(c) for c in base.get("choices") or []]
    choices = [str(c) for c in texts["choices"]] if texts.get("choices") is not None else base_choices
    try:
        check_exercise_fields(kind, prompt, answer, choices)
    except LamplightError as exc:
        raise LamplightError(f"in {language}: {exc}") from None
    if kind == "multiple_choice":
        if len(choices) != len(base_choices):
            raise LamplightError(f"in {language}: {len(choices)} choices where the exercise has {len(base_choices)}: '{prompt[:60]}'.")
        if base_choices.index(str(base["answer"])) != choices.index(answer):
            raise LamplightError(f"in {language}: the answer is not at the same place among the choices: '{prompt[:60]}'.")
    if kind == "numeric" and number_value(answer.strip()) != number_value(str(base["answer"]).strip()):
        raise LamplightError(f"in {language}: the answer {answer} is not the same number as {base['answer']}: '{prompt[:60]}'.")


def _language_join(table: str, key: str, alias: str, language: str | None) -> tuple[str, list[str]]:
    """LEFT JOINs of a texts table for a language and its base language ("zh" for "zh_CN")."""
    code = normal_language(language)
    if not code:
        return "", []
    codes = [code] + ([code.split("_")[0]] if "_" in code else [])
    joins = [f"LEFT JOIN {table} {alias}{n} ON {alias}{n}.{key[0]} = {key[1]} AND {alias}{n}.language = ?" for n in range(len(codes))]
    return " ".join(joins), codes


def _resolved(column: str, alias: str, count: int, base: str) -> str:
    """COALESCE of a column over the joined languages, then the record's own text."""
    if not count:
        return base
    return "COALESCE(" + ", ".join([f"{alias}{n}.{column}" for n in range(count)] + [base]) + ")"


def _text_language(translations: Mapping[str, Any], language: str | None) -> str | None:
    """The language of ``translations`` that holds the text shown in ``language`` ("zh" for "zh_CN"), or None
    when the exercise's own text is shown there."""
    code = normal_language(language)
    if not code:
        return None
    for candidate in (code, code.split("_")[0]):
        if candidate in translations:
            return candidate
    return None


def _share_answer(kind: str, base: dict[str, Any], translations: dict[str, dict[str, Any]], edited: str | None) -> None:
    """After the answer of language ``edited`` (None: the exercise's own text) changed: the same right answer in
    every language.

    A number answer is one number in every language; a multiple-choice answer is
    the choice at the same place in every language that has as many choices.
    """
    fields = base if edited is None else translations[edited]
    others = [t for c, t in translations.items() if c != edited]
    if kind == "numeric":
        base["answer"] = fields["answer"]
        for other in others:
            other.pop("answer", None)  # falls back to the exercise's own: the same number
    elif kind == "multiple_choice":
        choices = fields.get("choices") or base["choices"]
        if fields["answer"] not in choices:
            return  # the check names the problem
        place = choices.index(fields["answer"])
        for texts in ([base] if edited is not None else []) + others:
            own = texts.get("choices") or base["choices"]
            if len(own) == len(choices) and (texts is base or "answer" in texts or "choices" in texts):
                texts["answer"] = own[place]


class LanguagesDisagreeError(LamplightError):
    """An edit in one language that the exercise's text in another language cannot follow (the kind, the number
    of choices, where the right choice is); nothing was changed."""


@contextlib.contextmanager
def _languages_must_agree(several: bool) -> Iterator[None]:
    """When ``several`` languages are involved, their refusal becomes :class:`LanguagesDisagreeError`."""
    try:
        yield
    except LamplightError as exc:
        if not several:
            raise
        raise LanguagesDisagreeError(f"The exercise has texts in more than one language and this change does not fit "
                                     f"all of them ({exc}); nothing was changed.") from None


class PrerequisiteCycleError(LamplightError):
    """Prerequisites that would make a circle; ``cycle`` holds the skill ids around it (the first one again at the end)."""

    def __init__(self, cycle: list[str], message: str) -> None:
        super().__init__(message)
        self.cycle = cycle


class ExercisesRepository:
    db: sqlite_utils.Database

    # --- skills --------------------------------------------------------------------------
    def add_skill(self, name: str, prerequisites: Iterable[str] = (), description: str = "", skill_id: str | None = None,
                  texts: Mapping[str, Mapping[str, str]] | None = None) -> str:
        """Create a skill and return its id (``skill_id`` or one made from the name).

        ``texts``: language -> {"name", "description"} in further languages. A name the teacher
        chose (no ``skill_id``) must not be another skill's, ignoring case: two skills of one name
        would be two rows of the dashboard nobody can tell apart.
        """
        name = clean_name(name, "skill")
        with write_transaction(self.db):
            if skill_id is None:
                self._refuse_taken_skill_name(name)
            base = skill_id or slugify(name)
            new_id, n = base, 2
            while skill_id is None and self._skill_exists(new_id):
                new_id, n = f"{base}-{n}", n + 1
            if self._skill_exists(new_id):
                raise LamplightError(f"A skill with id '{new_id}' already exists.")
            self.db.execute("INSERT INTO skills (id, name, description) VALUES (?, ?, ?)", [new_id, name, description or ""])
            self.set_prerequisites(new_id, prerequisites)
            if texts:
                self.set_skill_texts(new_id, texts)
        return new_id

    def set_skill_texts(self, skill_id: str, texts: Mapping[str, Mapping[str, str]]) -> None:
        """Replace a skill's names and descriptions in further languages (language -> {"name", "description"})."""
        rows = []
        for language, fields in texts.items():
            unknown = set(fields) - {"name", "description"}
            if unknown:
                raise LamplightError(f"Skill '{skill_id}' in {language}: unknown text field(s) {', '.join(sorted(unknown))}.")
            name = fields.get("name")
            rows.append((skill_id, normal_language(language), clean_name(name, "skill") if name else None, fields.get("description")))
        with write_transaction(self.db):
            self.db.execute("DELETE FROM skill_texts WHERE skill_id = ?", [skill_id])
            self.db.conn.executemany("INSERT INTO skill_texts VALUES (?, ?, ?, ?)", rows)

    def skill_texts(self, skill_id: str) -> dict[str, dict[str, str]]:
        """A skill's names and descriptions in further languages (language -> fields given)."""
        rows = self.db.execute("SELECT language, name, description FROM skill_texts WHERE skill_id = ? ORDER BY language", [skill_id])
        return {r[0]: {k: v for k, v in (("name", r[1]), ("description", r[2])) if v is not None} for r in rows}

    def update_skill(self, skill_id: str, name: str | None = None, description: str | None = None, prerequisites: Iterable[str] | None = None,
                     language: str | None = None) -> None:
        """Change a skill, all or nothing (a prerequisite circle raises :class:`PrerequisiteCycleError`).

        With ``language``, and when the skill has a name in that language, ``name``
        changes that name (the one the teacher saw) and the other languages' names stay.
        """
        self.get_skill(skill_id)
        texts = self.skill_texts(skill_id)
        code = _text_language({k: v for k, v in texts.items() if v.get("name")}, language)
        with write_transaction(self.db):
            if name is not None:
                self._refuse_taken_skill_name(clean_name(name, "skill"), skill_id, language)
            if name is not None and code is not None:
                texts[code]["name"] = clean_name(name, "skill")
                self.set_skill_texts(skill_id, texts)
            elif name is not None:
                self.db.execute("UPDATE skills SET name = ? WHERE id = ?", [clean_name(name, "skill"), skill_id])
            if description is not None:
                self.db.execute("UPDATE skills SET description = ? WHERE id = ?", [description, skill_id])
            if prerequisites is not None:
                self.set_prerequisites(skill_id, prerequisites)

    def set_prerequisites(self, skill_id: str, prerequisites: Iterable[str]) -> None:
        """Replace a skill's prerequisites; a change that would make a cycle is refused, naming it."""
        wanted = list(dict.fromkeys(str(p) for p in prerequisites))
        for prerequisite in wanted:
            if not self._skill_exists(prerequisite):
                raise LamplightError(f"Unknown prerequisite skill '{prerequisite}'.")
        graph = self.skill_prerequisites()
        graph[skill_id] = wanted
        cycle = find_cycle(graph)
        if cycle:
            names = self.skill_names()
            raise PrerequisiteCycleError(list(cycle),
                "These prerequisites would make a circle: "
                + " -> ".join(names.get(s, s) for s in cycle)
                + ". Nothing was changed."
            )
        with write_transaction(self.db):
            self.db.execute("DELETE FROM skill_prerequisites WHERE skill_id = ?", [skill_id])
            self.db.conn.executemany("INSERT INTO skill_prerequisites VALUES (?, ?)", [(skill_id, p) for p in wanted])

    def delete_skill(self, skill_id: str, move_to: str | None = None) -> None:
        """Delete a skill; exercises keep existing without it, or with the skill ``move_to`` instead (see
        :meth:`move_exercises`). The skills that needed it now need what it needed, so a chain of prerequisites is not
        cut (review 28e: with Beta gone, Gamma no longer needed Alpha)."""
        with write_transaction(self.db):
            if move_to is not None:
                self.move_exercises(skill_id, move_to)
            self.db.execute(
                """INSERT OR IGNORE INTO skill_prerequisites (skill_id, prerequisite_id)
                   SELECT later.skill_id, earlier.prerequisite_id
                   FROM skill_prerequisites later JOIN skill_prerequisites earlier ON earlier.skill_id = later.prerequisite_id
                   WHERE later.prerequisite_id = ? AND later.skill_id <> earlier.prerequisite_id""", [skill_id])
            self.db.execute("DELETE FROM skills WHERE id = ?", [skill_id])

    def move_exercises(self, skill_id: str, to_skill_id: str) -> int:
        """Give every exercise and template of one skill another skill instead, all or nothing; returns how many
        exercises moved (review 46d: before a skill could go, each of its exercises was edited one by one). Their
        answers count toward the other skill from then on.

        >>> import tempfile
        >>> from engine.store import Store
        >>> store = Store.open(tempfile.mkdtemp())
        >>> a, b = store.add_skill("Halves"), store.add_skill("Fractions")
        >>> _ = store.add_exercise("Half of 8?", "numeric", answer="4", skills=[a])
        >>> store.move_exercises(a, b), [e.skills for e in store.list_exercises()]
        (1, [('fractions',)])
        """
        if not self._skill_exists(to_skill_id) or skill_id == to_skill_id:
            raise LamplightError(f"Unknown skill '{to_skill_id}'." if skill_id != to_skill_id else "A skill's exercises "
                                 "can only move to another skill.")
        from engine.store.templates import Template

        with write_transaction(self.db):
            moved = int(self.db.execute("SELECT COUNT(*) FROM exercise_skills WHERE skill_id = ?", [skill_id]).fetchone()[0])
            self.db.execute("UPDATE OR IGNORE exercise_skills SET skill_id = ? WHERE skill_id = ?", [to_skill_id, skill_id])
            self.db.execute("DELETE FROM exercise_skills WHERE skill_id = ?", [skill_id])  # those that had both
            for template_id, spec in list(self.db.execute("SELECT id, spec FROM templates")):
                template = Template.from_spec(json.loads(spec))
                if skill_id in template.skills:
                    skills = list(dict.fromkeys(to_skill_id if s == skill_id else s for s in template.skills))
                    self.db.execute("UPDATE templates SET spec = ? WHERE id = ?",
                                    [json.dumps({**template.to_spec(), "skills": skills}, ensure_ascii=False), template_id])
        return moved

    def skills_needing(self, skill_id: str) -> list[str]:
        """The ids of the skills that have ``skill_id`` as a prerequisite."""
        return [r[0] for r in self.db.execute("SELECT skill_id FROM skill_prerequisites WHERE prerequisite_id = ? "
                                              "ORDER BY skill_id", [skill_id])]

    def _refuse_taken_skill_name(self, name: str, skill_id: str | None = None, language: str | None = None) -> None:
        """LamplightError when a skill other than ``skill_id`` is called ``name`` (ignoring case) in ``language``
        or by its own name."""
        wanted = name.casefold()
        names = [self.skill_names(language), self.skill_names()]
        if any(other != skill_id and text.casefold() == wanted for table in names for other, text in table.items()):
            raise LamplightError(f"A skill named '{name}' already exists.")

    def _skill_exists(self, skill_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM skills WHERE id = ?", [skill_id]).fetchone() is not None

    def get_skill(self, skill_id: str, language: str | None = None) -> Skill:
        for skill in self.list_skills(language):
            if skill.id == skill_id:
                return skill
        raise LamplightError(f"There is no skill with id '{skill_id}'.")

    def list_skills(self, language: str | None = None) -> list[Skill]:
        """All skills, sorted by name, with their prerequisite ids; names and descriptions in ``language`` where given."""
        prerequisites = self.skill_prerequisites()
        join, codes = _language_join("skill_texts", ("skill_id", "s.id"), "t", language)
        name, description = _resolved("name", "t", len(codes), "s.name"), _resolved("description", "t", len(codes), "s.description")
        rows = self.db.execute(f"SELECT s.id, {name}, {description} FROM skills s {join} ORDER BY 2 COLLATE NOCASE, s.id", codes)
        return [Skill(r[0], r[1], r[2], tuple(prerequisites.get(r[0], ()))) for r in rows]

    def skill_names(self, language: str | None = None) -> dict[str, str]:
        """Every skill id -> its name in ``language`` (the skill's own name where there is none), in the bank's order."""
        join, codes = _language_join("skill_texts", ("skill_id", "s.id"), "t", language)
        rows = self.db.execute(f"SELECT s.id, {_resolved('name', 't', len(codes), 's.name')} FROM skills s {join} ORDER BY s.rowid", codes)
        return {r[0]: r[1] for r in rows}

    def skill_prerequisites(self) -> dict[str, list[str]]:
        """Every skill id -> the ids of its direct prerequisites (empty list when none).

        Skills come in the order they came into the bank (a pack's as it teaches them), which
        :func:`engine.graph.prerequisite_order` keeps wherever prerequisites allow.
        """
        graph: dict[str, list[str]] = {r[0]: [] for r in self.db.execute("SELECT id FROM skills ORDER BY rowid")}
        for skill_id, prerequisite in self.db.execute("SELECT skill_id, prerequisite_id FROM skill_prerequisites ORDER BY rowid"):
            graph.setdefault(skill_id, []).append(prerequisite)
        return graph

    # --- exercises -----------------------------------------------------------------------
    def add_exercise(
        self,
        prompt: str,
        kind: str,
        answer: str = "",
        choices: Iterable[str] = (),
        skills: Iterable[str] = (),
        difficulty: float | None = None,
        key: str | None = None,
        template_id: str | None = None,
        params: Mapping[str, Any] | None = None,
        texts: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> int:
        """Add an exercise and return its id.

        ``key`` is a stable external id (pack exercise id, or the item id of an
        imported log); one is made up when omitted. ``difficulty`` is 1-5 or None.
        ``texts``: language -> {"prompt", "answer", "choices"} in further languages
        (see :func:`check_translation`).
        """
        choices = [str(c) for c in choices]
        answer = str(answer if answer is not None else "")
        check_exercise_fields(kind, prompt, answer, choices)
        skill_ids = list(dict.fromkeys(str(s) for s in skills))
        with write_transaction(self.db):
            for skill_id in skill_ids:
                if not self._skill_exists(skill_id):
                    raise LamplightError(f"Unknown skill '{skill_id}' for exercise '{str(prompt)[:60]}'.")
            key = str(key) if key else f"own:{uuid.uuid4().hex[:12]}"
            if self.db.execute("SELECT 1 FROM exercises WHERE key = ?", [key]).fetchone():
                raise LamplightError(f"An exercise with key '{key}' already exists.")
            cursor = self.db.execute(
                """INSERT INTO exercises (key, kind, prompt, choices, answer, difficulty, template_id, params, created)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    key, kind, str(prompt), json.dumps(choices, ensure_ascii=False) if choices else None, answer,
                    None if difficulty is None else float(difficulty), template_id,
                    json.dumps(dict(params), ensure_ascii=False) if params is not None else None, to_utc_iso(),
                ],
            )
            exercise_id = int(cursor.lastrowid)
            self.db.conn.executemany("INSERT INTO exercise_skills VALUES (?, ?)", [(exercise_id, s) for s in skill_ids])
            if texts:
                self.set_exercise_texts(exercise_id, texts)
        return exercise_id

    def set_exercise_texts(self, exercise_id: int, texts: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace an exercise's texts in further languages (language -> {"prompt", "answer", "choices"})."""
        current = self.get_exercise(exercise_id)
        base = {"prompt": current.prompt, "answer": current.answer, "choices": list(current.choices)}
        rows = []
        for language, fields in texts.items():
            check_translation(current.kind, base, language, fields)
            choices = fields.get("choices")
            rows.append((exercise_id, normal_language(language), fields.get("prompt"),
                         None if fields.get("answer") is None else str(fields["answer"]),
                         None if choices is None else json.dumps([str(c) for c in choices], ensure_ascii=False)))
        with write_transaction(self.db):
            self.db.execute("DELETE FROM exercise_texts WHERE exercise_id = ?", [exercise_id])
            self.db.conn.executemany("INSERT INTO exercise_texts VALUES (?, ?, ?, ?, ?)", rows)

    def exercise_texts(self, exercise_id: int) -> dict[str, dict[str, Any]]:
        """An exercise's texts in further languages (language -> the fields given)."""
        rows = self.db.execute("SELECT language, prompt, answer, choices FROM exercise_texts WHERE exercise_id = ? ORDER BY language", [exercise_id])
        result = {}
        for language, prompt, answer, choices in rows:
            fields = {"prompt": prompt, "answer": answer, "choices": json.loads(choices) if choices else None}
            result[language] = {k: v for k, v in fields.items() if v is not None}
        return result

    def update_exercise(self, exercise_id: int, language: str | None = None, *, teacher_edit: bool = True, **changes: Any) -> None:
        """Change some fields of an exercise (prompt, kind, answer, choices, skills, difficulty), all or nothing.

        With ``language``, and when the exercise has a text in that language, the
        prompt, answer and choices given change that language's text (what the
        teacher saw and edited) and the other languages' texts stay as they are;
        otherwise they change the exercise's own text. What every language shares
        follows the edit: a number answer, and which choice is the right one.
        Every language's text is checked against the result (LamplightError, nothing changed).
        ``teacher_edit`` marks the exercise as edited by the teacher (see :meth:`edited_exercise_keys`).
        """
        allowed = {"prompt", "kind", "answer", "choices", "skills", "difficulty"}
        unknown = set(changes) - allowed
        if unknown:
            raise LamplightError(f"Cannot change {', '.join(sorted(unknown))} of an exercise.")
        current = self.get_exercise(exercise_id)
        kind = changes.get("kind", current.kind)
        base: dict[str, Any] = {"prompt": current.prompt, "answer": current.answer, "choices": list(current.choices)}
        edits = {k: changes[k] for k in TEXT_FIELDS if k in changes}
        if "choices" in edits:
            edits["choices"] = [str(c) for c in edits["choices"]]
        if "answer" in edits:
            edits["answer"] = str(edits["answer"])
        translations = self.exercise_texts(exercise_id)
        code = _text_language(translations, language)
        if code is not None:  # what still equals the exercise's own text stays shared (a choice added later reaches both)
            edits = {k: v for k, v in edits.items() if k in translations[code] or v != base[k]}
        (base if code is None else translations[code]).update(edits)
        if "answer" in edits:
            _share_answer(kind, base, translations, code)
        base["prompt"] = str(base["prompt"])
        with _languages_must_agree(code is not None):
            check_exercise_fields(kind, base["prompt"], str(base["answer"]), base["choices"])
        difficulty = changes.get("difficulty", current.difficulty)
        with write_transaction(self.db):
            self.db.execute(
                "UPDATE exercises SET prompt = ?, kind = ?, answer = ?, choices = ?, difficulty = ?, edited = ? WHERE id = ?",
                [base["prompt"], kind, str(base["answer"]), json.dumps(base["choices"], ensure_ascii=False) if base["choices"] else None,
                 None if difficulty is None else float(difficulty), to_utc_iso() if teacher_edit else None, exercise_id],
            )
            if "skills" in changes:
                skill_ids = list(dict.fromkeys(str(s) for s in changes["skills"]))
                for skill_id in skill_ids:
                    if not self._skill_exists(skill_id):
                        raise LamplightError(f"Unknown skill '{skill_id}'.")
                self.db.execute("DELETE FROM exercise_skills WHERE exercise_id = ?", [exercise_id])
                self.db.conn.executemany("INSERT INTO exercise_skills VALUES (?, ?)", [(exercise_id, s) for s in skill_ids])
            with _languages_must_agree(bool(translations)):
                self.set_exercise_texts(exercise_id, translations)

    def texts_elsewhere(self, exercise_id: int, language: str | None) -> list[tuple[str | None, dict[str, str]]]:
        """The exercise's texts other than the one shown in ``language``, each as (the language to give
        :meth:`update_exercise` to change it, None for the exercise's own text; its "prompt" and "answer", the answer
        a child who sees that text is marked by).

        A short answer is each language's own (a number and the place of the right choice are shared), so a key
        corrected in one language stays as it was in the others (review 46d: 3:30 in Chinese, 4:30 in English).
        """
        current = self.get_exercise(exercise_id)
        translations = self.exercise_texts(exercise_id)
        shown = _text_language(translations, language)
        own = {"prompt": current.prompt, "answer": current.answer}
        others: list[tuple[str | None, dict[str, str]]] = [] if shown is None else [(None, own)]
        return others + [(code, {**own, **{k: v for k, v in texts.items() if k in own}})
                         for code, texts in translations.items() if code != shown]

    def edit_exercise(self, exercise_id: int, language: str | None, changes: Mapping[str, Any],
                      answers_elsewhere: Mapping[str | None, str] | None = None) -> None:
        """What the Edit exercise dialog saves, all or nothing: ``changes`` to the text shown in ``language`` (see
        :meth:`update_exercise`) and new answers for texts in other languages (keys as in :meth:`texts_elsewhere`).

        A short answer is each language's own: every text keeps the answer the dialog showed for it unless given a
        new one (review 47b: a translation without an answer of its own followed the exercise's own text, so 307
        typed for English made the Chinese key 307 too).
        """
        shown = _text_language(self.exercise_texts(exercise_id), language)
        wanted = {place: texts["answer"] for place, texts in self.texts_elsewhere(exercise_id, language)}
        wanted.update(answers_elsewhere or {})
        wanted[shown] = str(changes.get("answer", self.get_exercise(exercise_id, language).answer))
        with write_transaction(self.db):
            self.update_exercise(exercise_id, language, **changes)
            after, own = self.get_exercise(exercise_id), wanted[None]
            if after.kind not in ("short_text", "teacher_marked"):
                return  # a number or the place of the right choice is shared: update_exercise saw to every language
            if after.answer != own:
                self.update_exercise(exercise_id, None, answer=own)
            translations = self.exercise_texts(exercise_id)
            for code, texts in translations.items():
                texts.pop("answer", None)
                if wanted.get(code, own) != own:
                    texts["answer"] = wanted[code]
            with _languages_must_agree(True):
                self.set_exercise_texts(exercise_id, translations)

    def replace_exercise(self, exercise_id: int, texts: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any] | None = None,
                         **fields: Any) -> None:
        """Overwrite an exercise with a pack's version: its own fields, its ``params`` (e.g. ``on_paper``)
        and its texts in every language.

        Afterwards it counts as not edited by the teacher (it is the pack's again).
        """
        with write_transaction(self.db):
            self.db.execute("DELETE FROM exercise_texts WHERE exercise_id = ?", [exercise_id])
            self.update_exercise(exercise_id, teacher_edit=False, **fields)
            self.db.execute("UPDATE exercises SET params = ? WHERE id = ?",
                            [json.dumps(dict(params), ensure_ascii=False) if params is not None else None, exercise_id])
            self.set_exercise_texts(exercise_id, texts)

    def edited_exercise_keys(self, keys: Iterable[str] | None = None) -> set[str]:
        """The keys of exercises the teacher edited after they were added or imported (of ``keys`` when given)."""
        edited = {r[0] for r in self.db.execute("SELECT key FROM exercises WHERE edited IS NOT NULL")}
        return edited if keys is None else edited & set(keys)

    def answers_to_exercise(self, exercise_id: int) -> int:
        """How many answers students gave to an exercise (marked ones and typed ones waiting for a mark)."""
        return sum(int(self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE exercise_id = ?", [exercise_id]).fetchone()[0])
                   for table in ("responses", "queued_answers"))

    def asked_questions(self) -> dict[str, int]:
        """Every question the bank asks, in every language, as :func:`question_key` writes it -> an exercise asking it:
        adding one again would make a second row of the same question, its answers split between the two (review
        46d)."""
        rows = self.db.execute("SELECT prompt, id FROM exercises UNION ALL SELECT prompt, exercise_id FROM exercise_texts "
                               "WHERE prompt IS NOT NULL")
        return {question_key(prompt): exercise_id for prompt, exercise_id in rows}

    def quizzes_asking(self, exercise_id: int) -> list[tuple[str, str]]:
        """(title, class name) of each quiz and assignment that asks an exercise: deleting the exercise takes it off
        them with the marks given for it (review 46d: the question did not say so)."""
        return [(title, name) for title, name in self.db.execute(
            """SELECT q.title, c.name FROM quizzes q JOIN classes c ON c.id = q.class_id
               WHERE q.id IN (SELECT quiz_id FROM quiz_exercises WHERE exercise_id = ?) ORDER BY c.name, q.created, q.id""",
            [exercise_id])]

    def delete_exercise(self, exercise_id: int) -> None:
        """Delete an exercise together with the answers given to it (see :meth:`answers_to_exercise`)."""
        self.db.execute("DELETE FROM exercises WHERE id = ?", [exercise_id])

    def get_exercise(self, exercise_id: int, language: str | None = None) -> Exercise:
        """One exercise, its texts in ``language`` where it has them (see ``engine.store.texts``)."""
        found = self._exercises("WHERE e.id = ?", [exercise_id], language)
        if not found:
            raise LamplightError(f"There is no exercise with id {exercise_id}.")
        return found[0]

    def exercise_by_key(self, key: str, language: str | None = None) -> Exercise | None:
        found = self._exercises("WHERE e.key = ?", [key], language)
        return found[0] if found else None

    def bank_revision(self) -> int:
        """A number that changes whenever an exercise, skill or prerequisite is added, changed or removed
        (by any program: triggers keep it). Equal numbers mean the same bank."""
        return int(self.db.execute("SELECT value FROM revisions WHERE name = 'bank'").fetchone()[0])

    def list_exercises(self, language: str | None = None) -> list[Exercise]:
        """Every exercise, with prompt, answer and choices in ``language`` where it has them."""
        return self._exercises("", [], language)

    def search_exercises(self, text: str = "", skill: str | None = None, kind: str | None = None, limit: int | None = None,
                         language: str | None = None) -> list[Exercise]:
        """Exercises whose prompt in ``language`` contains ``text`` (case-insensitive), of a skill and/or kind."""
        clauses, params = [], []
        if text.strip():
            clauses.append("prompt_shown LIKE ? ESCAPE '\\'")
            params.append("%" + re.sub(r"([%_\\])", r"\\\1", text.strip()) + "%")
        if skill:
            clauses.append("e.id IN (SELECT exercise_id FROM exercise_skills WHERE skill_id = ?)")
            params.append(skill)
        if kind:
            clauses.append("e.kind = ?")
            params.append(kind)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return self._exercises(where, params, language, limit)

    def exercise_skills(self) -> dict[int, tuple[str, ...]]:
        """Every exercise id -> its skill ids (cheap: one query)."""
        result: dict[int, list[str]] = {r[0]: [] for r in self.db.execute("SELECT id FROM exercises")}
        for exercise_id, skill_id in self.db.execute("SELECT exercise_id, skill_id FROM exercise_skills ORDER BY rowid"):
            result[exercise_id].append(skill_id)
        return {k: tuple(v) for k, v in result.items()}

    def _exercises(self, where: str, params: list, language: str | None = None, limit: int | None = None) -> list[Exercise]:
        join, codes = _language_join("exercise_texts", ("exercise_id", "e.id"), "t", language)
        prompt, answer, choices = (_resolved(c, "t", len(codes), f"e.{c}") for c in TEXT_FIELDS)
        rows = self.db.execute(
            f"""SELECT e.id, e.key, e.kind, {prompt} AS prompt_shown, {answer}, {choices}, e.difficulty, e.template_id, e.params,
                       (SELECT group_concat(skill_id, char(31)) FROM (SELECT skill_id FROM exercise_skills WHERE exercise_id = e.id ORDER BY rowid))
                FROM exercises e {join} {where} ORDER BY e.id {"LIMIT ?" if limit else ""}""",
            codes + params + ([int(limit)] if limit else []),
        )
        return [
            Exercise(
                id=r[0], key=r[1], kind=r[2], prompt=r[3], answer=r[4],
                choices=tuple(json.loads(r[5])) if r[5] else (),
                skills=tuple(r[9].split("\x1f")) if r[9] else (),
                difficulty=r[6], template_id=r[7], params=json.loads(r[8]) if r[8] else None,
            )
            for r in rows
        ]

    # --- templates (see engine.store.templates) ------------------------------------------
    def save_template(self, spec: Mapping[str, Any], default_language: str | None = None) -> str:
        """Store (or replace) an exercise template given as its pack JSON object; says what that did: "added",
        "changed" or "unchanged" (a pack imported again says which of its templates it changed).

        ``default_language`` is the language of its plain texts (the pack's) unless the spec names one.
        """
        from engine.store.templates import Template

        template = Template.from_spec(spec, default_language=default_language)
        stored = json.dumps(template.to_spec(), ensure_ascii=False)
        held = self.db.execute("SELECT spec FROM templates WHERE id = ?", [template.id]).fetchone()
        if held is not None and held[0] == stored:
            return "unchanged"
        self.db.execute("INSERT OR REPLACE INTO templates (id, title, spec) VALUES (?, ?, ?)", [template.id, template.title, stored])
        return "added" if held is None else "changed"

    def list_templates(self) -> list[Any]:
        """All stored templates as ``engine.store.templates.Template`` objects."""
        from engine.store.templates import Template

        return [Template.from_spec(json.loads(r[0])) for r in self.db.execute("SELECT spec FROM templates ORDER BY title, id")]

    def get_template(self, template_id: str) -> Any:
        from engine.store.templates import Template

        row = self.db.execute("SELECT spec FROM templates WHERE id = ?", [template_id]).fetchone()
        if row is None:
            raise LamplightError(f"There is no exercise template '{template_id}'.")
        return Template.from_spec(json.loads(row[0]))

    def add_generated_exercise(self, generated: Any) -> int:
        """Add a variant made by ``templates.generate`` to the bank; returns the exercise id."""
        return self.add_exercise(
            generated.prompt, generated.kind, generated.answer, generated.choices, generated.skills,
            difficulty=generated.difficulty, template_id=generated.template_id, params=generated.params,
            texts=getattr(generated, "texts", None),
        )

    # --- quizzes and assignments ---------------------------------------------------------
    def create_quiz(self, class_id: int, title: str, exercise_ids: Iterable[int], kind: str = "quiz",
                    group_id: int | None = None) -> int:
        """A quiz (printed, marked in the grid) or an assignment: exercises in this order; ``group_id``: given to that
        group of the class (see :meth:`set_quiz_group`), in the same transaction."""
        title = clean_name(title, "quiz")
        ids = [int(e) for e in exercise_ids]
        with write_transaction(self.db):
            self.get_class(class_id)  # type: ignore[attr-defined]
            for exercise_id in ids:
                self.get_exercise(exercise_id)
            quiz_id = int(self.db.execute(
                "INSERT INTO quizzes (class_id, title, kind, created) VALUES (?, ?, ?, ?)", [class_id, title, kind, to_utc_iso()]
            ).lastrowid)
            self.db.conn.executemany("INSERT INTO quiz_exercises VALUES (?, ?, ?)", [(quiz_id, i, e) for i, e in enumerate(ids)])
            if group_id is not None:
                self.set_quiz_group(quiz_id, group_id)
        return quiz_id

    def set_quiz_exercises(self, quiz_id: int, exercise_ids: Iterable[int], delete_removed_marks: bool = False) -> int:
        """Replace a quiz's questions by ``exercise_ids`` in this order, all at once; return the marks of removed questions.

        Marks entered for questions that stay are untouched (they are stored per
        question, not per position). Marks of removed questions are deleted when
        ``delete_removed_marks``; otherwise they stay as the students' answers but
        no longer belong to the quiz (its grid no longer shows them).
        """
        ids = [int(e) for e in exercise_ids]
        if not ids:
            raise LamplightError("A quiz needs at least one question.")
        if len(set(ids)) != len(ids):
            raise LamplightError("A question appears twice in the quiz.")
        with write_transaction(self.db):
            removed = sorted(set(self.get_quiz(quiz_id).exercise_ids) - set(ids))
            for exercise_id in ids:
                self.get_exercise(exercise_id)
            self.db.execute("DELETE FROM quiz_exercises WHERE quiz_id = ?", [quiz_id])
            self.db.conn.executemany("INSERT INTO quiz_exercises VALUES (?, ?, ?)", [(quiz_id, i, e) for i, e in enumerate(ids)])
            marks = self.quiz_marks_of(quiz_id, removed)
            for table in ("responses", "queued_answers"):
                for exercise_id in removed:
                    where = "WHERE quiz_id = ? AND exercise_id = ?"
                    if delete_removed_marks:
                        self.db.execute(f"DELETE FROM {table} {where}", [quiz_id, exercise_id])
                    else:
                        self.db.execute(f"UPDATE {table} SET quiz_id = NULL {where}", [quiz_id, exercise_id])
        return marks

    def quiz_marks_of(self, quiz_id: int, exercise_ids: Iterable[int]) -> int:
        """How many marks (and written answers waiting for a mark) the quiz holds for these questions."""
        ids = [int(e) for e in exercise_ids]
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        return sum(
            int(self.db.execute(f"SELECT COUNT(*) FROM {table} WHERE quiz_id = ? AND exercise_id IN ({marks})", [quiz_id, *ids]).fetchone()[0])
            for table in ("responses", "queued_answers")
        )

    def list_quizzes(self, class_id: int) -> list[Quiz]:
        return self._quizzes("WHERE q.class_id = ?", [class_id])

    def get_quiz(self, quiz_id: int) -> Quiz:
        found = self._quizzes("WHERE q.id = ?", [quiz_id])
        if not found:
            raise LamplightError(f"There is no quiz with id {quiz_id}.")
        return found[0]

    def quiz_exercises(self, quiz_id: int, language: str | None = None) -> list[Exercise]:
        """A quiz's exercises in quiz order, texts in ``language`` where they have them."""
        by_id = {e.id: e for e in self._exercises("WHERE e.id IN (SELECT exercise_id FROM quiz_exercises WHERE quiz_id = ?)", [quiz_id], language)}
        return [by_id[e] for e in self.get_quiz(quiz_id).exercise_ids if e in by_id]

    def quiz_paper(self, quiz_id: int, language: str | None = None) -> list[Exercise]:
        """A quiz's exercises as its paper shows them: choices in the order they were printed in."""
        return choices.quiz_paper(self.quiz_exercises(quiz_id, language), quiz_id, self._paper(quiz_id))

    def printed_as(self, quiz_id: int, exercise_id: int) -> tuple[str, Any]:
        """Whose order a quiz's exercise was printed in (:func:`engine.choices.printed_as`)."""
        return choices.printed_as(quiz_id, self._paper(quiz_id), exercise_id)

    def _paper(self, quiz_id: int) -> str | None:
        row = self.db.execute("SELECT paper FROM quizzes WHERE id = ?", [quiz_id]).fetchone()
        return row[0] if row else None

    def delete_quiz(self, quiz_id: int) -> None:
        """Delete a quiz; answers entered for it stay (they no longer point to the quiz), and so do written answers
        waiting for a mark; the absences noted for it go."""
        with write_transaction(self.db):
            self.db.execute("DELETE FROM quizzes WHERE id = ?", [quiz_id])

    def quiz_group(self, quiz_id: int) -> int | None:
        """The group a quiz was given to (its grid shows their rows), None for the whole class (or once the group is
        deleted). Kept on the quiz, so a backup restored on another laptop shows the same rows."""
        row = self.db.execute("SELECT group_id FROM quizzes WHERE id = ?", [quiz_id]).fetchone()
        return None if row is None else row[0]

    def set_quiz_group(self, quiz_id: int, group_id: int | None) -> None:
        """Give a quiz to one group of its class (None: the whole class)."""
        with write_transaction(self.db):
            quiz = self.get_quiz(quiz_id)
            if group_id is not None and not self.db.execute("SELECT 1 FROM groups WHERE id = ? AND class_id = ?",
                                                            [group_id, quiz.class_id]).fetchone():
                raise LamplightError(f"There is no group with id {group_id} in the quiz's class.")
            self.db.execute("UPDATE quizzes SET group_id = ? WHERE id = ?", [group_id, quiz_id])

    def rename_quiz(self, quiz_id: int, title: str) -> None:
        """Give a quiz another title (what the quiz list, printouts and file names say)."""
        title = clean_name(title, "quiz")
        with write_transaction(self.db):
            self.get_quiz(quiz_id)
            self.db.execute("UPDATE quizzes SET title = ? WHERE id = ?", [title, quiz_id])

    def _quizzes(self, where: str, params: list) -> list[Quiz]:
        rows = self.db.execute(
            f"""SELECT q.id, q.class_id, q.title, q.created,
                       (SELECT group_concat(exercise_id) FROM (SELECT exercise_id FROM quiz_exercises WHERE quiz_id = q.id ORDER BY position))
                FROM quizzes q {where} ORDER BY q.created DESC, q.id DESC""",
            params,
        )
        return [Quiz(r[0], r[1], r[2], r[3], tuple(int(x) for x in r[4].split(",")) if r[4] else ()) for r in rows]
