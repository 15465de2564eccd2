"""The scale benchmark's pure helpers (the benchmark itself runs under `make bench BENCH=scale`, not here)."""

from benchmarks.scale import READ_ONLY, _database_url, growth


def test_growth_is_ten_times_over_national_for_every_figure_measured_at_both_sizes():
    figures = {"national_stats_ms": 80.0, "scale_stats_ms": 640.0, "national_export_pages": 1500,
               "scale_export_pages": 1500, "scale_only_ms": 3.0, "national_council_page": "birmingham",
               "scale_council_page": "birmingham", "national_zero_ms": 0.0, "scale_zero_ms": 1.0}
    assert growth(figures) == {"scale_stats_ms_growth": 8.0, "scale_export_pages_growth": 1.0}


def test_each_scale_has_its_own_database_on_the_throwaway_server():
    server = "postgres://postgres@127.0.0.1:5432/upheld"
    url = _database_url(server, "upheld_10x")
    assert url == "postgres://postgres@127.0.0.1:5432/upheld_10x"


def test_the_measuring_connection_refuses_writes_as_a_replica_does():
    import dj_database_url

    config = dj_database_url.parse(f"postgres://postgres@127.0.0.1:5432/upheld_10x?{READ_ONLY}")
    assert config["OPTIONS"]["options"] == "-c default_transaction_read_only=on"
