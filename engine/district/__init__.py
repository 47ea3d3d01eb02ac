"""Schools learn together without sharing a child's data (issue 17).

A school's laptop writes an *update file* (:mod:`engine.district.update`):
aggregates over its students for the exercises and skills of a shared pack,
never a name, id, answer, time or per-student value. The district combines
many of them into a *district model* (:mod:`engine.district.aggregate`); a
laptop adopts it only if it predicts the class's own held-out answers at
least as well (:mod:`engine.district.adopt`). Files are signed JSON
(:mod:`engine.district.fileformat`, documented in ``docs/district-format.md``).
With secure aggregation (:mod:`engine.district.secure`,
:mod:`engine.district.masked`) each file is masked so that the district learns
only sums over all schools, and the minimum-students rule applies to the
district's total. :mod:`engine.district.simulate` measures the whole loop on
a public dataset.
"""
