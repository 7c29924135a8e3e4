from celery import shared_task

from base.submit import forget_old


@shared_task(ignore_result=True)
def forget_form_submissions_task() -> int:
    """Daily: forms' one-time tokens are kept two days."""
    return forget_old()
