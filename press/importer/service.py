"""The importer's writes: one release from its plans (UnitWriter), draft updates, "About" proposals."""

import itertools
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.slugs import slug_for
from directory.models import Organisation, Person
from press.models import AboutProposal, PressContact, PressRelease, PressReleaseIssuer, Quote, kind_for_label
from workflow import transitions
from workflow.permissions import can_add, can_change, can_publish
from workflow.states import Status

from .names import PlannedOrganisation, PlannedPerson, key
from .report import LANGUAGE_NAMES


def _unique_slug(language, title, release_date, exclude_pk):
    base = slug_for(title, 300) or "communique"
    slug, counter = base, 1
    while PressRelease.objects.filter(**{f"slug_{language}": slug}).exclude(pk=exclude_pk).exists():
        suffix = f"-{release_date.isoformat()}" if counter == 1 else f"-{release_date.isoformat()}-{counter}"
        slug = base[: 300 - len(suffix)] + suffix
        counter += 1
    return slug


SNAPSHOT_FIELDS = [
    "title_fr",
    "title_en",
    "slug_fr",
    "slug_en",
    "heading",
    "kind_fr",
    "kind_en",
    "lead_fr",
    "lead_en",
    "body_fr",
    "body_en",
    "dateline_place",
    "release_date",
    "status",
]
# What a draft update may change in the release it updates.
UPDATED_FIELDS = [
    "heading",
    *(f"{name}_{language}" for name in ("title", "kind", "lead", "body") for language in ("fr", "en")),
]


def _snapshot(release, *, content_only=False):
    """Return what an import may change in ``release`` as stored; ``content_only`` leaves out slugs and status."""
    if release is None or release.pk is None:
        return None
    release = PressRelease.objects.get(pk=release.pk)
    fields = [name for name in SNAPSHOT_FIELDS if not (content_only and name.startswith(("slug", "status")))]
    return (
        tuple(getattr(release, name) for name in fields),
        tuple(release.issuers.values_list("organisation_id", flat=True)),
        tuple(release.contacts.values_list("organisation_id", "name", "email", "phone", "handle")),
        tuple(release.quotes.values_list("text_fr", "text_en", "speaker_id", "speaker_title_fr", "speaker_title_en")),
    )


def _draft_update(release, user):
    """Return the draft that holds changes to the published ``release``: its pending one, or a new copy."""
    pending = release.draft_updates.order_by("pk").first()
    if pending is not None:
        return pending
    draft = PressRelease.objects.get(pk=release.pk)
    draft.pk = draft.id = None
    draft._state.adding = True
    draft.update_of, draft.status, draft.version = release, Status.DRAFT, 0
    # The schedule stays the release's own: no embargo, so no journalist link, on the unreviewed draft.
    draft.publish_at = draft.unpublish_at = None
    draft.created_by = draft.updated_by = user
    for language in ("fr", "en"):
        if getattr(draft, f"slug_{language}"):
            title = getattr(draft, f"title_{language}")
            setattr(draft, f"slug_{language}", _unique_slug(language, title, draft.release_date, None))
    draft._change_reason = _("Draft update of the published release #%(pk)s") % {"pk": release.pk}
    save_in_default_language(draft)
    draft.themes.set(release.themes.all())
    _copy_related(release, draft)
    return draft


def _copy_related(source, target):
    """Give ``target`` the issuers, press contacts and quotes of ``source`` (replacing its own)."""
    issuers = list(source.issuers.all())
    contacts = list(source.contacts.all())
    quotes = list(source.quotes.all())
    target.issuers.all().delete()
    target.contacts.all().delete()
    target.quotes.all().delete()
    for row in (*issuers, *contacts, *quotes):
        row.pk = row.id = None
        row._state.adding = True
        row.release = target
        row.save()


