"""Privacy, safety and reliability (feature 9): nothing lost, nobody let in, no network.

One module per concern, imported directly (this package imports nothing itself):

- ``passwords``: teacher password and recovery key, Argon2id hashes only.
- ``idle``: the idle-lock and wrong-password wait policy (clock injectable).
- ``instance_lock``: one Lamplight per data folder (OS file lock).
- ``network``: a guard that refuses and records any network attempt.
- ``encryption``: optional SQLCipher encryption at rest, with the data key wrapped
  under the password and the recovery key; safe switching on and off.
- ``attempts``: wrong passwords at the command line wait as in the app (kept in a small file).
- ``private_files``: the data folder 0700 and its files 0600 (POSIX; the profile's ACL on Windows).
- ``recovery``: finding the latest good backup when the store file is damaged (and only then).
- ``data_rights``: one student's data export, pseudonymised class export, backup purge.

The fault-injection harness behind ``python -m engine stress`` lives apart, in
``engine.bench.stress`` (nothing in the app imports it).
"""
