"""The one reader of delimited text files (rosters, response logs, skills.csv), for the store and for evaluation,
and the one way exports write CSV (:func:`csv_text`, which neutralises spreadsheet formulas).

Files are UTF-8 with or without BOM, gzip or plain, delimited by ``,`` ``;``
or tab (whichever splits the header line into most columns). They are read
as a stream, row by row, so memory does not grow with the file.

Structure is checked strictly, because a silently mis-read row puts wrong
data in a child's record: every row must have as many cells as the header
(an extra cell shifts the rest into the wrong columns), a quoted cell may span lines only in the
columns that allow it (free text such as a typed answer), quotes must be
closed, and NUL bytes or text that is not UTF-8 are refused. Each problem
raises :class:`~engine.errors.LamplightError` naming the file and line.
"""
from __future__ import annotations

import contextlib
import csv
import gzip
import io
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Sequence

from engine.errors import LamplightError

ProgressFn = Callable[[float, str], None]
DELIMITERS = (",", ";", "\t")
PROGRESS_EVERY = 20_000  # rows between progress reports
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


def normalise_header(name: str) -> str:
    """'Student_ID ' -> 'student id' (case, spaces, '_' and '-' do not matter)."""
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


def _checked_lines(text: IO[str], path: Path) -> Iterator[str]:
    """The file's lines (with their endings), refusing bytes that are not UTF-8 and NUL bytes, by line number."""
    for number, line in enumerate(text, start=1):
        if not line.isascii():
            try:
                line.encode("utf-8")
            except UnicodeEncodeError:  # a byte that is not UTF-8, kept as a lone surrogate by 'surrogateescape'
                raise LamplightError(
                    f"{path}, line {number}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again)."
                ) from None
        if "\x00" in line:
            raise LamplightError(f"{path}, line {number}: the line holds NUL bytes (\\0); this is not a text CSV file.")
        yield line


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

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of each data row; blank lines are skipped; every structural fault raises."""
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
            if len(cells) != width:
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
                raise LamplightError(
                    f"{self.path}, line {line}: a quoted cell in column '{self.header[i]}' runs on to line {last} "
                    "(a quote \" that is never closed?)."
                )

    def _structure_message(self, line: int, last: int, exc: csv.Error) -> str:
        text = str(exc)
        if "unexpected end of data" in text or "EOF" in text:
            return f"{self.path}, line {line}: a quote \" opened here is never closed (the file ends inside it)."
        if last > line:
            return (f"{self.path}, line {line}: a quote \" opened on this line runs on to line {last}, "
                    f"where the quotes are not well formed (a quote that is never closed?).")
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
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return raw, gzip.GzipFile(fileobj=raw, mode="rb"), size
    raw.seek(0)
    return raw, raw, size


def _read_header(lines: Iterator[str], path: Path) -> tuple[list[str], str, int]:
    """(header cells, delimiter, line number) of the first non-blank line."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            delimiter = _delimiter(line)
            try:
                cells = next(csv.reader([line], delimiter=delimiter, strict=True))
            except csv.Error as exc:
                raise LamplightError(f"{path}, line {number}: the header line is not well formed ({exc}).") from None
            return [cell.strip() for cell in cells], delimiter, number
    raise LamplightError(f"{path}: the file is empty.")


@contextlib.contextmanager
def open_table(path: str | os.PathLike[str], multiline_columns: Iterable[str] = (),
               progress: ProgressFn | None = None) -> Iterator[Table]:
    """Open a delimited file for reading row by row; the file is closed when the ``with`` block ends.

    ``multiline_columns`` names the columns whose quoted cells may hold line
    breaks. ``progress(fraction, text)`` is called every few thousand rows.
    Raises LamplightError for an unreadable, empty, damaged or non-UTF-8 file.
    """
    path = Path(path)
    raw, stream, size = _open_binary(path)
    try:
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        lines = _checked_lines(text, path)
        try:
            header, delimiter, header_line = _read_header(lines, path)
        except (OSError, EOFError, zlib.error) as exc:
            raise LamplightError(f"{path}: the gzip file is damaged ({exc}).") from None
        wanted = {normalise_header(n) for n in multiline_columns}
        multiline = frozenset(i for i, name in enumerate(header) if normalise_header(name) in wanted)
        yield Table(path, header, delimiter, multiline, lines, header_line, raw, size, progress)
    finally:
        raw.close()


def read_text(path: str | os.PathLike[str]) -> str:
    """A whole small text file (gunzipped when gzip), refusing non-UTF-8 text by line (for JSON packs)."""
    path = Path(path)
    raw, stream, _ = _open_binary(path)
    try:
        data = stream.read()
    except (OSError, EOFError, zlib.error) as exc:
        raise LamplightError(f"{path}: the gzip file is damaged ({exc}).") from None
    finally:
        raw.close()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LamplightError(f"{path}, line {line}: not UTF-8 text (save the file as UTF-8 and import it again).") from None


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
