"""The sections of the longer pages, one module per section, named for what it shows.

A page in ``pages/`` is wiring and prose: it reads its state, lays out its sections in
order and writes its link. A section that grew long (its controls, its captions built from
the core's numbers, its charts) lives here, so a page stays readable in one screen-full.
Views read and write state only through ``xent_ui.state`` and compute with ``xent_core``.
"""
