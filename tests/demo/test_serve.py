"""`upheld serve` for real: gunicorn in a child process answering over HTTP."""

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

UPHELD = str(Path(sys.executable).with_name("upheld"))


def test_serve_answers_on_the_address_it_prints(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'upheld.sqlite3'}", "UPHELD_VAR_DIR": str(tmp_path)}
    subprocess.run([UPHELD, "setup"], env=env, check=True, cwd=tmp_path, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([UPHELD, "serve", "--port", "0"], env=env, cwd=tmp_path,
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        address = re.fullmatch(r"upheld is serving on (http://127\.0\.0\.1:\d+)\n", line)
        assert address, line
        with urllib.request.urlopen(address[1] + "/", timeout=10) as response:  # noqa: S310 - our own server
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        server.stdout.close()
