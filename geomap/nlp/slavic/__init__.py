"""Russian and Ukrainian extraction: the belligerents' own words, as claims of the same schema.

:class:`~geomap.nlp.slavic.pipeline.SlavicPipeline` reads one language (``ru`` or
``uk``); its stages are :mod:`.text` (repair, sentences, tokens), :mod:`.names` (place
spans and their nominative forms), :func:`geomap.nlp.places.resolve_article` (shared
with English), :mod:`.claims` and :mod:`.dates`.
"""
