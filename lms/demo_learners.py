"""The course owner's part of the demo: the union "Demoforbundet" with two local
branches, and generated learners and teams spread over the last ~18 months, so that
every figure and chart of the course owners' reports has something in it.

The people are clearly fake ("Testperson 017", ``testperson017@demo.test``: the
``.test`` domain receives no mail) and have no usable password. Each one said, with
consent, that they belong to Demoforbundet or one of its branches; some also share
their name. Their learning goes through the real actions (enrolment, the quiz, the page
view that completes the module, the certificate, the team's session, plan and check-ins),
except the page views before the last one, which are written in bulk: each would
otherwise record a statement of its own, and there are thousands. The actions stamp the
present moment; the rows are then moved back to the day each thing happened in the
story (the xAPI statements keep the moment the demo was made).

Everything is decided by one seeded random generator, so each run makes the same data.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from base.roles import Role

PEOPLE = 60
SEED = 2026
EMAIL = "testperson{:03d}@demo.test"
UNION = "Demoforbundet"
BRANCHES = ("Demoforbundet Hamar", "Demoforbundet Drammen")
# Where the generated people work: sykehus gets only a few, so its figures show "< 5".
INDUSTRY_WEIGHTS = {
    "barnehage": 8,
    "sykehjem": 6,
    "renhold": 5,
    "bygg-og-anlegg": 5,
    "grunnskole": 4,
    "overnatting-og-servering": 3,
    "rutebuss-og-persontransport": 3,
    "sykehus": 0,  # three people, set below
}
ROLE_WEIGHTS = {Role.UNION_REP: 5, Role.SAFETY_REP: 3, Role.LEADER: 2}
# How far each learner got, and how many of them.
STAGES = {
    "enrolled": 5,  # enrolled, nothing opened
    "started": 7,  # read some pages
    "failed": 5,  # read everything, failed the quiz every time so far
    "completed": 13,  # completed (a certificate), within the last 18 months
    "expiring": 4,  # completed 21-23 months ago: the certificate expires within 90 days
    "expired": 3,  # completed 25-27 months ago: the certificate has expired
    "renewed": 3,  # completed long ago, then took the module again: a renewal
}


@dataclass
class Person:
    number: int
    organisation: object
    industry: object
    role: str
    share_name: bool


def already_seeded() -> bool:
    return get_user_model().objects.filter(email=EMAIL.format(1)).exists()


def seed_organisations():
    """Demoforbundet and its two branches (idempotent); returns (union, branches)."""
    from organisations.models import Organisation

    union, _created = Organisation.objects.get_or_create(
        name=UNION, parent=None, defaults={"kind": Organisation.Kind.UNION}
    )
    branches = [
        Organisation.objects.get_or_create(
            name=name, parent=union, defaults={"kind": Organisation.Kind.BRANCH}
        )[0]
        for name in BRANCHES
    ]
    return union, branches


def seed_owner_and_member(union) -> None:
    """kurseier@demo.test owns Demoforbundet's figures; tillitsvalgt@demo.test is a
    consenting member (CONTRACT.md)."""
    from organisations.actions import join_organisation
    from organisations.models import Affiliation, OwnerScope

    user_model = get_user_model()
    owner = user_model.objects.get(email="kurseier@demo.test")
    OwnerScope.objects.get_or_create(user=owner, organisation=union)
    member = user_model.objects.get(email="tillitsvalgt@demo.test")
    if not Affiliation.objects.filter(user=member, organisation=union).exists():
        join_organisation(member, union, consent=True)


def seed_learners(version, industries: dict, union, branches) -> int:
    """The generated learners and their teams; returns how many people were made."""
    rng = random.Random(SEED)
    people = _people(rng, industries, union, branches)
    seats = _assign_seats(people, industries)
    story = _Story(version, rng, timezone.now())
    users = {p.number: story.person(p) for p in people}
    in_teams = set()
    for (name, slug, progress, empty), members in seats:
        story.team(
            name,
            slug,
            progress,
            {role: (person, users[person.number]) for role, person in members.items()},
            [str(r) for r in empty],
        )
        in_teams |= {person.number for person in members.values()}
    stages = [stage for stage, count in STAGES.items() for _i in range(count)]
    rng.shuffle(stages)
    for person in people:
        if person.number in in_teams:
            continue
        stage = stages.pop() if stages else "completed"
        story.learn(users[person.number], person, stage)
    return len(people)


def _people(rng, industries, union, branches) -> list[Person]:
    organisations = [branches[0]] * 5 + [branches[1]] * 3 + [union] * 1
    industry_pool = [industries[s] for s, w in INDUSTRY_WEIGHTS.items() for _i in range(w)]
    role_pool = [r for r, w in ROLE_WEIGHTS.items() for _i in range(w)]
    people = []
    for number in range(1, PEOPLE + 1):
        industry = industries["sykehus"] if number in (33, 47, 58) else rng.choice(industry_pool)
        people.append(
            Person(
                number=number,
                organisation=rng.choice(organisations),
                industry=industry,
                role=str(rng.choice(role_pool)),
                share_name=rng.random() < 0.4,
            )
        )
    return people


# The demo's teams: (workplace, industry, how far they got, seats declared empty).
TEAMS = [
    ("Testbarnehagen Solbakken", "barnehage", "formed", ()),
    ("Testhjemmet Lindely", "sykehjem", "session", ()),
    ("Testrenhold Østby", "renhold", "agreed", ()),
    ("Testbygg Nordlia", "bygg-og-anlegg", "check_in_1", ()),
    ("Testskolen Haugen", "grunnskole", "check_in_3", ()),
    ("Testbarnehagen Tusenfryd", "barnehage", "check_in_6", ()),
    ("Testkafeen Torget", "overnatting-og-servering", "check_in_3", (Role.UNION_REP,)),
]
# How long ago each team was made (days), so its check-ins have come.
TEAM_AGE = {
    "formed": 20,
    "session": 45,
    "agreed": 25,
    "check_in_1": 70,
    "check_in_3": 130,
    "check_in_6": 230,
}


def _assign_seats(people: list[Person], industries: dict) -> list:
    """The first people generated sit in the demo's teams: each takes a seat's role and
    the team's industry (in their profile too)."""
    seats, free = [], iter(people)
    for spec in TEAMS:
        name, slug, progress, empty = spec
        members = {}
        for role in (Role.LEADER, Role.SAFETY_REP, Role.UNION_REP):
            if role in empty:
                continue
            person = next(free)
            person.industry, person.role = industries[slug], str(role)
            members[str(role)] = person
        seats.append((spec, members))
    return seats


