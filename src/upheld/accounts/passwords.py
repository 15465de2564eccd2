"""Password rules after NIST SP 800-63B and ASVS: long, no composition rules.

Length is what counts, so the minimum is 12 and there is no rule about
digits or symbols; a maximum stops a megabyte "password" being hashed on
every sign-in attempt while leaving room for any passphrase. Common and
breached passwords are refused by Django's `CommonPasswordValidator`, whose
bundled list holds some 20,000 of the passwords most often found in breaches.
"""

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    def __init__(self, max_length: int = 128):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(f"Your password must be {self.max_length} characters or fewer.",
                                  code="password_too_long", params={"max_length": self.max_length})

    def get_help_text(self) -> str:
        return f"Your password must be {self.max_length} characters or fewer."
