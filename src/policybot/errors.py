"""Errors that reach a person as one clear line, never a traceback."""


class PolicybotError(Exception):
    """Something the user can act on; the message says what and how."""


class IndexMissingError(PolicybotError):
    pass


class IndexMismatchError(PolicybotError):
    pass


class LoadError(PolicybotError):
    """A file could not be read; the message is the reason."""
