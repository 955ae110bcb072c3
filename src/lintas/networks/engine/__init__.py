"""Network engine: takes tables, returns tables.

Pure Python plus DuckDB, with no Django import, so it can run from the command line, from a
task worker or from a benchmark. Public entry points:

* :func:`lintas.networks.engine.linker.link` - persons and networks from case records;
* :class:`lintas.networks.engine.incremental.LinkIndex` - add or edit one record at a time;
* :func:`lintas.networks.engine.ads.cluster_ads` - template clusters and risk of job ads;
* :mod:`lintas.networks.engine.cli` - ``main_link(argv)`` and ``main_ads(argv)``.
"""
