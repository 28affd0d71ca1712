"""An import from start to end: parse, plan, pair, then write each release in its own transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from press.models import PressRelease
from workflow.permissions import can_publish
from workflow.states import Status

from .names import Directory
from .pairing import describe_pairing, matching_release, pair_documents, plan_document, release_to_translate
from .parser import parse_document
from .report import BatchReport, FileReport, Pairing
from .service import UnitWriter
from .sources import read_paths


def import_sources(sources, *, language=None, dry_run=False, publish=False, user=None, undone=()):
    """Import press releases from Sources; return the BatchReport.

    Each release is written in its own transaction: a file that fails leaves nothing behind and the
    rest of the batch goes on. ``dry_run`` runs everything, then rolls it all back. ``undone`` holds
    the keys ("french|english") of pairings staff refused. ``publish`` needs a ``user`` who may publish
    releases; ``user`` None (a command run by ops) creates organisations and people but never publishes.
    """
    if publish and (user is None or not can_publish(user, PressRelease)):
        raise PermissionDenied("Only a user who may publish press releases can publish on import.")
    batch = BatchReport(dry_run=dry_run)
    with transaction.atomic():
        _run(batch, sources, language=language, publish=publish, user=user, undone=set(undone))
        if dry_run:
            transaction.set_rollback(True)
    return batch


def _run(batch, sources, *, language, publish, user, undone):
    directory = Directory()
    plans = []
    for source in sources:
        report = FileReport(name=source.name)
        batch.files.append(report)
        if source.error:
            report.errors.append(source.error)
            continue
        doc = parse_document(source.name, source.text, language=language)
        report.language = doc.language or ""
        report.found, report.missing, report.errors = doc.found, doc.missing, doc.errors
        if doc.ok:
            report.release_title = doc.title
            plans.append(plan_document(doc, report, directory))
    plans.sort(key=lambda plan: plan.doc.language != "fr")

    pairs, batch.ambiguities = pair_documents(plans, undone=undone)
    paired = {plan for pair in pairs for plan in pair}
    units = []
    for fr, en in pairs:
        batch.pairings.append(Pairing(french=fr.report.name, english=en.report.name, reason=describe_pairing(fr, en)))
        units.append(([fr, en], matching_release(fr.doc) or matching_release(en.doc)))
    for plan in plans:
        if plan in paired:
            continue
        target = matching_release(plan.doc)
        if target is None:
            target = release_to_translate(plan)
            if target is not None and plan.doc.language == "en":
                pairing = Pairing(
                    french=_("stored release “%(title)s”") % {"title": target.title_fr},
                    english=plan.report.name,
                    reason=_("same release date %(date)s and organisations, no English version yet")
                    % {"date": target.release_date.isoformat()},
                    existing_release=target.pk,
                )
            elif target is not None:
                pairing = Pairing(
                    french=plan.report.name,
                    english=_("stored release “%(title)s”") % {"title": target.title_en},
                    reason=_("same release date %(date)s and organisations, no French version yet")
                    % {"date": target.release_date.isoformat()},
                    existing_release=target.pk,
                )
            if target is not None:
                if pairing.key in undone:
                    target = None
                else:
                    batch.pairings.append(pairing)
            if target is None and plan.doc.language == "en":
                plan.report.notes.append(
                    _(
                        "English-only release: no French document or stored release of the same date and "
                        "organisations; a French version imported later completes it"
                    )
                )
        units.append(([plan], target))

    for unit_plans, target in units:
        writer = UnitWriter(unit_plans, target, publish=publish, user=user)
        try:
            with transaction.atomic():
                release, status = writer.write()
                if status == "unchanged":
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 — any failure of one release is reported, the batch goes on
            writer.forget_created()
            for plan in unit_plans:
                plan.report.status = "error"
                plan.report.errors.append(_("not written: %(error)s") % {"error": error})
            continue
        if status == "unchanged":
            writer.forget_created()
            release = writer.draft_update_of or release
        for index, plan in enumerate(unit_plans):
            plan.report.status = status
            plan.report.release_id = release.pk
            plan.report.release_title = release.title_fr or release.title_en
            if index == 0 and status != "unchanged":
                plan.report.notes.extend(writer.notes)
            if len(unit_plans) == 2:
                other = unit_plans[1] if plan is unit_plans[0] else unit_plans[0]
                plan.report.notes.append(_("paired with %(name)s") % {"name": other.report.name})
            if status != "unchanged":
                state = _("published") if release.status == Status.PUBLISHED else _("draft")
                plan.report.notes.append(_("release status: %(status)s") % {"status": state})


def import_paths(paths, **options):
    """Import the files, folders and zip archives at ``paths``; return the BatchReport."""
    return import_sources(read_paths(paths), **options)
