"""The base layer under every app: the learner roles, the content languages, the
read-only admin base, the SQLite write queue, the view helper for forms that post to
an action, one-time tokens that make double submits harmless (its one table), the cache
that survives Redis being away and the worker's wake-up. It imports no app of the
project (``make lint`` checks it)."""
