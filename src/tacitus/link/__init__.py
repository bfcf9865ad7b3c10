"""Incidents across reports: duplicates, incident linking, reconciliation of tolls and sources.

Entry points: :func:`tacitus.link.api.link_incidents` (results -> incidents),
:class:`tacitus.link.linker.IncidentLinker` (incremental), :class:`tacitus.link.duplicates.DuplicateIndex`,
:class:`tacitus.link.reconcile.Reconciler`, and :mod:`tacitus.link.evaluate`.
"""
