"""Notification e-mails in Turkish, written once as a `Letter` and rendered twice:
plain text and simple HTML (every value escaped; no images, links or scripts)."""

from dataclasses import dataclass, field
from html import escape

SIGNATURE = "Muhtar Bilgi Sistemi"
NO_REPLY = "Bu e-posta otomatik olarak gönderilmiştir; lütfen yanıtlamayın."


@dataclass(frozen=True)
class Letter:
    subject: str
    greeting: str
    paragraphs: list[str]
    details: list[tuple[str, str]] = field(default_factory=list)  # (label, value) rows
    items: list[str] = field(default_factory=list)  # a bulleted list
    footer: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The text/plain part."""
        parts = [self.greeting, *self.paragraphs]
        if self.details:
            width = max(len(label) for label, _ in self.details)
            parts.append(
                "\n".join(f"{label.ljust(width)} : {value}" for label, value in self.details)
            )
        if self.items:
            parts.append("\n".join(f"- {item}" for item in self.items))
        parts.append("\n".join([SIGNATURE, *self.footer, NO_REPLY]))
        return "\n\n".join(parts) + "\n"

    def html(self) -> str:
        """The text/html part: the same content, escaped, with inline styles only (mail
        clients drop style sheets)."""
        body = [f"<p>{escape(self.greeting)}</p>"]
        body += [f"<p>{escape(paragraph)}</p>" for paragraph in self.paragraphs]
        if self.details:
            rows = "".join(
                f'<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#444">'
                f'{escape(label)}</th><td style="padding:4px 0">{escape(value)}</td></tr>'
                for label, value in self.details
            )
            body.append(f'<table style="border-collapse:collapse">{rows}</table>')
        if self.items:
            body.append(
                "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in self.items) + "</ul>"
            )
        small = "".join(f"<br>{escape(line)}" for line in [*self.footer, NO_REPLY])
        body.append(f'<p style="color:#555;font-size:13px">{escape(SIGNATURE)}{small}</p>')
        return (
            '<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8">'
            f"<title>{escape(self.subject)}</title></head>"
            '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;'
            'line-height:1.5;color:#1a1a1a">' + "".join(body) + "</body></html>"
        )
