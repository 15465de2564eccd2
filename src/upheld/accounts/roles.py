"""Roles, and the small API the rest of the code asks about them.

Staff roles are Django groups whose permissions are listed here in full and
set exactly by `ensure_roles` (run by `upheld setup`), so a permission granted
by hand in the admin is taken away on the next setup: what a role may do is
what this file says. Each role gets only what its work needs; in particular
only caseworkers see complainants' personal data (`casework.view_personal_data`,
which also governs filtering, searching and sorting by it in the admin:
`upheld.accounts.personal_data`), and only publishers publish decision
statements (`decisions.publish_statement`, apart from changing them).

Council users hold no group: their council and role are on
`CouncilMembership`, and what they see is decided by `council_of(user)`.
Superusers count as holding every staff role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models, transaction

from upheld.accounts.models import CouncilMembership, CouncilRole
from upheld.accounts.second_factor import needs_second_factor, second_factor_redirect


class StaffRole(models.TextChoices):
    """Staff roles; the label is the group's name."""

    CASEWORKER = "caseworker", "Caseworker"
    COMPLIANCE_OFFICER = "compliance officer", "Compliance officer"
    PUBLISHER = "publisher", "Statistician and publisher"
    ADMINISTRATOR = "administrator", "Administrator"


def _grant(model: str, *actions: str) -> list[str]:
    """`_grant("casework.case", "view", "add")` -> ["casework.view_case", "casework.add_case"]."""
    app_label, model_name = model.split(".")
    return [f"{app_label}.{action}_{model_name}" for action in actions]


_CASEWORK_READ = [
    *_grant("casework.case", "view"), *_grant("casework.decision", "view"),
    *_grant("casework.recommendation", "view"), *_grant("casework.complianceoutcome", "view"),
]

PERMISSIONS: dict[StaffRole, list[str]] = {
    # Intake, decisions and recommendations; the only role that sees complainants.
    # (A case's own audit history is shown to whoever may view the case.)
    StaffRole.CASEWORKER: [
        *_grant("casework.case", "view", "add", "change"), "casework.view_personal_data",
        *_grant("casework.decision", "view", "add", "change"),
        *_grant("casework.recommendation", "view", "add", "change"),
        *_grant("casework.complianceoutcome", "view"),
        # The list of subcategories cases are filed under: added to, never renamed or removed here, as cases,
        # letters and statements carry the names (`casework.admin.SubcategoryAdmin`).
        *_grant("casework.subcategory", "view", "add"),
        *_grant("authorities.authority", "view"),
        # Drafts decision statements (never published: the box is read-only without `publish_statement`);
        # publishing, withdrawing or changing one is the publisher's.
        *_grant("decisions.statement", "view", "add"),
        # The Ombudsman's findings that a council did not follow the Complaint Handling Code.
        *_grant("code.codefailure", "view", "add", "change", "delete"),
        *_grant("code.edition", "view"), *_grant("code.provision", "view"),
    ],
    # Checks councils' evidence and records whether they complied.
    StaffRole.COMPLIANCE_OFFICER: [
        *_CASEWORK_READ,
        *_grant("casework.recommendation", "add", "change"),
        *_grant("casework.complianceoutcome", "add", "change"),
        *_grant("authorities.authority", "view"), *_grant("authorities.contact", "view"),
        *_grant("decisions.publicinterestreport", "view"),  # the councils' duty to reply to a report
        *_grant("training.linkofficer", "view"),
    ],
    # Releases, revisions, letter texts and the figures behind them; never personal data.
    StaffRole.PUBLISHER: [
        *_CASEWORK_READ,
        "casework.approve_service_improvement",  # publishing what caseworkers write (`casework.improvements`)
        *_grant("authorities.authority", "view"),
        *_grant("authorities.population", "view", "add", "change"),
        *_grant("authorities.contact", "view", "add", "change"),
        *_grant("letters.lettertext", "view", "add", "change"),
        *_grant("letters.trainingyear", "view", "add", "change"),
        *_grant("releases.release", "view", "add", "change"),
        *_grant("releases.figuresversion", "view", "add"),
        *_grant("letters.delivery", "view"),
        # Publishes, withdraws and corrects statements (their log is read-only), reports and focus reports.
        # Publishing is its own permission: changing a statement corrects it, publishing decides who reads it.
        # Nothing is deleted: a statement is withdrawn, with its reason in the log.
        *_grant("decisions.statement", "view", "change"), "decisions.publish_statement",
        *_grant("decisions.statementevent", "view"),
        *_grant("decisions.publicinterestreport", "view", "add", "change"),
        *_grant("decisions.focusreport", "view", "add", "change"),
        *_grant("decisions.focusreporttopic", "view", "add", "change", "delete"),
        *_grant("decisions.scrutinyquestion", "view", "add", "change", "delete"),
        # The training programme and the link-officer network.
        *_grant("training.course", "view", "add", "change"),
        *_grant("training.trainingsession", "view", "add", "change", "delete"),
        *_grant("training.attendance", "view", "add", "change", "delete"),
        *_grant("training.linkofficer", "view", "add", "change"),
        *_grant("training.seminar", "view", "add", "change", "delete"),
        *_grant("training.seminarattendance", "view", "add", "change", "delete"),
        # The Complaint Handling Code, the returns' deadlines, and accepting councils' returns (which makes
        # them public); the returns' versions are the councils' and are only read here.
        *_grant("code.edition", "view", "add", "change"), *_grant("code.provision", "view", "add", "change"),
        *_grant("code.returndeadline", "view", "add", "change"),
        *_grant("code.selfassessment", "view"), "code.accept_return",
        *_grant("code.version", "view"), *_grant("code.provisionanswer", "view"),
        *_grant("code.codefailure", "view"),
    ],
    # Accounts and who holds which role; no casework. Group permissions
    # themselves are fixed by this file, so administrators only view groups.
    StaffRole.ADMINISTRATOR: [
        *_grant("auth.user", "view", "add", "change"),
        *_grant("auth.group", "view"),
        *_grant("accounts.councilmembership", "view", "add", "change", "delete"),
        *_grant("authorities.authority", "view"),
        *_grant("otp_totp.totpdevice", "view", "delete"),
        *_grant("axes.accessattempt", "view", "delete"),
        *_grant("audit.auditevent", "view"), "audit.export_auditevent",
        # Alert subscribers' addresses: to answer and act on a person's request about their data.
        *_grant("alerts.subscription", "view", "delete"),
    ],
}


