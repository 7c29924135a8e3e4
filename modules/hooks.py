"""Listeners that apps above ``modules`` register for its events (certificates listens).

Like ``modules/sources/parts.py`` for content parts: an app registers its listener in its
``AppConfig.ready()``, so this layer never imports the apps above it. Listeners run in
the transaction of the event: if one fails, the event does not happen either.
"""

from collections.abc import Callable

# completed(enrolment): the enrolment has just been completed (once per enrolment).
_completion: list[Callable] = []
# new_version(version, previous): an import made ``version`` current; ``previous`` is the
# version that was current before it (None for a module's first version).
_new_version: list[Callable] = []


def on_completion(listener: Callable) -> Callable:
    if listener not in _completion:
        _completion.append(listener)
    return listener


def on_new_version(listener: Callable) -> Callable:
    if listener not in _new_version:
        _new_version.append(listener)
    return listener


def completed(enrolment) -> None:
    for listener in list(_completion):
        listener(enrolment)


def new_version(version, previous) -> None:
    for listener in list(_new_version):
        listener(version, previous)
