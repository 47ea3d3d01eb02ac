"""Safety commands: stress (reliability report), recover, encryption, password, data rights.

Passwords and recovery keys are read with ``getpass`` (never on the command
line, where other users and the shell history could see them); set
LAMPLIGHT_PASSWORD_STDIN=1 to read them from standard input instead, one per
line (scripts and tests).
"""
from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from typing import Any, Iterator

from engine.cli import confirm, refuse_overwrite


def register(subparsers: Any) -> None:
    stress = subparsers.add_parser("stress", help="reliability report: kills, full disk, permissions, the open app, hostile files")
    stress.add_argument("--rounds", type=int, default=20, help="scale: kills per round of the kill classes, trials of the others (default 20)")
    stress.add_argument("--per-importer", type=int, help="malformed files per importer (default: 20 x rounds)")
    stress.add_argument("--seed", type=int, default=0)
    stress.add_argument("--classes", "--scenarios", dest="classes", help="comma-separated fault classes (default: all; see --list)")
    stress.add_argument("--list", action="store_true", help="list the fault classes and stop")
    stress.set_defaults(func=cmd_stress)

    recover = subparsers.add_parser("recover", help="a damaged store: restore the latest good backup (the damaged file is kept)")
    recover.add_argument("--backup", help="restore this backup file instead of the latest good one")
    recover.add_argument("--yes", action="store_true", help="do it without asking")
    recover.set_defaults(func=cmd_recover)

    enc = subparsers.add_parser("encryption", help="encryption of the data at rest: status, on, off, new-key (re-encrypt "
                                "under a new key: old copies of the key file stop opening the data)")
    enc.add_argument("action", choices=["status", "on", "off", "new-key"])
    enc.add_argument("--yes", action="store_true", help="show the new recovery key even when the output is not a terminal")
    enc.set_defaults(func=cmd_encryption)

    password = subparsers.add_parser("password", help="teacher password: set the first one, change it, reset it with the recovery key")
    password.add_argument("action", choices=["set", "change", "reset", "new-recovery-key"])
    password.add_argument("--yes", action="store_true", help="show the new recovery key even when the output is not a terminal")
    password.set_defaults(func=cmd_password)

    export = subparsers.add_parser("student-export", help="export everything stored about one student (JSON or CSV)")
    export.add_argument("student_id", type=int)
    export.add_argument("out", help="file ending in .json or .csv")
    export.add_argument("--force", action="store_true", help="replace OUT when it exists")
    export.set_defaults(func=cmd_student_export)

    delete = subparsers.add_parser("student-delete", help="delete one student and all their answers everywhere")
    delete.add_argument("student_id", type=int)
    delete.add_argument("--purge-backups", action="store_true", help="also rewrite the backups that still hold the student")
    delete.add_argument("--yes", action="store_true", help="do it without asking")
    delete.set_defaults(func=cmd_student_delete)

    share = subparsers.add_parser(
        "class-share", help="a class's answers with random pseudonyms, no names (for sharing model improvements)",
        description="Write a class's answers with new random pseudonyms, in a new order, without names, ids, typed "
                    "answers or times. It does not make the answers anonymous: a child's sequence of exercises and "
                    "results is close to unique, so anyone who also holds the class's answers (the store, an "
                    "'export responses' file or another class-share file of this class) can link the pseudonyms back "
                    "to the children. --sample lowers linkage between two shared files, not back to the full answers. "
                    "Share it only with people who do not hold the class's data.")
    share.add_argument("class_id", type=int)
    share.add_argument("out", help="CSV file to write")
    share.add_argument("--force", action="store_true", help="replace OUT when it exists")
    share.add_argument("--sample", type=float, default=1.0, metavar="SHARE",
                       help="keep this random share (0-1] of each child's answers, drawn anew for each export "
                            "(default 1: all); measured on a 60-child class with 40 answers each, 0.25 cut linkage "
                            "between two shares from 60 children to about 19, 0.5 only to about 53")
    share.set_defaults(func=cmd_class_share)


# --- helpers -----------------------------------------------------------------------------
def _secret(prompt: str) -> str:
    if os.environ.get("LAMPLIGHT_PASSWORD_STDIN") == "1":
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return getpass.getpass(prompt)


