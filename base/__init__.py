"""The base layer under every app: the learner roles, the content languages, the
read-only admin base, the SQLite write queue and the view helper for forms that post to
an action. It imports no app of the project (``make lint`` checks it)."""
