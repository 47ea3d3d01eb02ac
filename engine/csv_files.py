"""The one reader of delimited text files (rosters, response logs, skills.csv), for the store and for evaluation,
and the one way exports write CSV (:func:`csv_text`, which neutralises spreadsheet formulas).

Files are UTF-8 with or without BOM, UTF-16 with BOM (what Excel saves as "Unicode Text", tab-delimited) or without,
GB18030 (which includes GBK: what Chinese Excel saves as "CSV (逗号分隔)") or Windows-1252 (what Excel on an English
or other Western European computer saves as "CSV (Comma delimited)"), gzip or plain, delimited by ``,`` ``;``
or tab (whichever splits the header line into most columns). They are read
as a stream, row by row, so memory does not grow with the file.

The encoding is decided on the file's first megabyte (:func:`text_encoding`):
UTF-8 first, then GB18030, then Windows-1252, each decoded strictly, GB18030 only when the
text reads as Chinese (see :func:`reads_as_chinese`) and Windows-1252 only when it reads as Western European
text (:func:`reads_as_western`). A file that is none of these is read as UTF-8 and refused at its first bad line.

Structure is checked strictly, because a silently mis-read row puts wrong
data in a child's record: every row must have as many cells as the header
(an extra cell shifts the rest into the wrong columns), a quoted cell may span lines only in the
columns that allow it (free text such as a typed answer), quotes must be
closed, and NUL bytes or text that is not UTF-8 (or Chinese GB18030) are refused. Each problem
raises :class:`~engine.errors.LamplightError` naming the file and line.
"""
from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import itertools
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from engine.errors import LamplightError

ProgressFn = Callable[[float, str], None]
DELIMITERS = (",", ";", "\t", "，", "|")  # "，": typed with a Chinese keyboard (review 43); "|": some school systems' export
PROGRESS_EVERY = 20_000  # rows between progress reports
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "，": "full-width comma", "|": "vertical bar"}


def normalise_header(name: str) -> str:
    """'Student_ID ' -> 'student id' (case, spaces, '_' and '-' do not matter); '姓  名' -> '姓名' (Chinese forms space a
    header's characters out to line them up, review 36a).

    >>> normalise_header("Student_ID "), normalise_header("姓\u3000\u3000名"), normalise_header("学 号 (ID)")
    ('student id', '姓名', '学号 (id)')
    """
    return _SPACED_CJK.sub("", " ".join(name.replace("_", " ").replace("-", " ").casefold().split()))


_SPACED_CJK = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


SNIFF_BYTES = 1 << 20
"""How much of a file decides its encoding (a class roster is a few kilobytes)."""
UTF8, GB18030, UTF16, CP1252 = "utf-8-sig", "gb18030", "utf-16", "cp1252"
UTF16_LE, UTF16_BE = "utf-16-le", "utf-16-be"
"""UTF-16 without a byte order mark, as some school systems export (it was refused as "NUL bytes")."""
_WESTERN_SIGNS = set("\u00a0¡¢£¥§«°±´µ·»¿€‘’‚“”„•–—…‹›×÷¹²³¼½¾™©®")
"""Beyond ASCII, what Windows-1252 text holds besides letters: punctuation, and signs a typed answer may have (3 × 4,
5 m², ½)."""
_MISREAD_LETTERS = re.compile(r"[þÞðÐýÝ]|[£¥¿ªº](?=[^\W\d_])|(?<=[^\W\d_])[£¥¿ªº]")
"""Letters Western names hardly ever have, which Central European and Turkish text read as Windows-1252 is full of
(Ayşe Yılmaz as "Ayþe Yýlmaz", Łukasz as "£ukasz"): such a file is refused, not misread (review 40c)."""
_UNLIKELY_IN_TEXT = {"Co", "Cn", "Cs", "Cc"}  # private use, unassigned, surrogates, control characters
_TOUCHES_LATIN_LETTER = re.compile(r"(?<=[A-Za-z])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z])")
_INSIDE_LATIN_WORD = re.compile(r"[A-Za-z][^\x00-\x7f]+[A-Za-z]")


