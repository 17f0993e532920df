"""Background work of the unit planner, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from translink.tcrc import actions
from translink.tcrc.models import PlanRun


@task()
def solve_plan(run_id: int) -> str:
    """Solve one queued planner run and save its plan."""
    run = PlanRun.objects.select_related("unit").get(pk=run_id)
    return str(actions.solve_run(run).state)
