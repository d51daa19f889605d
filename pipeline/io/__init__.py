"""Reading and writing annotation formats.

Our own JSON is the one serialisation of the pipeline (see :mod:`pipeline.contract`);
every other format here is a reader for gold data or an exporter for a research tool.
"""
