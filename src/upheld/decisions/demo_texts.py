"""Words for demonstration decision statements, written for this product.

Each subcategory of each category has its scenario (`SCENARIOS[category][subcategory]`, for the
subcategories the casework generator gives, `upheld.demo.texts.SUBCATEGORIES`), so that what a statement
says is what it is filed under: what the complaint was about, what happened,
the law or guidance that applied, what fault (or no fault) looked like and the
injustice it caused. `upheld.decisions.demo` assembles a statement from one
scenario, a person ("Mrs X"), the months leading up to the decision and the
remedies the casework records, choosing among the variants here so that
55,000 statements do not read alike. Placeholders: {person} ("Mrs X"), {he},
{him}, {his}, {He}, {His}, {child} (an initial), {m1}..{m3} (months before the
decision, oldest first), {council} ("the Council"). An injustice completes "This caused ...".
"""

from upheld.casework.vocabulary import Category

ROLE_INVESTIGATION = (
    "We investigate complaints about ‘maladministration’ and ‘service failure’. In this statement, I have used "
    "the word ‘fault’ to refer to these. We must also consider whether any fault has had an adverse impact on the "
    "person making the complaint. I refer to this as ‘injustice’. If there has been fault which has caused an "
    "injustice, we may suggest a remedy. (Local Government Act 1974, sections 26(1) and 26A(1), as amended)",
    "When considering complaints, if there is a conflict of evidence, we make findings based on the balance of "
    "probabilities. This means that we will weigh up the available relevant evidence and base our findings on what "
    "we think was more likely to have happened.",
    "If we are satisfied with an organisation’s actions or proposed actions, we can complete our investigation and "
    "issue a decision statement. (Local Government Act 1974, section 30(1B) and 34H(i), as amended)",
)
ROLE_ASSESSMENT = (
    "We investigate complaints of injustice caused by ‘maladministration’ and ‘service failure’. I have used the "
    "word ‘fault’ to refer to these. We cannot question whether a council’s decision is right or wrong simply "
    "because the complainant disagrees with it. We must consider whether there was fault in the way the decision "
    "was reached. (Local Government Act 1974, section 34(3), as amended)",
    "We may decide not to start or continue with an investigation if we decide any injustice is not significant "
    "enough to justify our involvement, or there is not enough evidence of fault to justify investigating, or it "
    "is unlikely we would add to any previous investigation by the organisation, or it is unlikely further "
    "investigation will lead to a different outcome. (Local Government Act 1974, section 24A(6), as amended)",
)
APPEAL_POWER = (
    "The law says we cannot normally investigate a complaint when someone can appeal to a tribunal. However, we may "
    "decide to investigate if we consider it would be unreasonable to expect the person to appeal. "
    "(Local Government Act 1974, section 26(6)(a), as amended)"
)
CONSIDERED = (
    ("I considered the information {person} provided and discussed the complaint with {him}.",
     "I read {person}’s complaint and the Council’s response to it, and spoke to {him} about it.",
     "I considered what {person} told us in {his} complaint and the documents {he} sent."),
    ("I made enquiries of the Council and considered the information it provided, including its case records.",
     "I asked the Council for information and considered its reply, together with the relevant law and guidance.",
     "I considered the Council’s records of what happened and the relevant law, policy and guidance."),
    ("{person} and the Council had an opportunity to comment on my draft decision. I considered any comments "
     "received before making a final decision.",
     "I shared a draft of this decision with {person} and the Council and considered their comments before "
     "reaching my final decision."),
)
CONSIDERED_ASSESSMENT = (
    "I considered the information provided by {person} and the Council, which included the complaint and the "
    "Council’s responses. I also considered our Assessment Code.",
    "I read the complaint and the Council’s responses to it, and considered our Assessment Code.",
    "I considered {person}’s complaint, the information {he} provided and the Council’s replies, and our "
    "Assessment Code.",
)
# Why a complaint closed after initial enquiries was not investigated.
CLOSURE_REASONS = (
    ("there is not enough evidence of fault by the Council to justify an investigation",
     "The Council considered the relevant information and explained its decision. We cannot question the merits "
     "of a decision made without fault, and I have seen nothing to suggest the Council’s decision was flawed."),
    ("it is unlikely we would find fault or add to the Council’s own investigation",
     "The Council has already investigated the complaint, accepted it could have communicated better and "
     "apologised. That is a suitable response and it is unlikely an investigation would achieve anything more."),
    ("{person} could have appealed to a tribunal",
     "{person} had a right of appeal to a tribunal and I consider it reasonable to have expected {him} to use it. "
     "The tribunal can consider the merits of the decision, which we cannot."),
    ("the injustice to {person} is not significant enough to justify our involvement",
     "Even if there was some fault, the impact on {person} is not significant enough for us to pursue. "
     "The Council has now dealt with the underlying matter."),
    ("the complaint is late and there are no good reasons for us to consider it now",
     "The events complained about happened more than twelve months before {person} complained to us. I have seen "
     "no good reason why {he} could not have come to us sooner."),
    ("the matter is not one we can investigate",
     "The complaint is about matters the law does not allow us to investigate, including the Council’s "
     "actions as a landlord and its commercial decisions."),
)
FINAL_DECISIONS = {
    "by_ombudsman": (
        "I have completed my investigation. I found fault by the Council which caused {person} injustice. "
        "The Council has agreed to take the action I recommended to remedy that injustice.",
        "I found fault causing injustice. The agreed action remedies the injustice, so I have completed my "
        "investigation.",
        "There was fault by the Council which caused injustice to {person}. I am satisfied with the action the "
        "Council has agreed to take and have completed my investigation.",
    ),
    "satisfactory_by_authority": (
        "I found fault by the Council, but it had already taken action which remedies the injustice it caused "
        "before we became involved. I have completed my investigation.",
        "There was fault, but the Council put things right before {person} came to us. I have completed my "
        "investigation.",
    ),
    "none": (
        "I found fault by the Council, but it did not cause {person} a significant injustice, so I have completed "
        "my investigation without recommending a remedy.",
        "There was fault, but I cannot say it changed the outcome for {person}. I have completed my investigation.",
    ),
    "not_upheld": (
        "I have completed my investigation. I found no fault by the Council.",
        "I do not uphold {person}’s complaint. There was no fault in the way the Council acted.",
        "I have found no fault by the Council and have completed my investigation.",
    ),
    "closed_initial": (
        "We will not investigate {person}’s complaint because {reason}.",
        "I will not investigate this complaint because {reason}.",
    ),
}
AGREED_OPENINGS = (
    "Within one month of my final decision, the Council has agreed to:",
    "To remedy the injustice caused, within four weeks of my decision the Council has agreed to:",
    "The Council has agreed to complete the following within one month of my final decision:",
)
IMPROVEMENT_OPENINGS = (
    "Within three months of my final decision, the Council has agreed to:",
    "To prevent a recurrence, within three months the Council has agreed to:",
)
EVIDENCE = (
    "The Council should provide us with evidence it has complied with the above actions.",
    "The Council will send us evidence that it has done these things.",
)
SATISFACTORY_ACTIONS = (
    "apologised to {person} and explained what had gone wrong",
    "apologised and paid {person} £{amount} for the distress caused",
    "corrected its records and apologised to {person}",
    "put right the underlying problem and apologised for the delay",
)
WHAT_HAPPENED = ("What happened", "Background", "What happened next")
MONTH_OPENERS = ("In {m}", "During {m}", "By {m}", "Early in {m}", "Later, in {m}")

