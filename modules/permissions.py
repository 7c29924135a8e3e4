"""Who may see what in the player. Enrolments are private to their learner."""

from django.db.models import Aggregate, F, OuterRef, Subquery, TextField
from django.http import Http404

from modules.models import Enrolment, PageView
from modules.versioncache import version_content


class _IdList(Aggregate):
    """Ids as one comma-separated text: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra_context,
        )


def _seen_page_ids():
    """The ids of the pages the enrolment has seen, as a subquery of one text."""
    return Subquery(
        PageView.objects.filter(enrolment=OuterRef("pk"))
        .order_by()
        .values("enrolment")
        .annotate(ids=_IdList("page_id"))
        .values("ids")
    )


def enrolments_visible_to(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(user=user)


def access_enrolment(user, enrolment_id: int, *, with_seen: bool = False) -> Enrolment:
    """The learner's own enrolment, or 404 (never reveal that another's exists).

    ``with_seen`` also reads the ids of the pages seen, in the same query, into
    ``enrolment.seen_page_ids`` (a set): the player's whole read is then this one query.
    """
    enrolments = (
        enrolments_visible_to(user)
        .select_related("industry")
        .annotate(version_imported_at=F("version__imported_at"))
    )
    if with_seen:
        enrolments = enrolments.annotate(seen_ids=_seen_page_ids())
    enrolment = enrolments.filter(pk=enrolment_id).first()
    if enrolment is None:
        raise Http404
    if with_seen:
        ids = enrolment.seen_ids
        enrolment.seen_page_ids = {int(i) for i in ids.split(",")} if ids else set()
    enrolment.user = user  # the filter above made sure; saves loading it again
    # The version's content comes from memory: it never changes after import.
    enrolment.version = version_content(enrolment.version_id, enrolment.version_imported_at).version
    return enrolment
