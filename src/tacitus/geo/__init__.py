"""Places: an embedded GeoNames gazetteer and toponym resolution (see docs/geo.md)."""
