"""Gunicorn settings for `upheld serve` (`--config python:upheld.site.gunicorn_config`)."""


def when_ready(server):
    """Print the address only once gunicorn listens on it, so the address printed answers."""
    for listener in server.LISTENERS:
        print(f"upheld is serving on {listener}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
