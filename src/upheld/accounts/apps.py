from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upheld.accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from upheld.accounts import sessions  # noqa: F401  (stamps the time of each sign-in)