def apply_draft_update(draft, *, user):
    """Write a draft update into the published release it updates, delete the draft; return the release.

    Only a user who may publish releases applies an update: it changes what the public reads (``user``
    None is the system itself, the demo loader). The release keeps its address, status, schedule, image,
    attachments and journalist links.
    """
    if user is not None and not can_publish(user, PressRelease):
        raise PermissionDenied
    with transaction.atomic():
        release = PressRelease.objects.select_for_update().get(pk=draft.update_of_id)
        for name in UPDATED_FIELDS:
            setattr(release, name, getattr(draft, name))
        release.dateline_place, release.release_date = draft.dateline_place, draft.release_date
        _copy_related(draft, release)
        # Deleted before the release is saved, so the draft's slugs are free for a new language of the release.
        draft.delete()
        for language in ("fr", "en"):
            title = getattr(release, f"title_{language}")
            if title and not getattr(release, f"slug_{language}"):
                setattr(release, f"slug_{language}", _unique_slug(language, title, release.release_date, release.pk))
        release.updated_by = user
        release._change_reason = _("Draft update applied")
        save_in_default_language(release)
    return release


def write_about_proposal(proposal, *, user):
    """Write a proposed "About" text into its organisation and delete the proposal; return the organisation.

    Refused unless ``user`` may change organisations (``user`` None is the system itself, the demo loader)
    and the release it came from is public: the text then tells nothing the public cannot read already.
    """
    if user is not None and not can_change(user, proposal.organisation):
        raise PermissionDenied
    if not proposal.release.is_live:
        raise ValidationError(
            _("“%(release)s” is not public yet: its “About” text waits until it is.") % {"release": proposal.release}
        )
    with transaction.atomic():
        organisation = proposal.organisation
        setattr(organisation, f"about_{proposal.language}", proposal.about)
        organisation._change_reason = change_reason(
            _("“About” text from the press release “%(release)s”") % {"release": proposal.release}
        )
        save_in_default_language(organisation)
        proposal.delete()
    return organisation


def change_reason(text):
    """Return ``text`` cut to what a revision's change reason holds (100 characters)."""
    return text if len(text) <= 100 else text[:99] + "…"


def save_in_default_language(instance):
    """Save with the default language active.

    A RichTextField's pre_save reads and writes back the untranslated attribute, which modeltranslation
    maps to the active language with a fallback to French: saved in English, an empty English text
    would receive the French one.
    """
    with translation.override(settings.LANGUAGE_CODE):
        instance.save()


