"""Dates: find date expressions and resolve them against the publication date, with a precision.

The package name shadows the stdlib ``time`` only inside ``tacitus``; every module uses absolute imports
(``from tacitus.time.calendar import ...``) so nothing here ever means the stdlib module by accident.
The policy the resolver follows is written down in docs/time.md and pinned by tests/time/.
"""