def _decodes(data: bytes, encoding: str, whole: bool) -> bool:
    """True when ``data`` decodes strictly (a character cut at the end of a partial read is allowed)."""
    try:
        codecs.getincrementaldecoder(encoding)("strict").decode(data, final=whole)
    except UnicodeDecodeError:
        return False
    return True


def reads_as_chinese(text: str) -> bool:
    """True when GB18030-decoded ``text`` is plausible text, not another encoding's bytes read wrongly.

    Latin-1 and Windows-1252 files often decode "cleanly" as GB18030: an
    accented letter and the letter after it make one two-byte Chinese
    character ("Müller" -> "M黮ler", "Conceição" -> "Concei莽o"). Such a
    character stands inside a Latin word, or touches a Latin letter with an
    ASCII letter as its second byte; Chinese text does not look like that
    ("A组" and "王玥" do not). Private-use, unassigned and control characters
    (other than tab and line ends) are refused too.
    """
    for char in set(text):
        if not char.isascii() and unicodedata.category(char) in _UNLIKELY_IN_TEXT:
            return False
    if _INSIDE_LATIN_WORD.search(text):
        return False
    for match in _TOUCHES_LATIN_LETTER.finditer(text):
        encoded = match.group().encode(GB18030)
        if len(encoded) == 2 and encoded[1] < 0x80:
            return False
    return True


def reads_as_western(text: str) -> bool:
    """True when Windows-1252-decoded ``text`` is plausible Western European text: beyond ASCII only Latin letters
    (Zoë, Siân, Renée, Øyvind) and the punctuation Excel writes (O’Brien, “Ana”), in words of at least as many plain
    letters as accented ones (review 40a: Excel's default CSV on an English computer was refused as "not UTF-8"), and
    none of :data:`_MISREAD_LETTERS`.

    >>> [reads_as_western(t) for t in ["Zoë Siân O’Brien, 3°", "3 × 4 = 12 m²", "Ana ÿ", "Èâàí", "Ayþe Yýlmaz", "£ukasz"]]
    [True, True, False, False, False, False]
    """
    if _MISREAD_LETTERS.search(text):
        return False
    for char in text:
        if not (char.isascii() or char in _WESTERN_SIGNS or char.isalpha() and "LATIN" in unicodedata.name(char, "")):
            return False
    for word in _WORD.findall(text):
        accented = sum(not char.isascii() for char in word)
        if accented > len(word) - accented:
            return False
    return True


_WORD = re.compile(r"[^\W\d_]+")


def text_encoding(head: bytes, whole: bool) -> str:
    """The encoding of a text file whose first bytes are ``head`` (all of it when ``whole``).

    UTF-8 (with or without BOM) when ``head`` is UTF-8; else GB18030 when it
    decodes strictly and reads as Chinese; else Windows-1252 when it decodes strictly and reads as Western European
    text; else UTF-8, so that the reader refuses the first line that is not UTF-8 with its usual message.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # review 30a: Excel's "Unicode Text" was "not UTF-8"
        return UTF16
    if head.startswith(codecs.BOM_UTF8):
        return UTF8
    bare_utf16 = _utf16_without_bom(head, whole)
    if bare_utf16 is not None:
        return bare_utf16
    if _decodes(head, "utf-8", whole):
        return UTF8
    with contextlib.suppress(UnicodeDecodeError):
        if reads_as_chinese(codecs.getincrementaldecoder(GB18030)("strict").decode(head, final=whole)):
            return GB18030
    with contextlib.suppress(UnicodeDecodeError):
        if reads_as_western(head.decode(CP1252)):
            return CP1252
    return UTF8


def _utf16_without_bom(head: bytes, whole: bool) -> str | None:
    r""":data:`UTF16_LE` or :data:`UTF16_BE` when ``head`` is UTF-16 text without a byte order mark, else None.

    Such text has a NUL byte in every ASCII character (its digits, commas, tabs and line ends), all on the same side;
    it must then decode strictly into text with line ends or delimiters and no control characters.

    >>> [_utf16_without_bom(t.encode(e), True) for t, e in [("学号,姓名\n1,王芳\n", "utf-16-le"), ("id\tname\n", "utf-16-be")]]
    ['utf-16-le', 'utf-16-be']
    >>> _utf16_without_bom("id,name\n1,Ana\n".encode("utf-8"), True) is None
    True
    """
    sample = head[:4096]
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if max(odd, even) < len(sample) // 8 or min(odd, even) > max(odd, even) // 4:
        return None
    encoding = UTF16_LE if odd > even else UTF16_BE
    try:
        text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=whole)
    except UnicodeDecodeError:
        return None
    if not any(mark in text for mark in "\n\t,;"):
        return None
    for char in set(text):
        if char not in "\t\r\n" and unicodedata.category(char) in _UNLIKELY_IN_TEXT:
            return None
    return encoding


def _sniff_encoding(stream: IO[bytes]) -> str:
    """:func:`text_encoding` of a stream's first megabyte; the stream is put back at its start."""
    try:
        head = stream.read(SNIFF_BYTES + 1)
        stream.seek(0)
    except (OSError, EOFError, zlib.error):  # a damaged gzip: the reader below says so, naming the problem
        stream.seek(0)
        return UTF8
    return text_encoding(head[:SNIFF_BYTES], whole=len(head) <= SNIFF_BYTES)