def _unlock_if_needed(folder: Any, secret: str | None = None) -> None:
    from engine.security import attempts, encryption

    if encryption.is_encrypted(folder) and not encryption.is_unlocked(folder):
        with attempts.counted(folder):
            encryption.unlock(folder, secret if secret is not None else _secret("Teacher password (or recovery key): "))


@contextlib.contextmanager
def _folder_lock(folder: Any, action: str) -> Iterator[None]:
    """Hold the data folder's lock (refusing, in plain words, while the app has it open)."""
    from engine.security.instance_lock import lock_for_command

    with lock_for_command(folder, action):
        yield


@contextlib.contextmanager
def _open(args: argparse.Namespace, exclusive: bool = False) -> Iterator[Any]:
    """The folder's store, unlocked; ``exclusive``: with the folder lock held (the command rewrites files)."""
    from engine import paths
    from engine.store import Store

    folder = paths.data_dir(args.data_dir)
    with _folder_lock(folder, f"python -m engine {args.command}") if exclusive else contextlib.nullcontext():
        _unlock_if_needed(folder)
        with Store.open(folder) as store:
            yield store


def _refuse_if_key_would_be_lost(args: argparse.Namespace) -> None:
    """A new recovery key is shown only once: refuse (before changing anything) when nobody may see it."""
    from engine.errors import LamplightError

    if not getattr(args, "yes", False) and not sys.stdout.isatty():
        raise LamplightError("This shows a new recovery key once, and the output is not a terminal (a pipe or a file), "
                             "where it could be cut off or lost. Nothing was changed. Run it in a terminal, or add "
                             "--yes to write the key to that output anyway.")


def _show_recovery_key(headline: str, key: str) -> None:
    """Print the new recovery key and make sure it left this program (before it is saved, see the callers)."""
    from engine.errors import LamplightError

    try:
        print(headline)
        print("Recovery key: write it down or print it and keep it safe; it is shown only this once:")
        print()
        print(f"    {key}")
        sys.stdout.flush()
    except (BrokenPipeError, OSError) as exc:
        raise LamplightError(f"The recovery key could not be shown ({exc.strerror or exc}); nothing was changed, "
                             "so no key was lost. Run the command again in a terminal.") from exc


# --- commands ----------------------------------------------------------------------------
def cmd_stress(args: argparse.Namespace) -> int:
    """Thin entry: the harness lives in ``engine.bench.stress`` (not imported by the app)."""
    from engine.bench import stress

    if args.list:
        for name, fault in stress.load_fault_classes().items():
            print(f"{name:16s} {fault.describe}")
        return 0
    classes = tuple(c.strip() for c in args.classes.split(",") if c.strip()) if args.classes else None
    report = stress.run(rounds=args.rounds, seed=args.seed, classes=classes, progress=lambda line: print(line, flush=True),
                        per_importer=args.per_importer)
    print()
    print("\n".join(report.lines()))
    return 0 if report.ok else 1


def cmd_recover(args: argparse.Namespace) -> int:
    from engine import paths
    from engine.errors import StoreDamagedError
    from engine.security import encryption, recovery

    folder = paths.data_dir(args.data_dir)
    with _folder_lock(folder, "python -m engine recover"):
        if (folder / encryption.KEY_FILE).exists():
            _unlock_if_needed(folder)
            if not encryption.is_unlocked(folder):
                from engine.security import attempts

                with attempts.counted(folder):
                    encryption.unlock(folder, _secret("Teacher password (or recovery key): "))
        problem = recovery.diagnose(folder)
        if problem is None and not args.backup:
            print(f"The data in {folder} opens and passes the integrity check: nothing to recover.")
            return 0
        if problem is not None and not isinstance(problem, StoreDamagedError) and not args.backup:
            print(problem)
            print("Restoring a backup does not fix a permission or disk problem, and would replace data that may be "
                  "intact; nothing was changed. If the problem stays after checking the disk and restarting, restore "
                  "a chosen backup anyway with 'python -m engine recover --backup FILE' (the current file is kept).")
            return 1
        if problem:
            from engine.store.io_errors import RESTORE_HINT

            print(str(problem).replace(RESTORE_HINT, "").strip())  # this is the recover command: no "run recover"
        print(recovery.advice(folder, in_recover=True))
        if recovery.latest_good_backup(folder) is None and not args.backup:
            return 1
        if not confirm("Restore it now?", args.yes):
            return 1
        used, kept = recovery.recover(folder, args.backup)
    print(f"Restored {used}.")
    if kept:
        print(f"The damaged file was kept as {kept}.")
    return 0


