from django.contrib import admin
from django.utils.html import format_html_join

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.letters.merge import MERGE_FIELDS
from upheld.letters.models import LetterText, TrainingYear


@admin.register(LetterText)
class LetterTextAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["__str__", "letter_date", "subject", "signatory_name", "by_email", "list_copies"]
    fieldsets = [
        (None, {"fields": ["year", "letter_date", "sender", "by_email", "subject", "body"]}),
        ("Merge fields", {
            "description": format_html_join(
                "", "<p><code>{{{{ {} }}}}</code> {}</p>", MERGE_FIELDS.items()
            ),
            "fields": [],
        }),
        ("Signature and copies", {"fields": ["signatory_name", "signatory_title", "list_copies"]}),
    ]


@admin.register(TrainingYear)
class TrainingYearAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["__str__", "courses_delivered", "people_trained"]
