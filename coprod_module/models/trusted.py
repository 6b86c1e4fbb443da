"""Guards that only coprod's own code can lift.

A client may send any context with an RPC call, so a plain flag such as
``{"coprod_ballot_counting": True}`` would let anyone with write access switch a guard
off (and, say, turn an open secret ballot into a show of hands). These context keys
hold a Python object that JSON cannot make: only code that imports it can set them.
"""

_TRUSTED = object()


def trusted(records, key):
    """``records`` with the guard named ``key`` lifted, for coprod's own methods."""
    return records.with_context(**{key: _TRUSTED})


def is_trusted(records, key):
    """Whether coprod's own code lifted the guard ``key`` on ``records``."""
    return records.env.context.get(key) is _TRUSTED
