"""Errors a user can act on.

Anything raised as `UserError` reaches the terminal as one line and a non-zero exit, never as a
traceback: the CLI catches it at the edge. Code deeper down raises it with a message that says what is
wrong and what to do.
"""


class UserError(Exception):
    """A problem with the user's input or environment, reported as one line."""

    exit_code = 2


class ItemError(Exception):
    """One item (a video, an article, an image) failed; it is recorded with `reason` and the run goes on."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
