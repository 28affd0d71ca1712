"""The content of the feature apps that directory pages show, without directory importing those apps.

An organisation or theme page lists the live press releases, agreements and cooperation sites linked to it.
Each feature app registers, from its ``AppConfig.ready()``, a section: a function that returns the context
entries of its part of the page for one object (``press`` gives ``releases``, ``more_releases`` and
``all_releases_url``, ``partnerships`` gives ``agreements``, ``international`` gives ``sites``). Sections run
in the order of ``INSTALLED_APPS``, each with a fixed number of queries.
"""

from collections import defaultdict

_sections = defaultdict(dict)


def register_section(model, name, section):
    """Add ``section(obj) -> dict`` to the context of ``model``'s detail page (Organisation or Theme).

    Registering a name again replaces its section.
    """
    _sections[model][name] = section


def related_context(obj):
    """Return the context entries every registered section gives for ``obj``."""
    context = {}
    for section in _sections[type(obj)].values():
        context.update(section(obj))
    return context
