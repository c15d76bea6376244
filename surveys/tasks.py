"""Celery tasks of the surveys. Idempotent: each may run twice without harm."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone


@shared_task(name="surveys.tasks.responses_flush_task")
def responses_flush_task(campaign_id: int) -> int:
    """After a response comes in, or a campaign closes: write its waiting
    responses in a shuffled batch if enough wait (``responses_flush``)."""
    from . import services
    from .models import Campaign

    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return services.responses_flush(campaign=campaign)


@shared_task(name="surveys.tasks.surveys_daily")
def surveys_daily() -> dict[str, int]:
    """Every hour: campaigns past their closing date close; waiting responses
    of closed campaigns are written; invited people who have not answered
    within a week are reminded (once a week, three times at most); the
    invitations of campaigns closed for 30 days are erased (their counts
    kept)."""
    from . import services
    from .models import Campaign, CampaignState, Invitation, PendingResponse

    today = timezone.localdate()
    closed = 0
    for campaign in Campaign.objects.filter(
        state=CampaignState.OPEN, closes_on__lt=today
    ):
        Campaign.objects.filter(pk=campaign.pk, state=CampaignState.OPEN).update(
            state=CampaignState.CLOSED
        )
        closed += 1
    flushed = 0
    for campaign in Campaign.objects.filter(
        pk__in=PendingResponse.objects.values("campaign_id")
    ):
        flushed += services.responses_flush(campaign=campaign)
    reminded = 0
    week_ago = today - datetime.timedelta(days=services.REMIND_AFTER_DAYS)
    for campaign in Campaign.objects.filter(
        state=CampaignState.OPEN,
        pk__in=Invitation.objects.filter(answered=False, reminders__lt=3).values(
            "campaign_id"
        ),
        opens_on__lte=week_ago,
    ):
        reminded += services.campaign_remind(user=None, campaign=campaign, today=today)
    erased = services.invitations_erase(today=today)
    return {
        "closed": closed,
        "flushed": flushed,
        "reminded": reminded,
        "invitations_erased": erased,
    }


@shared_task(name="surveys.tasks.session_evaluation_send")
def session_evaluation_send(session_id: int) -> int:
    """A completed session's evaluation: its campaign and invitations."""
    from training.models import TrainingSession
    from training.selectors import session_attendees

    from . import services

    session = TrainingSession.objects.filter(pk=session_id).first()
    if session is None:
        return 0
    return services.session_evaluation_start(
        session=session, attendees=session_attendees(session)
    )
