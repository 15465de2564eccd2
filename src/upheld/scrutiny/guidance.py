"""How councillors should read the figures, in one place: the hub, each council's page and the pack say it alike."""

from upheld.stats import registry

HOW_TO_USE = (
    "The figures are a start of a conversation, not a verdict. A council that receives many complaints may "
    "simply make it easy to complain, and one with few may make it hard. Ask what lies behind a figure before "
    "drawing a conclusion from it.",
    "Compare your council with similar authorities, the councils of the same kind (county, district, "
    "metropolitan borough, unitary or London borough), rather than with councils that provide different "
    "services. The average for similar authorities is pooled: all their upheld decisions over all their "
    "detailed investigations, so that every complaint counts the same.",
    "Small numbers mislead. When a rate rests on a handful of cases, one decision more or less moves it a long "
    "way: look at the base count beside every rate, and at the 95% interval, the range in which the underlying "
    "rate probably lies. Two councils whose intervals overlap may not really differ.",
    "The decisions, service improvements, reports and suggested questions show what lies behind the numbers: "
    "what went wrong for people, and what the council agreed to change.",
)

NOT_APPLICABLE_NOTE = " ".join((registry.NOT_APPLICABLE_NOTE, registry.NO_INTERVAL_NOTE, registry.TOO_FEW_NOTE))

POOLED_NOTE = ("Similar authorities: the pooled figures of all {group}, that is the total of their cases counted by "
               "each measure over the total of its base.")
