import datetime
from collections import Counter

from upheld.authorities.models import Authority, AuthorityCode, AuthorityName, AuthorityType
from upheld.authorities.register import REGISTER_FIELDS, load_register, read_register
from upheld.releases.visibility import visibility_version


def test_register_covers_english_councils_in_five_groups(db):
    counts = Counter(Authority.objects.values_list("type", flat=True))
    assert set(counts) == set(AuthorityType.values)
    assert Authority.objects.count() == 365
    # 2017-18 had 353 English councils; 2025 has 317 after the reorganisations.
    assert Authority.objects.existing_on(datetime.date(2018, 1, 1)).count() == 353
    assert Authority.objects.existing_on(datetime.date(2025, 6, 1)).count() == 317
    assert not Authority.objects.filter(region="").exists()


def test_city_of_london_and_scilly_groups(db):
    assert Authority.objects.get(gss="E09000001").type == AuthorityType.LONDON
    assert Authority.objects.get(gss="E06000053").type == AuthorityType.UNITARY


def test_reorganisation_christchurch_into_bcp(db):
    christchurch = Authority.objects.get(gss="E07000048")
    bcp = Authority.objects.get(gss="E06000058")
    assert christchurch.end_date == datetime.date(2019, 3, 31)
    assert list(christchurch.replaced_by.all()) == [bcp]
    assert bcp.start_date == datetime.date(2019, 4, 1)
    assert christchurch in bcp.predecessors.all()
    assert christchurch.existed_on(datetime.date(2019, 3, 31))
    assert not christchurch.existed_on(datetime.date(2019, 4, 1))
    assert not bcp.existed_on(datetime.date(2019, 3, 31))


def test_end_dates_given_as_successor_first_day_become_last_day(db):
    allerdale = Authority.objects.get(gss="E07000026")
    assert allerdale.end_date == datetime.date(2023, 3, 31)
    assert allerdale.region == "North West"
    assert Authority.objects.get(gss="E07000049").region == "South West"  # East Dorset, blank in source


def test_recoded_councils_resolve_by_old_and_new_codes(db):
    for old, new, name in [("E08000016", "E08000038", "Barnsley"), ("E08000019", "E08000039", "Sheffield")]:
        council = Authority.objects.by_code(new).get()
        assert council == Authority.objects.by_code(old).get()
        assert council.gss == new
        assert council.short_name == name
    assert Authority.objects.by_code(" e08000014 ").get().short_name == "Sefton"
    assert Authority.objects.by_code("SFT").get().gss == "E08000014"


def test_slugs_unique_and_readable(db):
    assert Authority.objects.get(gss="E08000014").slug == "sefton"
    assert Authority.objects.get(gss="E06000065").slug == "north-yorkshire"
    assert Authority.objects.get(gss="E10000023").slug == "north-yorkshire-county-council"


def test_load_is_idempotent(db):
    before = (Authority.objects.count(), AuthorityCode.objects.count())
    created, updated = load_register()
    assert created == 0
    assert updated == len(read_register())
    assert (Authority.objects.count(), AuthorityCode.objects.count()) == before


def test_loading_again_writes_nothing_but_the_names_in_a_few_queries(db, django_assert_max_num_queries):
    """It took a query or more for each council and code (a second and a half on PostgreSQL, before each browser
    test), and counted a change to the public state for each council, changed or not."""
    version = visibility_version()
    with django_assert_max_num_queries(10):
        load_register()
    assert visibility_version() == version


def test_an_emptied_database_is_loaded_whole_in_a_few_queries(db, django_assert_max_num_queries):
    """As after a browser test's flush: every council, code, successor and name again, and the change told."""
    def register():
        return (sorted(Authority.objects.values_list("register_code", *REGISTER_FIELDS)),
                sorted(AuthorityCode.objects.values_list("code", "authority__register_code", "current")),
                sorted(Authority.replaced_by.through.objects.values_list("from_authority__register_code",
                                                                         "to_authority__register_code")),
                sorted(AuthorityName.objects.values_list("authority__register_code", "name", "former")))

    loaded, version = register(), visibility_version()
    Authority.objects.all().delete()
    with django_assert_max_num_queries(25):
        load_register()
    assert register() == loaded
    assert visibility_version() != version


def test_a_to_z_names_are_the_names_people_use(db):
    """Bristol, Durham and Hull go under B, D and H, not under C and K by their short names."""
    for gss, short_name, known_as in [("E06000023", "City of Bristol", "Bristol"),
                                      ("E06000047", "County Durham", "Durham"),
                                      ("E06000010", "Kingston upon Hull", "Hull"),
                                      ("E08000014", "Sefton", "Sefton")]:
        council = Authority.objects.get(gss=gss)
        assert (council.short_name, council.known_as) == (short_name, known_as)


def test_other_and_former_names_are_kept_to_search_by(db):
    bristol = Authority.objects.get(gss="E06000023")
    names = dict(bristol.other_names.values_list("name", "former"))
    assert names["Bristol, City of"] is False  # one name with a comma in it, not two
    assert "City of" not in names
    # Each name once whatever its case, and not the names the council has as its fields.
    assert len({name.casefold() for name in names}) == len(names)
    assert "bristol city council" not in {name.casefold() for name in names}
    north_gloucestershire = Authority.objects.get(gss="E07000083")
    assert north_gloucestershire.name == "North Gloucestershire Council"
    assert dict(north_gloucestershire.other_names.values_list("name", "former")) == {
        "Tewkesbury": True, "Tewkesbury Borough Council": True}


def test_loading_again_keeps_one_of_each_name(db):
    before = sorted(AuthorityName.objects.values_list("authority__gss", "name", "former"))
    load_register()
    assert sorted(AuthorityName.objects.values_list("authority__gss", "name", "former")) == before
