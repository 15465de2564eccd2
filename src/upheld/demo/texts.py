"""Words for demonstration records: subcategories and recommendation texts.

Written for this product in the register of published decisions (people are
"Mrs X", "Mr B"), so that service-improvement pages, decision screens and
searches have realistic text to show without any real person in it.
"""

from upheld.casework.vocabulary import Category

# Most frequent first: the generator weights them in this order. Each has its statement text
# (`upheld.decisions.demo_texts.SCENARIOS`) and its recommendations below, so that what a case is filed under
# is what its statement and its remedies are about.
SUBCATEGORIES = {
    Category.ADULT_CARE: ("Assessment and care plan", "Charging", "Residential care"),
    Category.BENEFITS_TAX: ("Council tax", "Council tax reduction"),
    Category.CORPORATE: ("Complaint handling", "Land"),
    Category.EDUCATION_CHILDREN: ("Special educational needs", "School admissions", "Child protection",
                                  "School transport"),
    Category.ENVIRONMENT: ("Refuse and recycling", "Noise"),
    Category.HIGHWAYS: ("Parking penalties", "Highway repairs"),
    Category.HOUSING: ("Homelessness", "Allocations", "Private rented housing"),
    Category.PLANNING: ("Planning applications", "Enforcement"),
    Category.OTHER: ("Other",),
}

# What went wrong, to complete the personal remedy templates.
FAULTS = {
    "Assessment and care plan": ("the delay in completing the care needs assessment",),
    "Charging": ("not explaining the care charges before the care began",),
    "Residential care": ("the poor communication about the care home placement",),
    "Council tax": ("taking recovery action before the bill was corrected",),
    "Council tax reduction": ("the delay in deciding the council tax reduction claim",),
    "Complaint handling": ("the delay in responding to the complaint",),
    "Land": ("not cutting back the trees on its land as it said it would",),
    "Special educational needs": ("the delay in issuing the Education, Health and Care plan",),
    "School admissions": ("the flawed consideration of the school admission appeal",),
    "Child protection": ("not involving the family in the assessment of the child",),
    "School transport": ("refusing school transport without assessing the walking route",),
    "Refuse and recycling": ("the repeated missed bin collections",),
    "Noise": ("not investigating the reports of noise properly",),
    "Parking penalties": ("pursuing the penalty charge without considering the evidence provided",),
    "Highway repairs": ("the delay in repairing the reported pothole",),
    "Homelessness": ("not providing suitable interim accommodation",),
    "Allocations": ("the delay in reviewing the housing application",),
    "Private rented housing": ("the delay in taking action against the landlord",),
    "Planning applications": ("not considering the impact of the development on the neighbouring home",),
    "Enforcement": ("the delay in deciding whether to take enforcement action",),
    "Other": ("the poor handling of the matter",),
}

PERSONAL_TEMPLATES = (
    "Apologise to {person} for {fault}.",
    "Pay {person} £{amount} to acknowledge the distress caused by {fault}.",
    "Pay {person} £{amount} for the time and trouble of pursuing the complaint.",
)

# A personal remedy that puts the matter itself right, where the subcategory has one.
PUTTING_RIGHT = {
    "Assessment and care plan": (
        "Reassess {person}'s care needs and share the revised care and support plan with them.",),
    "Charging": ("Refund the care charges {person} paid before the financial assessment was completed.",),
    "Council tax reduction": ("Recalculate {person}'s council tax reduction and refund any overpayment.",),
    "Complaint handling": ("Give {person} a full response to each point the complaint raised.",),
    "Special educational needs": ("Issue the final Education, Health and Care plan for {person}'s child.",),
    "School transport": ("Decide {person}'s application for school transport again, after assessing the route.",),
    "Refuse and recycling": ("Monitor {person}'s bin collections for three months and report the results to us.",),
    "Parking penalties": ("Cancel the penalty charge notice and refund any payment {person} made.",),
    "Allocations": ("Backdate {person}'s housing register priority to the date of their application.",),
    "Planning applications": (
        "Visit {person}'s home to decide whether further action on the development is possible.",),
}

SERVICE_IMPROVEMENTS = {
    "Assessment and care plan": (
        "Remind social workers that care and support plans must be shared with the person and their representative.",
        "Train care management staff in carrying out carers' assessments.",
    ),
    "Charging": (
        "Review the financial assessment procedure so that people are told about charges before their care starts.",),
    "Residential care": (
        "Review how care home places are offered within a person's budget, and make every top-up agreement in "
        "writing.",),
    "Council tax": ("Remind recovery staff to check that a bill is correct before applying for a liability order.",),
    "Council tax reduction": (
        "Review the council tax reduction procedure so that claims are decided within the published timescale.",),
    "Complaint handling": (
        "Review the complaints procedure so that every complaint gets a response within the published timescale.",
        "Remind staff to keep a note of telephone calls that inform decisions.",
    ),
    "Land": ("Keep a record of the work the Council agrees to do on its land, and check that it is done.",),
    "Special educational needs": (
        "Review the Education, Health and Care plan process so that the 20-week timescale is met, "
        "and report progress to the relevant scrutiny committee.",),
    "School admissions": ("Give school admission appeal panel members further training.",),
    "Child protection": (
        "Remind social workers to involve parents in assessments of their children and to share the outcome.",),
    "School transport": (
        "Review the school transport procedure so that walking routes are assessed before an application is "
        "refused.",),
    "Refuse and recycling": ("Review how missed collections are recorded so that repeated failures are escalated.",),
    "Noise": ("Remind officers to record how they decide whether noise amounts to a statutory nuisance.",),
    "Parking penalties": (
        "Remind parking officers to consider all the evidence before rejecting a challenge to a penalty charge.",),
    "Highway repairs": (
        "Review the highway inspection procedure so that reported defects are repaired within the published "
        "timescale.",),
    "Homelessness": (
        "Review the homelessness procedure so that the suitability of interim accommodation is assessed and "
        "recorded.",
        "Train housing options staff in the duties owed to homeless applicants.",
    ),
    "Allocations": ("Review the allocations policy so that requests for medical priority are decided promptly.",),
    "Private rented housing": (
        "Review the private sector housing procedure so that action follows promptly when a serious hazard is "
        "found.",),
    "Planning applications": (
        "Remind planning officers to record how they considered the impact of a development on neighbouring homes.",),
    "Enforcement": (
        "Review the enforcement procedure so that complainants are told what action will be taken and when.",),
    "Other": ("Share the learning from this complaint with the staff involved.",),
}

TITLES = ("Mr", "Mrs", "Ms", "Miss")
LETTERS = "BCDFGHJKLMNPRSTWXYZ"
AMOUNTS = (100, 150, 200, 250, 300, 400, 500, 750, 1000)
