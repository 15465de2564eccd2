from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "upheld.site"
    label = "upheld_site"
    verbose_name = "Site"
