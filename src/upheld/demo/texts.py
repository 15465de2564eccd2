"""Words for demonstration records: subcategories and recommendation texts.

Written for this product in the register of published decisions (people are
"Mrs X", "Mr B"), so that service-improvement pages, decision screens and
searches have realistic text to show without any real person in it.
"""

from upheld.casework.vocabulary import Category

# Most frequent first: the generator weights them in this order.
SUBCATEGORIES = {
    Category.ADULT_CARE: (
        "Assessment and care plan", "Charging", "Residential care", "Domiciliary care",
        "Safeguarding", "Direct payments", "Transport",
    ),
    Category.BENEFITS_TAX: ("Council tax", "Council tax reduction", "Housing benefit", "Business rates"),
    Category.CORPORATE: (
        "Complaint handling", "Commercial and contracts", "Land", "Leisure and culture",
        "Elections and electoral registration", "Data protection",
    ),
    Category.EDUCATION_CHILDREN: (
        "Special educational needs", "School admissions", "Child protection", "School transport",
        "Children in care", "Disabled children", "Fostering", "Alternative provision",
    ),
    Category.ENVIRONMENT: (
        "Refuse and recycling", "Noise", "Anti-social behaviour", "Pollution", "Drainage",
        "Trees", "Pest control", "Cemeteries and crematoria",
    ),
    Category.HIGHWAYS: (
        "Parking penalties", "Highway repairs", "Blue badges", "Traffic management",
        "Concessionary travel", "Street lighting",
    ),
    Category.HOUSING: (
        "Homelessness", "Allocations", "Council house repairs", "Private rented housing",
        "Disabled facilities grants", "Right to buy",
    ),
    Category.PLANNING: (
        "Planning applications", "Enforcement", "Building control", "Land charges",
        "Trees and conservation",
    ),
    Category.OTHER: ("Other",),
}

# What went wrong, to complete the personal remedy templates.
FAULTS = {
    Category.ADULT_CARE: (
        "the delay in completing the care needs assessment",
        "not explaining the care charges before the care began",
        "the poor communication about the care home placement",
    ),
    Category.BENEFITS_TAX: (
        "the delay in deciding the council tax reduction claim",
        "taking recovery action before the bill was corrected",
        "the mistakes in the housing benefit calculation",
    ),
    Category.CORPORATE: (
        "the delay in responding to the complaint",
        "the way the contract dispute was handled",
    ),
    Category.EDUCATION_CHILDREN: (
        "the delay in issuing the Education, Health and Care plan",
        "not arranging suitable education while the child was out of school",
        "the flawed consideration of the school admission appeal",
    ),
    Category.ENVIRONMENT: (
        "the repeated missed bin collections",
        "not investigating the reports of noise properly",
    ),
    Category.HIGHWAYS: (
        "pursuing the penalty charge without considering the evidence provided",
        "the delay in repairing the reported defect",
    ),
    Category.HOUSING: (
        "not providing suitable interim accommodation",
        "the delay in reviewing the housing application",
        "the delay in carrying out repairs",
    ),
    Category.PLANNING: (
        "not considering the impact of the development on the neighbouring home",
        "the delay in deciding whether to take enforcement action",
    ),
    Category.OTHER: ("the poor handling of the matter",),
}

PERSONAL_TEMPLATES = (
    "Apologise to {person} for {fault}.",
    "Pay {person} £{amount} to acknowledge the distress caused by {fault}.",
    "Pay {person} £{amount} for the time and trouble of pursuing the complaint.",
)

# A personal remedy that puts the matter itself right, where the category has one.
PUTTING_RIGHT = {
    Category.ADULT_CARE: (
        "Reassess {person}'s care needs and share the revised care and support plan with them.",
        "Refund the care charges {person} paid before the financial assessment was completed.",
    ),
    Category.BENEFITS_TAX: ("Recalculate {person}'s council tax reduction and refund any overpayment.",),
    Category.CORPORATE: ("Give {person} a full response to each point the complaint raised.",),
    Category.EDUCATION_CHILDREN: ("Issue the final Education, Health and Care plan for {person}'s child.",),
    Category.ENVIRONMENT: ("Monitor {person}'s bin collections for three months and report the results to us.",),
    Category.HIGHWAYS: ("Cancel the penalty charge notice and refund any payment {person} made.",),
    Category.HOUSING: ("Backdate {person}'s housing register priority to the date of their application.",),
    Category.PLANNING: ("Visit {person}'s home to decide whether further action on the development is possible.",),
    Category.OTHER: (),
}

SERVICE_IMPROVEMENTS = {
    Category.ADULT_CARE: (
        "Remind social workers that care and support plans must be shared with the person and their representative.",
        "Review the financial assessment procedure so that people are told about charges before their care starts.",
        "Train care management staff in carrying out carers' assessments.",
    ),
    Category.BENEFITS_TAX: (
        "Review the council tax reduction procedure so that claims are decided within the published timescale.",
        "Remind recovery staff to check that a bill is correct before applying for a liability order.",
    ),
    Category.CORPORATE: (
        "Review the complaints procedure so that every complaint gets a response within the published timescale.",
        "Remind staff to keep a note of telephone calls that inform decisions.",
    ),
    Category.EDUCATION_CHILDREN: (
        "Review the Education, Health and Care plan process so that the 20-week timescale is met, "
        "and report progress to the relevant scrutiny committee.",
        "Remind officers of the duty to arrange suitable education for children out of school.",
        "Give school admission appeal panel members further training.",
    ),
    Category.ENVIRONMENT: (
        "Review how missed collections are recorded so that repeated failures are escalated.",
        "Remind officers to record how they decide whether noise amounts to a statutory nuisance.",
    ),
    Category.HIGHWAYS: (
        "Remind parking officers to consider all the evidence before rejecting a challenge to a penalty charge.",
        "Review the highway inspection procedure so that reported defects are repaired within the published timescale.",
    ),
    Category.HOUSING: (
        "Review the homelessness procedure so that the suitability of interim accommodation is assessed and recorded.",
        "Train housing options staff in the duties owed to homeless applicants.",
        "Review the allocations policy so that requests for medical priority are decided promptly.",
    ),
    Category.PLANNING: (
        "Remind planning officers to record how they considered the impact of a development on neighbouring homes.",
        "Review the enforcement procedure so that complainants are told what action will be taken and when.",
    ),
    Category.OTHER: ("Share the learning from this complaint with the staff involved.",),
}

TITLES = ("Mr", "Mrs", "Ms", "Miss")
LETTERS = "BCDFGHJKLMNPRSTWXYZ"
AMOUNTS = (100, 150, 200, 250, 300, 400, 500, 750, 1000)
