"""Reading and writing geomap's tables."""