@transaction.atomic
def ensure_roles() -> list[Group]:
    """Create each role's group and set its permissions to exactly `PERMISSIONS` (safe to rerun)."""
    wanted = {name for names in PERMISSIONS.values() for name in names}
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list("pk", "content_type__app_label", "codename")
    }
    if missing := sorted(wanted - found.keys()):
        raise ImproperlyConfigured(f"Roles name permissions that do not exist (run migrate first?): {missing}")
    groups = []
    for role, names in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.label)
        group.permissions.set([found[name] for name in names])
        groups.append(group)
    return groups


# Questions about a user ----------------------------------------------------------------------------------

def staff_roles(user) -> frozenset[StaffRole]:
    """The staff roles `user` holds: none unless an active staff account without a council tie."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return frozenset()
    cached = getattr(user, "_upheld_staff_roles", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset(StaffRole)
        elif CouncilMembership.objects.filter(user=user).exists():
            cached = frozenset()
        else:
            names = set(user.groups.values_list("name", flat=True))
            cached = frozenset(role for role in StaffRole if role.label in names)
        user._upheld_staff_roles = cached
    return cached


def is_staff_role(user, *roles: StaffRole) -> bool:
    """Whether `user` holds any of `roles` (any staff role at all when none are given)."""
    held = staff_roles(user)
    return bool(held & set(roles)) if roles else bool(held)


def council_membership(user) -> CouncilMembership | None:
    """The council tie of an active, non-staff user, if it has one."""
    if not (user.is_authenticated and user.is_active) or user.is_staff or user.is_superuser:
        return None
    if not hasattr(user, "_upheld_membership"):
        user._upheld_membership = CouncilMembership.objects.select_related("authority").filter(user=user).first()
    return user._upheld_membership


def council_of(user):
    """The one council whose material `user` may see, or None for staff and anyone else."""
    membership = council_membership(user)
    return membership.authority if membership else None


def is_council_role(user, *roles: CouncilRole) -> bool:
    membership = council_membership(user)
    return membership is not None and (not roles or membership.role in roles)


# Guards for views ----------------------------------------------------------------------------------------

def _refusal(request, allowed: bool):
    """None if the request may go on, else the response or exception that stops it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if needs_second_factor(request):
        return second_factor_redirect(request)
    if not allowed:
        raise PermissionDenied
    return None


def staff_required(*roles: StaffRole | Callable) -> Callable:
    """Decorator: signed-in staff, verified by their second factor, holding one of `roles`
    (any staff role when none are given). `@staff_required` and `@staff_required()` both work.
    Sets `request.staff_area`, which alone lets a page show the staff navigation: public pages
    are cached and shared, so they must never carry links for whoever loaded them first."""
    if len(roles) == 1 and callable(roles[0]):
        return staff_required()(roles[0])

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if refused := _refusal(request, is_staff_role(request.user, *roles)):
                return refused
            request.staff_area = True
            return view(request, *args, **kwargs)
        return guarded
    return decorator


def council_user_required(*roles: CouncilRole | Callable) -> Callable:
    """Decorator: a signed-in council user (holding one of `roles`, if given); sets `request.council`."""
    if len(roles) == 1 and callable(roles[0]):
        return council_user_required()(roles[0])

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if refused := _refusal(request, is_council_role(request.user, *roles)):
                return refused
            request.council = council_of(request.user)
            return view(request, *args, **kwargs)
        return guarded
    return decorator


class StaffRequiredMixin(AccessMixin):
    """Class-based form of `staff_required`: set `staff_roles` to the roles allowed (empty: any)."""

    staff_roles: Iterable[StaffRole] = ()

    def dispatch(self, request, *args, **kwargs):
        if refused := _refusal(request, is_staff_role(request.user, *self.staff_roles)):
            return refused
        request.staff_area = True
        return super().dispatch(request, *args, **kwargs)


class CouncilUserRequiredMixin(AccessMixin):
    """Class-based form of `council_user_required`; sets `request.council`."""

    council_roles: Iterable[CouncilRole] = ()

    def dispatch(self, request, *args, **kwargs):
        if refused := _refusal(request, is_council_role(request.user, *self.council_roles)):
            return refused
        request.council = council_of(request.user)
        return super().dispatch(request, *args, **kwargs)
