"""A council user's tie to the one council whose material it may see."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from upheld.authorities.models import Authority


class CouncilRole(models.TextChoices):
    LINK_OFFICER = "link officer", "Link officer"
    CHIEF_EXECUTIVE = "chief executive", "Chief executive"


class CouncilMembership(models.Model):
    """Binds a council user to exactly one council (one row per user).

    A staff account can never hold one: mixing the two would let a council
    login reach staff screens or a staff member pass as a council.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_membership")
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="council_users")
    role = models.CharField(max_length=20, choices=CouncilRole.choices)

    class Meta:
        ordering = ["authority", "role"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.authority.short_name})"

    def save(self, *args, **kwargs) -> None:
        self.clean()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.user_id and (self.user.is_staff or self.user.is_superuser):
            raise ValidationError({"user": "A staff account cannot be a council user."})
