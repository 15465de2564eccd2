"""The app's models, each defined in the module of its concept."""

from upheld.code.editions import Edition, Provision
from upheld.code.findings import CodeFailure
from upheld.code.reminders import Reminder
from upheld.code.returns import ProvisionAnswer, ReturnDeadline, SelfAssessment, Version

__all__ = ["CodeFailure", "Edition", "Provision", "ProvisionAnswer", "Reminder", "ReturnDeadline", "SelfAssessment",
           "Version"]