def _decoded_cleanly(line: str, encoding: str) -> bool:
    """False when the line holds a byte that did not decode (a lone surrogate from 'surrogateescape'),
    or, in a GB18030 file, text that does not read as Chinese."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return reads_as_chinese(line) if encoding == GB18030 else encoding != CP1252 or reads_as_western(line)


def _utf8_chinese(line: str) -> bool:
    """Whether a line read as GB18030 is really UTF-8 Chinese: its bytes decode as UTF-8 and every character beyond
    ASCII then is a CJK character or punctuation (review 36b: a file of GBK and UTF-8 lines gave "张伟" as "寮犱紵", which
    looks like Chinese). GBK text that happens to be valid UTF-8 decodes to other scripts, not to CJK characters.

    >>> _utf8_chinese("张伟".encode("utf-8").decode("gb18030")), _utf8_chinese("张伟"), _utf8_chinese("王玥,3")
    (True, False, False)
    """
    try:
        text = line.encode(GB18030).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False
    wide = [c for c in text if not c.isascii()]
    return bool(wide) and all("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" for c in wide)


MAX_LINE_CHARS = 1_000_000
"""A line longer than this is no table's (a class list's line is a few dozen characters)."""
MAX_BLANK_RUN = 100_000
"""Empty lines in a row (no text, only delimiters and quotes) that make a file no table: a few kilobytes of gzip
can hold hundreds of millions (review 29b); a sheet saved from Excel with formatting far below the list has a few
thousand."""
_EMPTY_LINE_CHARS = " \t\r\n,;\""


def _checked_lines(text: IO[str], path: Path, encoding: str = UTF8) -> Iterator[str]:
    """The file's lines (with their endings), refusing undecodable bytes and NUL bytes, by line number.

    In a GB18030 file, a later line that does not read as Chinese (see
    :func:`reads_as_chinese`) is refused the same way: never a silent guess. A line
    is read no further than :data:`MAX_LINE_CHARS` (a small gzip file unpacks to a
    line of gigabytes), and more than :data:`MAX_BLANK_RUN` empty lines in a row
    refuse the file at once rather than after minutes of reading nothing.
    """
    number = blank = 0
    while line := _readline(text, path, number + 1, encoding):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise LamplightError(f"{path}, line {number}: the line is longer than {MAX_LINE_CHARS:,} characters; "
                                 "this is not a CSV table.")
        blank = blank + 1 if not line.strip(_EMPTY_LINE_CHARS) else 0
        if blank > MAX_BLANK_RUN:
            raise LamplightError(f"{path}, line {number}: more than {MAX_BLANK_RUN:,} empty lines in a row; "
                                 "this is not a CSV table.")
        if not line.isascii() and not _decoded_cleanly(line, encoding):
            raise LamplightError(
                f"{path}, line {number}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again)."
            )
        if encoding == GB18030 and not line.isascii() and _utf8_chinese(line):
            raise LamplightError(f"{path}, line {number}: this line is saved as UTF-8, the lines before it as GBK (Chinese "
                                 "Excel's CSV): save the whole file as 'CSV UTF-8' and import it again.")
        if "\x00" in line:
            raise LamplightError(f"{path}, line {number}: the line holds NUL bytes (\\0); this is not a text CSV file.")
        yield line


def _readline(text: IO[str], path: Path, number: int, encoding: str) -> str:
    """The next line (at most :data:`MAX_LINE_CHARS` long); a UTF-16 file cut in the middle of a character (which
    no error handler decodes) is refused, saying so."""
    try:
        return text.readline(MAX_LINE_CHARS + 1)
    except UnicodeDecodeError:
        if encoding in (UTF16, UTF16_LE, UTF16_BE):
            raise LamplightError(f"{path}, line {number}: the file ends in the middle of a character, so it was cut "
                                 "short (copied only in part?). Save it again and import it again.") from None
        raise LamplightError(f"{path}, line {number}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again).") from None


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header line into most columns (comma when none does)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


@dataclass
class Table:
    """An open delimited file: its header, then :meth:`rows` one at a time (see :func:`open_table`)."""

    path: Path
    header: list[str]
    delimiter: str
    multiline_columns: frozenset[int] = frozenset()
    _lines: Iterator[str] = field(default=iter(()), repr=False)
    _header_line: int = 1
    _raw: IO[bytes] | None = field(default=None, repr=False)
    _size: int = 0
    _progress: ProgressFn | None = field(default=None, repr=False)
    encoding: str = UTF8
    """How the file was decoded: ``"utf-8-sig"`` or ``"gb18030"`` (Chinese Excel's "CSV")."""

    def column(self, *names: str) -> int | None:
        """Index of the first header cell whose normalised name is one of ``names`` (normalised too)."""
        wanted = {normalise_header(n) for n in names}
        for i, name in enumerate(self.header):
            if normalise_header(name) in wanted:
                return i
        return None

    def fraction_read(self) -> float:
        """How much of the file (in bytes on disk) has been read, 0 to 1."""
        if self._raw is None or not self._size:
            return 0.0
        try:
            return min(1.0, self._raw.tell() / self._size)
        except (OSError, ValueError):
            return 0.0

    def rows(self, ragged: bool = False) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each data row; blank lines are skipped; every structural fault raises.

        ``ragged``: a row with more or fewer cells than the header is yielded as it is (the caller reports
        that line) instead of stopping the whole file.
        """
        reader = csv.reader(self._lines, delimiter=self.delimiter, strict=True)
        width = len(self.header)
        previous = self._header_line
        count = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise LamplightError(self._structure_message(previous + 1, reader.line_num + self._header_line, exc)) from None
            except (OSError, EOFError, zlib.error) as exc:
                raise LamplightError(f"{self.path}: the gzip file is damaged ({exc}).") from None
            line, last = previous + 1, reader.line_num + self._header_line
            previous = last
            if not "".join(cells).strip():
                continue
            if len(cells) != width and not ragged:
                raise LamplightError(
                    f"{self.path}, line {line}: {len(cells)} fields, expected {width} as in the header "
                    f"(a stray {_DELIMITER_NAMES[self.delimiter]}, a missing cell, or a name with a "
                    f"{_DELIMITER_NAMES[self.delimiter]} that needs quotes?)."
                )
            if last > line:
                self._check_multiline(line, last, cells)
            count += 1
            if self._progress is not None and count % PROGRESS_EVERY == 0:
                self._progress(self.fraction_read(), f"{count:,} rows read")
            yield line, cells

    def _check_multiline(self, line: int, last: int, cells: list[str]) -> None:
        for i, cell in enumerate(cells):
            if ("\n" in cell or "\r" in cell) and i not in self.multiline_columns:
                column = self.header[i] if i < len(self.header) else str(i + 1)  # a ragged row: past the header
                raise LamplightError(
                    f"{self.path}, line {line}: a quoted cell in column '{column}' runs on to line {last} "
                    "(a quote \" that is never closed?)."
                )

    def _structure_message(self, line: int, last: int, exc: csv.Error) -> str:
        text = str(exc)
        if "unexpected end of data" in text or "EOF" in text:
            return f"{self.path}, line {line}: a quote \" opened here is never closed (the file ends inside it)."
        if last > line:
            return (f"{self.path}, line {line}: a quote \" opened on this line runs on to line {last}, "
                    f"where the quotes are not well formed (a quote that is never closed?).")
        if "field larger than field limit" in text:  # one cell of megabytes: not a table a teacher made
            return f"{self.path}, line {line}: one cell holds more than {csv.field_size_limit():,} characters; this is not a CSV table."
        return f"{self.path}, line {line}: the quotes are not well formed ({text})."


def _open_binary(path: Path) -> tuple[IO[bytes], IO[bytes], int]:
    """(raw file, stream of its bytes gunzipped when gzip, size on disk)."""
    if path.is_dir():
        raise LamplightError(f"{path}: is a folder, not a file.")
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by open_table
        size = os.fstat(raw.fileno()).st_size
    except OSError as exc:
        raise LamplightError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
    start = raw.read(8)
    if start[:2] == b"\x1f\x8b":
        raw.seek(0)
        return raw, gzip.GzipFile(fileobj=raw, mode="rb"), size
    if start[:4] == b"PK\x03\x04" or start == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # a zip (.xlsx), an old .xls
        raw.close()
        raise LamplightError(f"{path}: this is an Excel workbook, not a CSV file. In Excel choose File, Save As, "
                             "'CSV UTF-8', and import that file.")
    raw.seek(0)
    return raw, raw, size


TITLE_LOOKAHEAD = 5
"""Lines read past a first line with no delimiter at all (a title: "Pupils in 4B") for the table's delimiter."""


def _table_delimiter(lines: list[str]) -> str | None:
    """The delimiter of the first two lines in a row (blank ones aside) that both split at it, if any: a table's
    header and first row, not a stray tab after one name, a name with | in it or a second title line (review 49c).

    >>> _table_delimiter(["Term 2; printed by office", "Name,Number", "Ann,1"]), _table_delimiter(["Ann\t", "Bob"])
    (',', None)
    """
    filled = [line for line in lines if line.strip()]
    for line, after in zip(filled, filled[1:]):
        if any(d in line for d in DELIMITERS) and _delimiter(line) == _delimiter(after) and _delimiter(after) in after:
            return _delimiter(line)
    return None


def _read_header(lines: Iterator[str], path: Path) -> tuple[list[str], str, int, Iterator[str]]:
    """(header cells, delimiter, line number) of the first non-blank line, and the lines after it. A first line with
    no delimiter (a list's title) takes the delimiter of the table in the next :data:`TITLE_LOOKAHEAD` lines
    (:func:`_table_delimiter`; review 49a: "Pupils in 4B" above "First name;Last name;UPN" split the children at
    commas, so each became one name "Zoë;Müller;A001"), and so does a title with one comma in it (review 49c)."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            delimiter, ahead = _delimiter(line), []
            if sum(line.count(d) for d in DELIMITERS) <= 1:  # a title, or a title with one comma ("4B, spring term")
                ahead = list(itertools.islice(lines, TITLE_LOOKAHEAD))
                table = _table_delimiter(ahead)
                below = next((row for row in ahead if row.strip()), "")
                titled = delimiter in (",", "，") and table in (";", "\t", "|") and delimiter not in below
                if table and (delimiter not in line or titled):  # the comma of a title, which the header below has not
                    delimiter = table
            try:
                cells = next(csv.reader([line], delimiter=delimiter, strict=True))
            except csv.Error as exc:
                raise LamplightError(f"{path}, line {number}: the header line is not well formed ({exc}).") from None
            return [cell.strip() for cell in cells], delimiter, number, itertools.chain(ahead, lines)
    raise LamplightError(f"{path}: the file is empty.")


@contextlib.contextmanager
def open_table(path: str | os.PathLike[str], multiline_columns: Iterable[str] = (),
               progress: ProgressFn | None = None) -> Iterator[Table]:
    """Open a delimited file for reading row by row; the file is closed when the ``with`` block ends.

    ``multiline_columns`` names the columns whose quoted cells may hold line
    breaks. ``progress(fraction, text)`` is called every few thousand rows.
    Raises LamplightError for an unreadable, empty or damaged file, or one that is neither UTF-8 nor Chinese GB18030.
    """
    path = Path(path)
    raw, stream, size = _open_binary(path)
    try:
        encoding = _sniff_encoding(stream)
        text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
        lines = _checked_lines(text, path, encoding)
        try:
            header, delimiter, header_line, rest = _read_header(lines, path)
        except (OSError, EOFError, zlib.error) as exc:
            raise LamplightError(f"{path}: the gzip file is damaged ({exc}).") from None
        wanted = {normalise_header(n) for n in multiline_columns}
        multiline = frozenset(i for i, name in enumerate(header) if normalise_header(name) in wanted)
        yield Table(path, header, delimiter, multiline, rest, header_line, raw, size, progress, encoding)
    finally:
        raw.close()


MAX_TEXT_BYTES = 64 << 20
"""The most text :func:`read_text` takes (after gunzip): the starter pack is a few hundred kilobytes."""


def read_text(path: str | os.PathLike[str]) -> str:
    """A whole small text file (gunzipped when gzip), refusing non-UTF-8 text by line (for JSON packs)."""
    path = Path(path)
    raw, stream, _ = _open_binary(path)
    try:
        data = stream.read(MAX_TEXT_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise LamplightError(f"{path}: the gzip file is damaged ({exc}).") from None
    finally:
        raw.close()
    if len(data) > MAX_TEXT_BYTES:  # review 29b: 1.5 MB of gzip unpacked to 1.5 GB in memory
        raise LamplightError(f"{path}: the file holds more than {MAX_TEXT_BYTES >> 20} MB of text; an exercise pack "
                             "is far smaller, so it is not read.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LamplightError(f"{path}, line {line}: not UTF-8 text (save the file as UTF-8 and import it again).") from None


def file_encoding(path: str | os.PathLike[str]) -> str:
    """How :func:`open_table` decodes ``path``: ``"utf-8-sig"``, ``"utf-16"`` (``-le``/``-be`` without a BOM),
    ``"gb18030"`` or ``"cp1252"`` (so the app can tell the
    teacher)."""
    with open_table(path) as table:
        return table.encoding


def read_rows(path: str | os.PathLike[str], multiline_columns: Iterable[str] = ()) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line number, cells)]) of a whole delimited file: for small files such as rosters."""
    with open_table(path, multiline_columns) as table:
        return table.header, list(table.rows())


# --- writing ---------------------------------------------------------------------------------
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a leading '.

    Numbers, and texts that are plain numbers (``-3``, ``+0.5``), are left as
    they are, so numeric columns stay numeric. A text already starting with '
    gets one more, so :func:`unescape_cell` gives back exactly the true value.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(ESCAPE) or (value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)):
        return ESCAPE + value
    return value


def unescape_cell(text: str) -> str:
    """The true value of a cell written by :func:`safe_cell` (importers call this on every cell they keep)."""
    if text.startswith(ESCAPE) and text[1:2] and (text[1] == ESCAPE or text[1:].startswith(FORMULA_STARTS)):
        return text[1:]
    return text


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    """Rows as CSV text (``\\n`` line ends), every cell through :func:`safe_cell`: the one way exports write CSV."""
    # With "\r\n" as the terminator the writer quotes any cell holding \r or \n (with "\n" alone, a bare \r
    # would end the row early); each row's terminator is then written as "\n".
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in row])
        lines.append(buffer.getvalue()[:-2])
    return "".join(line + "\n" for line in lines)
