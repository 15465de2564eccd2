"""Static files under hashed names, so that browsers may keep them for a year.

`collectstatic` copies every static file to `STATIC_ROOT` under a name that
carries a hash of its content (`upheld.3f2a9c.css`), with a gzip copy beside
it, and writes the manifest that `{% static %}` reads to name them.
WhiteNoise serves a hashed name with `Cache-Control: max-age=31536000,
public, immutable`: a changed file gets a new name, so nothing stale is ever
served. Names inside files are rewritten to the hashed ones: the stylesheet's
`url()`s and, here, the imports of the site's JavaScript modules (`.mjs`),
which Django's storage rewrites only in `.js` files. GOV.UK Frontend's and the
accessible autocomplete's bundles (`.js`) are left as they are: they import
nothing, and the import patterns are not meant for minified code.

`collectstatic` is run by `upheld setup`, `upheld serve` (and so `upheld
demo`), `upheld publish` and the tests' session; without its manifest a page
cannot name its static files and fails.
"""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

_MODULE_IMPORTS = HashedFilesMixin._js_module_import_aggregation_patterns[1]


class StaticStorage(CompressedManifestStaticFilesStorage):
    patterns = (*CompressedManifestStaticFilesStorage.patterns, ("*.mjs", _MODULE_IMPORTS))
