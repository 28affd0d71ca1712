"""The searched fields of the content types as migrations 0001 and 0002 indexed and stored them.

Frozen here, apart from the registry (each app's content_types.py): a migration does what it did when
it was written. A later change to a type's searched fields needs a migration of its own, that rebuilds
the type's generated columns. (The leading underscore keeps the migration loader off this module.)
"""

from search.documents import Document, Field

DOCUMENTS = {
    "releases": Document(
        "press",
        "pressrelease",
        fields=(Field("title", "A"), Field("lead", "B"), Field("body", "C", rich=True)),
        title="title",
        snippet=("lead", "body"),
    ),
    "agreements": Document(
        "partnerships",
        "agreement",
        fields=(Field("title", "A"), Field("summary", "B"), Field("body", "C", rich=True)),
        title="title",
        snippet=("summary", "body"),
    ),
    "sites": Document(
        "international",
        "cooperationsite",
        fields=(Field("name", "A"), Field("summary", "B")),
        title="name",
        snippet=("summary",),
    ),
    "instruments": Document(
        "international",
        "fundinginstrument",
        fields=(
            Field("name", "A"),
            Field("acronym", "A", translated=False),
            Field("summary", "B"),
            Field("eligibility", "C"),
        ),
        title="name",
        snippet=("summary", "eligibility"),
    ),
    "organisations": Document(
        "directory",
        "organisation",
        fields=(
            Field("name", "A"),
            Field("acronym", "A", translated=False),
            Field("about", "C", rich=True),
        ),
        title="name",
        snippet=("about",),
    ),
}
