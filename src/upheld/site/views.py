from django.shortcuts import render

from upheld.authorities.models import Authority
from upheld.casework.models import Case


def home(request):
    return render(request, "site/home.html", {
        "councils": Authority.objects.count(),
        "cases": Case.objects.count(),
    })
