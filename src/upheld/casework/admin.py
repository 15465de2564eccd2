from django.contrib import admin

from upheld.casework.models import Case, ComplianceOutcome, Decision, Recommendation


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = Recommendation
    extra = 0


class ComplianceInline(admin.StackedInline):
    model = ComplianceOutcome
    extra = 0


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "authority", "received", "category", "subcategory", "synthetic"]
    list_filter = ["category", "synthetic", "authority__type"]
    search_fields = ["reference", "authority__name"]
    date_hierarchy = "received"
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    inlines = [DecisionInline, RecommendationInline, ComplianceInline]
