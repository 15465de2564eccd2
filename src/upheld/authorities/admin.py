from django.contrib import admin

from upheld.accounts.personal_data import PersonalDataAdmin
from upheld.authorities.models import Authority, AuthorityCode, Contact, Population


class AuthorityCodeInline(admin.TabularInline):
    model = AuthorityCode
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


class PopulationInline(admin.TabularInline):
    model = Population
    extra = 0


@admin.register(Authority)
class AuthorityAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["short_name", "gss", "type", "region", "start_date", "end_date", "population_2020"]
    list_filter = ["type", "region"]
    search_fields = ["name", "short_name", "gss", "codes__code"]
    filter_horizontal = ["replaced_by"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [AuthorityCodeInline, ContactInline, PopulationInline]


@admin.register(Contact)
class ContactAdmin(PersonalDataAdmin, admin.ModelAdmin):
    list_display = ["authority", "role", "name", "email"]
    list_filter = ["role"]
    search_fields = ["authority__name", "name", "email"]
    autocomplete_fields = ["authority"]
