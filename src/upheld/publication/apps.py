from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "upheld.publication"
    verbose_name = "Publication"
