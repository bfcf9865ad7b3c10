"""NLP layer: one spaCy model per process, batched, with dictionary-fed entity rulers."""
