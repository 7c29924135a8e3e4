from celery import shared_task

from tracking.forwarding import forward_pending


@shared_task(ignore_result=True)
def forward_statements_task() -> dict:
    """Forward due statements (after each commit that records some, and every minute)."""
    report = forward_pending()
    return {"delivered": report.delivered, "parked": report.parked, "retry": report.retry}
