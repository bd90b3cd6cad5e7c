"""Quality gates for the built site: valid HTML, accessibility, links, weight, Lighthouse.

    python -m audit SITE_DIR [--pages PATH ...] [--lighthouse PATH ...] [--weight-page PATH ...]
                             [--site-url URL] [--only GATES] [--skip GATES] [--out DIR] [--screenshots]

serves SITE_DIR on a free loopback port (``audit.serve``) and runs the gates
below, each against the budgets in ``audit.budgets``:

==============  =====================================================================
gate            what fails it
==============  =====================================================================
``links``       an internal link, asset (src, srcset, CSS url()) or ``#anchor`` of any
                page that does not exist in SITE_DIR (external URLs are not fetched)
``third-party`` any page or stylesheet that loads a resource from another host
``js``          a page with neither math nor code that loads more JavaScript than the
                theme toggle (1 file, 3 KiB with inline scripts)
``vnu``         any error of the Nu HTML checker, on every .html file
``browser``     in headless Chromium, on each ``--pages`` page, light and dark, 1280
                and 390 px: any axe-core violation (gate ``axe``); any request to
                another host, any response >= 400, too much JavaScript run (gate
                ``requests``); and for ``--weight-page``: over 60 KiB transferred
                without the profile photo, or over 6 requests (gate ``weight``)
``lighthouse``  mobile preset on each ``--lighthouse`` page: performance < 95, or
                accessibility, best practices or SEO < 100
==============  =====================================================================

Every breach prints ``FAIL <gate> <page>: <rule> — <detail>`` as it is found;
a summary table closes the run, and OUT/report.json (default ``audit/out/``)
holds everything, with the Lighthouse reports beside it. Exit status: 0 when
every budget is met, 1 on any breach or when a tool is missing, 2 on a usage
error (e.g. a page that is not in SITE_DIR).

Where ``unshare -n`` works, the audit re-runs itself inside a network namespace
with only loopback, so nothing can be fetched from outside; the browser also
blocks and counts every request to another host. Tools come from
``audit/install.sh`` (Debian chromium and Java, ``npm ci --ignore-scripts``);
nothing is downloaded at run time.

Example (what ``invoke audit`` runs)::

    pelican content -s publishconf.py -o /tmp/site
    python -m audit /tmp/site --site-url https://ada.example.org \\
        --pages / /publications/ /publications/some-paper/ /blog/ /blog/a-post/ /tag/x/ /news/ /404.html \\
        --lighthouse / /publications/ /blog/a-post/ --weight-page /
"""
