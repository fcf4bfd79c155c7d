"""Sample commitments and a sample group report for the demo, so the draft document shows something.

Everything is attributed to fictional organisations marked "(paraugs)" / "(sample)"; running it again adds
nothing. The commitments go through the real workflow (``commitment_create`` then ``commitment_approve``), two
stay proposed for the organisers' queue, and no edition is published: the organiser does that from the draft.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

from commitments.models import Commitment
from commitments.services import commitment_approve, commitment_create, commitment_progress_record
from consultation.models import Consultation, Organisation
from workgroups.models import GroupReport, ReportAction, ReportNeed

SAMPLE_EMAIL = "paraugs@example.org"
REPORT_MARK_LV = "PARAUGS"
REPORT_MARK_EN = "SAMPLE"


@dataclass(frozen=True)
class SampleOrganisation:
    slug: str
    name_lv: str
    name_en: str


ORGANISATIONS = {
    "saulgriezi": SampleOrganisation(
        "paraugs-biedriba-saulgriezi",
        "Biedrība “Saulgrieži” (paraugs)",
        "“Saulgrieži” association (sample)",
    ),
    "kaimini": SampleOrganisation(
        "paraugs-biedriba-labie-kaimini",
        "Biedrība “Labie kaimiņi” (paraugs)",
        "“Good Neighbours” association (sample)",
    ),
    "tilts": SampleOrganisation(
        "paraugs-nodibinajums-tilts",
        "Nodibinājums “Tilts” (paraugs)",
        "“Bridge” foundation (sample)",
    ),
    "valoda": SampleOrganisation(
        "paraugs-valodas-darbnica",
        "Biedrība “Valodas darbnīca” (paraugs)",
        "“Language Workshop” association (sample)",
    ),
    "veseliba": SampleOrganisation(
        "paraugs-veselibas-tikls",
        "Biedrība “Veselības tīkls” (paraugs)",
        "“Health Network” association (sample)",
    ),
}


@dataclass(frozen=True)
class SampleCommitment:
    group: int
    organisation: str  # a key of ORGANISATIONS, or a new organisation's name (left for the organisers)
    resource: str
    starts: int  # days after the consultation day
    days: int | None  # length of the period; None for a single date
    text_lv: str
    text_en: str
    approve: bool = True
    may_publish_name: bool = True
    progress: tuple[str, str] | None = None  # (progress, note) recorded after approval


R = Commitment.Resource
SAMPLES = [
    SampleCommitment(
        1,
        "saulgriezi",
        R.POLICY,
        14,
        120,
        "Sagatavosim priekšlikumus pašvaldību integrācijas plāniem un iesniegsim tos trim pašvaldībām.",
        "We will draft proposals for municipal integration plans and submit them to three municipalities.",
    ),
    SampleCommitment(
        2,
        "kaimini",
        R.TIME,
        7,
        180,
        "Mūsu brīvprātīgie divas reizes nedēļā pavadīs jaunpienācējus uz iestādēm un veikaliem.",
        "Twice a week our volunteers will accompany newcomers to offices and shops.",
        progress=(Commitment.Progress.IN_PROGRESS, "Pirmie desmit brīvprātīgie ir apmācīti."),
    ),
    SampleCommitment(
        3,
        "tilts",
        R.EXPERTISE,
        21,
        90,
        "Sniegsim bezmaksas juridiskas konsultācijas par patvēruma procedūru reizi nedēļā.",
        "We will give free legal advice on the asylum procedure once a week.",
    ),
    SampleCommitment(
        4,
        "valoda",
        R.SERVICES,
        30,
        240,
        "Organizēsim latviešu valodas kursus pieaugušajiem vakaros, divas grupas pa 12 cilvēkiem.",
        "We will run evening Latvian courses for adults: two groups of 12 people.",
        progress=(Commitment.Progress.DONE, "Pirmā grupa ir pabeigusi kursu."),
    ),
    SampleCommitment(
        4,
        "saulgriezi",
        R.PREMISES,
        10,
        None,
        "Nodosim savas telpas un datorus darba meklēšanas dienai.",
        "We will lend our premises and computers for a job-seeking day.",
        may_publish_name=False,
    ),
    SampleCommitment(
        5,
        "kaimini",
        R.INFORMATION,
        0,
        60,
        "Publicēsim stāstu sēriju par jaunpienācējiem un viņu kaimiņiem vietējā laikrakstā.",
        "We will publish a series of stories about newcomers and their neighbours in a local newspaper.",
    ),
    SampleCommitment(
        6,
        "Biedrība “Rūpju pavediens” (paraugs)",
        R.MONEY,
        45,
        None,
        "Piešķirsim nelielu ziedojumu fondu tulka pakalpojumiem pie ārsta.",
        "We will give a small donation fund for interpreters at doctors' appointments.",
        approve=False,
    ),
    SampleCommitment(
        7,
        "Biedrība “Bērnu sala” (paraugs)",
        R.TIME,
        5,
        150,
        "Sestdienās vadīsim rotaļu un valodas nodarbības bērniem, kamēr vecāki mācās.",
        "On Saturdays we will run play and language sessions for children while their parents study.",
        approve=False,
    ),
]

REPORT_GROUP_PREFERENCE = [4, 2, 5, 1, 3, 6, 7]
REPORT = {
    "findings_lv": (
        f"{REPORT_MARK_LV}: šis ir izdomāts parauga ziņojums demonstrācijai.\n\n"
        "Valodas kursu vakaros trūkst, un tie, kas ir, bieži ir pilni.\n\n"
        "Darba devēji neapzinās, kādus dokumentus jaunpienācējs var uzrādīt."
    ),
    "findings_en": (
        f"{REPORT_MARK_EN}: this is a fictional sample report for the demo.\n\n"
        "There are too few evening language courses, and those there are are often full.\n\n"
        "Employers do not know which documents a newcomer can show."
    ),
    "solutions_lv": (
        f"{REPORT_MARK_LV}: vairāk vakara kursu pašvaldību telpās.\n\n"
        "Īss skaidrojums darba devējiem par jaunpienācēju dokumentiem."
    ),
    "solutions_en": (
        f"{REPORT_MARK_EN}: more evening courses in municipal premises.\n\n"
        "A short guide for employers on newcomers' documents."
    ),
    "resources_lv": f"{REPORT_MARK_LV}: bibliotēku telpas vakaros; brīvprātīgie skolotāji.",
    "resources_en": f"{REPORT_MARK_EN}: library rooms in the evenings; volunteer teachers.",
    "participant_count": 17,
}
# (area number, need in Latvian, in English) and (owner, action in Latvian, in English) of the sample report.
REPORT_NEEDS = [
    (4, "Vakara latviešu valodas kursi", "Evening Latvian courses"),
    (3, "Konsultācijas par darba atļaujām", "Advice on work permits"),
]
REPORT_ACTIONS = [
    ("Patvērums „Drošā māja”", "Sagatavot skaidrojumu darba devējiem", "Write a guide for employers")
]


class Command(BaseCommand):
    help = (
        "Add sample commitments (most approved, two proposed) and a published sample group report to a "
        "consultation (default: the current one). Running it again adds nothing; it publishes no edition."
    )

    def add_arguments(self, parser):
        parser.add_argument("--consultation", help="slug of the consultation")

    def handle(self, *args, consultation=None, **options):
        if Commitment._meta.db_table not in connection.introspection.table_names():
            raise CommandError("The commitments tables are missing; run manage.py migrate first.")
        target = (
            Consultation.objects.filter(slug=consultation).first()
            if consultation
            else Consultation.objects.current()
        )
        if target is None:
            raise CommandError("No such consultation; load one first (manage.py demo_setup).")
        groups = {group.number: group for group in target.working_groups.all()}
        if not groups:
            raise CommandError("The consultation has no working groups.")
        # The sample authors' addresses are fictional: nothing is e-mailed to them while this runs.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            with transaction.atomic():
                added = self._add_commitments(target, groups)
                report_group, report_added = self._add_report(groups)
        self._print_summary(target, added, report_group, report_added)

    def _organisation(self, key: str) -> Organisation:
        sample = ORGANISATIONS[key]
        organisation, _created = Organisation.objects.get_or_create(
            slug=sample.slug,
            defaults={"name_lv": sample.name_lv, "name_en": sample.name_en, "kind": Organisation.Kind.NGO},
        )
        return organisation

    def _add_commitments(self, target: Consultation, groups: dict) -> list[Commitment]:
        day = target.starts_at.date()
        existing = set(
            Commitment.objects.filter(consultation=target, contact_email=SAMPLE_EMAIL).values_list(
                "text_lv", flat=True
            )
        )
        added = []
        for sample in SAMPLES:
            if sample.text_lv in existing:
                continue
            group = groups.get(sample.group) or groups[min(groups)]
            known = sample.organisation in ORGANISATIONS
            starts_on = day + datetime.timedelta(days=sample.starts)
            commitment = commitment_create(
                consultation=target,
                language="lv",
                data={
                    "group": group,
                    "organisation": self._organisation(sample.organisation) if known else None,
                    "new_organisation_name": "" if known else sample.organisation,
                    "text": sample.text_lv,
                    "resource": sample.resource,
                    "starts_on": starts_on,
                    "ends_on": starts_on + datetime.timedelta(days=sample.days) if sample.days else None,
                    "contact_name": "Parauga Kontaktpersona",
                    "contact_email": SAMPLE_EMAIL,
                    "contact_phone": "",
                    "may_publish_name": sample.may_publish_name,
                },
            )
            # The English translation, as the organisers would add it in the admin.
            commitment.text_en = sample.text_en
            commitment.save(update_fields=["text_en", "updated_at"])
            if sample.approve:
                commitment = commitment_approve(commitment=commitment)
                if sample.progress:
                    progress, note = sample.progress
                    commitment_progress_record(commitment=commitment, progress=progress, text=note)
                    commitment.refresh_from_db()
            added.append(commitment)
        return added

    def _add_report(self, groups: dict):
        """Write and publish a sample report for the first group that has none; never touch a real one."""
        numbers = [n for n in REPORT_GROUP_PREFERENCE if n in groups] + sorted(
            n for n in groups if n not in REPORT_GROUP_PREFERENCE
        )
        reports = {
            report.group_id: report for report in GroupReport.objects.filter(group__in=groups.values())
        }
        for number in numbers:
            report = reports.get(groups[number].pk)
            if report and report.findings_lv.startswith(REPORT_MARK_LV):
                return groups[number], False
        for number in numbers:
            if groups[number].pk not in reports:
                report = GroupReport.objects.create(
                    group=groups[number], status=GroupReport.Status.PUBLISHED, version=1, **REPORT
                )
                for position, (area, text_lv, text_en) in enumerate(REPORT_NEEDS):
                    if area in groups:
                        ReportNeed.objects.create(
                            report=report,
                            area=groups[area],
                            text_lv=text_lv,
                            text_en=text_en,
                            position=position,
                        )
                for position, (owner, action_lv, action_en) in enumerate(REPORT_ACTIONS):
                    ReportAction.objects.create(
                        report=report,
                        owner=owner,
                        action_lv=action_lv,
                        action_en=action_en,
                        position=position,
                    )
                return groups[number], True
        return None, False

    def _print_summary(self, target, added, report_group, report_added) -> None:
        approved = [c for c in added if c.status == Commitment.Status.APPROVED]
        proposed = [c for c in added if c.status == Commitment.Status.PROPOSED]
        if not added:
            self.stdout.write(f"The sample commitments are already in {target.slug}; nothing added.")
        else:
            self.stdout.write(
                f"{len(approved)} approved and {len(proposed)} proposed sample commitments added to "
                f"{target.slug}:"
            )
            for commitment in added:
                self.stdout.write(
                    f"  [{commitment.status}] group {commitment.group.number}, "
                    f"{commitment.organisation_name}: {commitment.text_en}"
                )
        if report_group is None:
            self.stdout.write("Every working group already has a report; no sample report written.")
        elif report_added:
            self.stdout.write(f"Sample group report written and published for group {report_group.number}.")
        else:
            self.stdout.write(f"The sample group report of group {report_group.number} is already there.")
        with translation.override("lv"):
            draft = reverse("commitments:draft", kwargs={"slug": target.slug})
            queue = reverse("admin:commitments_commitment_changelist")
            workspace = (
                reverse("commitments:workspace", kwargs={"slug": target.slug, "number": report_group.number})
                if report_group
                else None
            )
        self.stdout.write("No edition was published. Try (runserver, logged in as an organiser):")
        self.stdout.write(f"  draft document, to preview and publish an edition: {draft}")
        self.stdout.write(f"  the organisers' queue in the admin: {queue}?status__exact=proposed")
        if workspace:
            self.stdout.write(f"  the group leaders' workspace with the sample report: {workspace}")