S = Category
SCENARIOS = {
    S.ADULT_CARE: {
        "Assessment and care plan": dict(
            topic="the way the Council assessed {his} mother’s care needs",
            complaint="the Council took too long to assess {his} mother’s care needs and then did not arrange "
                      "the care she was assessed as needing",
            law="The Care Act 2014 says councils must assess the needs of any adult who appears to need care and "
                "support. The assessment must be carried out within a reasonable time. Where the council decides "
                "the person has eligible needs, it must prepare a care and support plan and meet those needs.",
            events=("{person} asked the Council to assess {his} mother’s needs in {m1} after she was discharged "
                    "from hospital.",
                    "A social worker visited in {m2}. The assessment found she needed help with personal care "
                    "twice a day.",
                    "The Council did not arrange the care until {m3}. In the meantime {person} provided the care "
                    "{him}self and took unpaid leave from work."),
            fault="the Council took several months to complete the assessment and did not arrange the care it "
                  "had agreed was needed",
            no_fault="the Council assessed {person}’s mother promptly, involved the family and arranged care "
                     "that met the needs identified",
            injustice="{person} distress and lost earnings, providing care {he} should not have had to "
                      "provide"),
        "Charging": dict(
            topic="the charges for {his} father’s care",
            complaint="the Council did not tell the family that {his} father would have to pay towards his care "
                      "and then sent an invoice for several months of charges",
            law="Councils may charge for the care and support they arrange, after a financial assessment. The "
                "Care and Support Statutory Guidance says people should be told about charges before their care "
                "begins, so that they can make informed choices.",
            events=("{person}’s father began receiving home care in {m1}.",
                    "The Council completed a financial assessment in {m2}, four months later.",
                    "In {m3} the Council sent an invoice for the charges backdated to the start of the care."),
            fault="the Council did not explain the charges before care began and delayed the financial "
                  "assessment, so a large debt built up",
            no_fault="the Council explained the charges in writing before the care started and calculated them "
                     "in line with its charging policy",
            injustice="the family an unexpected bill and the loss of the chance to make other arrangements"),
        "Residential care": dict(
            topic="the Council’s handling of {his} aunt’s move to a care home",
            complaint="the Council did not consider the family’s choice of care home and did not explain the "
                      "top-up fee it asked them to pay",
            law="The Care and Support and Aftercare (Choice of Accommodation) Regulations 2014 give people the "
                "right to choose their care home, provided it can meet their needs. Where the preferred home costs "
                "more than the council’s personal budget, a third party may pay a top-up, but only if it is "
                "affordable and properly agreed in writing.",
            events=("{person}’s aunt moved into a care home in {m1}.",
                    "The family was told in {m2} that they would need to pay a weekly top-up.",
                    "No written top-up agreement was made before the Council began invoicing in {m3}."),
            fault="the Council did not offer a home that could meet the aunt’s needs within her personal budget "
                  "and did not make a proper top-up agreement",
            no_fault="the Council offered a suitable home within the personal budget and explained the top-up "
                     "arrangement before the family agreed to it",
            injustice="{person} to pay top-up fees {he} may not have needed to pay"),
    },
    S.BENEFITS_TAX: {
        "Council tax": dict(
            topic="council tax recovery action",
            complaint="the Council took recovery action and obtained a liability order for council tax that "
                      "{he} did not owe",
            law="Councils must issue a reminder before they apply to the magistrates’ court for a liability "
                "order. They should consider any dispute about a bill before taking recovery action.",
            events=("{person} told the Council in {m1} that {he} had moved out of the property.",
                    "The Council did not update its records and sent a reminder in {m2}.",
                    "In {m3} the Council obtained a liability order and passed the debt to enforcement agents."),
            fault="the Council did not act on {person}’s notification that {he} had moved and took recovery "
                  "action for a debt it should have known was disputed",
            no_fault="the Council sent the bills and reminders the law requires and {person} did not tell it "
                     "about the change until after the liability order was made",
            injustice="{person} distress and enforcement fees"),
        "Council tax reduction": dict(
            topic="the Council’s decision on {his} council tax reduction claim",
            complaint="the Council delayed deciding {his} claim for council tax reduction and miscalculated "
                      "the amount",
            law="Council tax reduction schemes are set by each council. The council should decide a claim "
                "promptly once it has the information it needs, and tell the claimant how it has calculated "
                "the award and how to appeal.",
            events=("{person} claimed council tax reduction in {m1} after {his} hours at work were cut.",
                    "The Council asked for payslips, which {person} provided in {m2}.",
                    "The Council did not decide the claim until {m3} and did not include all of {his} income "
                    "correctly."),
            fault="the Council took too long to decide the claim once it had the information it needed",
            no_fault="the Council decided the claim promptly once {person} provided the evidence it asked for",
            injustice="{person} uncertainty about what {he} owed, and bills {he} could not pay",
            appeal=True),
    },
    S.CORPORATE: {
        "Complaint handling": dict(
            topic="the way the Council handled {his} complaint",
            complaint="the Council did not respond to {his} complaint within the timescales in its complaints "
                      "procedure and did not answer the points {he} raised",
            law="The Council’s complaints procedure has two stages. It says the Council will reply within 20 "
                "working days at each stage.",
            events=("{person} complained to the Council in {m1}.",
                    "The Council acknowledged the complaint but did not reply until {m2}, after {person} chased it "
                    "several times.",
                    "{person} asked for a stage two review. The Council replied in {m3} but did not deal with "
                    "two of {his} points."),
            fault="the Council delayed its replies and did not deal with all the points {person} raised",
            no_fault="the Council replied to each point {person} raised within the timescales of its procedure",
            injustice="{person} time and trouble in pursuing the complaint"),
        "Land": dict(
            topic="the Council’s management of land next to {his} home",
            complaint="the Council did not maintain land it owns next to {his} home, allowing trees to overhang "
                      "{his} garden",
            law="Councils manage their land as any landowner would. We can look at whether they followed their "
                "own policies on inspecting and maintaining it.",
            events=("{person} reported the overhanging trees in {m1}.",
                    "An officer inspected the trees in {m2} and said they would be cut back.",
                    "The work had not been done by {m3}."),
            fault="the Council said it would cut the trees back and then did not do so",
            no_fault="the Council inspected the land, decided in line with its policy that no work was needed, "
                     "and explained why",
            injustice="{person} frustration and uncertainty"),
    },
    S.EDUCATION_CHILDREN: {
        "Special educational needs": dict(
            topic="the Council’s handling of {his} son’s Education, Health and Care plan",
            complaint="the Council delayed issuing an Education, Health and Care plan for {his} son, {child}, "
                      "and did not arrange the provision in it",
            law="The Children and Families Act 2014 and the SEND Code of Practice say the whole process, from "
                "a request for an assessment to issuing a final plan, should take no more than 20 weeks. The "
                "council must secure the special educational provision in the plan.",
            events=("{person} asked the Council to assess {child}’s needs in {m1}.",
                    "The Council agreed to assess, but the educational psychologist’s advice was not received "
                    "until {m2}.",
                    "The final plan was issued in {m3}, well beyond the 20-week timescale, and {child} did not "
                    "receive the speech and language therapy it specified for a further term."),
            fault="the Council took longer than the law allows to issue the plan and did not secure the "
                  "provision in it",
            no_fault="the Council issued the plan within the statutory timescale and the provision was in place "
                     "when the plan was finalised",
            injustice="{child} to miss provision {child} was entitled to, and {person} distress and "
                      "uncertainty",
            appeal=True),
        "School admissions": dict(
            topic="the school admission appeal for {his} daughter",
            complaint="the independent appeal panel did not properly consider {his} appeal for a place for "
                      "{his} daughter, {child}, at {his} preferred school",
            law="The School Admission Appeals Code says the panel must decide whether the admission "
                "arrangements were correctly applied and then balance the prejudice to the school against the "
                "appellant’s case.",
            events=("{person} applied for a place for {child} in {m1} and was refused.",
                    "{He} appealed and the panel heard the appeal in {m2}.",
                    "The decision letter sent in {m3} did not explain why the panel found the school’s case "
                    "outweighed {person}’s."),
            fault="the panel’s decision letter did not show that it balanced {person}’s case against the "
                  "school’s",
            no_fault="the panel followed the Code, considered {person}’s reasons and explained its decision",
            injustice="{person} uncertainty about whether {child} would have been given a place"),
        "School transport": dict(
            topic="the Council’s refusal of free school transport for {his} son",
            complaint="the Council refused free school transport for {his} son, {child}, without properly "
                      "considering whether the walking route to school was safe",
            law="The Education Act 1996 says councils must arrange free travel to school for children of "
                "compulsory school age who live beyond the statutory walking distance of their nearest suitable "
                "school, or whose route would not be safe to walk. The travel to school guidance says councils "
                "should assess a route before deciding it is available to walk, and offer a two-stage review.",
            events=("{person} applied for school transport for {child} in {m1}.",
                    "The Council refused the application in {m2}, saying {child} lived within the statutory "
                    "walking distance.",
                    "{person} asked for a review, saying part of the route had no pavement. The review in {m3} "
                    "upheld the refusal without assessing the route."),
            fault="the Council did not assess whether the walking route was safe before refusing school transport",
            no_fault="the Council measured and assessed the walking route in line with the guidance and explained "
                     "why it was available to walk",
            injustice="{person} the cost of taking {child} to school, and uncertainty about whether {child} was "
                      "entitled to free school transport"),
        "Child protection": dict(
            topic="the Council’s children’s services",
            complaint="the Council did not properly investigate {his} concerns and did not share its "
                      "assessment of {his} child, {child}, with {him}",
            law="Working Together to Safeguard Children sets out how councils should carry out assessments "
                "under the Children Act 1989. Parents should be involved and told the outcome.",
            events=("{person} raised concerns with the Council about {child} in {m1}.",
                    "A social worker completed an assessment in {m2}.",
                    "{person} did not receive a copy of the assessment until {m3}, after {he} complained."),
            fault="the Council did not involve {person} in the assessment or share its outcome with {him}",
            no_fault="the Council assessed the concerns properly, involved {person} and shared the outcome",
            injustice="{person} distress and the loss of the chance to comment on the assessment"),
    },
    S.ENVIRONMENT: {
        "Refuse and recycling": dict(
            topic="missed bin collections",
            complaint="the Council repeatedly failed to collect {his} assisted bin collection",
            law="The Council provides an assisted collection for residents who cannot take their bins to the "
                "kerb. Its policy says a missed collection will be put right within two working days.",
            events=("{person} has had an assisted collection since {m1}.",
                    "Between {m2} and {m3} the collection was missed on at least eight occasions.",
                    "Each time {person} reported the missed collection, the Council said it would put crews on "
                    "notice."),
            fault="the Council repeatedly missed the assisted collection and did not put in place measures "
                  "to stop it happening again",
            no_fault="the Council collected the bins on the scheduled days and put right the two missed "
                     "collections within the timescale in its policy",
            injustice="{person} frustration, and the need to store waste in {his} home"),
        "Noise": dict(
            topic="the Council’s response to noise from a neighbouring property",
            complaint="the Council did not properly investigate {his} reports of noise from a neighbouring "
                      "property",
            law="The Environmental Protection Act 1990 says councils must take reasonable steps to investigate "
                "complaints of a statutory nuisance. Whether noise is a statutory nuisance is a matter for the "
                "officer’s professional judgement.",
            events=("{person} first reported loud music from a neighbouring flat in {m1}.",
                    "The Council sent diary sheets and installed noise monitoring equipment in {m2}.",
                    "In {m3} the Council closed the case, saying it had not witnessed a statutory nuisance."),
            fault="the Council closed the case without considering the recordings {person} sent or recording "
                  "how it reached its view",
            no_fault="the Council investigated the reports, considered the evidence and reached a view it was "
                     "entitled to reach",
            injustice="{person} uncertainty about whether the outcome would have been different"),
    },
    S.HIGHWAYS: {
        "Parking penalties": dict(
            topic="a penalty charge notice",
            complaint="the Council did not consider the evidence {he} sent when {he} challenged a penalty "
                      "charge notice",
            law="The Traffic Management Act 2004 allows motorists to make representations against a penalty "
                "charge. The council must consider them and, if it rejects them, explain the right of appeal to "
                "the independent Traffic Penalty Tribunal.",
            events=("{person} was issued a penalty charge notice in {m1}.",
                    "{He} made representations in {m2}, with a copy of {his} valid permit.",
                    "The Council rejected the representations in {m3} without referring to the permit."),
            fault="the Council rejected the representations without considering the evidence sent",
            no_fault="the Council considered the representations and explained the right of appeal",
            injustice="{person} frustration and a charge {he} may not have owed",
            appeal=True),
        "Highway repairs": dict(
            topic="the Council’s response to a reported highway defect",
            complaint="the Council did not repair a pothole {he} reported, which later damaged {his} car",
            law="The Highways Act 1980 says highway authorities must maintain the highway. Councils inspect "
                "roads and decide which defects to repair, and how quickly, under their highway maintenance "
                "policy.",
            events=("{person} reported the pothole in {m1}.",
                    "An inspection in {m2} recorded the defect as needing repair within 28 days.",
                    "The repair had not been made by {m3}."),
            fault="the Council did not repair the defect within the timescale its own inspection set",
            no_fault="the Council inspected the road in line with its policy and repaired the defect within "
                     "the timescale it set",
            injustice="{person} time and trouble (a claim for the damage to the car is for the courts)"),
    },
    S.HOUSING: {
        "Homelessness": dict(
            topic="the Council’s handling of {his} homelessness application",
            complaint="the Council did not provide suitable interim accommodation when {he} became homeless "
                      "and delayed deciding {his} application",
            law="Part 7 of the Housing Act 1996 says councils must secure interim accommodation for homeless "
                "applicants who may be eligible and in priority need. The accommodation must be suitable, taking "
                "account of the household’s needs.",
            events=("{person} approached the Council as homeless in {m1}.",
                    "The Council placed {him} and {his} children in a single room in bed and breakfast "
                    "accommodation, over an hour from the children’s school.",
                    "The family remained there until {m3}, well beyond the six weeks the law allows."),
            fault="the Council kept the family in bed and breakfast accommodation for longer than the law "
                  "allows and did not assess whether the accommodation was suitable",
            no_fault="the Council provided interim accommodation on the day {person} approached it, assessed "
                     "its suitability and moved the family within the legal timescale",
            injustice="{person} and {his} children to live in unsuitable accommodation for longer than "
                      "they should have"),
        "Allocations": dict(
            topic="the priority the Council gave {his} housing application",
            complaint="the Council did not properly consider the medical evidence {he} sent when deciding the "
                      "priority of {his} housing register application",
            law="Councils must have an allocation scheme that gives reasonable preference to people who need "
                "to move on medical or welfare grounds, and must follow it.",
            events=("{person} applied to join the housing register in {m1}, with letters from {his} GP.",
                    "The Council placed {him} in its lowest band in {m2}.",
                    "{He} asked for a review. The review in {m3} did not mention the medical evidence."),
            fault="the Council did not consider the medical evidence before deciding {person}’s priority",
            no_fault="the Council considered the medical evidence and applied its allocation scheme correctly",
            injustice="{person} the possible loss of the chance to bid for properties in a higher band"),
        "Private rented housing": dict(
            topic="repairs to {his} home",
            complaint="the Council took too long to deal with damp and mould in {his} home",
            law="The Housing Act 2004 gives councils powers to deal with hazards in private rented homes, using "
                "the Housing Health and Safety Rating System. We can look at how a council used those powers.",
            events=("{person} reported damp and mould in the property in {m1}.",
                    "An environmental health officer inspected in {m2} and found a category 1 hazard.",
                    "The Council did not serve a notice on the landlord until {m3}."),
            fault="the Council delayed taking action after finding a serious hazard",
            no_fault="the Council inspected promptly and took proportionate action in line with its "
                     "enforcement policy",
            injustice="{person} to live with damp and mould for longer than necessary"),
    },
    S.PLANNING: {
        "Planning applications": dict(
            topic="the Council’s decision to grant planning permission for an extension next door",
            complaint="the Council did not properly consider the impact of a neighbour’s extension on {his} "
                      "home when it granted planning permission",
            law="Councils must decide planning applications in line with the development plan unless material "
                "considerations indicate otherwise. The effect of a development on neighbouring homes, "
                "including loss of light and privacy, is a material consideration.",
            events=("The neighbour applied for planning permission for a two-storey extension in {m1}.",
                    "{person} objected in {m2}, saying the extension would overshadow {his} kitchen.",
                    "The Council granted permission in {m3}. The officer’s report did not mention the effect "
                    "on {person}’s kitchen window."),
            fault="the officer’s report did not show the Council considered the effect of the extension on "
                  "{person}’s home",
            no_fault="the officer’s report described the impact on {person}’s home and explained why the "
                     "Council considered it acceptable",
            injustice="{person} uncertainty about whether the decision would have been different"),
        "Enforcement": dict(
            topic="the Council’s response to a reported breach of planning control",
            complaint="the Council did not take enforcement action against a business operating without "
                      "planning permission near {his} home",
            law="Councils have discretion to take planning enforcement action and should do so only where it "
                "is expedient. They should investigate reported breaches and tell complainants what they "
                "decide.",
            events=("{person} reported the business in {m1}.",
                    "An enforcement officer visited in {m2} and found a breach of planning control.",
                    "By {m3} the Council had not decided whether to take action or told {person} what it was "
                    "doing."),
            fault="the Council delayed deciding whether to take enforcement action and did not keep "
                  "{person} informed",
            no_fault="the Council investigated the report, decided it was not expedient to take action and "
                     "explained why",
            injustice="{person} frustration and uncertainty"),
    },
    S.OTHER: {
        "Other": dict(
            topic="the Council’s communication with {him}",
            complaint="the Council did not reply to {his} letters about a shared boundary",
            law="We expect councils to reply to correspondence within a reasonable time.",
            events=("{person} wrote to the Council in {m1}.",
                    "{He} wrote again in {m2}.",
                    "The Council did not reply until {m3}."),
            fault="the Council did not reply to {person}’s letters for several months",
            no_fault="the Council replied to {person}’s letters within a reasonable time",
            injustice="{person} time and trouble"),
    },
}

