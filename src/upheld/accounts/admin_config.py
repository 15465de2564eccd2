"""The Django admin, installed with our own site so that it shares the staff
sign-in and refuses sessions not verified by a second factor."""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "upheld.accounts.admin_site.StaffAdminSite"