def cmd_encryption(args: argparse.Namespace) -> int:
    from engine import paths
    from engine.security import attempts, encryption

    folder = paths.data_dir(args.data_dir)
    if args.action == "status":
        return _encryption_status(folder)
    with _folder_lock(folder, f"python -m engine encryption {args.action}"):
        if args.action == "on":
            from engine.security.passwords import new_recovery_key

            _refuse_if_key_would_be_lost(args)
            password = _secret("Teacher password: ")
            with attempts.counted(folder):
                encryption.check_can_enable(folder, password)
            key = new_recovery_key()
            # shown before anything changes (review 33b: a laptop losing power after the key file was written left
            # a recovery key nobody had seen)
            _show_recovery_key("The NEW recovery key of this data once it is encrypted (the old one stops working); it "
                               "is the only way in if the password is forgotten.", key)
            with _said_which_key_opens(folder, key):
                damaged = encryption.enable(folder, password, key)
            print("The data and its backups are now encrypted.")
            for path in damaged:
                print(f"The backup {path} is too damaged to read, so it could not be encrypted: it is left as it was "
                      "(it may hold names). Delete it if you do not need it.")
            return 0
        if args.action == "new-key":
            from engine.security.passwords import new_recovery_key

            _refuse_if_key_would_be_lost(args)
            password = _secret("Teacher password: ")
            with attempts.counted(folder):
                encryption.check_password(folder, password)
            key = new_recovery_key()
            # shown before anything changes: from the moment the new key file is written only this key is the way in
            _show_recovery_key("The NEW recovery key of this data from now on (the old one stops opening it; USB "
                               "backups saved before keep theirs); it is the only way in if the password is forgotten.", key)
            with _said_which_key_opens(folder, key):
                encryption.new_key(folder, password, key)
            print("The data and its backups are now encrypted under a new key: old copies of the key file no longer "
                  "open them.")
            return 0
        with attempts.counted(folder):
            damaged = encryption.disable(folder, _secret("Teacher password: "))
    print("The data and its backups are no longer encrypted.")
    for path in damaged:
        print(f"The backup {path} is too damaged to read, so it stays encrypted; the key file stays beside the data "
              "so that the teacher password or recovery key can still open what is left of it.")
    return 0


@contextlib.contextmanager
def _said_which_key_opens(folder: Any, key: str) -> Iterator[None]:
    """When turning encryption on or a new key fails after the new recovery key was shown: which key opens the data."""
    from engine.security import encryption

    try:
        yield
    except BaseException:  # a message, a raw error or Ctrl+C: the teacher must know which key to keep
        if encryption.is_encrypted(folder) and encryption.opens_with_secret(folder, key):
            print("The data is under the recovery key just shown: keep it.")
        else:
            print("Nothing was changed: the recovery key you had before still opens the data; forget the one just shown.")
        raise


def _encryption_status(folder: Any) -> int:
    from engine.security import encryption

    encrypted = encryption.is_encrypted(folder)
    print(f"The data in {folder} is {'encrypted' if encrypted else 'not encrypted'}.")
    if encrypted:
        plain = encryption.plain_files(folder)
        if plain:
            print(f"But {len(plain)} file(s) there are NOT encrypted and may hold names:")
            for path in plain:
                print(f"    {path}")
            print("Half-made copies go at the next unlock or 'encryption on'; damaged files kept by 'recover' "
                  "stay until you delete them.")
    print("SQLCipher is " + ("available." if encryption.available() else "not installed (pip install 'lamplight[encryption]')."))
    return 1 if encrypted and encryption.plain_files(folder) else 0


