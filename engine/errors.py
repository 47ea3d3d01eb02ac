"""Errors the engine reports to people (CLI message or GUI popup), not bugs."""


class LamplightError(Exception):
    """A problem with input or state that a teacher or engineer can act on.

    The message is shown as is, so it must say what went wrong and where
    (file and line for imports) and, where possible, what to do.
    """
