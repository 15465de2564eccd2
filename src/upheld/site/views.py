from django.shortcuts import render

from upheld.authorities.models import Authority
from upheld.casework.models import Case
from upheld.releases.published import published


def home(request):
    return render(request, "site/home.html", {
        "councils": Authority.objects.count(),
        "cases": Case.objects.count(),
        "latest": published().latest,  # the newest released year: never one under embargo
    })
