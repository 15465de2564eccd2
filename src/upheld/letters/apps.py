from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "upheld.letters"
    verbose_name = "Annual review letters"
