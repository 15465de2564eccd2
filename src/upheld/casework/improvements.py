"""Publishing service improvements: a publisher's review of each one's text.

A service improvement's text is written by caseworkers for the council, and is published on the council's
pages (`upheld.publication.service_improvements`) as it stands. Like a decision statement it may carry what
identifies the person who complained, so it is public only when all of these hold
(`Recommendation.objects.public_service_improvements`, the one definition):

- a publisher approved it: only a holder of `casework.approve_service_improvement` (the publisher role),
  never the caseworkers who write it;
- the approval was of the text as it stands: the review keeps the text it was about, so an edit by any
  path (a casework screen, the admin, an import, a bulk update) makes the improvement wait for a
  publisher again, with nothing to remember to clear;
- the anonymisation guard (`upheld.decisions.guard`) found nothing in that text, or the publisher
  approved it despite the findings with a recorded reason, as a statement's findings are released;
- its decision is at least the statements' publication delay old (three months,
  `publication_rules.latest_publishable_decision`).

A publisher may also refuse one, with a reason, which keeps it off the site until its text changes, and
refusing an approved one withdraws it. Each review is a change of the recommendation, so the audit trail
records who did it, when and why (`upheld.audit.tracking`), and the case's history shows it.

The demonstration data is approved by a step of its own ("demo"), for the texts the guard passes.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from upheld.casework.models import Recommendation
from upheld.casework.vocabulary import RecommendationKind
from upheld.decisions import guard

DEMO_REVIEWER = "demo"
REVIEW_FIELDS = ["reviewed_text", "approved", "reviewed_by", "reviewer_name", "reviewed_at", "review_reason"]


class ReviewRefused(Exception):
    """The review cannot be recorded as asked; the message says why. Nothing was changed."""


def digest(text: str) -> str:
    """Identifies the text a publisher read: a review is recorded only for that text."""
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def approve(recommendation: Recommendation, actor, shown: str, reason: str = "") -> Recommendation:
    """Approve the service improvement for publication, as the publisher `actor` read it (`shown`, its
    `digest`). Refused while the guard finds possible personal data in it, unless `reason` says why
    publishing it is right all the same."""
    current = _current(recommendation, shown)
    reason = reason.strip()
    if (findings := current.guard_findings) and not reason:
        raise ReviewRefused(f"Possible personal data: {guard.describe(findings)}. Change the text, or say why it "
                            "may be published as it is")
    return _record(current, actor, approved=True, reason=reason)


@transaction.atomic
def refuse(recommendation: Recommendation, actor, shown: str, reason: str) -> Recommendation:
    """Keep the service improvement off the site until its text changes (withdrawing it if it was approved)."""
    current = _current(recommendation, shown)
    reason = reason.strip()
    if not reason:
        raise ReviewRefused("Say why it may not be published, for whoever changes the text")
    return _record(current, actor, approved=False, reason=reason)


def _current(recommendation: Recommendation, shown: str) -> Recommendation:
    """The recommendation as stored, held until the review is saved, if it is still the text the publisher read."""
    current = Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
    if current is None or current.kind != RecommendationKind.SERVICE_IMPROVEMENT:
        raise ReviewRefused("This is no longer a service improvement")
    if digest(current.text) != shown:
        raise ReviewRefused("The text has changed since you opened the page: read it again before deciding")
    return current


def _record(current: Recommendation, actor, approved: bool, reason: str) -> Recommendation:
    """Save the review through `save()`, so the audit trail's signals record it, with its before and after."""
    user = actor if getattr(actor, "pk", None) else None
    current.reviewed_text, current.approved, current.review_reason = current.text, approved, reason
    current.reviewed_by, current.reviewer_name = user, user.get_username() if user else str(actor)
    current.reviewed_at = timezone.now()
    current.save(update_fields=REVIEW_FIELDS)
    return current


def approve_demonstration(recommendations) -> int:
    """Approve, as the "demo" step, the synthetic service improvements of `recommendations` (a manager or
    queryset, a migration's historical one too) whose text the guard passes, just after they were written;
    how many were approved. The generated texts are a few dozen, repeated: each is checked once, and all
    are approved in one update, which bypasses the signals: the caller records it in the audit trail."""
    waiting = recommendations.filter(case__synthetic=True, kind=RecommendationKind.SERVICE_IMPROVEMENT)
    texts = waiting.order_by().values_list("text", flat=True).distinct()
    clean = [text for text in texts if not guard.check_text(text)]
    return waiting.filter(text__in=clean).update(reviewed_text=F("text"), approved=True,
                                                 reviewer_name=DEMO_REVIEWER, reviewed_at=timezone.now())
