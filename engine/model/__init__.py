"""Student models and meta-learning. See ``interface.py`` for the contract."""
