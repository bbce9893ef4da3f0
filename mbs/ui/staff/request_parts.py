"""What the request screen's forms share: a submit button that shows progress while its
action runs and cannot be pressed twice meanwhile."""

import reflex as rx

from mbs.ui.staff.request_page import StaffRequestState as State


def busy_button(label: str, busy_label: str, action: str, **props: object) -> rx.Component:
    busy = State.busy == action
    disabled = props.pop("disabled", False)
    return rx.el.button(
        rx.cond(busy, busy_label, label),
        type=props.pop("type", "submit"),
        disabled=(State.busy != "") | disabled,
        aria_busy=rx.cond(busy, "true", "false"),
        class_name=props.pop("class_name", "btn btn-primary"),
        **props,
    )
