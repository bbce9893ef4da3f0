"""Background jobs (the SMS outbox sender, delivery reports, cleanups) with exactly one
leader per database. See `runner` for the whole picture."""
