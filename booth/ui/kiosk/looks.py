"""Which choices each experience asks the guest for, read from the one service table in booth.api.

A service that sends `filter_id` gets the filter catalog, `workflow_id` the workflows, `style_id` the
styles; gender and ratio pickers appear only when the service sends those fields. Keeping this derived
(not listed) means a correction to the service table changes the kiosk with no edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from booth.api.services import SERVICES, STYLE_IDS

# Catalog field -> catalog kind (booth.api.services.CATALOG_PATHS keys).
LOOK_FIELDS: dict[str, str] = {"filter_id": "filters", "workflow_id": "workflows", "style_id": "styles"}

TWO_PERSON_SERVICES = frozenset({"two_persons", "two_persons_selfprompt"})


@dataclass(frozen=True, slots=True)
class LookNeeds:
    """What the look screen shows for one service."""

    field: str | None  # RunRequest field the chosen look fills, or None
    kind: str | None  # catalog kind to pick from
    gender: bool
    ratio: bool

    @property
    def any(self) -> bool:
        return self.field is not None or self.gender or self.ratio


def needs(service: str) -> LookNeeds:
    svc = SERVICES[service]
    field = next((f for f in LOOK_FIELDS if svc.uses(f)), None)
    return LookNeeds(
        field=field,
        kind=LOOK_FIELDS[field] if field else None,
        gender=svc.uses("gender"),
        ratio=svc.uses("ratio"),
    )


def is_two_person(service: str) -> bool:
    return service in TWO_PERSON_SERVICES


def fallback_styles() -> list[tuple[int, str]]:
    """Style ids are a fixed range (contract.md), so a booth with no cached style catalog still offers them."""
    return [(i, f"{i + 1}") for i in STYLE_IDS]
