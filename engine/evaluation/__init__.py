"""Evaluation harness: the protocols of docs/evaluation.md, their metrics, and the baselines.

* :mod:`engine.evaluation.protocols` - cold start and knowledge tracing, step by step
* :mod:`engine.evaluation.metrics` - AUC, accuracy, log loss, ECE
* :mod:`engine.model.baselines` - ``difficulty``, ``irt``, ``elo``;
  :mod:`engine.model.lrkt` - ``lr-kt``; :mod:`engine.model.dkt` - ``dkt``
* :mod:`engine.evaluation.models` - models by name (baselines and the model registries)
* :mod:`engine.evaluation.report` - :func:`~engine.evaluation.report.evaluate`, the table and the JSON

``python -m engine evaluate`` is the command-line entry point.
"""
