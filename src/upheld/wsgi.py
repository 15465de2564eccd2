"""WSGI entry point for gunicorn (`upheld serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "upheld.settings")
application = get_wsgi_application()
