from datetime import timedelta

from django.utils import timezone

ROLES = ("leader", "safety_rep", "union_rep")


def plan_actions(*owners, days: int = 20) -> list[dict]:
    due = timezone.localdate() + timedelta(days=days)
    return [
        {"text": f"Action {i}", "owner_role": owner, "due_date": due, "done_means": "Done"}
        for i, owner in enumerate(owners, start=1)
    ]


def answers(value: int) -> dict[str, int]:
    return {"attention": value, "insight": value, "practice": value, "cooperation": value}
