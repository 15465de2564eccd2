from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The council portal: a council user's own letter (under embargo), case lists,
    recommendations due, feedback on the letter and responses to public interest reports."""

    name = "upheld.portal"
    verbose_name = "Council portal"
