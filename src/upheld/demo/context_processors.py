from upheld.demo.marking import demo_dataset


def synthetic_data(request):
    """Tell every template whether the figures it shows are synthetic."""
    return {"synthetic_data": demo_dataset()}
