"""Settings for the published site: pelicanconf.py plus what only production needs.

`invoke preview`, `invoke publish`, `invoke gh-pages`, Netlify and CI build with
this file. Set SITEURL to your site's address (no trailing slash), or leave it
and set the SITEURL environment variable where you build.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://ada-lindqvist.example.org")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True

# Where `invoke publish` copies the site (rsync over ssh); the environment
# variables of the same names win over these.
SSH_HOST = ""
SSH_USER = ""
SSH_PORT = 22
SSH_TARGET_DIR = ""  # e.g. "/var/www/html"
# `invoke gh-pages` pushes the site to this branch.
GITHUB_PAGES_BRANCH = "gh-pages"
