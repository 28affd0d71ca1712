"""Settings of the test run: the project's settings, made fast and kept out of the checkout.

Set as DJANGO_SETTINGS_MODULE in pyproject.toml. Subprocesses started by the tests (tests/ops) run the
project's own settings; they inherit DEV_SECRET_FILE, so their demo secret is written here too.
"""

import os
import tempfile
from pathlib import Path

TEST_ROOT = Path(tempfile.gettempdir()) / "inserm-cms-tests"
TEST_ROOT.mkdir(exist_ok=True)
# Read by inserm_cms.settings in demo mode: the generated secret goes here, not into the checkout.
os.environ.setdefault("DEV_SECRET_FILE", str(TEST_ROOT / "dev-secret"))

from inserm_cms.settings import *  # noqa: E402, F403

# Hashing a password with PBKDF2 costs about 0.2 s; the tests create well over a hundred users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No collected static files in a test run: WhiteNoise would warn, at every request handler it starts,
# that the folder is missing. The browser tests' live server serves static files through the finders.
STATIC_ROOT = None

# The root conftest gives each test its own folder; this one catches anything written outside a test.
MEDIA_ROOT = TEST_ROOT / "media"

# The throw-away content type of the "adding a content type" walkthrough (tests/architecture): its model
# and table exist in every test run; it takes part in nothing until its own test registers it.
# Before the demo, which stays the last app (tests/demo/test_leaf.py).
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "demo"] + ["tests.throwaway", "demo"]  # noqa: F405