# Public interest report titles: the headline a report's press release would carry.
REPORT_TITLES = {
    S.ADULT_CARE: ("Family left to care for elderly mother after council delays",
                   "Council charged for care without explaining the costs"),
    S.BENEFITS_TAX: ("Council took a resident to court over a debt she did not owe",),
    S.CORPORATE: ("Council ignored complaints for more than a year",),
    S.EDUCATION_CHILDREN: ("Child left without education for two terms",
                           "Council failed to provide support set out in child’s care plan"),
    S.ENVIRONMENT: ("Resident with disabilities let down by repeated missed bin collections",),
    S.HIGHWAYS: ("Council pursued parking fines without looking at the evidence",),
    S.HOUSING: ("Family kept in bed and breakfast for months",
                "Council left tenant living with serious damp hazard"),
    S.PLANNING: ("Council failed to consider impact of extension on neighbour",),
    S.OTHER: ("Council failed to answer a resident’s letters",),
}

FOCUS_REPORTS = (
    dict(slug="out-of-school-out-of-sight", title="Out of school, out of sight? Children missing education",
         published=(2022, 7, 14), categories=(S.EDUCATION_CHILDREN,),
         summary="What our complaints tell us about councils’ duty to arrange suitable education for children "
                 "who are out of school because of illness, exclusion or a lack of a suitable place.",
         body="Every child has the right to a suitable education. When a child cannot attend school, the duty to "
              "arrange education falls to the council, whatever the reason.\n\nThe complaints we see show "
              "councils waiting for schools to act, relying on parents to chase, and treating a reduced timetable "
              "as if it were full-time education. Children have lost months of learning.\n\nCouncils that do "
              "this well keep a single record of children out of school, act as soon as they know a child is "
              "missing education and review the arrangements regularly.",
         questions=("How does the council know which children are missing education, and who checks the list?",
                    "How quickly does the council act once it knows a child is not receiving suitable education?",
                    "How many children are on reduced timetables, and for how long?",
                    "What information do parents get about the council’s duty and how to ask for help?")),
    dict(slug="housing-homeless-families", title="Temporary accommodation for homeless families",
         published=(2023, 3, 9), categories=(S.HOUSING,),
         summary="Lessons from complaints about families placed in bed and breakfast and other unsuitable "
                 "temporary accommodation.",
         body="The law limits the time families with children can spend in bed and breakfast accommodation to "
              "six weeks. Our complaints show that limit being exceeded, often without the family’s "
              "circumstances being assessed at all.\n\nSuitability is not only about the room: it is about "
              "distance from school and work, medical needs and the length of the stay.",
         questions=("How many families with children are in bed and breakfast accommodation, and for how long?",
                    "How does the council record its assessment of the suitability of temporary accommodation?",
                    "What does the council do when it cannot find suitable accommodation within six weeks?",
                    "How are families told of their right to ask for a review of suitability?")),
    dict(slug="charging-for-care", title="Charging for adult social care: getting it right",
         published=(2021, 10, 21), categories=(S.ADULT_CARE,),
         summary="How councils can avoid the unexpected bills and disputes that make up many of our care "
                 "charging complaints.",
         body="People have the right to know what they will pay before their care begins. Many complaints we "
              "uphold arise from financial assessments completed months after care started.\n\nGood practice "
              "includes written information at the first visit, prompt financial assessments and clear "
              "top-up agreements.",
         questions=("How long does the council take to complete financial assessments after care starts?",
                    "What information about charges do people get before their care begins?",
                    "How does the council make sure top-up agreements are affordable and in writing?",
                    "How many charging complaints did the council receive last year, and what changed as a result?")),
    dict(slug="council-tax-enforcement", title="Council tax collection and enforcement",
         published=(2020, 2, 6), categories=(S.BENEFITS_TAX,),
         summary="Complaints about council tax recovery action, liability orders and enforcement agents.",
         body="Recovery action should be a last resort. Complaints show councils pressing on with court action "
              "while a dispute about the bill was unresolved, and enforcement agents instructed against people "
              "in vulnerable circumstances.",
         questions=("How does the council make sure disputed bills are resolved before recovery action?",
                    "How does the council identify people in vulnerable circumstances before using enforcement "
                    "agents?",
                    "How does the council monitor the enforcement agents acting on its behalf?")),
    dict(slug="planning-enforcement", title="Planning enforcement: keeping residents informed",
         published=(2019, 11, 28), categories=(S.PLANNING,),
         summary="What we have learned from complaints about councils’ handling of reported breaches of "
                 "planning control.",
         body="Councils have wide discretion over whether to take enforcement action, but residents who report "
              "a breach are entitled to know what the council has decided and why.",
         questions=("Does the council publish a local enforcement plan, and does it follow it?",
                    "How long does the council take to investigate reported breaches?",
                    "How are people who report breaches told what the council has decided?")),
    dict(slug="effective-complaint-handling", title="Effective complaint handling for councils",
         published=(2024, 5, 16), categories=(S.CORPORATE, S.ENVIRONMENT, S.HIGHWAYS, S.OTHER),
         summary="Good complaint handling prevents injustice from growing. This report draws on complaints "
                 "across every service area.",
         body="Many of the complaints we uphold would not have reached us if the council’s own complaint "
              "handling had been effective.\n\nThe Complaint Handling Code sets out what good looks like: clear "
              "timescales, a senior officer with responsibility for complaints and learning reported to "
              "councillors.",
         questions=("Who in the council is responsible for complaint handling, and how do councillors hear "
                    "about it?",
                    "How many complaints were answered within the council’s timescales last year?",
                    "What service improvements resulted from complaints, and how were they checked?",
                    "How does the council share the learning from our decisions across its services?")),
)
