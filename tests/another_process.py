"""Make a file in a fresh Python process, in another time zone: what its bytes must not depend on."""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys

# Django sets the process's TZ from settings.TIME_ZONE at setup, so the zone is changed after it.
SCRIPT = """
import importlib, os, pickle, sys, time
import django
django.setup()
os.environ["TZ"] = "Pacific/Kiritimati"  # UTC+14: every local clock reading is a different day from London's
time.tzset()
module, name, args = pickle.load(sys.stdin.buffer)
sys.stdout.buffer.write(getattr(importlib.import_module(module), name)(*args))
"""


def made_elsewhere(function, *args) -> bytes:
    """`function(*args)` (which returns bytes) called in a new interpreter: the arguments must pickle."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "upheld.settings"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], input=pickle.dumps((function.__module__, function.__name__,
                                                                              args)),
                          capture_output=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
