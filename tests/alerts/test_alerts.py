"""Email alerts end to end, against a real SMTP server on loopback: subscribe, confirm from the emailed
link, `upheld alerts send`, one-click unsubscribe."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.accounts.signing_in import staff_user
from tests.alerts.conftest import SITE, html, link, plain, report, statement
from tests.builders import Y2017, build_sefton_2017_18
from tests.code.builders import submitted
from upheld.accounts.roles import StaffRole
from upheld.alerts import tokens
from upheld.alerts.models import Digest, DigestItem, Subscription
from upheld.audit.models import Action, AuditEvent
from upheld.code import lifecycle
from upheld.decisions import publication_rules
from upheld.decisions.models import EventAction, Withheld
from upheld.letters.models import DeliveryState
from upheld.releases.freezing import schedule_release
from upheld.releases.models import Release

ADDRESS = "Reader@Example.ORG"


def send(*args) -> tuple[str, str]:
    """Run `alerts send`: its output, and the message of the error it ends with ("" when it succeeds)."""
    out = io.StringIO()
    try:
        call_command("alerts", "send", *args, stdout=out, stderr=io.StringIO())
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def subscribe(client, authority, email=ADDRESS, kinds=("decisions", "reports", "letters")):
    return client.post(f"/alerts/{authority.slug}/", {"email": email, "kinds": list(kinds)})


def subscribed(client, mailbox, authority, email=ADDRESS, kinds=("decisions", "reports", "letters")) -> Subscription:
    """Subscribe and confirm through the pages and the emailed link, as a person would."""
    before = len(mailbox.raw)
    subscribe(client, authority, email, kinds)
    assert len(mailbox.raw) == before + 1
    client.post(link(mailbox.messages[-1], "/alerts/confirm/"))
    return Subscription.objects.active().get(email__iexact=email, authority=authority)


def test_subscribe_confirm_send_rerun_and_unsubscribe(db, client, mailbox, authority):
    response = subscribe(client, authority)
    assert response.status_code == 302 and response["Location"] == f"/alerts/{authority.slug}/check-your-email/"
    assert b"Check your email" in client.get(response["Location"]).content
    (confirmation,) = mailbox.messages
    assert confirmation["To"] == "Reader@example.org"  # the domain in lower case
    assert confirmation["Subject"] == "Confirm your email alerts about Sefton Metropolitan Borough Council"
    confirm_path = link(confirmation, "/alerts/confirm/")

    page = client.get(confirm_path)  # a link scanner's GET confirms nothing
    assert page.status_code == 200 and b">Confirm</button>" in page.content
    assert Subscription.objects.get().confirmed_at is None
    assert b"Your email alerts have started" in client.post(confirm_path).content
    subscription = Subscription.objects.active().get()

    assert send() == ("Sent 0 emails with 0 items (1 live subscription checked); 0 addresses deleted.\n", "")
    first = statement(authority, summary="The Council took a year to repair Mr X's roof.")
    output, error = send()
    assert not error and "Sent 1 email with 1 item (1 live subscription checked)" in output
    digest = mailbox.messages[-1]
    assert len(mailbox.raw) == 2 and digest["To"] == "Reader@example.org"
    assert digest["Subject"] == "Sefton: 1 new decision"
    unsubscribe_url = f"{SITE}/alerts/unsubscribe/{tokens.make(subscription, tokens.UNSUBSCRIBE)}/"
    assert digest["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"  # folded: too long for one line
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"{SITE}/decisions/{first.slug}/" in plain(digest) and "Mr X's roof" in plain(digest)
    assert f'href="{SITE}/decisions/{first.slug}/"' in html(digest) and f'href="{unsubscribe_url}"' in html(digest)
    assert "<img" not in html(digest)

    assert send()[0].startswith("Sent 0 emails") and len(mailbox.raw) == 2  # the rerun sends nothing

    pir = report(authority, title="Repairs left undone")
    send()
    assert len(mailbox.raw) == 3
    second = mailbox.messages[-1]
    assert second["Subject"] == "Sefton: 1 public interest report"
    assert f"{SITE}/reports/public-interest/{pir.pk}/" in plain(second) and first.slug not in plain(second)

    one_click = Client(enforce_csrf_checks=True)  # a mail client's POST carries no CSRF token
    response = one_click.post(digest["List-Unsubscribe"].strip().strip("<>").removeprefix(SITE),
                              "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200 and b"You have unsubscribed" in response.content
    statement(authority)
    report(authority)
    assert send()[0].startswith("Sent 0 emails with 0 items (0 live subscriptions checked)")
    assert len(mailbox.raw) == 3


def test_unconfirmed_subscriptions_get_nothing(db, client, mailbox, authority):
    subscribe(client, authority)
    statement(authority)
    report(authority)
    send()
    assert len(mailbox.raw) == 1  # the confirmation only
    assert not Digest.objects.exists()


def test_the_same_answer_and_email_whether_or_not_already_subscribed(db, client, mailbox, authority):
    subscribed(client, mailbox, authority)
    again = subscribe(client, authority)
    new = subscribe(client, authority, email="someone.else@example.org")
    assert (again.status_code, again["Location"]) == (new.status_code, new["Location"])
    assert client.get(again["Location"]).content == client.get(new["Location"]).content
    to_subscriber, to_new = mailbox.messages[-2:]
    assert to_subscriber["Subject"] == to_new["Subject"]
    assert plain(to_subscriber).split("http")[0] == plain(to_new).split("http")[0]


def test_confirming_again_changes_the_choices_and_keeps_what_was_sent(db, client, mailbox, authority):
    first = subscribed(client, mailbox, authority)
    statement(authority)
    send()
    sent = len(mailbox.raw)
    changed = subscribed(client, mailbox, authority, email=ADDRESS.lower(), kinds=["reports"])
    assert changed.pk == first.pk and (changed.decisions, changed.reports, changed.letters) == (False, True, False)
    assert Subscription.objects.count() == 1
    statement(authority)
    send()
    assert len(mailbox.raw) == sent + 1  # the second confirmation, no decision


def test_subscribe_errors_are_summarised_and_change_nothing(db, client, mailbox, authority):
    response = client.post(f"/alerts/{authority.slug}/", {"email": "not an address"})
    page = response.content.decode()
    assert response.status_code == 400 and "govuk-error-summary" in page
    assert "Enter an email address in the correct format" in page and "Select what you want alerts about" in page
    assert 'href="#id_email"' in page and 'href="#id_kinds_0"' in page and 'id="id_kinds_0"' in page
    assert client.post(f"/alerts/{authority.slug}/").status_code == 400  # an empty form too
    assert not Subscription.objects.exists() and not mailbox.raw
    assert client.get("/alerts/no-such-council/").status_code == 404


def test_an_unreachable_mail_server_keeps_nothing(db, client, mailbox, authority, settings):
    from tests.letters.test_delivery import free_port

    settings.EMAIL_PORT = free_port()
    response = subscribe(client, authority)
    assert response.status_code == 400 and b"We could not send the confirmation email just now" in response.content
    assert not Subscription.objects.exists()


def test_confirmations_are_throttled_per_address_and_per_client(db, client, mailbox, authority):
    for _ in range(3):
        assert subscribe(client, authority).status_code == 302
    refused = subscribe(client, authority, email=ADDRESS.upper())
    assert refused.status_code == 429 and b"Too many requests" in refused.content
    assert len(mailbox.raw) == 3 and Subscription.objects.count() == 3

    for number in range(16):  # 19 from this client so far, 20 allowed per hour
        assert subscribe(client, authority, email=f"person{number}@example.org").status_code == 302
    assert subscribe(client, authority, email="one.more@example.org").status_code == 429
    other_network = Client(REMOTE_ADDR="192.0.2.7")
    assert subscribe(other_network, authority, email="one.more@example.org").status_code == 302
    assert len(mailbox.raw) == 3 + 16 + 1


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
def test_a_bad_token_is_a_friendly_not_found(db, client, mailbox, authority, kind):
    subscription = subscribed(client, mailbox, authority)
    other = tokens.UNSUBSCRIBE if kind == "confirm" else tokens.CONFIRM
    for token in ("nonsense", f"{subscription.pk}-{'A' * 43}", tokens.make(subscription, other), "99999999-x"):
        for method in (client.get, client.post):
            response = method(f"/alerts/{kind}/{token}/")
            assert response.status_code == 404 and b"This link does not work" in response.content, token
    assert Subscription.objects.active().get() == subscription


def test_a_confirmation_link_expires_and_unsubscribe_needs_a_post(db, client, mailbox, authority):
    subscribe(client, authority)
    confirm_path = link(mailbox.messages[-1], "/alerts/confirm/")
    Subscription.objects.update(created=timezone.now() - datetime.timedelta(days=8))
    assert client.post(confirm_path).status_code == 404
    assert Subscription.objects.get().confirmed_at is None

    subscription = subscribed(client, mailbox, authority, email="other@example.org")
    path = f"/alerts/unsubscribe/{tokens.make(subscription, tokens.UNSUBSCRIBE)}/"
    page = client.get(path)
    assert page.status_code == 200 and b">Unsubscribe</button>" in page.content
    assert Subscription.objects.active().filter(pk=subscription.pk).exists()
    client.post(path)
    assert not Subscription.objects.active().filter(pk=subscription.pk).exists()
    assert b"You have unsubscribed" in client.get(path).content


def test_only_published_decisions_made_public_since_confirming_are_sent(db, client, mailbox, authority):
    older = statement(authority, decided=timezone.localdate() - datetime.timedelta(days=200))
    withheld = statement(authority, decided=timezone.localdate() - datetime.timedelta(days=300))
    publication_rules.withhold(withheld, Withheld.UNDER_REVIEW, "tests", "the council asked for a review")
    old_report = report(authority, issued=timezone.localdate() - datetime.timedelta(days=30))
    subscribed(client, mailbox, authority)

    too_recent = statement(authority, decided=timezone.localdate() - datetime.timedelta(days=20))
    unpublished = statement(authority, publish=False)
    not_yet_issued = report(authority, issued=timezone.localdate() + datetime.timedelta(days=3))
    other_council = statement(type(authority).objects.get(gss="E08000011"))
    send()
    assert len(mailbox.raw) == 1 and not DigestItem.objects.exists()

    publication_rules.unwithhold(withheld, "tests", "the review upheld the decision")
    send()
    text = plain(mailbox.messages[-1])
    assert withheld.slug in text
    for absent in (older.slug, too_recent.slug, unpublished.slug, other_council.slug, f"/{old_report.pk}/",
                   f"/{not_yet_issued.pk}/"):
        assert absent not in text


def test_a_draft_marked_for_publication_after_confirming_is_sent(db, client, mailbox, authority):
    """Statements entered in the staff screens are drafts until a publisher ticks "publish": that day is
    the day they became public, however long ago they were drafted or decided."""
    drafted = statement(authority, decided=timezone.localdate() - datetime.timedelta(days=200), publish=False)
    subscribed(client, mailbox, authority, kinds=["decisions"])
    send()
    assert len(mailbox.raw) == 1  # the confirmation alone
    drafted.publish = True  # as the admin's form saves it, for a publisher
    drafted.save()
    publication_rules.record(drafted, EventAction.MARKED, staff_user("pat", StaffRole.PUBLISHER))
    send()
    assert drafted.slug in plain(mailbox.messages[-1])


def test_the_annual_letter_is_alerted_once_its_year_is_released_not_under_embargo(db, client, mailbox, authority):
    build_sefton_2017_18(authority)
    subscribed(client, mailbox, authority, kinds=["letters"])
    release = schedule_release(Y2017, timezone.now() + datetime.timedelta(days=2))  # under embargo
    send()
    assert len(mailbox.raw) == 1

    Release.objects.filter(pk=release.pk).update(scheduled_for=timezone.now())  # the release time has come
    send()
    letter = mailbox.messages[-1]
    assert letter["Subject"] == "Sefton: 1 annual review letter"
    assert f"{SITE}/councils/{authority.slug}/2017-18/letter.html" in plain(letter)
    send()
    assert len(mailbox.raw) == 2


def test_a_run_looks_up_the_released_years_and_letters_once_for_all_subscribers(db, client, mailbox, authority):
    build_sefton_2017_18(authority)
    for n in range(3):
        subscribed(client, mailbox, authority, email=f"reader{n}@example.org", kinds=["letters"])
    schedule_release(Y2017, timezone.now())
    with CaptureQueriesContext(connection) as queries:
        send()
    assert len(mailbox.raw) == 3 + 3
    read = [query["sql"] for query in queries.captured_queries if query["sql"].lstrip().startswith("SELECT")]
    assert sum('FROM "letters_letterissue"' in sql for sql in read) == 1
    # The public state is read twice a run (the released years, the public letters), not per subscriber.
    assert sum('FROM "releases_release" r LEFT JOIN' in sql for sql in read) == 2


def test_text_from_the_records_is_escaped_in_the_html_email(db, client, mailbox, authority):
    subscribed(client, mailbox, authority)
    statement(authority, summary='Mr X wrote <script>alert("x")</script> & <b>more</b>.')
    send()
    message = mailbox.messages[-1]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;" in html(message)
    assert "<script>" not in html(message) and "<b>more" not in html(message)
    assert 'Mr X wrote <script>alert("x")</script> & <b>more</b>.' in plain(message)  # text is not HTML


def test_a_refused_digest_is_sent_again_on_the_next_run(db, client, mailbox, authority):
    subscribed(client, mailbox, authority)
    first = statement(authority)
    mailbox.refuse.add("Reader@example.org")
    output, error = send()
    assert "1 refused by the mail server" in error and len(mailbox.raw) == 1
    assert Digest.objects.get().state == DeliveryState.REFUSED and not DigestItem.objects.exists()

    mailbox.refuse.clear()
    second = statement(authority)
    send()
    text = plain(mailbox.messages[-1])
    assert len(mailbox.raw) == 2 and first.slug in text and second.slug in text


def test_a_digest_its_one_recipient_is_refused_at_rcpt_is_refused_not_sent(db, client, mailbox, authority):
    """A 451 at RCPT is no bounce: nobody reports it later, so the digest must not be recorded as sent."""
    subscribed(client, mailbox, authority)
    first = statement(authority)
    mailbox.defer.add("Reader@example.org")
    output, error = send()
    assert "1 refused by the mail server" in error and len(mailbox.raw) == 1
    assert "Reader@example.org: 451 4.3.0 Mailbox busy, try again later" in output
    digest = Digest.objects.get()
    assert (digest.state, digest.note) == (DeliveryState.REFUSED, "Reader@example.org: 451 4.3.0 Mailbox busy, "
                                                                  "try again later")
    assert not DigestItem.objects.exists()

    mailbox.defer.clear()
    assert send()[1] == "" and first.slug in plain(mailbox.messages[-1])
    assert mailbox.envelopes[-1] == ["Reader@example.org"]


def test_a_digest_in_doubt_is_held_until_resent_or_confirmed(db, client, mailbox, authority):
    subscribed(client, mailbox, authority)
    first = statement(authority)
    mailbox.on_data = lambda count, server: count == 2 and server.transport.close()
    output, error = send()
    assert len(mailbox.raw) == 2 and "1 in doubt" in error and "Stopped: the connection" in output
    mailbox.on_data = None

    output, error = send()  # held: nothing of it is sent again
    assert len(mailbox.raw) == 2 and mailbox.messages[-1]["Message-ID"] in output and "1 in doubt" in error

    assert send("--dry-run", "--resend-in-doubt")[0].endswith("0 addresses would be deleted.\n")
    output, error = send("--resend-in-doubt")
    assert not error and len(mailbox.raw) == 3 and first.slug in plain(mailbox.messages[-1])

    statement(authority)
    mailbox.on_data = lambda count, server: count == 4 and server.transport.close()
    send()
    mailbox.on_data = None
    assert not send("--confirm-in-doubt")[1] and len(mailbox.raw) == 4
    assert set(Digest.objects.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert send()[0].startswith("Sent 0 emails")


def test_dry_run_sends_and_records_nothing(db, client, mailbox, authority):
    subscription = subscribed(client, mailbox, authority)
    statement(authority)
    output, error = send("--dry-run")
    assert output.splitlines() == [
        "To send (1):", f"  subscription {subscription.pk} (Sefton): 1 item",
        "Dry run: would send 1 email with 1 item (1 live subscription checked); 0 addresses would be deleted."]
    assert len(mailbox.raw) == 1 and not Digest.objects.exists()


def test_an_unreachable_mail_server_at_send_claims_nothing(db, client, mailbox, authority, settings):
    from tests.letters.test_delivery import free_port

    subscribed(client, mailbox, authority)
    statement(authority)
    settings.EMAIL_PORT = free_port()
    with pytest.raises(CommandError, match="cannot reach the mail server"):
        call_command("alerts", "send", stdout=io.StringIO())
    assert not Digest.objects.exists()


def test_addresses_are_deleted_when_never_confirmed_or_long_unsubscribed(db, client, mailbox, authority):
    subscribe(client, authority, email="never@example.org")
    gone = subscribed(client, mailbox, authority, email="gone@example.org")
    recent = subscribed(client, mailbox, authority, email="recent@example.org")
    kept = subscribed(client, mailbox, authority)
    statement(authority)
    send()
    now = timezone.now()
    Subscription.objects.filter(email="never@example.org").update(created=now - datetime.timedelta(days=8))
    Subscription.objects.filter(pk=gone.pk).update(unsubscribed_at=now - datetime.timedelta(days=31))
    Subscription.objects.filter(pk=recent.pk).update(unsubscribed_at=now - datetime.timedelta(days=29))

    out = io.StringIO()
    call_command("alerts", "purge", stdout=out)
    assert out.getvalue() == "Deleted 2 addresses.\n"
    assert set(Subscription.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}
    assert not Digest.objects.filter(subscription_id=gone.pk).exists()
    deleted = AuditEvent.objects.filter(object_type="alerts.subscription", action=Action.DELETE)
    assert deleted.count() == 2 and {event.before["email"] for event in deleted} == {"(personal data)"}


def test_the_audit_trail_records_each_step_without_the_address(db, client, mailbox, authority):
    subscription = subscribed(client, mailbox, authority)
    client.post(f"/alerts/unsubscribe/{tokens.make(subscription, tokens.UNSUBSCRIBE)}/")
    events = AuditEvent.objects.filter(object_type="alerts.subscription").order_by("at", "id")
    assert [event.action for event in events] == [Action.CREATE, Action.CHANGE, Action.CHANGE]
    assert events[0].after["email"] == "(personal data)" and events[0].authority_id == authority.pk
    assert [event.after for event in events[1:]] == [{"confirmed_at": "set"}, {"unsubscribed_at": "set"}]
    assert all("example.org" not in str(vars(event)).lower() for event in events)


def test_only_administrators_see_addresses_and_each_showing_is_audited(db, client, mailbox, authority):
    from tests.accounts.signing_in import sign_in, staff_user
    from upheld.accounts.roles import StaffRole

    subscription = subscribed(client, mailbox, authority)
    listing, page = "/admin/alerts/subscription/", f"/admin/alerts/subscription/{subscription.pk}/change/"
    for role in (StaffRole.CASEWORKER, StaffRole.COMPLIANCE_OFFICER, StaffRole.PUBLISHER):
        staff = sign_in(Client(), staff_user(f"not-{role.value.replace(' ', '-')}", role))
        assert staff.get(listing).status_code == 403 and staff.get(page).status_code == 403

    administrator = sign_in(Client(), staff_user("administrator", StaffRole.ADMINISTRATOR))
    shown = administrator.get(listing).content.decode()
    assert "R…@example.org" in shown and "Reader@example.org" not in shown
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()
    assert "Reader@example.org" in administrator.get(page).content.decode()
    (viewed,) = AuditEvent.objects.filter(action=Action.VIEW, object_type="alerts.subscription")
    assert viewed.actor_name == "administrator" and viewed.after == {"fields": ["email"]}

    administrator.post(f"/admin/alerts/subscription/{subscription.pk}/delete/", {"post": "yes"})
    assert not Subscription.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DELETE, object_type="alerts.subscription",
                                     actor_name="administrator").count() == 1


def test_a_return_is_alerted_once_a_publisher_accepts_it_never_while_submitted(db, client, mailbox, authority,
                                                                               code_edition):
    """Through the real SMTP server: a submitted return is no news (nothing of it in any email); accepted, it is,
    once; an accepted revision is news again."""
    subscriber = subscribed(client, mailbox, authority, kinds=["returns"])
    publisher = staff_user(StaffRole.PUBLISHER)
    first = submitted(authority, 2025, stage1_received=40, stage1_in_time=31, stage2_received=8, stage2_in_time=7)
    send()
    assert len(mailbox.raw) == 1  # the confirmation only
    lifecycle.accept(first, publisher)
    send()
    alert = mailbox.messages[-1]
    assert alert["Subject"] == "Sefton: 1 Complaint Handling Code return"
    text = plain(alert)
    assert "Complaint Handling Code self-assessment 2025-26" in text
    assert "stage 1 complaints answered in time 78%, stage 2 88%" in text  # 31/40 = 77.5% → 78%, 7/8 = 87.5%
    assert f"{SITE}/councils/{authority.slug}/" in text
    send()
    assert len(mailbox.raw) == 2

    revision = submitted(authority, 2025, stage1_received=40, stage1_in_time=11, stage2_received=8, stage2_in_time=1)
    send()
    assert len(mailbox.raw) == 2  # submitted, not accepted: no news, and nothing of it anywhere
    lifecycle.accept(revision, publisher)
    send()
    assert len(mailbox.raw) == 3
    assert "(revised: version 2)" in plain(mailbox.messages[-1])
    assert "stage 1 complaints answered in time 28%, stage 2 13%" in plain(mailbox.messages[-1])
    assert DigestItem.objects.filter(subscription=subscriber, kind="returns").count() == 2
