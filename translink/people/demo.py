"""The demo institute's departments, 300 researchers and their publications."""

from __future__ import annotations

from typing import Any

from translink.accounts import actions as account_actions
from translink.accounts.demo import DEMO_PASSWORD, RESEARCHER_LOGIN
from translink.accounts.models import Role
from translink.lib.progress import ProgressBar
from translink.people import actions
from translink.people.demo_corpus import departments, researchers


def load(context: dict[str, Any]) -> None:
    institute = context["organizations"]["institute"]
    by_code = {
        d.code: actions.create_department(None, code=d.code, name=d.name) for d in departments()
    }
    people = researchers()
    bar = ProgressBar(len(people), "Demo researchers", stream=context.get("stdout"))
    for index, person in enumerate(people):
        user = None
        if index == 0:  # the demo researcher's sign-in owns the first profile
            user = account_actions.create_account(
                None,
                email=RESEARCHER_LOGIN,
                full_name=person.full_name,
                role=Role.RESEARCHER,
                organization=institute,
                password=DEMO_PASSWORD,
            )
        researcher = actions.create_researcher(
            None,
            full_name=person.full_name,
            email=person.email,
            departments=[by_code[code] for code in person.departments],
            title=person.title,
            focus_areas=person.focus_areas,
            specialties=person.specialties,
            bio=person.bio,
            open_to_industry=person.open_to_industry,
            user=user,
        )
        for paper in person.publications:
            actions.add_publication(
                None,
                researcher,
                position=paper.position,
                title=paper.title,
                abstract=paper.abstract,
                journal=paper.journal,
                year=paper.year,
                pmid=paper.pmid,
                doi=paper.doi,
                mesh_terms=list(paper.mesh_terms),
                authors=list(paper.authors),
            )
        bar.advance()
