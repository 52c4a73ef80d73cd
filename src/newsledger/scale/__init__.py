"""Corpus scale: a run's inputs cut into parts (``sources.py``), read as a stream on one machine
(:func:`newsledger.pipeline.iter_findings`) or spread over the processes of a Dask cluster
(``cluster.py``, the optional ``scale`` extra)."""
