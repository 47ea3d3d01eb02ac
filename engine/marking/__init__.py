"""Marking written answers from a few teacher marks (metric-based meta-learning).

Each question is a task: the support set is the reference answer plus the k
answers the teacher marked, the query set is the rest. The package holds the
text normalisation and features (:mod:`text`), the graded-answer data
(:mod:`data`), the four meta-learners (:mod:`nets`), their episodic training
(:mod:`training`), the baselines (:mod:`baselines`), the evaluation protocol
(:mod:`protocol`), safe persistence (:mod:`persistence`) and the runtime API
the app uses (:mod:`marker`). Nothing here imports Qt or downloads anything.
"""
