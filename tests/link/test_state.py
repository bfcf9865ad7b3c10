"""Saved linker state: restoring it and adding the rest equals linking everything in one batch."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tacitus.link.linker import IncidentLinker, LinkConfig, fit_text_model
from tacitus.link.state import restore, save_state, state_path

from .builders import shield_reports, zanjili_reports


def test_restored_state_plus_new_documents_equals_the_batch(tmp_path: Path) -> None:
    results = zanjili_reports() + shield_reports()
    model = fit_text_model(results)
    batch = IncidentLinker(model)
    batch.add_all(results)

    early = IncidentLinker(model)
    early.add_all([results[-1], *results[:2]])  # the late shield report arrives first, for once
    path = state_path(tmp_path / "x.db")
    save_state(early, path)

    restored = restore(path, results, LinkConfig())
    assert restored is not None
    linker, fresh = restored
    assert sorted(r.document.id for r in fresh) == ["s1", "z2", "z3"]
    before = linker.comparisons
    linker.add_all(fresh)
    assert linker.comparisons > before == 0  # restored documents were not compared again
    assert linker.incidents() == batch.incidents()


def test_state_is_ignored_when_config_or_documents_change(tmp_path: Path) -> None:
    results = zanjili_reports()
    linker = IncidentLinker(fit_text_model(results))
    linker.add_all(results)
    path = state_path(tmp_path / "x.db")
    assert restore(path, results, LinkConfig()) is None  # no state yet
    save_state(linker, path)
    assert restore(path, results, dataclasses.replace(LinkConfig(), threshold=0.5)) is None
    changed = results[0].model_copy(update={"events": []})
    assert restore(path, [changed, *results[1:]], LinkConfig()) is None
    path.write_bytes(b"not gzip")
    assert restore(path, results, LinkConfig()) is None
