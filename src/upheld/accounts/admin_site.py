"""The admin site: staff only, second factor verified, signed in through /accounts/.

The admin's own login form would be a second way in with its own rules, so
its login page only forwards to ours (which throttles, and then asks for the
second factor); `has_permission` also refuses an unverified session, should
the middleware ever be left out.
"""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from upheld.accounts.second_factor import is_verified, needs_second_factor, safe_next, second_factor_redirect


class StaffAdminSite(admin.AdminSite):
    site_header = "upheld staff"
    site_title = "upheld staff"

    def has_permission(self, request) -> bool:
        return super().has_permission(request) and is_verified(request)

    def login(self, request, extra_context=None):
        next_url = safe_next(request, default=reverse("admin:index", current_app=self.name))
        if needs_second_factor(request):
            return second_factor_redirect(request, next_url)
        if request.user.is_authenticated and self.has_permission(request):
            return redirect(next_url)
        return redirect_to_login(next_url)

    def password_change(self, request, extra_context=None):
        """One password form for everyone: ours, which applies the rules and records the change."""
        return redirect("accounts:password")

    def refusal(self, request, message: str, status: int = 403) -> TemplateResponse:
        """A page of the admin saying what was refused and why, instead of a bare error page;
        "Back" leads to the address without its query (the list unfiltered, the form afresh)."""
        context = {**self.each_context(request), "title": "Not allowed", "message": message, "back": request.path}
        return TemplateResponse(request, "admin/refused.html", context, status=status)