def cmd_password(args: argparse.Namespace) -> int:
    from engine import paths
    from engine.errors import LamplightError, WrongPasswordError
    from engine.security import attempts, encryption, teacher
    from engine.security.passwords import new_recovery_key
    from engine.store import Store

    folder = paths.data_dir(args.data_dir)
    if args.action != "change":
        _refuse_if_key_would_be_lost(args)
    if args.action == "reset":
        with attempts.counted(folder):
            recovery_key = _secret("Recovery key: ")
            if encryption.is_encrypted(folder) and not encryption.is_unlocked(folder):
                encryption.unlock(folder, recovery_key)
            with Store.open(folder) as store:
                if not teacher.credentials(store).verify_recovery_key(recovery_key):
                    raise WrongPasswordError("That recovery key is not right; nothing was changed. "
                                             "Type it as printed when the password was set (dashes and case do not matter).")
        new = _new_password()
        with Store.open(folder) as store:
            teacher.check_new_password_for(store, new)
            fresh = new_recovery_key()
            _show_recovery_key("The teacher password is being reset.", fresh)
            teacher.reset_password(store, recovery_key, new, fresh)
        print("The teacher password was reset; the recovery key above is now the one that works.")
        return 0
    with _open(args) as store:
        creds = teacher.credentials(store)
        if args.action == "set":
            if creds.is_set():
                raise LamplightError("A teacher password is already set; use 'password change' or 'password reset'.")
            password = _new_password()
            teacher.check_new_password_for(store, password)
            fresh = new_recovery_key()
            _show_recovery_key("Setting the teacher password.", fresh)
            teacher.set_first_password(store, password, fresh)
            print("The teacher password is set.")
        elif args.action == "change":
            with attempts.counted(folder):
                old = _secret("Current teacher password: ")
                if not creds.verify(old):
                    raise WrongPasswordError("That is not the current teacher password; nothing was changed.")
            teacher.change_password(store, old, _new_password())
            print("The teacher password was changed.")
        else:
            with attempts.counted(folder):
                password = _secret("Teacher password: ")
                if not creds.verify(password):
                    raise WrongPasswordError("That is not the current teacher password; nothing was changed.")
            fresh = new_recovery_key()
            _show_recovery_key("A new recovery key is being made (the old one stops working).", fresh)
            teacher.replace_recovery_key(store, password, fresh)
            print("The new recovery key above is now the one that works.")
    return 0


def _new_password() -> str:
    from engine.errors import LamplightError

    first = _secret("New teacher password: ")
    second = _secret("Type it again: ")
    if first != second:
        raise LamplightError("The two passwords were different; nothing was changed.")
    return first


def cmd_student_export(args: argparse.Namespace) -> int:
    from engine.security import data_rights

    refuse_overwrite(args.out, args.force)
    with _open(args) as store:
        path = data_rights.export_student(store, args.student_id, args.out)
    print(f"Wrote {path}.")
    return 0


def cmd_student_delete(args: argparse.Namespace) -> int:
    from engine.errors import LamplightError
    from engine.security import data_rights

    with _open(args, exclusive=args.purge_backups) as store:
        try:
            name = store.get_student(args.student_id).name
            question = f"Delete {name} and all their answers for good?"
        except LamplightError:
            names = data_rights.names_in_backups(store, args.student_id) if args.purge_backups else []
            if not names:
                raise
            name = " / ".join(names)
            question = f"{name} (student {args.student_id}) is no longer in the data but still in backups. Remove them from the backups?"
        if not confirm(question, args.yes):
            return 1
        report = data_rights.delete_student_everywhere(store, args.student_id, purge_backups=args.purge_backups)
    print(f"Deleted {name} and {report.answers_deleted} answers from the store.")
    if report.backups_purged:
        print(f"Also removed them from {len(report.backups_purged)} backups.")
    elif report.backups_holding_student:
        print(f"{len(report.backups_holding_student)} backups still hold them (the daily ones until rotation removes them; "
              "kept ones such as manual or pre-restore backups stay): run again with --purge-backups to remove them now.")
    return 0


def cmd_class_share(args: argparse.Namespace) -> int:
    from engine.security import data_rights

    refuse_overwrite(args.out, args.force)
    with _open(args) as store:
        path = data_rights.export_class_pseudonymised(store, args.class_id, args.out, sample=args.sample)
    kept = "all answers" if args.sample >= 1 else f"a random {args.sample:.0%} of each child's answers"
    print(f"Wrote {path} (random pseudonyms, no names, ids, typed answers or times; {kept}).")
    print("Note: this does not stop someone who also holds this class's answers from linking the pseudonyms back "
          "to the children by their answer sequences.")
    return 0
