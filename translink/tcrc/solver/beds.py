"""Which bed each participant sleeps in, once the dosing days are set.

The planners count beds (in total and per equipment); this module names them. It walks the
horizon night by night. On a re-plan, participants already in the unit keep the beds they
have slept in so far, night by night, and the bed they are in now
(``Instance.beds_so_far``): what happened is not rewritten. Everyone keeps their bed for
the rest of the stay; a newcomer takes a free bed with the equipment they need, plain beds
first for those who need none, so that equipped beds stay free, and among those a bed in
service for the whole stay. When an equipped bed is needed and only a participant who does
not need it holds one, that participant moves to a free bed (a bed move, which costs). A
bed out of service for a night sends its sleeper to another bed that night (a move too).
With the counts within capacity on every night this always succeeds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from translink.tcrc.solver.instance import Bed, Instance, Unit, blocks
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
    unit = instance.unit
    arriving = _sleepers_by_first_night(instance, days)
    beds = {bed.key: bed for bed in unit.beds}
    holder: dict[str, _Sleeper | None] = dict.fromkeys(beds)
    recorded = {
        key: {night: bed for bed, night in segments}
        for key, segments in instance.beds_so_far.items()
    }
    everyone: list[_Sleeper] = []
    for night in range(unit.days):
        moving: list[_Sleeper] = []
        for key, sleeper in holder.items():
            if sleeper is None:
                continue
            if sleeper.last < night:
                holder[key] = None
            elif (
                not unit.in_service(key, night)
                or recorded.get(sleeper.key(), {}).get(night, key) != key
            ):
                holder[key] = None  # out of service tonight, or recorded moving on
                moving.append(sleeper)
        newcomers = arriving.get(night, [])
        everyone.extend(newcomers)
        # Where people were recorded sleeping comes first; then those who need equipment.
        waiting = sorted(
            [*moving, *newcomers],
            key=lambda s: (night not in recorded.get(s.key(), {}), -len(s.equipment)),
        )
        for sleeper in waiting:
            _settle(sleeper, night, beds, holder, unit, recorded.get(sleeper.key(), {}).get(night))
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
    unit: Unit,
    recorded: str | None = None,
) -> None:
    free = _free(holder, beds, unit, night, sleeper.equipment)
    if recorded in free:
        key = recorded  # where they slept that night, or sleep now
    elif free:
        # Plain beds first, to keep equipment for those who need it; then a bed in service
        # for the rest of the stay (no move later).
        key = min(
            free,
            key=lambda k: (
                len(beds[k].equipment),
                not all(unit.in_service(k, n) for n in range(night, sleeper.last + 1)),
                k,
            ),
        )
    else:
        key = _free_by_moving(sleeper, night, beds, holder, unit)
    holder[key] = sleeper
    _move(sleeper, key, night)


def _move(sleeper: _Sleeper, bed: str, night: int) -> None:
    """From ``night`` on, ``sleeper`` is in ``bed``: a new segment, or a change of the one
    begun tonight (moved twice in one night is one move)."""
    if sleeper.segments and sleeper.segments[-1][1] == night:
        sleeper.segments.pop()
    if sleeper.segments and sleeper.segments[-1][0] == bed:
        return  # back in the bed they had last night: no move at all
    sleeper.segments.append((bed, night))


def _free(
    holder: dict[str, _Sleeper | None],
    beds: dict[str, Bed],
    unit: Unit,
    night: int,
    equipment: frozenset[str],
) -> list[str]:
    """The beds with ``equipment`` nobody holds that can be slept in on ``night``."""
    return [
        key
        for key, who in holder.items()
        if who is None and equipment <= beds[key].equipment and unit.in_service(key, night)
    ]


def _free_by_moving(
    sleeper: _Sleeper,
    night: int,
    beds: dict[str, Bed],
    holder: dict[str, _Sleeper | None],
    unit: Unit,
) -> str:
    for key, who in sorted(holder.items()):
        if who is None or not sleeper.equipment <= beds[key].equipment:
            continue
        elsewhere = _free(holder, beds, unit, night, who.equipment)
        if elsewhere:
            target = min(elsewhere, key=lambda k: (len(beds[k].equipment), k))
            holder[target] = who
            _move(who, target, night)
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
