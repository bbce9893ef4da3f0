"""Everything a muhtar, a unit or the central unit can do: one function per action.

Each takes a keyword-only `session` and the acting user, checks permission and the
workflow table, changes rows, records events and queues SMS, and never commits.
"""

from mbs.core.commands.central import (
    add_units,
    conclude_request,
    conclude_unrouted,
    route_request,
    set_priority,
)
from mbs.core.commands.filing import file_request
from mbs.core.commands.targets import RouteTarget
from mbs.core.commands.units import (
    complete_assignment,
    forward_assignment,
    return_assignment,
    take_on,
)

__all__ = [
    "RouteTarget",
    "add_units",
    "complete_assignment",
    "conclude_request",
    "conclude_unrouted",
    "file_request",
    "forward_assignment",
    "return_assignment",
    "route_request",
    "set_priority",
    "take_on",
]
