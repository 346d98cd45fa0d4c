"""The ``geomap`` command line (click)."""
