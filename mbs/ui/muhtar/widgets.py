"""Python faces of the client-side parts in assets/muhtar/widgets.js: the onay kodu
countdown, the Açıklama counter and the photo/document picker."""

import reflex as rx
from reflex.event import no_args_event_spec

LIBRARY = "$/public/muhtar/widgets.js"


class CodeTimer(rx.Component):
    library = LIBRARY
    tag = "CodeTimer"

    serial: rx.Var[int]  # a new value restarts the count
    expires_in: rx.Var[int]  # seconds the code is valid for
    resend_in: rx.Var[int]  # seconds until "Yeni kod iste" may be pressed
    on_resend: rx.EventHandler[no_args_event_spec]


class CountedTextarea(rx.Component):
    library = LIBRARY
    tag = "CountedTextarea"

    name: rx.Var[str]
    default_value: rx.Var[str]
    min_length: rx.Var[int]
    max_length: rx.Var[int]
    counter_id: rx.Var[str]


class FilePicker(rx.Component):
    library = LIBRARY
    tag = "FilePicker"

    upload_id: rx.Var[str]
    max_files: rx.Var[int]
    max_bytes: rx.Var[int]


code_timer = CodeTimer.create
counted_textarea = CountedTextarea.create
file_picker = FilePicker.create


class SendButton(rx.Component):
    library = LIBRARY
    tag = "SendButton"

    label: rx.Var[str]
    busy_label: rx.Var[str]
    serial: rx.Var[int]  # changes with every answer of the server


send_button = SendButton.create
