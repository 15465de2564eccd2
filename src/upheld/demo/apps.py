from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "upheld.demo"
    verbose_name = "Demonstration data"
