from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """The complaint-handling training programme and the link-officer network."""

    name = "upheld.training"
    verbose_name = "Training and link officers"
