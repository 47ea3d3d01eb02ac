"""The engine's messages in the teacher's language: the one place that turns them into Chinese.

The engine never imports Qt and writes its messages (:class:`engine.errors.LamplightError`)
in English, for the command line and the logs. The app shows them through
:func:`teacher_text`, which finds each known sentence of the engine in the
message and puts the catalogue's translation in its place, keeping the file
names, line numbers, counts and other values the engine wrote. A sentence the
table does not know stays as the engine wrote it (English), so nothing is lost.

Each entry of :data:`SENTENCES` is the engine's sentence with its values named
in braces, exactly as the engine's f-string writes it; a value is matched as
any text on one line. Short engine phrases that appear *inside* sentences (what
was being done when the disk filled up, SQLite's reason for refusing a file)
are in :data:`PHRASES` and are translated wherever they stand as a value.
"""
from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "engine_texts"

SENTENCES = [
    # --- delimited files (engine/csv_files.py): rosters, answer logs -------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: a quote \" opened here is never closed (the file ends inside it)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: a quote \" opened on this line runs on to line {last}, "
                      "where the quotes are not well formed (a quote that is never closed?)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the quotes are not well formed ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: one cell holds more than {count} characters; this is not a CSV table."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the line is longer than {count} characters; this is not a CSV table."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: more than {count} empty lines in a row; this is not a CSV table."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file holds more than {count} MB of text; an exercise pack is far smaller, "
                      "so it is not read."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: a quoted cell in column '{column}' runs on to line {last} "
                      "(a quote \" that is never closed?)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: {count} fields, expected {width} as in the header "
                      "(a stray {mark}, a missing cell, or a name with a {mark2} that needs quotes?)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: not UTF-8 text (save the file as 'CSV UTF-8' and import it again)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: this line is saved as UTF-8, the lines before it as GBK (Chinese "
                      "Excel's CSV): save the whole file as 'CSV UTF-8' and import it again."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: not UTF-8 text (save the file as UTF-8 and import it again)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the file ends in the middle of a character, so it was cut short "
                      "(copied only in part?). Save it again and import it again."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the header line is not well formed ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the line holds NUL bytes (\\0); this is not a text CSV file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the gzip file is damaged ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: is a folder, not a file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: cannot read the file ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file is empty."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: this is an Excel workbook, not a CSV file. In Excel choose File, Save As, "
                      "'CSV UTF-8', and import that file."),
    # --- rosters (engine/store/importers.py) -------------------------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line 1: no 'name' column (the columns are: {columns}); Lamplight reads "
                      "a column called name, student or full name, or first name and last name (forename, surname)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the roster has no students."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: no line of the roster can be imported."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file has more than {count} lines of students, far more than a class; "
                      "is it the right file? Nothing was added."),
    # (a roster line's own problems are put in words by the roster preview: desktop/views/classes.py)
    # --- answer logs ---------------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line 1: no '{column}' column (the columns are: {columns})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: this is a class list, not a file of answers: to add its students, "
                      "use Import roster (CSV)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: student_id is empty."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: item_id is empty."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: correct must be 1 or 0, not '{value}'."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: correct must be 1 or 0 (or a score from 0 to 1), not '{value}'."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: position must be a number, not '{value}'."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: '{value}' is not an ISO date and time."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the date '{value}' cannot be an answer's (years {first} to {last} are "
                      "read); nothing was imported."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the time '{value}' is after today ({day} on this computer's clock): "
                      "check the file's times, or the computer's date; nothing was imported."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the answer is {count} characters long; Lamplight keeps typed answers of "
                      "at most {most} characters; nothing was imported."),
    QT_TRANSLATE_NOOP("engine_texts", "{count} students of the class are called '{name}' (id '{id}' in the file); give them "
                      "different names, then import again."),
    QT_TRANSLATE_NOOP("engine_texts", "'{name}' has two ids in the file ('{first}' and '{second}'); give each student one id, "
                      "then import again."),
    QT_TRANSLATE_NOOP("engine_texts", "Nothing was imported."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file has no answers."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file changed while it was being imported; import it again."),
    # --- a data folder that could not be made private (engine/security/private_files.py) --------------
    QT_TRANSLATE_NOOP("engine_texts", "Lamplight could not make {path} private to your Windows account ({why}). Nothing "
                      "was lost and your work is saved, but other accounts on this computer may be able to read it. "
                      "Keep the data folder in your own user folder (the default), or ask whoever looks after the "
                      "computer to restrict it."),
    # --- exercise packs (JSON) -----------------------------------------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "{file}, line {line}: the file has a mistake here and cannot be read ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file has a mistake and cannot be read ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not accepted: its lists and objects are nested too deeply."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: a pack must be a JSON object."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a Lamplight exercise pack (its \"format\" is not \"{format}\"). Choose a pack "
                      "saved with Export pack, or one that came with Lamplight."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: $.version {version} is not supported (this Lamplight reads versions {versions})."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: this pack was made for a newer Lamplight (pack version {version}); update "
                      "Lamplight to import it."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.id must be a non-empty text."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.name must be a non-empty text."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.id '{id}' appears twice."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the skill “{skill}” builds on the skill “{prerequisite}”, which is neither in "
                      "this pack nor in the exercise bank."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: template {number} of the pack is of the skill “{skill}”, which is neither in "
                      "this pack nor in the exercise bank."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: exercise {number} of the pack (“{start}”) is of the skill “{skill}”, which is "
                      "neither in this pack nor in the exercise bank."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.difficulty must be a number from 1 to 5."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: exercise {number} of the pack (“{start}”) is of a kind Lamplight does not have "
                      "('{kind}'); an exercise is multiple choice, a number, a short text or marked by the teacher."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the pack's skills build on each other in a circle: {cycle}."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: $.id must be a non-empty text."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: with the skills already in the exercise bank, the pack's skills would build "
                      "on each other in a circle: {cycle}."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: $.language must be a language code such as 'en' or 'zh_CN'."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: $.{key} must be a list."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not accepted: it holds a number with {digits} digits (at most {most} are allowed)."),
    QT_TRANSLATE_NOOP("engine_texts", "{at} must be an object."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.choices must be a list of texts."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.skills must be a list of skill ids."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.prerequisites must be a list of skill ids."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.description must be a text."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.params must be an object."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: prompt must be a text, and answer a text or a number."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: texts in several languages need pack version 2 ($.version is 1)."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: a text in several languages must map language codes to texts."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}.template: unknown template '{template}'."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: a template must be a JSON object."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: the template has no '{field}'."),
    # --- the bank's skills and exercises (engine/store/exercises.py) -------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "A skill named '{name}' already exists."),
    QT_TRANSLATE_NOOP("engine_texts", "The exercise prompt is longer than {most} characters: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "An answer or a choice is longer than {most} characters: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "A multiple-choice exercise has at most {most} choices ({count} given): '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "The exercise prompt is empty."),
    QT_TRANSLATE_NOOP("engine_texts", "This question has no choice {letter}: the paper shows {count} choices."),
    QT_TRANSLATE_NOOP("engine_texts", "This question's choices are A to {last}: type the letter the student circled."),
    QT_TRANSLATE_NOOP("engine_texts", "A multiple-choice exercise needs at least two choices: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "The answer '{answer}' is not one of the choices of '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "The choice '{choice}' is there twice in '{start}': a child would see two equal buttons."),
    QT_TRANSLATE_NOOP("engine_texts", "The answer '{answer}' of a numeric exercise is not a number: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "The answer '{answer}' of a numeric template is not a number."),
    QT_TRANSLATE_NOOP("engine_texts", "{count} choices where the exercise has {base}: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "the answer is not at the same place among the choices: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "the answer {answer} is not the same number as {base}: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "Template '{template}' in {code}: the answer {answer} is not the same number as {base}."),
    QT_TRANSLATE_NOOP("engine_texts", "{at}: a curly bracket without its partner (each value to fill in stands between an opening and a closing one)."),
    QT_TRANSLATE_NOOP("engine_texts", "Template '{template}' found no values meeting its conditions at difficulty {difficulty}."),
    QT_TRANSLATE_NOOP("engine_texts", "at difficulty {difficulty}: {reason}"),
    QT_TRANSLATE_NOOP("engine_texts", "A short-text exercise needs an answer key: '{start}'."),
    QT_TRANSLATE_NOOP("engine_texts", "The exercise holds hidden control characters (a NUL, or a right-to-left override that "
                      "shows its text in another order): '{start}'."),
    # --- backups and restores ------------------------------------------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "{file}: no such backup file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is a folder or a device, not a backup file; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is the data file Lamplight is using, not a backup: choose a backup (saved with "
                                      "“Save a backup to…”, or one of the list of backups); nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} was changed after Lamplight saved it on this laptop on {when}, by another program "
                                      "or by damage on the stick or disk, so it is not used; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the key file beside it, {keys}, belongs to another backup and does not open this "
                      "one. Put this backup's own key file beside it (saved with it, under its name). Nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a readable Lamplight database: it is damaged, or not a Lamplight file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a readable Lamplight backup: it is damaged, or not a Lamplight file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: the file is damaged: part of it cannot be read back."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: made by a newer Lamplight (schema {version}); update Lamplight first."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a Lamplight backup (it has no Lamplight tables)."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a Lamplight backup as Lamplight makes it: another program changed its "
                      "tables, so it is not used."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: not a Lamplight backup as Lamplight makes it: another program changed what it "
                      "holds, so it is not used."),
    QT_TRANSLATE_NOOP("engine_texts", "{folder}: no such folder (was the USB stick removed?); the backup was not saved."),
    QT_TRANSLATE_NOOP("engine_texts", "There is no good backup in {folder} to restore."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: this is the key file of an encrypted backup, not the backup: choose {name} "
                      "(in the same folder) instead."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: Lamplight cannot read this file. If it is an encrypted backup saved on another "
                      "computer (or under a key this data folder no longer has), it opens only with its key file {keys}, "
                      "saved beside it: copy that file into the same folder and try again. Otherwise it is damaged, or "
                      "not a Lamplight backup. Nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file}: this backup is damaged or incomplete (was the USB stick taken out before the "
                      "copy had finished?): its key file opens it, but part of it is missing. Nothing was changed; choose "
                      "another backup."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} (the key of the backup {name}) is damaged ({reason}); nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is not the key of a Lamplight backup; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "That is neither the teacher password nor the recovery key this backup was saved "
                      "with; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "The data file {file} is damaged ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "The data file {file} is damaged: part of it cannot be read back."),
    QT_TRANSLATE_NOOP("engine_texts", "The data file{file} is damaged or not a Lamplight file ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "To restore the latest good backup in its place, run 'python -m engine recover' (the "
                      "damaged file is kept), or start the app, which offers it."),
    # --- the disk and the data file (engine/store/io_errors.py) ------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "The disk is full: {doing} did not happen and nothing was left half-written (at {file})."),
    QT_TRANSLATE_NOOP("engine_texts", "The disk is full: {doing} did not happen and nothing was left half-written."),
    QT_TRANSLATE_NOOP("engine_texts", "Free some space on that disk (empty the recycle bin, delete large files you no longer "
                      "need) and try again."),
    QT_TRANSLATE_NOOP("engine_texts", "Lamplight may not write there (at {file}) ({reason}): {doing} did not happen. "
                      "The data itself is intact. Check the folder's permissions or the disk, and try again."),
    QT_TRANSLATE_NOOP("engine_texts", "Lamplight may not write to the data file{file}: the file, its folder or the disk is "
                      "read-only, so {doing} did not happen. The data in it is intact. Make the data folder writable again "
                      "(or copy it to a disk you can write to) and try again."),
    QT_TRANSLATE_NOOP("engine_texts", "Lamplight cannot open the data file{file}: its folder may be read-only or missing, or "
                      "on a USB stick or network drive that is no longer there. The data in it is intact. Check the folder "
                      "and try again."),
    QT_TRANSLATE_NOOP("engine_texts", "The disk reported a problem while {doing} (at {file}) ({reason}); nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "Another Lamplight program is writing to the data (at {file}) (for example a long "
                      "import) and did not finish in time, so {doing} did not happen. Try again when it has finished."),
    # --- passwords and encryption --------------------------------------------------------------------
    QT_TRANSLATE_NOOP("engine_texts", "That is not the current teacher password; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "That recovery key is not right; nothing was changed. Type it as printed when the "
                      "password was set (dashes and case do not matter)."),
    QT_TRANSLATE_NOOP("engine_texts", "That is neither the teacher password nor the recovery key; the data stays locked."),
    QT_TRANSLATE_NOOP("engine_texts", "That is not the teacher password; nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "The data is still being re-encrypted under its new key. Close Lamplight and start it "
                      "again (it finishes then), and change the password after that. Nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "The data file {file} is encrypted, but its key file {name} is missing from {folder}. "
                      "Put that file back from a copy of the data folder (the key file saved beside a USB backup of this "
                      "data, renamed {name2}, opens it too, with the password of the day it was saved). Nothing was changed."),
    QT_TRANSLATE_NOOP("engine_texts", "The key file {file} is damaged ({reason}); restore it from a copy of the data folder."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is not a Lamplight key file."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} has key file version {version}; this Lamplight reads version {ours}."),
    QT_TRANSLATE_NOOP("engine_texts", "That is not the teacher password; nothing was encrypted."),
    QT_TRANSLATE_NOOP("engine_texts", "That is not the teacher password; the data stays encrypted."),
    QT_TRANSLATE_NOOP("engine_texts", "Too many wrong passwords in a row: wait {seconds} seconds, then try again."),
    QT_TRANSLATE_NOOP("engine_texts", " ({count} wrong in a row: the next try must wait {seconds} seconds.)"),
    QT_TRANSLATE_NOOP("engine_texts", "The teacher password must have at least {count} characters."),
    QT_TRANSLATE_NOOP("engine_texts", "A teacher password is already set; change it with the current password or the recovery key."),
    QT_TRANSLATE_NOOP("engine_texts", "Set a teacher password first: the encryption key is protected by it."),
    QT_TRANSLATE_NOOP("engine_texts", "The teacher password is too weak to protect encrypted data ({weakness}); nothing was "
                      "encrypted. Choose a stronger one first ('python -m engine password change', or Settings in the app), "
                      "then turn encryption on."),
    QT_TRANSLATE_NOOP("engine_texts", "That password is too weak to protect encrypted data ({weakness})."),
    QT_TRANSLATE_NOOP("engine_texts", "With encryption on, this password is what protects the encryption key: someone who "
                      "copies the data folder can try passwords on their own computer as fast as it allows, with no waits "
                      "(all 4-digit numbers take under half an hour). Choose at least {count} characters that are not all "
                      "digits and not a common password, for example three unrelated words with a number "
                      "(owl-river-lantern-7)."),
    QT_TRANSLATE_NOOP("engine_texts", "it has {count} characters"),
    QT_TRANSLATE_NOOP("engine_texts", "The data in {folder} is already encrypted."),
    QT_TRANSLATE_NOOP("engine_texts", "The data in {folder} is not encrypted."),
    QT_TRANSLATE_NOOP("engine_texts", "{name} is archived: it is kept as it was. To change it, choose it in Classes & "
                      "students and press Restore."),
    # --- district files: "Share what this laptop learned…", "Use the district model…" (engine/district) -----
    QT_TRANSLATE_NOOP("engine_texts", "{where} is not {wanted} from Lamplight (the file is empty or is not a JSON file)."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is not {wanted} from Lamplight (it is a JSON file, but not one Lamplight "
                      "wrote for a district)."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} was made by another version of Lamplight (district format version {version}; "
                      "this Lamplight reads versions {versions}). Use the same Lamplight version at the school and the district."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} was made by a newer Lamplight (district format version {version}; this "
                      "Lamplight reads versions up to {newest}). Update Lamplight on this laptop, then use the file again."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} says it is {kind} of district format version {version}, but that version had "
                      "no such files; it is refused."),
    QT_TRANSLATE_NOOP("engine_texts", "Wrong file: {where} is {found}, not {wanted}."),
    QT_TRANSLATE_NOOP("engine_texts", "The district combines the schools' update files into a district model: use the "
                      "district model file here."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is incomplete: it has no content."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} was changed after it was written (its checksum does not match); it is refused."),
    QT_TRANSLATE_NOOP("engine_texts", "Copy it again from the computer that wrote it."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is not signed with the district key; it is refused."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} was signed with another district key (or changed); it is refused."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is signed with a district key, so it can only be used with that key: give the "
                      "key file (--key-file) to check it."),
    # the district key file (engine/district/fileformat.py read_key, engine/district/laptop.py laptop_key)
    QT_TRANSLATE_NOOP("engine_texts", "Cannot read the district key file {path} ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "The district key file {path} is empty."),
    QT_TRANSLATE_NOOP("engine_texts", "{path} has {count} lines, so it is not a district key file (a key file holds one line "
                      "of text). Choose the file the district handed out with its key."),
    QT_TRANSLATE_NOOP("engine_texts", "{path} is too big to be a district key file (a key file holds one line of text)."),
    QT_TRANSLATE_NOOP("engine_texts", "{path} is not a file, so it is not a district key file."),
    QT_TRANSLATE_NOOP("engine_texts", "{path} is a district file, not the district's key file. The key file is the small "
                      "text file the district handed out with its key."),
    QT_TRANSLATE_NOOP("engine_texts", "The district key file {path} is not there (on a USB stick that is not plugged in?). "
                      "Plug the stick in, or choose the district key file again."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is {size} MB, too big to be {kind}."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} is part of Lamplight's own data: saving there would replace it. Choose another name or "
                      "folder (a USB stick, Documents); nothing was written."),
    QT_TRANSLATE_NOOP("engine_texts", "{folder} is part of Lamplight's own data: choose a USB stick or another folder; the backup "
                      "was not saved."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is damaged or incomplete: part of the model is missing or wrong ({reason})."),
    QT_TRANSLATE_NOOP("engine_texts", "{where} is incomplete: it lacks the meta-parameters {names}."),
    QT_TRANSLATE_NOOP("engine_texts", "{where}: its content does not match its id (it was changed after it was made); it is "
                      "refused."),
    QT_TRANSLATE_NOOP("engine_texts", "{file} was made for exercise pack {pack} edition {edition}, but this laptop has {ours} "
                      "edition {our_edition}. The school and the district must use the same edition of the pack: update the "
                      "pack first."),
    QT_TRANSLATE_NOOP("engine_texts", "This class has not answered any of the exercises shared with the district yet: "
                      "nothing to share."),
    QT_TRANSLATE_NOOP("engine_texts", "This district model is from round {round}, older than the round {newest} model this "
                      "class uses: use the district's newest file."),
    QT_TRANSLATE_NOOP("engine_texts", "This district model has learned nothing yet (it is from the district's counting "
                      "round): use the file of the next round."),
    QT_TRANSLATE_NOOP("engine_texts", "Nothing can be shared yet: each exercise needs answers from at least {count} students "
                      "of the class, and none has that many yet."),
    QT_TRANSLATE_NOOP("engine_texts", "Exercises close to it: {close} (answered by {low} to {high} students)."),
    QT_TRANSLATE_NOOP("engine_texts", "The most-answered exercise has answers from {most} students."),
    QT_TRANSLATE_NOOP("engine_texts", "Nothing can be shared yet: with privacy noise, an exercise needs answers from at least "
                      "about {needed} students (instead of {count}), and none of this class's exercises has that many yet."),
    QT_TRANSLATE_NOOP("engine_texts", "Nothing can be shared yet: with privacy noise, the class's totals do not stand out "
                      "from the noise on any exercise."),
    QT_TRANSLATE_NOOP("engine_texts", "Sharing again gives the same answer until the class has more answers (the same "
                      "answers always get the same noise, so trying again gives nothing away)."),
    QT_TRANSLATE_NOOP("engine_texts", "Nothing can be shared yet: the class's answers do not say enough about any exercise."),
    QT_TRANSLATE_NOOP("engine_texts", "This class's model is not a meta-learned response model; a district model cannot "
                      "replace it."),
    QT_TRANSLATE_NOOP("engine_texts", "a district file cannot hold NaN or infinite values"),
]
"""The engine's sentences, values in braces (the catalogue holds their Chinese)."""

PHRASES = [
    # what was being done ({doing} in engine/store/io_errors.py messages)
    QT_TRANSLATE_NOOP("engine_texts", "using the data"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the file"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the printout"),
    QT_TRANSLATE_NOOP("engine_texts", "encrypting the data"),
    QT_TRANSLATE_NOOP("engine_texts", "encrypting the backups"),
    QT_TRANSLATE_NOOP("engine_texts", "encrypting the data under a new key"),
    QT_TRANSLATE_NOOP("engine_texts", "turning encryption off"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the key file"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the district file"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the school's key"),
    QT_TRANSLATE_NOOP("engine_texts", "saving"),
    QT_TRANSLATE_NOOP("engine_texts", "saving the backup"),
    QT_TRANSLATE_NOOP("engine_texts", "writing a backup"),
    QT_TRANSLATE_NOOP("engine_texts", "reading the backup file"),
    QT_TRANSLATE_NOOP("engine_texts", "restoring the backup"),
    QT_TRANSLATE_NOOP("engine_texts", "putting the backup in place"),
    QT_TRANSLATE_NOOP("engine_texts", "preparing the import"),
    QT_TRANSLATE_NOOP("engine_texts", "creating the data file"),
    QT_TRANSLATE_NOOP("engine_texts", "creating the data folder"),
    QT_TRANSLATE_NOOP("engine_texts", "opening the data folder"),
    QT_TRANSLATE_NOOP("engine_texts", "finishing an interrupted restore"),
    QT_TRANSLATE_NOOP("engine_texts", "removing the student from a backup"),
    # reasons SQLite and the operating system give
    QT_TRANSLATE_NOOP("engine_texts", "file is not a database"),
    QT_TRANSLATE_NOOP("engine_texts", "database disk image is malformed"),
    QT_TRANSLATE_NOOP("engine_texts", "Permission denied"),
    QT_TRANSLATE_NOOP("engine_texts", "No space left on device"),
    QT_TRANSLATE_NOOP("engine_texts", "Read-only file system"),
    QT_TRANSLATE_NOOP("engine_texts", "No such file or directory"),
    QT_TRANSLATE_NOOP("engine_texts", "Is a directory"),
    QT_TRANSLATE_NOOP("engine_texts", "Not a directory"),
    QT_TRANSLATE_NOOP("engine_texts", "File exists"),
    QT_TRANSLATE_NOOP("engine_texts", "File name too long"),
    QT_TRANSLATE_NOOP("engine_texts", "Input/output error"),
    # why a password is too weak for encryption (engine/security/passwords.py)
    QT_TRANSLATE_NOOP("engine_texts", "it is only digits"),
    QT_TRANSLATE_NOOP("engine_texts", "it repeats too few different characters"),
    QT_TRANSLATE_NOOP("engine_texts", "it is a common password"),
    QT_TRANSLATE_NOOP("engine_texts", "it is a common password with digits or symbols added"),
    QT_TRANSLATE_NOOP("engine_texts", "it is built on a word anyone at the school would guess (lamplight, school, "
                      "teacher, a class's name)"),
    # the kinds of district files (engine/district/fileformat.py KINDS)
    QT_TRANSLATE_NOOP("engine_texts", "a school's update file"),
    QT_TRANSLATE_NOOP("engine_texts", "a district model"),
    QT_TRANSLATE_NOOP("engine_texts", "a school's key file"),
    QT_TRANSLATE_NOOP("engine_texts", "a district roster"),
    QT_TRANSLATE_NOOP("engine_texts", "a school's masked update file"),
    # why a district key file cannot be read (engine/district/fileformat.py read_key)
    QT_TRANSLATE_NOOP("engine_texts", "it is not a text file"),
    # why a pack cannot be read (engine/store/jsonfiles.py JSON_REASONS)
    QT_TRANSLATE_NOOP("engine_texts", "a comma is missing here"),
    QT_TRANSLATE_NOOP("engine_texts", "a colon is missing here"),
    QT_TRANSLATE_NOOP("engine_texts", "something is missing here (or there is a comma too many before it), or the file stops here"),
    QT_TRANSLATE_NOOP("engine_texts", "a name in double quotes should be here, or there is a comma too many before it"),
    QT_TRANSLATE_NOOP("engine_texts", "a quote opened here is never closed"),
    QT_TRANSLATE_NOOP("engine_texts", "a text in quotes holds a line break or a tab"),
    QT_TRANSLATE_NOOP("engine_texts", "a \\u is not followed by four hexadecimal digits"),
    QT_TRANSLATE_NOOP("engine_texts", "more text follows the end of the file's contents"),
    # why Python's csv module refuses a line ({reason} of "the quotes are not well formed")
    QT_TRANSLATE_NOOP("engine_texts", "field larger than field limit (131072)"),
    QT_TRANSLATE_NOOP("engine_texts", "',' expected after '\"'"),
    # the delimiter names in the "fields, expected" message
    QT_TRANSLATE_NOOP("engine_texts", "comma"),
    QT_TRANSLATE_NOOP("engine_texts", "semicolon"),
    QT_TRANSLATE_NOOP("engine_texts", "tab"),
    QT_TRANSLATE_NOOP("engine_texts", "full-width comma"),
    QT_TRANSLATE_NOOP("engine_texts", "vertical bar"),
]
"""Engine phrases translated wherever they stand alone or as a value of a sentence."""

PROGRESS = [
    # what a background job is doing (the engine's progress(fraction, text)), shown under its progress bar
    QT_TRANSLATE_NOOP("engine_texts", "checking: {step}"),
    QT_TRANSLATE_NOOP("engine_texts", "importing: {step}"),
    QT_TRANSLATE_NOOP("engine_texts", "{count} lines read"),
    QT_TRANSLATE_NOOP("engine_texts", "{count} rows read"),
    QT_TRANSLATE_NOOP("engine_texts", "{count} answers imported"),
    QT_TRANSLATE_NOOP("engine_texts", "finding the answers already in the class"),
    QT_TRANSLATE_NOOP("engine_texts", "storing the answers"),
    QT_TRANSLATE_NOOP("engine_texts", "adding up what the class's answers say about each exercise"),
    QT_TRANSLATE_NOOP("engine_texts", "a few steps of meta-learning on this laptop"),
    QT_TRANSLATE_NOOP("engine_texts", "done"),
    QT_TRANSLATE_NOOP("engine_texts", "Done"),
    QT_TRANSLATE_NOOP("engine_texts", "calibrating"),
    QT_TRANSLATE_NOOP("engine_texts", "updating figures"),
    QT_TRANSLATE_NOOP("engine_texts", "Checking how well the current model fits this class"),
    QT_TRANSLATE_NOOP("engine_texts", "Learning from this class's answers"),
    QT_TRANSLATE_NOOP("engine_texts", "Learning"),
    QT_TRANSLATE_NOOP("engine_texts", "Trying model settings {n} of {total}"),
    QT_TRANSLATE_NOOP("engine_texts", "Checking the new model on answers it has not seen"),
    QT_TRANSLATE_NOOP("engine_texts", "fitting exercise loadings"),
    QT_TRANSLATE_NOOP("engine_texts", "checking on the latest answers: {step}"),
    QT_TRANSLATE_NOOP("engine_texts", "refining the exercises' difficulties"),
]
"""The engine's progress texts; a {value} may itself be one of them ("importing: storing the answers")."""


@lru_cache(maxsize=None)
def _progress_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(text, _pattern(text)) for text in PROGRESS]


def progress_text(text: str) -> str:
    """An engine progress text in the app's language; an unknown one (a model's own epoch line) as it is.

    >>> progress_text("importing: 1,200 rows read")  # English: as the engine wrote it
    'importing: 1,200 rows read'
    """
    for source, pattern in _progress_patterns():
        match = pattern.fullmatch(text)
        if match:
            values = {name: progress_text(value) for name, value in match.groupdict().items()}
            return QCoreApplication.translate(CONTEXT, source).format(**values)
    return text


PLACES = {
    "skills": QT_TRANSLATE_NOOP("engine_texts", ", skill {number} of the pack"),
    "exercises": QT_TRANSLATE_NOOP("engine_texts", ", exercise {number} of the pack"),
    "templates": QT_TRANSLATE_NOOP("engine_texts", ", template {number} of the pack"),
}
"""A pack check's JSON path (": $.exercises[3]") in words, counted from 1 (review 46d: "$.exercises[36]" in English)."""

FIELDS = {
    "id": QT_TRANSLATE_NOOP("engine_texts", "its id"),
    "name": QT_TRANSLATE_NOOP("engine_texts", "its name"),
    "description": QT_TRANSLATE_NOOP("engine_texts", "its description"),
    "prerequisites": QT_TRANSLATE_NOOP("engine_texts", "its prerequisites"),
    "title": QT_TRANSLATE_NOOP("engine_texts", "its title"),
    "kind": QT_TRANSLATE_NOOP("engine_texts", "its kind"),
    "skills": QT_TRANSLATE_NOOP("engine_texts", "its skills"),
    "prompt": QT_TRANSLATE_NOOP("engine_texts", "its question"),
    "answer": QT_TRANSLATE_NOOP("engine_texts", "its answer"),
    "choices": QT_TRANSLATE_NOOP("engine_texts", "its choices"),
    "params": QT_TRANSLATE_NOOP("engine_texts", "the numbers it draws"),
    "let": QT_TRANSLATE_NOOP("engine_texts", "the values it works out"),
    "where": QT_TRANSLATE_NOOP("engine_texts", "its conditions"),
    "template": QT_TRANSLATE_NOOP("engine_texts", "its template"),
    "difficulty": QT_TRANSLATE_NOOP("engine_texts", "its difficulty"),
}
"""The part of a pack's skill, exercise or template a JSON path names after its place ("$.templates[0].prompt")."""

LANGUAGES = {
    "en": QT_TRANSLATE_NOOP("engine_texts", "in English"),
    "zh": QT_TRANSLATE_NOOP("engine_texts", "in Chinese"),
    "zh_CN": QT_TRANSLATE_NOOP("engine_texts", "in Chinese"),
}
"""A pack text's language code as the engine names it ("$.templates[0] (zh_CN)", "in zh_CN: ")."""

DETAILS = QT_TRANSLATE_NOOP("engine_texts", "{place} ({details})")
_PLACE = re.compile(r": \$\.(skills|exercises|templates)\[(\d+)\](?: \(([a-z]{2}(?:_[A-Z]{2})?)\))?(?:\.(\w+))?(?:[.\w\[\]]*)")
_PLACE_THEN_REASON = re.compile(_PLACE.pattern + r": (?=\S)")
_IN_LANGUAGE = re.compile(r"\bin ([a-z]{2}(?:_[A-Z]{2})?): ")
COLON = QT_TRANSLATE_NOOP("engine_texts", ": ")
"""Between a pack's place and an untranslated reason's sentence."""
COMMA = QT_TRANSLATE_NOOP("engine_texts", ", ")
_VALUE = re.compile(r"\{(\w+)\}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
"""A day and time as the engine writes it in a message (a saved copy's)."""


def _pattern(sentence: str) -> re.Pattern[str]:
    """The regular expression of an engine sentence: its words as they are, each {value} as text on one line."""
    parts = _VALUE.split(sentence)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^\\n]*?)" for i, part in enumerate(parts))
    return re.compile(regex)


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    # sentences with more words first, so a sentence that contains a shorter one is matched whole, and one that
    # spells out a value ("no 'name' column") before the one that leaves it open ("no '{column}' column")
    return [(sentence, _pattern(sentence)) for sentence in sorted(SENTENCES, key=lambda s: len(_VALUE.sub("", s)), reverse=True)]


def _phrase(value: str) -> str:
    """A value in the teacher's language when it is a known engine phrase, else as it is (a pack's place in words)."""
    if value in PHRASES:
        return QCoreApplication.translate(CONTEXT, value)
    if value in LANGUAGES:  # "Template 't' in zh_CN: …"
        return QCoreApplication.translate(CONTEXT, LANGUAGES[value])
    if _MOMENT.fullmatch(value):  # review 45b: "于 2026-12-07 07:48" in the Chinese app
        return _moment(value)
    return _PLACE.sub(_place_in_words, value)


def _moment(value: str) -> str:
    """"2026-12-07 16:08" as the app writes a day and time (7 Dec 2026 16:08, 2026年12月7日 16:08); as it is when it is
    no real moment (a file's value quoted back)."""
    from datetime import datetime

    from desktop.i18n import day_and_time, language_in_use

    try:
        return day_and_time(datetime.strptime(value, "%Y-%m-%d %H:%M"), language_in_use())
    except ValueError:
        return value


def _place_in_words(match: re.Match[str]) -> str:
    """": $.templates[0] (zh_CN).prompt" -> ", template 1 of the pack (in Chinese, its question)"."""
    table, index, language, field = match.groups()
    place = QCoreApplication.translate(CONTEXT, PLACES[table]).format(number=int(index) + 1)
    details = [QCoreApplication.translate(CONTEXT, LANGUAGES[language]) if language in LANGUAGES else language] if language else []
    if field:
        details.append(QCoreApplication.translate(CONTEXT, FIELDS[field]) if field in FIELDS else field)
    if not details:
        return place
    return QCoreApplication.translate(CONTEXT, DETAILS).format(
        place=place, details=QCoreApplication.translate(CONTEXT, COMMA).join(details))


def _language_named(match: re.Match[str]) -> str:
    code = match.group(1)
    return (QCoreApplication.translate(CONTEXT, LANGUAGES[code]) if code in LANGUAGES else f"in {code}") + \
        QCoreApplication.translate(CONTEXT, COLON)


def teacher_text(message: str) -> str:
    """``message`` (an engine error's text) with each known engine sentence in the app's language.

    File names, line numbers and other values are kept as the engine wrote
    them; with English (no catalogue) only a pack's places are put in words
    (": $.exercises[3].answer" -> ", exercise 4 of the pack (its answer)").
    """
    text = str(message)
    for sentence, pattern in _patterns():
        translated = QCoreApplication.translate(CONTEXT, sentence)
        if translated == sentence:
            continue
        text = pattern.sub(lambda match, t=translated: t.format(**{k: _phrase(v) for k, v in match.groupdict().items()}), text)
    if text in PHRASES:
        text = _phrase(text)
    text = _MOMENT.sub(lambda match: _moment(match.group(0)), text)  # review 48a: "on 2026-12-07 16:08" in English
    # a pack's place left outside any sentence (": $.exercises[0]: 数值题…"), and a language code, in words too
    text = _PLACE_THEN_REASON.sub(lambda m: _place_in_words(m) + QCoreApplication.translate(CONTEXT, COLON), text)
    text = _IN_LANGUAGE.sub(_language_named, _PLACE.sub(_place_in_words, text))
    return _JOINED.sub("", text)


_JOINED = re.compile(r"(?<=[。；：）])[ ]+(?=[\u4e00-\u9fff])")
"""The space the engine puts between two English sentences, once both are Chinese (Chinese needs none)."""
