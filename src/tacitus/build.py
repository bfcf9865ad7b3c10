"""Assemble the default pipeline from the stage packages.

Why here and not in the CLI: the CLI, the API, the benchmark and the distributed runner all need the same
pipeline, built the same way from one :class:`~tacitus.settings.Settings`. This is the one place where the
stage packages meet; no stage imports another stage's internals.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

from tacitus.actors.dictionary import ActorDictionary
from tacitus.actors.mentions import prepare as prepare_actor_matchers
from tacitus.actors.stage import ActorStage
from tacitus.extract.claim_lexicon import claim_lexicon
from tacitus.extract.claims import ClaimStage
from tacitus.extract.event_lexicon import load_modality_cues
from tacitus.extract.events import EventStage
from tacitus.extract.modality import cues as modality_cues
from tacitus.extract.numbers import lexicon as number_lexicon
from tacitus.extract.quotes import QuoteStage
from tacitus.geo.gazetteer import Gazetteer
from tacitus.geo.stage import PlaceStage
from tacitus.nlp.stage import SpacyStage
from tacitus.pipeline import Pipeline, Stage
from tacitus.settings import Settings
from tacitus.time.lexicon import lexicon as time_lexicon
from tacitus.time.stage import DateStage


def build_pipeline(settings: Settings, *, today: dt.date | None = None) -> Pipeline:
    """The full extraction pipeline: nlp -> quotes -> claims -> actors -> dates -> places -> events."""
    actors = ActorDictionary.load(Path(settings.actors_file) if settings.actors_file else None)
    gazetteer = Gazetteer.open(Path(settings.gazetteer) if settings.gazetteer else None)
    patterns = [*actors.patterns(), *gazetteer.patterns()]
    nlp_stage = SpacyStage(settings.model, patterns)
    prepare_actor_matchers(actors, nlp_stage.nlp.vocab)  # at load time, not in the first document
    stages: list[Stage] = [
        nlp_stage,
        QuoteStage(),
        ClaimStage(),
        ActorStage(actors),
        DateStage(today=today),
        PlaceStage(gazetteer),
        EventStage(actors),
    ]
    _load_lexicons()
    pipeline = Pipeline(stages, batch_size=settings.batch_size)
    _freeze_loaded_objects()
    return pipeline


def _freeze_loaded_objects() -> None:
    """Move what is alive now (model, gazetteer, dictionaries, classifier: ~170,000 objects) out of the
    cyclic garbage collector's reach.

    Why: they live as long as the process, yet every full collection during a run walked all of them
    (~0.25 s per 150 articles, about a tenth of what the stages add to spaCy). ``gc.freeze`` is meant
    for this; reference counting still frees them, only cycles among them would stay.
    """
    gc.collect()
    gc.freeze()


def _load_lexicons() -> None:
    """Read the stages' YAML word lists now, not in the first batch (~0.2 s of parsing, per process).

    Why here: each list is loaded lazily by its module (and cached for the process), so the first
    documents paid for it; built here, a long-running worker or the benchmark pays it with the model.
    """
    claim_lexicon()
    number_lexicon()
    modality_cues()
    load_modality_cues()
    time_lexicon()
