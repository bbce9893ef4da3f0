"""MBS core: models, workflow, permissions, commands, queries and events.

Pure Python: this package never imports Reflex, so the CLI, the scheduler and the tests
use exactly the rules the web interface uses.
"""
