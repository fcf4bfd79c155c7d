"""Fill a consultation with realistic synthetic data at a chosen scale, with bulk inserts.

    python manage.py synthetic_data --participants 2000 --offers 10000 --commitments 500 [--slug riga-2015]
    python manage.py synthetic_data --reset            # remove the synthetic rows only

Participants across every group and sector with Latvian names (their places decided under the consultation's
places lock, so capacity and the waiting lists stay exact), organisations, resource-wall cards and
questionnaire services in Latvian and English, group reports for groups that have none, and commitments
with progress notes. Every synthetic row is marked (organisations' identifiers start with ``sintetiska-``,
e-mail addresses end in ``@sintetiski.example``, reports start with SINTĒTISKI DATI), so each run first
removes the previous run's rows and the counts asked for are the counts that exist afterwards; real rows are
never touched. ``--publish-edition`` also publishes an edition of the commitment document; editions are
permanent, so that one stays after ``--reset``. Random choices come from ``--seed``: the same seed gives the
same data.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from commitments.models import Commitment, ProgressNote
from commitments.services import edition_publish
from consultation.models import Consultation, Organisation
from consultation.page_cache import content_changed
from registry.offers.models import (
    Cost,
    Language,
    Offer,
    OfferKind,
    Period,
    QuestionnaireResponse,
    Region,
    TargetGroup,
)
from registry.participants.models import Participant, Sector, registration_code_new
from registry.participants.places import Places, place, places_lock
from workgroups.models import GroupReport, ReportNeed

MARK_SLUG = "sintetiska-"
MARK_EMAIL = "@sintetiski.example"
MARK_REPORT = "SINTĒTISKI DATI"
BATCH = 2000

# (first names, surnames) by grammatical gender, so that a name agrees as it would in Latvian
NAMES = [
    (
        "Anna Līga Ilze Inese Dace Kristīne Ieva Zane Evija Agnese Laura Elīna Māra Rūta Baiba Iveta Natālija "
        "Jeļena Svetlana Fatima Amira".split(),
        "Bērziņa Kalniņa Ozoliņa Jansone Liepiņa Krūmiņa Balode Eglīte Zariņa Pētersone Vītola Kļaviņa Lāce "
        "Zvaigzne Dūmiņa Čakste Žagare Ķēniņa Petrova Kuzņecova Grīnberga Siliņa Āboliņa Štāla".split(),
    ),
    (
        "Jānis Andris Mārtiņš Edgars Pēteris Kārlis Juris Aigars Gatis Raivis Uldis Ģirts Valdis Roberts Artūrs "
        "Krišjānis Dāvis Oļegs Aleksandrs Ahmeds Jusufs".split(),
        "Bērziņš Kalniņš Ozoliņš Jansons Liepiņš Krūmiņš Balodis Eglītis Zariņš Pētersons Vītols Kļaviņš Lācis "
        "Zvaigzne Dūmiņš Čakste Žagars Ķēniņš Petrovs Kuzņecovs Grīnbergs Siliņš Āboliņš Štāls".split(),
    ),
]


def person_name(rng: random.Random) -> tuple[str, str]:
    first_names, last_names = rng.choice(NAMES)
    return rng.choice(first_names), rng.choice(last_names)


POSITIONS = (
    "valdes priekšsēdētāja|sociālais darbinieks|psihologs|projektu vadītāja|brīvprātīgais|jurists|skolotāja|"
    "ārsts|tulks|pētniece|vecākais referents|koordinators"
).split("|")
PLACES = (
    "Rīgā|Daugavpilī|Liepājā|Jelgavā|Valmierā|Cēsīs|Rēzeknē|Ventspilī|Siguldā|Jūrmalā|Mucenieku centrā".split(
        "|"
    )
)
ORGANISATION_WORDS = (
    "Saulgrieži|Labie kaimiņi|Tilts|Gaismas ceļš|Atbalsta punkts|Ozolzīle|Mājas sajūta|Sadarbības tīkls|"
    "Ziemeļblāzma|Dzīvesprieks|Jaunā sēta|Vienoti|Palīdzīgā roka|Krasts|Avots|Pūra lāde"
).split("|")
ORGANISATION_FORMS = [
    ("Biedrība “{}”", "“{}” association", Organisation.Kind.NGO),
    ("Nodibinājums “{}”", "“{}” foundation", Organisation.Kind.NGO),
    ("{} novada pašvaldība", "{} municipality", Organisation.Kind.MUNICIPALITY),
    ("SIA “{}”", "{} Ltd", Organisation.Kind.BUSINESS),
]
# Latvian card texts in many word forms, so search has something to understand; a share is in English.
OFFERS_LV = [
    "Piedāvājam bezmaksas konsultācijas bērnu vecākiem {place}, arī bēgļu ģimenēm.",
    "Psihologa konsultācijas pieaugušajiem un bērniem, divas reizes nedēļā {place}.",
    "Varam izmitināt divas bēgļu ģimenes {place} līdz gada beigām.",
    "Latviešu valodas nodarbības bērniem un jauniešiem {place}; grupās līdz 12 cilvēkiem.",
    "Brīvprātīgie palīdzēs bēgļiem kārtot dokumentus un pavadīs uz iestādēm {place}.",
    "Nododam apģērbu, apavus un mēbeles patvēruma meklētājiem {place}.",
    "Juridiskas konsultācijas par patvēruma procedūru, tulks arābu valodā {place}.",
    "Transports no Mucenieku centra uz nodarbībām {place} katru sestdienu.",
    "Telpas semināriem un tikšanās reizēm {place}, līdz 40 vietām.",
    "Sporta nodarbības bērniem un pusaudžiem {place}; aicinām arī bēgļu bērnus.",
    "Darba prakse jauniešiem mūsu uzņēmumā {place}; palīdzam atrast darbu.",
    "Mācību materiāli skolām, kurās mācās bēgļu bērni {place}.",
]
OFFERS_EN = [
    "We offer free counselling for children and parents in {place}.",
    "Volunteers who speak Arabic and French can help families with paperwork in {place}.",
    "Sports for children and teenagers every weekend in {place}.",
    "A psychologist's consultations for refugees, in English and Russian, in {place}.",
]
PLACES_EN = "Riga|Daugavpils|Liepaja|Jelgava|Valmiera|Cesis".split("|")
COMMITMENTS = [
    (
        "Organizēsim latviešu valodas kursus {n} pieaugušajiem {place}.",
        "We will run Latvian courses for {n} adults.",
    ),
    (
        "Mūsu brīvprātīgie pavadīs {n} jaunpienācējus uz iestādēm {place}.",
        "Our volunteers will accompany {n} newcomers to offices.",
    ),
    (
        "Sniegsim {n} bezmaksas juridiskas konsultācijas {place}.",
        "We will give {n} free legal consultations.",
    ),
    ("Atvēlēsim telpas {n} tikšanās reizēm {place}.", "We will give our rooms for {n} meetings."),
    (
        "Apmācīsim {n} skolotājus darbam ar bēgļu bērniem.",
        "We will train {n} teachers to work with refugee children.",
    ),
]


class Command(BaseCommand):
    help = "Fill a consultation with synthetic participants, offers, questionnaire services, reports and commitments."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--slug", default="", help="Consultation (default: the current one).")
        parser.add_argument("--participants", type=int, default=2000)
        parser.add_argument("--offers", type=int, default=10000)
        parser.add_argument("--commitments", type=int, default=500)
        parser.add_argument("--organisations", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--reset", action="store_true", help="Only remove the synthetic rows.")
        parser.add_argument("--publish-edition", action="store_true", help="Publish a document edition too.")

    def handle(self, *args, **options) -> None:
        consultation = self._consultation(options["slug"])
        started = time.perf_counter()
        with transaction.atomic():
            removed = self._remove(consultation)
            content_changed(consultation.pk)  # bulk writes send no signals: public pages must not stay cached
        if options["reset"]:
            self.stdout.write(f"Removed {removed} synthetic rows from {consultation.slug}.")
            return
        rng = random.Random(options["seed"])
        with transaction.atomic():
            organisations = self._organisations(rng, options["organisations"])
            participants = self._participants(consultation, rng, options["participants"], organisations)
            offers = self._offers(consultation, rng, options["offers"], organisations)
            reports = self._reports(consultation)
            commitments = self._commitments(consultation, rng, options["commitments"], organisations)
            content_changed(consultation.pk)
        edition = ""
        if options["publish_edition"] and commitments:
            edition = f", edition {edition_publish(consultation=consultation).number} published"
        self.stdout.write(
            f"{consultation.slug}: {participants} participants, {offers} offers, {reports} group reports, "
            f"{commitments} commitments, {len(organisations)} organisations{edition} "
            f"in {time.perf_counter() - started:.1f} s."
        )

    def _consultation(self, slug: str) -> Consultation:
        consultations = Consultation.objects.all()
        consultation = consultations.filter(slug=slug).first() if slug else Consultation.objects.current()
        if consultation is None:
            raise CommandError(f"No consultation {slug!r}: load one first (manage.py demo_setup).")
        if not consultation.working_groups.exists():
            raise CommandError(f"Consultation {consultation.slug!r} has no working groups.")
        return consultation

    def _remove(self, consultation: Consultation) -> int:
        """Delete the synthetic rows; the remaining waiting lists are renumbered 1..n in their order."""
        with places_lock(consultation):
            removed = ProgressNote.objects.filter(
                commitment__consultation=consultation, commitment__contact_email__endswith=MARK_EMAIL
            ).delete()[0]
            removed += Commitment.objects.filter(
                consultation=consultation, contact_email__endswith=MARK_EMAIL
            ).delete()[0]
            removed += GroupReport.objects.filter(
                group__consultation=consultation, findings_lv__startswith=MARK_REPORT
            ).delete()[0]
            # Nothing refers to an offer and its receivers only bump the page cache's version, so one DELETE
            # does (a delete() would run them per row); the version is bumped once at the end of handle().
            offers = Offer.objects.filter(consultation=consultation, contact_email__endswith=MARK_EMAIL)
            offers_removed = offers._raw_delete(offers.db)
            removed += offers_removed
            removed += QuestionnaireResponse.objects.filter(
                consultation=consultation, contact_email__endswith=MARK_EMAIL
            ).delete()[0]
            synthetic = Participant.objects.filter(consultation=consultation, email__endswith=MARK_EMAIL)
            removed += synthetic.delete()[0]
            if removed:
                self._renumber_waiting_lists(consultation)
            still_used = Commitment.objects.filter(organisation__slug__startswith=MARK_SLUG).exists()
            if not still_used:  # organisations of other consultations' synthetic rows stay
                removed += (
                    Organisation.objects.filter(slug__startswith=MARK_SLUG)
                    .exclude(participants__isnull=False)
                    .exclude(offers__isnull=False)
                    .exclude(questionnaire_responses__isnull=False)
                    .delete()[0]
                )
        return removed

    def _renumber_waiting_lists(self, consultation: Consultation) -> None:
        waiting = list(
            Participant.objects.waiting()
            .filter(consultation=consultation)
            .annotate(
                new_position=Window(
                    RowNumber(), partition_by=[F("group_id")], order_by=F("waiting_position").asc()
                )
            )
            .values_list("pk", "new_position")
        )
        # two passes, as places.close_gap does: out of the unique index's way first
        Participant.objects.filter(pk__in=[pk for pk, _ in waiting]).update(
            waiting_position=F("waiting_position") + 1_000_000_000
        )
        rows = [Participant(pk=pk, waiting_position=position) for pk, position in waiting]
        Participant.objects.bulk_update(rows, ["waiting_position"], batch_size=BATCH)

    def _organisations(self, rng: random.Random, count: int) -> list[Organisation]:
        rows = []
        for number in range(count):
            lv, en, kind = ORGANISATION_FORMS[number % len(ORGANISATION_FORMS)]
            word = ORGANISATION_WORDS[number % len(ORGANISATION_WORDS)]
            suffix = f" {number // len(ORGANISATION_WORDS) + 1}" if number >= len(ORGANISATION_WORDS) else ""
            rows.append(
                Organisation(
                    slug=f"{MARK_SLUG}{number}",
                    name_lv=lv.format(word) + suffix,
                    name_en=en.format(word) + suffix,
                    kind=kind,
                )
            )
        existing = {o.slug: o for o in Organisation.objects.filter(slug__startswith=MARK_SLUG)}
        Organisation.objects.bulk_create([o for o in rows if o.slug not in existing], batch_size=BATCH)
        return list(Organisation.objects.filter(slug__in=[o.slug for o in rows]).order_by("pk"))

    def _participants(
        self, consultation: Consultation, rng: random.Random, count: int, organisations: list[Organisation]
    ) -> int:
        groups = list(consultation.working_groups.order_by("number"))
        codes = set(Participant.objects.filter(consultation=consultation).values_list("code", flat=True))
        rows = []
        with places_lock(consultation):
            places = Places(consultation)
            for number in range(count):
                first = rng.choice(groups)
                second = rng.choice([g for g in groups if g != first] or [first])
                code = registration_code_new()
                while code in codes:
                    code = registration_code_new()
                codes.add(code)
                known = organisations and rng.random() < 0.7
                first_name, last_name = person_name(rng)
                participant = Participant(
                    consultation=consultation,
                    code=code,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"dalibnieks-{number}{MARK_EMAIL}",
                    phone=f"+371 2{rng.randrange(10**6, 10**7)}",
                    organisation=rng.choice(organisations) if known else None,
                    organisation_name=""
                    if known
                    else f"Biedrība “{rng.choice(ORGANISATION_WORDS)}” Nr. {number}",
                    sector=rng.choice(Sector.values),
                    position=rng.choice(POSITIONS),
                    first_choice=first,
                    second_choice=second,
                    consent_data=True,
                    consent_listing=rng.random() < 0.6,
                    language="lv" if rng.random() < 0.85 else "en",
                    is_walk_in=rng.random() < 0.05,
                    submission_token=uuid.UUID(int=rng.getrandbits(128)),
                    email_status=Participant.EmailStatus.SENT,
                )
                if rng.random() < 0.04:  # some cancelled: no place, no waiting position
                    participant.group, participant.status = first, Participant.Status.CANCELLED
                else:
                    place(participant, places, [first, second])
                participant.search_text = participant.build_search_text()
                rows.append(participant)
            Participant.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def _offers(
        self, consultation: Consultation, rng: random.Random, count: int, organisations: list[Organisation]
    ) -> int:
        groups = list(consultation.working_groups.order_by("number"))
        kinds, regions, targets, languages = (
            OfferKind.values,
            Region.values,
            TargetGroup.values,
            Language.values,
        )
        costs, periods = Cost.values, Period.values
        responses = []
        for organisation in organisations[: max(1, count // 20)] if count else []:
            responses.append(
                QuestionnaireResponse(
                    consultation=consultation,
                    organisation=organisation,
                    organisation_name=organisation.name_lv,
                    contact_name=" ".join(person_name(rng)),
                    contact_email=f"anketa-{organisation.pk}{MARK_EMAIL}",
                )
            )
        QuestionnaireResponse.objects.bulk_create(responses, batch_size=BATCH)
        now = timezone.now()
        rows = []
        for number in range(count):
            english = rng.random() < 0.15
            if english:
                description = rng.choice(OFFERS_EN).format(place=rng.choice(PLACES_EN))
            else:
                description = rng.choice(OFFERS_LV).format(place=rng.choice(PLACES))
            response = responses[number % len(responses)] if responses and number % 4 == 0 else None
            organisation = response.organisation if response else None
            if organisation is None and rng.random() < 0.3:
                organisation = rng.choice(organisations)
            status = rng.choices(
                [Offer.Status.APPROVED, Offer.Status.PENDING, Offer.Status.REJECTED], weights=[85, 10, 5]
            )[0]
            starts = consultation.starts_at.date() + datetime.timedelta(days=rng.randrange(-30, 120))
            offer = Offer(
                consultation=consultation,
                source=Offer.Source.QUESTIONNAIRE if response else Offer.Source.WALL,
                status=status,
                response=response,
                organisation=organisation,
                author_name=organisation.name_lv if organisation else " ".join(person_name(rng)),
                contact_email=f"piedavajums-{number}{MARK_EMAIL}",
                area=rng.choice(groups),
                kind=rng.choice(kinds),
                description=description,
                regions=rng.sample(regions, rng.randint(1, 3)),
                target_groups=rng.sample(targets, rng.randint(1, 3)),
                languages=rng.sample(languages, rng.randint(1, 2)),
                capacity=rng.choice(["", "10 cilvēki mēnesī", "2 ģimenes", "līdz 40"]),
                cost=rng.choice(costs),
                available_from=starts,
                available_until=starts + datetime.timedelta(days=rng.randrange(30, 365))
                if rng.random() < 0.7
                else None,
                period=rng.choice(periods),
                moderated_at=now if status != Offer.Status.PENDING else None,
            )
            offer.search_text = offer.build_search_text()
            rows.append(offer)
        Offer.objects.bulk_create(rows, batch_size=BATCH)
        return len(rows)

    def _reports(self, consultation: Consultation) -> int:
        groups = consultation.working_groups.filter(report__isnull=True).order_by("number")
        reports = [
            GroupReport(
                group=group,
                findings_lv=f"{MARK_REPORT}. Grupa {group.number} secināja, ka bēgļu ģimenēm trūkst informācijas "
                "latviešu valodā un ka pašvaldībām vajag vienu kontaktpunktu.",
                findings_en=f"SYNTHETIC DATA. Group {group.number} found that refugee families lack information "
                "and that municipalities need one contact point.",
                solutions_lv="Izveidot kopīgu informācijas lapu; apmācīt brīvprātīgos; sadarboties ar skolām.",
                solutions_en="A shared information page; training for volunteers; working with schools.",
                resources_lv="Telpas, brīvprātīgie un tulki trīs pašvaldībās.",
                resources_en="Premises, volunteers and interpreters in three municipalities.",
                participant_count=group.capacity,
                status=GroupReport.Status.PUBLISHED,
                submitted_at=timezone.now(),
                published_at=timezone.now(),
            )
            for group in groups
        ]
        GroupReport.objects.bulk_create(reports)
        areas = list(consultation.working_groups.order_by("number"))
        ReportNeed.objects.bulk_create(
            ReportNeed(
                report=report,
                area=area,
                text_lv="Informācija bēgļu ģimenēm",
                text_en="Information for refugee families",
                position=position,
            )
            for report in reports
            for position, area in enumerate(areas[:2])
        )
        return len(reports)

    def _commitments(
        self, consultation: Consultation, rng: random.Random, count: int, organisations: list[Organisation]
    ) -> int:
        groups = list(consultation.working_groups.order_by("number"))
        day = consultation.starts_at.date()
        now = timezone.now()
        rows = []
        for number in range(count):
            text_lv, text_en = rng.choice(COMMITMENTS)
            amount = rng.randrange(5, 60)
            status = rng.choices(
                [Commitment.Status.APPROVED, Commitment.Status.PROPOSED, Commitment.Status.RETURNED],
                weights=[88, 9, 3],
            )[0]
            starts = day + datetime.timedelta(days=rng.randrange(1, 90))
            rows.append(
                Commitment(
                    consultation=consultation,
                    group=groups[number % len(groups)],
                    organisation=rng.choice(organisations),
                    contact_name=" ".join(person_name(rng)),
                    contact_email=f"apnemsanas-{number}{MARK_EMAIL}",
                    text_lv=text_lv.format(n=amount, place=rng.choice(PLACES)),
                    text_en=text_en.format(n=amount) if rng.random() < 0.8 else "",
                    resource=rng.choice(Commitment.Resource.values),
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=rng.randrange(0, 200))
                    if rng.random() < 0.8
                    else None,
                    may_publish_name=rng.random() < 0.95,
                    status=status,
                    position=number // len(groups),
                    progress=rng.choice(Commitment.Progress.values)
                    if status == Commitment.Status.APPROVED
                    else Commitment.Progress.PLANNED,
                    approved_at=now if status == Commitment.Status.APPROVED else None,
                )
            )
        Commitment.objects.bulk_create(rows, batch_size=BATCH)
        notes = [
            ProgressNote(
                commitment=commitment,
                noted_on=day + datetime.timedelta(days=rng.randrange(30, 200)),
                text=rng.choice(
                    ["Pirmā nodarbība notikusi.", "Darbs turpinās; iesaistīti 10 brīvprātīgie.", "Pabeigts."]
                ),
                progress=commitment.progress,
                author=rng.choice(ProgressNote.Author.values),
            )
            for commitment in rows
            if commitment.status == Commitment.Status.APPROVED
            and commitment.progress != Commitment.Progress.PLANNED
        ]
        ProgressNote.objects.bulk_create(notes, batch_size=BATCH)
        return len(rows)
