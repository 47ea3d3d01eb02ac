"""Privacy, safety and reliability (feature 9): nothing lost, nobody let in, no network.

One module per concern, imported directly (this package imports nothing itself):

- ``passwords``: teacher password and recovery key, Argon2id hashes only.
- ``idle``: the idle-lock and wrong-password wait policy (clock injectable).
- ``instance_lock``: one Lamplight per data folder (OS file lock).
- ``network``: a guard that refuses and records any network attempt.
- ``encryption``: optional SQLCipher encryption at rest, with the data key wrapped
  under the password and the recovery key; safe switching on and off.
- ``recovery``: finding the latest good backup when the store file is damaged.
- ``data_rights``: one student's data export, pseudonymised class export, backup purge.
- ``faults``: the kill-at-random-points harness behind ``python -m engine stress``.
"""
