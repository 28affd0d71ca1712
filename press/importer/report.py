"""What an import tells staff: one report per file, the pairings, a summary."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LANGUAGE_NAMES = {"fr": "French", "en": "English"}


@dataclass
class FileReport:
    name: str
    language: str = ""
    status: str = "error"
    found: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    release_id: int | None = None
    release_title: str = ""

    @property
    def status_label(self):
        return {
            "created": _("created"),
            "updated": _("updated"),
            "draft_update": _("saved as a draft update of the published release"),
            "unchanged": _("unchanged, nothing written"),
            "error": _("not imported"),
        }.get(self.status, self.status)


@dataclass
class Pairing:
    french: str
    english: str
    reason: str
    existing_release: int | None = None

    @property
    def key(self):
        return f"{self.french}|{self.english}"


@dataclass
class BatchReport:
    dry_run: bool
    files: list = field(default_factory=list)
    pairings: list = field(default_factory=list)
    ambiguities: list = field(default_factory=list)

    def count(self, status):
        """Return the number of releases with ``status``, or of files not imported for "error"."""
        if status == "error":
            return sum(report.status == "error" for report in self.files)
        return len({report.release_id for report in self.files if report.status == status})

    @property
    def summary(self):
        summary = _(
            "Releases: %(created)s created, %(updated)s updated, %(unchanged)s unchanged. Files not imported: %(errors)s."
        ) % {
            "created": self.count("created"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "errors": self.count("error"),
        }
        drafts = self.count("draft_update")
        if drafts:
            summary += " " + ngettext(
                "%(count)s published release left unchanged, its update saved as a draft for review.",
                "%(count)s published releases left unchanged, their updates saved as drafts for review.",
                drafts,
            ) % {"count": drafts}
        return summary

    def as_text(self):
        """Return the report as plain text, one paragraph per file, then the pairings and a summary."""
        lines = [_("Dry run: nothing was written.")] if self.dry_run else []
        for report in self.files:
            language = f" ({_(LANGUAGE_NAMES[report.language])})" if report.language else ""
            head = f"{report.name}{language}: {report.status_label}"
            if report.release_title:
                head += f" — “{report.release_title}”"
            lines.append(head)
            lines.extend(f"  ✗ {error}" for error in report.errors)
            lines.extend(f"  ✓ {item}" for item in report.found)
            lines.extend(f"  ? {item}" for item in report.missing)
            lines.extend(f"  • {note}" for note in report.notes)
        if self.pairings or self.ambiguities:
            lines.append(_("Pairings (French + English = one release):"))
            lines.extend(f"  {pairing.french} + {pairing.english}: {pairing.reason}" for pairing in self.pairings)
            lines.extend(f"  {ambiguity}" for ambiguity in self.ambiguities)
        lines.append(self.summary)
        return "\n".join(lines)
