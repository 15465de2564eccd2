from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "upheld.letters"
    verbose_name = "Annual review letters"

    def ready(self):
        from upheld.letters import issue  # noqa: F401 - issues the letters whenever figures are frozen
