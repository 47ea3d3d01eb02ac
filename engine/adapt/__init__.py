"""Adaptive next steps, teacher decision support and learning on the laptop.

The service the desktop calls (no Qt here; torch only inside the models):

* :mod:`engine.adapt.service`: :class:`~engine.adapt.service.ClassService`
  over one class's plain data (:class:`~engine.adapt.service.ClassData`);
* :mod:`engine.adapt.recommend`: next steps with reasons, adaptive practice sessions;
* :mod:`engine.adapt.mastery`: the mastery rule a teacher reads;
* :mod:`engine.adapt.insights`: heat map, needs help, groups, most missed, progress;
* :mod:`engine.adapt.reports`: worksheets, report tables, CSV;
* :mod:`engine.adapt.learning`: improve the model from the class's answers;

* :mod:`engine.graph`: the prerequisite graph (cycle-safe);
* :mod:`engine.model.bkt`, :mod:`engine.model.skill_model`: fallback student models;
* :mod:`engine.adapt.simulator`, :mod:`engine.bench.practice`: the
  practice simulation grounded in ASSISTments 2009 and its benchmark;
* :mod:`engine.adapt.datasets`: read response logs in the shared data format.
"""