class UnitWriter:
    """Write one release from one document or a French + English pair, inside one transaction."""

    def __init__(self, plans, target, *, publish, user):
        self.plans, self.target, self.publish, self.user = plans, target, publish, user
        self.created = []
        self.notes = []
        self.proposed = set()
        self.draft_update_of = None

    def may(self, check, target):
        """Ask the permission gate ``check`` about ``target`` for the importing user (a command run by no user may)."""
        return self.user is None or check(self.user, target)

    def propose(self, entity, note):
        """Report once that ``entity`` was not created, for someone who may create it to review."""
        if id(entity) not in self.proposed:
            self.proposed.add(id(entity))
            self.notes.append(note)

    def organisation(self, entity):
        """Return the Organisation of ``entity``, creating a planned one if the user may; else None."""
        if not isinstance(entity, PlannedOrganisation):
            return entity
        if entity.instance is None and not self.may(can_add, Organisation):
            self.propose(
                entity,
                _(
                    "organisation “%(name)s” is not in the directory and was not created (you may not add "
                    "organisations): ask someone who may to add it, then import again to link it"
                )
                % {"name": entity},
            )
            return None
        if entity.instance is None:
            names = entity.names
            entity.instance = Organisation.objects.create(
                name_fr=names.get("fr") or names.get("en"),
                name_en=names.get("en", ""),
                acronym=entity.acronym,
                kind=entity.kind,
            )
            self.created.append(entity)
            self.notes.append(_("organisation “%(name)s” created, please review it") % {"name": entity.instance})
        return entity.instance

    def person(self, planned):
        """Return the Person of a quoted speaker, creating a planned one if the user may; else None."""
        if not isinstance(planned, PlannedPerson):
            return planned
        if planned.instance is None and not self.may(can_add, Person):
            self.propose(
                planned,
                _(
                    "person “%(name)s” is not in the directory and was not created (you may not add people): "
                    "their quote has no speaker until someone who may adds them and the file is imported again"
                )
                % {"name": f"{planned.first_name} {planned.last_name}"},
            )
            return None
        if planned.instance is None:
            organisation = self.organisation(planned.organisation) if planned.organisation else None
            planned.instance = Person.objects.filter(
                first_name=planned.first_name, last_name=planned.last_name, organisation=organisation
            ).first() or Person.objects.create(
                first_name=planned.first_name,
                last_name=planned.last_name,
                organisation=organisation,
                role_fr=planned.roles.get("fr") or planned.roles.get("en", ""),
                role_en=planned.roles.get("en", ""),
            )
            self.created.append(planned)
            self.notes.append(_("person “%(name)s” created, please review them") % {"name": planned.instance.full_name})
        return planned.instance

    def forget_created(self):
        """Drop the instances created in a rolled-back transaction, so a later unit creates them again."""
        for planned in self.created:
            planned.instance = None

    def write(self):
        """Write the release; return it and its status ("created", "updated", "draft_update" or "unchanged").

        A published release (live or scheduled) is never changed in place: the import goes into a draft
        update of it, which a publisher applies once reviewed (``apply_draft_update``).
        """
        release = self.target or PressRelease()
        if release.pk is not None and release.status == Status.PUBLISHED:
            self.draft_update_of = release
            before = _snapshot(release, content_only=True)
            release = _draft_update(release, self.user)
        else:
            before = _snapshot(release)
        self.other_languages = {
            language
            for language in ("fr", "en")
            if release.pk
            and getattr(release, f"title_{language}")
            and language not in {plan.doc.language for plan in self.plans}
        }
        docs = [plan.doc for plan in self.plans]
        names = ", ".join(doc.name for doc in docs)
        for doc in docs:
            language = doc.language
            previous_title = getattr(release, f"title_{language}") or ""
            setattr(release, f"title_{language}", doc.title[:300])
            if not getattr(release, f"slug_{language}") or key(previous_title) != key(doc.title):
                setattr(release, f"slug_{language}", _unique_slug(language, doc.title, doc.release_date, release.pk))
            if doc.kind:
                release.heading = kind_for_label(doc.kind)
                setattr(
                    release, f"kind_{language}", doc.kind[:100] if release.heading == PressRelease.Kind.OTHER else ""
                )
            setattr(release, f"lead_{language}", doc.lead)
            setattr(release, f"body_{language}", doc.body_html)
        if release.pk is None:
            # A release in one language only: the other language's text is empty, not unknown (NULL).
            for language in {"fr", "en"} - {doc.language for doc in docs}:
                for name in ("title", "slug", "kind", "lead", "body"):
                    setattr(release, f"{name}_{language}", "")
        release.release_date = docs[0].release_date
        place = next((doc.dateline_place for doc in docs if doc.dateline_place), "")
        release.dateline_place = (place or release.dateline_place)[:100]
        if release.pk is None:  # a new release starts as a draft (the model's default)
            release.created_by = self.user
        release.updated_by = self.user
        release._change_reason = change_reason(_("Imported from %(files)s") % {"files": names})
        if self.publish and self.draft_update_of is None:
            # The workflow's publish() sets the status and go-live time (now, unless scheduled) and saves.
            with translation.override(settings.LANGUAGE_CODE):
                transitions.publish([release], user=self.user)
        else:
            save_in_default_language(release)

        organisation_changes = self._write_abouts(release)
        issuers = [self.organisation(entity) for plan in self.plans for entity in plan.issuers]
        if self.keeps_other_language(release):
            issuers = [issuer.organisation for issuer in release.issuers.select_related("organisation")] + issuers
        issuers = [issuer for issuer in dict.fromkeys(issuers) if issuer is not None]
        release.issuers.all().delete()
        PressReleaseIssuer.objects.bulk_create(
            PressReleaseIssuer(release=release, organisation=organisation, position=position)
            for position, organisation in enumerate(issuers)
        )
        self._write_contacts(release)
        self._write_quotes(release)
        if self.draft_update_of is not None:
            if before == _snapshot(release, content_only=True):
                return release, "unchanged"
            self.notes.append(
                _(
                    "the published release was not changed: this import is saved as a draft update of it, "
                    "which a publisher applies once reviewed"
                )
            )
            return release, "draft_update"
        if before is not None and before == _snapshot(release) and not organisation_changes:
            return release, "unchanged"
        return release, "created" if before is None else "updated"

    def _write_abouts(self, release):
        """Fill empty "About" texts of organisations, only when this import puts ``release`` online.

        "About" texts are public on organisation pages, and a draft's boilerplate may describe partners
        of an embargoed release: unless the import publishes the release and the user may change
        organisations, the text is kept as an AboutProposal, never shown to the public, for staff review.
        """
        changes = 0
        writes = release.is_live and self.may(can_change, Organisation)
        for plan in self.plans:
            language = plan.doc.language
            for entity, about in plan.abouts:
                organisation = self.organisation(entity)
                if organisation is None:
                    continue
                stored = getattr(organisation, f"about_{language}") or ""
                if not stored.strip() and not writes:
                    AboutProposal.objects.update_or_create(
                        organisation=organisation,
                        release=self.draft_update_of or release,
                        language=language,
                        defaults={"about": about.html, "created_by": self.user},
                    )
                    self.notes.append(
                        _(
                            "“About” text (%(language)s) proposed for “%(name)s”, not written: it becomes public "
                            "with the organisation, so it waits among the proposed “About” texts for an "
                            "administrator to write it once the release is out"
                        )
                        % {"language": _(LANGUAGE_NAMES[language]), "name": organisation}
                    )
                elif not stored.strip():
                    setattr(organisation, f"about_{language}", about.html)
                    save_in_default_language(organisation)
                    changes += 1
                    self.notes.append(
                        _("“About” text (%(language)s) added to “%(name)s”")
                        % {"language": _(LANGUAGE_NAMES[language]), "name": organisation}
                    )
                elif key(re.sub(r"<[^>]+>", " ", stored)) != key(about.text):
                    self.notes.append(
                        _("the “About” text of “%(name)s” differs from the stored one: the stored text was kept")
                        % {"name": organisation}
                    )
        return changes

    def keeps_other_language(self, release):
        """Return True when this unit updates one language of a release that also has the other one."""
        return bool(self.other_languages)

    def _write_contacts(self, release):
        if self.keeps_other_language(release) and not any(plan.contacts for plan in self.plans):
            return
        release.contacts.all().delete()
        seen = set()
        position = 0
        for plan in self.plans:
            for entity, name, contact in plan.contacts:
                identity = (contact.email.lower(), contact.phone)
                if identity in seen:
                    continue
                seen.add(identity)
                PressContact.objects.create(
                    release=release,
                    organisation=self.organisation(entity) if entity is not None else None,
                    name=name,
                    email=contact.email[:254],
                    phone=contact.phone[:100],
                    handle=contact.handle[:100],
                    position=position,
                )
                position += 1

    def _write_quotes(self, release):
        if self.keeps_other_language(release):
            self._update_quotes(release)
            return
        release.quotes.all().delete()
        by_language = {plan.doc.language: plan.quotes for plan in self.plans}
        french, english = by_language.get("fr", []), by_language.get("en", [])
        if french and english and len(french) != len(english):
            self.notes.append(
                _("%(fr)s quotes in French but %(en)s in English: matched by position")
                % {"fr": len(french), "en": len(english)}
            )
        for position, (fr, en) in enumerate(itertools.zip_longest(french, english)):
            person = self.person((fr or en)[0])
            Quote.objects.create(
                release=release,
                text_fr=fr[1].text if fr else "",
                text_en=en[1].text if en else "",
                speaker=person,
                speaker_title_fr=fr[1].speaker_title[:255] if fr else "",
                speaker_title_en=en[1].speaker_title[:255] if en else "",
                position=position,
            )

    def _update_quotes(self, release):
        """Rewrite one language of the stored quotes, matched by position, leaving the other language alone."""
        plan = self.plans[0]
        language = plan.doc.language
        stored = list(release.quotes.all())
        for position, (person, quote) in enumerate(plan.quotes):
            if position < len(stored):
                existing = stored[position]
                setattr(existing, f"text_{language}", quote.text)
                setattr(existing, f"speaker_title_{language}", quote.speaker_title[:255])
                existing.save()
            else:
                Quote.objects.create(
                    release=release,
                    speaker=self.person(person),
                    position=position,
                    **{f"text_{language}": quote.text, f"speaker_title_{language}": quote.speaker_title[:255]},
                )
        for existing in stored[len(plan.quotes) :]:
            setattr(existing, f"text_{language}", "")
            setattr(existing, f"speaker_title_{language}", "")
            existing.save()
