"""Name resolution of the importer: find the organisations and people a document names, plan the unknown ones."""

from dataclasses import dataclass

from directory.models import Organisation, Person

from .parser import organisation_names
from .text import words

KIND_WORDS = (
    ("region", Organisation.Kind.REGION),
    ("departement", Organisation.Kind.REGION),
    ("metropole", Organisation.Kind.REGION),
    ("universit", Organisation.Kind.UNIVERSITY),
    ("ministere", Organisation.Kind.MINISTRY),
    ("ministry", Organisation.Kind.MINISTRY),
    ("agence", Organisation.Kind.AGENCY),
    ("agency", Organisation.Kind.AGENCY),
    ("fondation", Organisation.Kind.FOUNDATION),
    ("foundation", Organisation.Kind.FOUNDATION),
    ("hopital", Organisation.Kind.HOSPITAL),
    ("hospital", Organisation.Kind.HOSPITAL),
    ("chu", Organisation.Kind.HOSPITAL),
    ("institut", Organisation.Kind.RESEARCH_BODY),
    ("institute", Organisation.Kind.RESEARCH_BODY),
    ("centre", Organisation.Kind.RESEARCH_BODY),
)


def key(name):
    """Return the comparison key of a name: folded words joined by spaces."""
    return " ".join(words(name))


def kind_from_name(name):
    """Return the organisation kind a name announces ("Région Bretagne" → region), or None."""
    tokens = words(name)
    for word, kind in KIND_WORDS:
        if any(token.startswith(word) if len(word) > 3 else token == word for token in tokens):
            return kind
    return None


@dataclass(eq=False)
class PlannedOrganisation:
    """An organisation the batch names but the directory does not hold yet."""

    names: dict
    acronym: str
    kind: str
    instance: Organisation | None = None

    def __str__(self):
        return self.acronym or self.names.get("fr") or self.names.get("en")


@dataclass(eq=False)
class PlannedPerson:
    first_name: str
    last_name: str
    organisation: object
    roles: dict
    instance: Person | None = None


class Directory:
    """Find organisations and people by name, and plan the creation of the unknown ones."""

    def __init__(self):
        self.index = {}
        for organisation in Organisation.objects.all():
            for name in (organisation.acronym, organisation.name_fr, organisation.name_en):
                if name:
                    self.index.setdefault(key(name), organisation)
        self.people = {}

    def find(self, label):
        for name in organisation_names(label):
            entity = self.index.get(key(name))
            if entity is not None:
                return entity
        return None

    def find_or_plan(self, label, language, *, kind=None):
        """Return the organisation a label names, planning a new one when none matches exactly."""
        entity = self.find(label)
        names = organisation_names(label)
        if entity is not None:
            if isinstance(entity, PlannedOrganisation):
                for name in names:
                    if len(name.split()) > 1:
                        entity.names.setdefault(language, name)
            return entity
        if not names:
            return None
        single = [name for name in names if len(name.split()) == 1 and len(name) <= 12]
        long = [name for name in names if name not in single]
        acronym = single[0] if single else ""
        display = long[0] if long else names[0]
        entity = PlannedOrganisation(
            names={language: display},
            acronym=acronym,
            kind=kind or kind_from_name(display) or Organisation.Kind.RESEARCH_BODY,
        )
        for name in names:
            self.index[key(name)] = entity
        return entity

    def person(self, full_name, organisation, title, language):
        """Return the Person (or the planned one) of a quoted speaker."""
        first, _space, last = full_name.partition(" ")
        person_key = (key(first), key(last))
        if person_key in self.people:
            planned = self.people[person_key]
            if isinstance(planned, PlannedPerson):
                planned.roles.setdefault(language, title)
            return planned
        existing = [
            person
            for person in Person.objects.filter(last_name__iexact=last).select_related("organisation")
            if key(person.first_name) == person_key[0]
        ]
        if existing:
            self.people[person_key] = existing[0]
        else:
            self.people[person_key] = PlannedPerson(first, last, organisation, {language: title})
        return self.people[person_key]


def entity_names(entity):
    if isinstance(entity, PlannedOrganisation):
        return [entity.acronym, *entity.names.values()]
    return [entity.acronym, entity.name_fr, entity.name_en]


def by_first_mention(entities, text):
    """Order organisations as the title and lead first name them; the others keep their order, after."""
    folded = " " + key(text) + " "

    def position(item):
        index, entity = item
        found = [folded.find(f" {key(name)} ") for name in entity_names(entity) if name and key(name)]
        found = [place for place in found if place >= 0]
        return (min(found), index) if found else (len(folded), index)

    return [entity for _index, entity in sorted(enumerate(entities), key=position)]