class _Story:
    """Writes what happened to the demo's people through the actions, then dates it."""

    def __init__(self, version, rng, now):
        from modules.models import Industry, Page
        from quizzes.models import Question, Quiz

        self.version = version
        self.rng = rng
        self.now = now
        self.pages = list(Page.objects.filter(version=version).order_by("order"))
        self.industries = {i.slug: i for i in Industry.objects.all()}
        self.quiz = Quiz.objects.get(version=version)
        questions = Question.objects.filter(quiz=self.quiz).prefetch_related("choices")
        self.questions = {q.key: q for q in questions}
        # Each question's difficulty: a few that most people fail, and one that everyone
        # answers alike (it does not separate stronger learners from weaker ones).
        keys = sorted(self.questions)
        self.difficulty = {k: rng.uniform(-0.15, 0.25) for k in keys}
        for hard in keys[2:4]:
            self.difficulty[hard] = 0.55
        self.flat = keys[-1]

    def person(self, spec: Person):
        from organisations.actions import join_organisation

        user = get_user_model()(
            email=EMAIL.format(spec.number),
            display_name=f"Testperson {spec.number:03d}",
            language="nb",
            industry=spec.industry,
            roles=[spec.role],
        )
        user.set_unusable_password()
        user.save()
        join_organisation(user, spec.organisation, consent=True, share_name=spec.share_name)
        return user

    # --- one learner ------------------------------------------------------------------

    def learn(self, user, spec: Person, stage: str, enrolment=None, start=None):
        from modules.actions import enrol_learner

        if start is None:
            start = self._start(stage)
        if enrolment is None:
            enrolment = enrol_learner(user, self.version, spec.industry, spec.role)
        ability = self.rng.uniform(0.45, 0.95)
        if stage == "enrolled":
            self._date(enrolment, start)
            return enrolment
        if stage == "started":
            self._pages(enrolment, self.rng.randint(1, len(self.pages) - 2))
            self._date(enrolment, start)
            return enrolment
        self._pages(enrolment, len(self.pages) - 1)
        if stage == "failed":
            for _try in range(self.rng.randint(1, 3)):
                self._attempt(enrolment, min(ability, 0.5), must="fail")
            self._date(enrolment, start)
            return enrolment
        self._pass_quiz(enrolment, ability)
        self._last_page(enrolment)
        self._date(enrolment, start)
        if stage == "renewed":
            self._renew(user, spec, enrolment)
        return enrolment

    def _start(self, stage: str):
        days = {
            "expiring": (640, 700),
            "expired": (760, 820),
            "renewed": (560, 680),
        }.get(stage, (5, 540))
        return self.now - timedelta(days=self.rng.randint(*days), hours=self.rng.randint(0, 9))

    def _pages(self, enrolment, count: int) -> None:
        from modules.models import PageView

        PageView.objects.bulk_create(
            [PageView(enrolment=enrolment, page=page) for page in self.pages[:count]],
            ignore_conflicts=True,
        )

    def _last_page(self, enrolment) -> None:
        from modules.actions import record_page_view

        record_page_view(enrolment, self.pages[-1], "nb")

    def _pass_quiz(self, enrolment, ability: float) -> None:
        for number in range(1, 4):
            must = "pass" if number == 3 else None
            attempt = self._attempt(enrolment, ability, must=must)
            if attempt.passed:
                return
            ability = min(ability + 0.15, 0.98)

    def _attempt(self, enrolment, ability: float, must: str | None):
        """One graded attempt, written in bulk: the questions drawn from the learner's
        pool by the quiz's own rule, graded by the quiz's own functions. (Through
        ``start_attempt`` each would load every question of the bank again.) A pass goes
        through ``record_quiz_passed``, as a graded attempt does."""
        from modules.actions import record_quiz_passed
        from quizzes import grading
        from quizzes.models import Answer, Attempt
        from quizzes.pool import DrawRule, draw, pool_of

        quiz = self.quiz
        pool = pool_of(self.questions.values(), enrolment.industry.slug, enrolment.role)
        previous = list(
            Attempt.objects.filter(enrolment=enrolment)
            .order_by("-number")
            .values_list("question_keys", flat=True)[:1]
        )
        if quiz.draw_count is not None:
            rule = DrawRule(quiz.draw_count, quiz.draw_min_scenarios, quiz.draw_min_industry)
            avoid = previous[0] if previous else []
            pool = draw(pool, rule, enrolment.industry.slug, avoid=avoid, rng=self.rng)
        questions = sorted(pool, key=lambda q: q.order)
        right = {q.key: self.rng.random() < self._p_correct(q.key, ability) for q in questions}
        if must == "pass":
            for key in [k for k, ok in right.items() if not ok][1:]:
                right[key] = True
        elif must == "fail":
            for key in list(right)[:4]:
                right[key] = False
        started = timezone.now()
        duration = timedelta(minutes=self.rng.randint(5, 20))
        answers = []
        for question in questions:
            correct = {c.key for c in question.choices.all() if c.is_correct}
            selected = set(self._choose(question.key, right[question.key]))
            answers.append(
                (question, sorted(selected), grading.is_correct(question.type, correct, selected))
            )
        correct_count = sum(1 for *_rest, ok in answers if ok)
        score = grading.score_percent(correct_count, len(answers))
        attempt = Attempt.objects.create(
            enrolment=enrolment,
            quiz=quiz,
            number=Attempt.objects.filter(enrolment=enrolment).count() + 1,
            question_keys=[q.key for q in questions],
            choice_order={q.key: [c.key for c in q.choices.all()] for q in questions},
            started_at=started,
            submitted_at=started + duration,
            duration=duration,
            correct_count=correct_count,
            question_count=len(answers),
            score=score,
            passed=grading.has_passed(score, quiz.pass_mark),
        )
        Answer.objects.bulk_create(
            Answer(attempt=attempt, question=q, selected=selected, is_correct=ok)
            for q, selected, ok in answers
        )
        if attempt.passed:
            record_quiz_passed(enrolment)
        return attempt

    def _p_correct(self, key: str, ability: float) -> float:
        if key == self.flat:
            return 0.7
        return max(0.05, min(0.98, ability + 0.2 - self.difficulty[key]))

    def _choose(self, key: str, right: bool) -> list[str]:
        question = self.questions[key]
        choices = sorted(question.choices.all(), key=lambda c: c.order)
        correct = [c.key for c in choices if c.is_correct]
        if right:
            return correct
        wrong = [c.key for c in choices if not c.is_correct]
        return [self.rng.choice(wrong)] if wrong else correct[:1]

    def _renew(self, user, spec: Person, first) -> None:
        """Later, the learner took the module again (now in another industry: a new
        job), which renewed the certificate."""
        others = [i for s, i in self.industries.items() if s != spec.industry.slug]
        again = Person(spec.number, spec.organisation, self.rng.choice(others), spec.role, False)
        start = first.completed_at + timedelta(days=self.rng.randint(500, 560))
        start = min(start, self.now - timedelta(days=10))
        self.learn(user, again, "completed", start=start)

    def _date(self, enrolment, start) -> None:
        """Move the enrolment's rows back to the story's days: enrolled at ``start``,
        pages over the following days, the quiz and completion a little later."""
        from certificates.actions import add_months
        from certificates.models import Certificate
        from modules.models import Enrolment, PageView
        from quizzes.models import Attempt

        done = start + timedelta(days=self.rng.randint(2, 30), hours=self.rng.randint(0, 5))
        done = min(done, self.now)
        views = list(PageView.objects.filter(enrolment=enrolment).order_by("page__order"))
        span = (done - start) / max(len(views), 1)
        for i, view in enumerate(views):
            view.first_seen_at = start + span * i
        PageView.objects.bulk_update(views, ["first_seen_at"])
        for attempt in Attempt.objects.filter(enrolment=enrolment).order_by("number"):
            began = done - timedelta(hours=4 - attempt.number, minutes=20)
            duration = attempt.duration or timedelta(minutes=9)
            Attempt.objects.filter(pk=attempt.pk).update(
                started_at=began, submitted_at=began + duration if attempt.submitted_at else None
            )
        enrolment.refresh_from_db()
        fields = {"enrolled_at": start, "last_active_at": done if views else start}
        if enrolment.quiz_passed_at:
            fields["quiz_passed_at"] = done
        if enrolment.completed_at:
            fields["completed_at"] = done
        Enrolment.objects.filter(pk=enrolment.pk).update(**fields)
        enrolment.completed_at = fields.get("completed_at")
        issued = timezone.localdate(done)
        months = self.version.validity_months
        Certificate.objects.filter(enrolment=enrolment).update(
            issued_on=issued, expires_on=add_months(issued, months) if months else None
        )

    # --- one team ---------------------------------------------------------------------

    def team(self, name: str, slug: str, progress: str, members: dict, empty: list[str]):
        from teams import actions
        from teams.models import Workplace

        industry = self.industries[slug]
        _leader_spec, leader = members[Role.LEADER]
        workplace = Workplace(
            name=name, industry=industry, employees=self.rng.randint(6, 60), org_number=""
        )
        team = actions.create_team(workplace, [Role.LEADER], [self.version], acting_user=leader)
        for role, (_spec, user) in members.items():
            if role != Role.LEADER:
                invitation = actions.invite(team.public_id, role, acting_user=leader)
                actions.accept_invitation(invitation.token, acting_user=user)
        for role in empty:
            actions.declare_seat_empty(team.public_id, role, acting_user=leader)
        age = timedelta(days=TEAM_AGE[progress])
        course_done = progress != "formed"
        for _role, (spec, user) in members.items():
            enrolment = user.enrolments.get(version=self.version)
            start = self.now - age - timedelta(days=self.rng.randint(10, 40))
            self.learn(user, spec, "completed" if course_done else "started", enrolment, start)
        if progress != "formed":
            self._session(team, members, leader, progress)
        self._date_team(team, age)
        self._check_ins(team, members, leader, progress)

    def _session(self, team, members, leader, progress) -> None:
        from teams import actions

        factors = [{"key": f["key"]} for f in team.workplace.industry.factors[:3]]
        actions.map_factors(team.public_id, factors, acting_user=leader)
        for _role, (_spec, user) in members.items():
            actions.record_baseline(team.public_id, self._answers(2), acting_user=user)
        today = timezone.localdate(self.now)
        owners = list(members)
        plan = [
            {
                "text": text,
                "owner_role": owners[i % len(owners)],
                "due_date": today + timedelta(days=20 + 25 * i),
                "done_means": done,
            }
            for i, (text, done) in enumerate(PLAN)
        ]
        version = actions.save_plan(team.public_id, 0, plan, acting_user=leader)
        if progress == "session":
            return
        for _role, (_spec, user) in members.items():
            actions.confirm_plan(team.public_id, version.number, acting_user=user)

    def _answers(self, around: int) -> dict[str, int]:
        from teams.indicators import QUESTIONS

        return {k: max(1, min(4, around + self.rng.choice((-1, 0, 0, 1)))) for k in QUESTIONS}

    def _date_team(self, team, age: timedelta) -> None:
        """Move the team's rows back by ``age``: made ``age`` ago, session and plan a
        couple of weeks later (so its check-ins have come)."""
        from teams.models import (
            Assessment,
            CheckIn,
            Invitation,
            PlanAction,
            PlanConfirmation,
            PlanVersion,
            Seat,
            Team,
            TeamEvent,
            Workplace,
        )

        def back(model, rows, *fields):
            changed = []
            for row in rows:
                for field in fields:
                    value = getattr(row, field)
                    if value is not None:
                        setattr(row, field, value - age)
                changed.append(row)
            model.objects.bulk_update(changed, list(fields))

        team.refresh_from_db()
        back(Team, [team], "created_at", "plan_agreed_at")
        back(Workplace, [team.workplace], "created_at")
        back(Seat, team.seats.all(), "joined_at")
        back(Invitation, team.invitations.all(), "created_at", "expires_at", "used_at")
        back(TeamEvent, team.events.all(), "at")
        back(PlanVersion, team.plan_versions.all(), "created_at", "agreed_at")
        back(PlanConfirmation, PlanConfirmation.objects.filter(plan__team=team), "at")
        back(Assessment, team.assessments.all(), "at")
        back(CheckIn, team.check_ins.all(), "due_at")
        actions = list(PlanAction.objects.filter(plan__team=team))
        for item in actions:
            item.due_date = item.due_date - timedelta(days=age.days)
        PlanAction.objects.bulk_update(actions, ["due_date"])
        team.refresh_from_db()

    def _check_ins(self, team, members, leader, progress) -> None:
        from teams import actions
        from teams.models import Assessment, CheckIn

        done = {"check_in_1": 1, "check_in_3": 2, "check_in_6": 3}.get(progress, 0)
        plan = team.plan_versions.filter(agreed_at__isnull=False).order_by("-number").first()
        statuses_by_number = {
            1: ("under_way", "not_started", "done"),
            2: ("done", "under_way", "done"),
            3: ("done", "done", "dropped"),
        }
        for number in range(1, done + 1):
            items = list(plan.actions.order_by("order"))
            statuses = {
                item.pk: (statuses_by_number[number][i % 3], "") for i, item in enumerate(items)
            }
            actions.complete_check_in(
                team.public_id,
                number,
                statuses,
                self._answers(2 + (number > 1)),
                acting_user=leader,
            )
            for role, (_spec, user) in members.items():
                if role != Role.LEADER:
                    actions.answer_check_in(
                        team.public_id, number, self._answers(3), acting_user=user
                    )
            check_in = CheckIn.objects.get(team=team, number=number)
            when = check_in.due_at + timedelta(days=self.rng.randint(1, 9))
            CheckIn.objects.filter(pk=check_in.pk).update(done_at=when)
            Assessment.objects.filter(check_in=check_in).update(at=when)
            team.events.filter(kind="check_in", at__gt=when).update(at=when)


PLAN = [
    (
        "Gå gjennom bemanningen på de travleste tidene",
        "Ny turnus er prøvd i fire uker",
    ),
    (
        "Kjøpe inn utstyr som gjør tunge løft lettere",
        "Utstyret er i bruk på alle avdelinger",
    ),
    (
        "Ta opp arbeidsmiljø som fast punkt på personalmøtet",
        "Punktet har stått på tre møter på rad",
    ),
]
