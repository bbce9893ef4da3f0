"""Domain errors. Each carries a Turkish message fit to show to the user as it is."""


class DomainError(Exception):
    """Base of every error the core raises on purpose; `message` is Turkish."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(DomainError):
    """Input that breaks a rule (too short, wrong unit, bad file...)."""


class PermissionDenied(DomainError):
    """The acting user may not do this."""


class NotFound(DomainError):
    """The thing does not exist, or the actor may not know that it exists."""


class InvalidTransition(DomainError):
    """The workflow table has no row for this status and action."""


class ConflictError(DomainError):
    """Somebody else changed the request after the actor loaded it."""

    def __init__(
        self,
        message: str = "Bu talep siz bakarken başka bir kullanıcı tarafından "
        "değiştirildi. Güncel hâlini görüp işleminizi yeniden yapın.",
    ) -> None:
        super().__init__(message)


class CsvImportError(DomainError):
    """A CSV import found bad rows; nothing was imported.

    `problems` lists (line number, Turkish reason) pairs.
    """

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        lines = "; ".join(f"satır {line}: {reason}" for line, reason in problems[:20])
        more = f" (ve {len(problems) - 20} hata daha)" if len(problems) > 20 else ""
        super().__init__(f"Hiçbir kayıt içe aktarılmadı. {lines}{more}")
        self.problems = problems


class SessionExpired(DomainError):
    """The browser's session is unknown, ended or idle too long: log in again."""

    def __init__(
        self, message: str = "Oturumunuzun süresi doldu. Lütfen yeniden giriş yapın."
    ) -> None:
        super().__init__(message)
