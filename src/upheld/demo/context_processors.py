from upheld.demo.models import DemoDataset


def synthetic_data(request):
    """Tell every template whether the figures it shows are synthetic."""
    return {"synthetic_data": DemoDataset.objects.order_by("-generated").first()}
