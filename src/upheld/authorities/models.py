"""The councils register: which bodies exist, when, and how they compare.

A council is identified by its ONS GSS code, but codes change (Barnsley and
Sheffield were recoded in 2025) and councils are reorganised (Christchurch
became part of Bournemouth, Christchurch and Poole). So every code a council
has carried is kept in `AuthorityCode`, and `replaced_by` records what took
over when a council ended.
"""

import datetime

from django.db import models


class AuthorityType(models.TextChoices):
    """The five comparison groups ("similar authorities") of the letters."""

    COUNTY = "county", "County Councils"
    DISTRICT = "district", "District Councils"
    METROPOLITAN = "metropolitan", "Metropolitan Boroughs"
    UNITARY = "unitary", "Unitary Councils"
    LONDON = "london", "London Boroughs"


class Region(models.TextChoices):
    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE = "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class AuthorityQuerySet(models.QuerySet):
    def existing_on(self, day: datetime.date):
        """Councils that existed on `day` (start and end dates inclusive)."""
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=day),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day),
        )

    def existing_between(self, first: datetime.date, last: datetime.date):
        """Councils that existed for at least one day of [first, last]."""
        return self.filter(
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=last),
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=first),
        )

    def by_code(self, code: str):
        """The council that carries or once carried `code` (GSS or register code)."""
        return self.filter(codes__code=code.strip().upper())


class Authority(models.Model):
    gss = models.CharField("GSS code", max_length=9, unique=True, help_text="Current ONS code")
    register_code = models.CharField(max_length=4, unique=True, help_text="Three/four-letter register code")
    name = models.CharField("official name", max_length=120)
    short_name = models.CharField(max_length=80)
    index_name = models.CharField(
        "name people use", max_length=80, blank=True,
        help_text="Where it goes in an A–Z list: Bristol, not City of Bristol (blank: the short name)",
    )
    slug = models.SlugField(max_length=80, unique=True)
    type = models.CharField(max_length=12, choices=AuthorityType.choices)
    region = models.CharField(max_length=30, choices=Region.choices)
    start_date = models.DateField(
        null=True, blank=True, help_text="First day it existed, where it began after April 2013"
    )
    end_date = models.DateField(null=True, blank=True, help_text="Last day it existed")
    replaced_by = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors",
        help_text="Councils that took over its area when it ended",
    )
    population_2020 = models.PositiveIntegerField(null=True, blank=True, help_text="ONS mid-2020 estimate")

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["short_name"]
        verbose_name_plural = "authorities"

    def __str__(self) -> str:
        return self.name

    def existed_on(self, day: datetime.date) -> bool:
        return (self.start_date is None or self.start_date <= day) and (
            self.end_date is None or day <= self.end_date
        )

    def existed_between(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether it existed for at least one day of [first, last] (as `existing_between`)."""
        return ((self.start_date is None or self.start_date <= last)
                and (self.end_date is None or first <= self.end_date))

    @property
    def known_as(self) -> str:
        """The name a reader looks for it by: "Hull" for Hull City Council (short name: Kingston upon Hull)."""
        return self.index_name or self.short_name


class AuthorityName(models.Model):
    """Another name by which people look a council up: "Bristol, City of", or a former name
    ("Tewkesbury", now North Gloucestershire), which search results point out."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="other_names")
    name = models.CharField(max_length=120)
    former = models.BooleanField(default=False, help_text="A name the council no longer has")

    class Meta:
        ordering = ["authority", "name"]
        constraints = [models.UniqueConstraint(fields=["authority", "name"], name="one_of_each_name")]

    def __str__(self) -> str:
        return self.name


class AuthorityCode(models.Model):
    """Every code by which a council can be named in an import: current and former."""

    code = models.CharField(max_length=9, unique=True)
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="codes")
    current = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Population(models.Model):
    """Population used for "per 100,000 residents" in one reporting year.

    A reporting year's population is the mid-year estimate inside it: mid-2023
    (30 June 2023) for 2023-24. `upheld setup` loads ONS's estimates
    (`upheld.authorities.populations`); an import can replace one.
    """

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(
        help_text="Starting calendar year, which is the estimate's mid-year: 2023 means 2023-24 (mid-2023)")
    population = models.PositiveIntegerField()
    source = models.CharField(max_length=40, blank=True, help_text="Whose estimate it is, e.g. ONS")

    class Meta:
        ordering = ["authority", "year"]
        constraints = [models.UniqueConstraint(fields=["authority", "year"], name="one_population_per_year")]

    def __str__(self) -> str:
        return f"{self.authority.short_name} {self.year}-{(self.year + 1) % 100:02d}: {self.population}"


class ContactRole(models.TextChoices):
    CHIEF_EXECUTIVE = "chief executive", "Chief executive"
    LINK_OFFICER = "link officer", "Link officer"
    LEADER = "leader", "Council leader"
    SCRUTINY_CHAIR = "scrutiny chair", "Chair of scrutiny"
    MONITORING_OFFICER = "monitoring officer", "Monitoring officer"


class Contact(models.Model):
    """A named person at a council to whom letters are addressed or copied."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(max_length=20, choices=ContactRole.choices)
    name = models.CharField(max_length=120)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["authority", "role"]
        constraints = [models.UniqueConstraint(fields=["authority", "role"], name="one_contact_per_role")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.authority.short_name})"
