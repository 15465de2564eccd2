"""The portal's two forms: feedback on a letter, and a council's response to a public interest report.

Widgets carry the GOV.UK classes; the council, the year and the report are never fields: they come from
the signed-in user's council and the address, checked by the view.
"""

from django import forms

from upheld.letters.models import FEEDBACK_MAX_LENGTH, FeedbackTopic, LetterFeedback

RESPONSE_MAX_LENGTH = 20000
USEFULNESS = [("", "Prefer not to say"), *((str(n), str(n)) for n in range(1, 6))]


class FeedbackForm(forms.ModelForm):
    about = forms.ChoiceField(label="What is your feedback about?", choices=FeedbackTopic.choices,
                              widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
                              error_messages={"required": "Choose what your feedback is about",
                                              "invalid_choice": "Choose what your feedback is about"})
    text = forms.CharField(
        label="Your feedback", max_length=FEEDBACK_MAX_LENGTH,
        help_text="Tell us what works and what we should change. Do not include anything that identifies a "
                  "complainant.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
        error_messages={"required": "Enter your feedback",
                        "max_length": f"Your feedback must be {FEEDBACK_MAX_LENGTH:,} characters or fewer"})
    usefulness = forms.TypedChoiceField(
        label="How useful was this year's letter? (optional)", required=False, choices=USEFULNESS,
        coerce=int, empty_value=None, help_text="1 means not at all useful, 5 very useful.",
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"invalid_choice": "Choose a number from 1 to 5, or leave it empty"})

    class Meta:
        model = LetterFeedback
        fields = ["about", "text", "usefulness"]


class ResponseForm(forms.Form):
    response_text = forms.CharField(
        label="The council's response", max_length=RESPONSE_MAX_LENGTH,
        help_text="What the council has done, or will do, in response to the report, and which meeting "
                  "considered it. This is published on the report's page.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 10}),
        error_messages={"required": "Enter the council's response",
                        "max_length": f"The response must be {RESPONSE_MAX_LENGTH:,} characters or fewer"})
