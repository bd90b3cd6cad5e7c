"""Writing the paper pages on a second core, when a build draws them all.

A build without the previous build's page fingerprints (the first one, or one
with the cache off) draws every page, and with 1,000 BibTeX entries the paper
pages are a fifth of it. When the writing starts (every generator has built
its context, and Pelican has refreshed the summaries' links), a forked copy
of this process writes the publications page and the paper pages with a
writer of its own, while this process writes the posts and the rest. When
Pelican comes to the publications, this process waits for the copy and takes
what it did as its own (output.take_captured): the files it produced, their
fingerprints, what the page observers noted (the math font's characters),
the pages Pelican's other parts are told were written (the sitemap, in the
same order), the warnings it logged. So the output, the messages and strict
mode are those of a build on one core. If the copy fails, this process
writes the pages itself.

This process may run V8 by now (formulas converted while reading); the copy
never calls it (the math engine refuses to start in it), and ends with
os._exit, so V8's threads, absent from the copy, are never waited for.

The formulas of the BibTeX fields the templates show are converted here
before the copy is made; if the copy needs V8 all the same, it fails, and
this process writes the pages itself.

Only on Linux, with two cores or more. PARALLEL_BUILD = False turns it off.
The fork itself is forked.py's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pelican import signals

from . import forked, output, urls

logger = logging.getLogger(__name__)

# Fewer pages than this, and forking costs more than the copy saves.
MINIMUM_PAGES = 100


@dataclass
class _Copy:
    generator: object
    forked: forked.Forked


# Generators that may write on the second core: they have pages_to_write() (how
# many pages) and before_writing_elsewhere() (what must be done here first).
_offered: list = []
_copy: _Copy | None = None


def _note_candidates(generators) -> None:
    _offered[:] = [generator for generator in generators
                   if callable(getattr(generator, "pages_to_write", None))]


def _worth_it(pelican, generator) -> bool:
    pages = output.page_cache()
    return (bool(pelican.settings.get("PARALLEL_BUILD")) and forked.can_fork()
            and generator.pages_to_write() >= MINIMUM_PAGES
            and output.is_building() and (pages is None or not pages.previous))


def _fork_at_writing(pelican) -> None:
    """When Pelican asks for its writer: fork the copy, if worth it."""
    global _copy
    finish()
    generator = next((candidate for candidate in _offered if _worth_it(pelican, candidate)), None)
    _offered.clear()
    if generator is not None:
        urls.fix_addresses()  # the copy and this process see the same documents
        generator.before_writing_elsewhere()
        copy = forked.start(lambda: _write(pelican, generator))
        if copy is not None:
            _copy = _Copy(generator, copy)
    return None  # not a writer: Pelican's get_writer keeps only classes


def _write(pelican, generator) -> output.Capture:
    from .math import engine

    engine.refuse_to_start()
    return output.capture_writing(generator.generate_output, pelican.output_path, pelican.settings)


def took_over(generator, writer) -> bool:
    """Whether the copy wrote this generator's pages (its work is now this process's)."""
    global _copy
    copy = _copy
    if copy is None or copy.generator is not generator:
        return False
    _copy = None
    capture = forked.answer(copy.forked)
    if capture is None:
        logger.debug("The second writer did not finish; the pages are written here.")
        return False
    output.take_captured(capture, writer, generator.context)
    logger.debug("%s: %d pages written on a second core.", type(generator).__name__, len(capture.written))
    return True


def finish(*_) -> None:
    """A copy Pelican never came back for (a build that stopped half-way) is ended."""
    global _copy
    copy, _copy = _copy, None
    if copy is not None:
        forked.end(copy.forked)


def register() -> None:
    signals.all_generators_finalized.connect(_note_candidates)
    signals.get_writer.connect(_fork_at_writing)
    signals.finalized.connect(finish)
