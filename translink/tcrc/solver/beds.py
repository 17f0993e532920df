"""Which bed each participant sleeps in, once the dosing days are set.

The planners count beds (in total and per equipment); this module names them. It walks the
horizon night by night: participants keep their bed for the whole stay (and, on a re-plan,
those already in the unit keep the bed they have, ``Instance.current_beds``); a newcomer takes a
free bed with the equipment they need, plain beds first for those who need none, so that
equipped beds stay free. When an equipped bed is needed and only a participant who does not
need it holds one, that participant moves to a free bed (a bed move, which costs). With the
counts within capacity on every night this always succeeds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from translink.tcrc.solver.instance import Bed, Instance, blocks
from translink.tcrc.solver.plan import Stay


class BedAssignmentError(RuntimeError):
    """The counts said the beds suffice, but they did not: a planner bug."""


@dataclass
class _Sleeper:
    cohort: str
    group: str
    period: int
    participant: int
    first: int
    last: int
    equipment: frozenset[str]
    segments: list[tuple[str, int]] = field(default_factory=list)  # (bed, first night)

    def key(self) -> tuple[str, str, int, int]:
        return (self.cohort, self.group, self.period, self.participant)


def assign_beds(instance: Instance, days: dict[str, int]) -> list[Stay]:
    """Name a bed for every night of every placed participant's stay."""
    arriving = _sleepers_by_first_night(instance, days)
    beds = {bed.key: bed for bed in instance.unit.beds}
    holder: dict[str, _Sleeper | None] = dict.fromkeys(beds)
    everyone: list[_Sleeper] = []
    for night in range(instance.unit.days):
        for key, sleeper in holder.items():
            if sleeper is not None and sleeper.last < night:
                holder[key] = None
        # Those who have a bed now go first, then those who need equipment.
        current = instance.current_beds
        newcomers = sorted(
            arriving.get(night, []), key=lambda s: (s.key() not in current, -len(s.equipment))
        )
        for sleeper in newcomers:
            _settle(sleeper, night, beds, holder, current.get(sleeper.key()))
            everyone.append(sleeper)
    return _stays(everyone)


def _sleepers_by_first_night(instance: Instance, days: dict[str, int]) -> dict[int, list[_Sleeper]]:
    arriving: dict[int, list[_Sleeper]] = defaultdict(list)
    for cohort in instance.cohorts:
        if cohort.key not in days:
            continue
        numbering = {"sentinel": 0, "main": cohort.sentinels, "standby": cohort.participants}
        for block in blocks(cohort):
            first = days[cohort.key] + block.admit_offset
            for i in range(block.people):
                number = numbering[block.group] + i
                sleeper = _Sleeper(
                    cohort.key,
                    block.group,
                    block.period,
                    number,
                    first,
                    first + block.nights - 1,
                    cohort.equipment,
                )
                arriving[first].append(sleeper)
    return arriving


def _settle(
    sleeper: _Sleeper,
    night: int,
    beds: dict[str, Bed],
    holder: dict[str, _Sleeper | None],
    now: str | None = None,
) -> None:
    free = [
        key
        for key, who in holder.items()
        if who is None and sleeper.equipment <= beds[key].equipment
    ]
    if now in free:
        key = now  # stays in the bed they have now
    elif free:
        # Plain beds first: keep equipment for those who need it.
        key = min(free, key=lambda k: (len(beds[k].equipment), k))
    else:
        key = _free_by_moving(sleeper, night, beds, holder)
    holder[key] = sleeper
    sleeper.segments.append((key, night))


def _free_by_moving(
    sleeper: _Sleeper, night: int, beds: dict[str, Bed], holder: dict[str, _Sleeper | None]
) -> str:
    for key, who in sorted(holder.items()):
        if who is None or not sleeper.equipment <= beds[key].equipment:
            continue
        elsewhere = [
            k for k, w in holder.items() if w is None and who.equipment <= beds[k].equipment
        ]
        if elsewhere:
            target = min(elsewhere, key=lambda k: (len(beds[k].equipment), k))
            holder[target] = who
            who.segments.append((target, night))
            return key
    raise BedAssignmentError(
        f"no bed with {sorted(sleeper.equipment)} on night {night} for {sleeper.cohort}"
    )


def _stays(everyone: list[_Sleeper]) -> list[Stay]:
    stays: list[Stay] = []
    for sleeper in everyone:
        ends = [first for _, first in sleeper.segments[1:]] + [sleeper.last + 1]
        for (bed, first), end in zip(sleeper.segments, ends, strict=True):
            stays.append(
                Stay(
                    sleeper.cohort,
                    sleeper.group,
                    sleeper.period,
                    sleeper.participant,
                    bed,
                    first,
                    end - first,
                )
            )
    return stays
