"""Lamplight engine: classroom store, meta-learned student model, next steps.

Pure Python + torch; never imports Qt. The desktop app reaches data only
through the public functions of ``engine.store`` and ``engine.adapt``.
"""
__version__ = "0.1.0"
