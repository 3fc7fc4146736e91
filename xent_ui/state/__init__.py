"""The state registry: every session key, its default, its URL parameter and its parser.

Pages never touch ``st.session_state`` and never spell a key as a string literal; they
use the objects declared in :mod:`~xent_ui.state.registry` (``state.Q``, ``state.UPLOAD``,
…). Values read from the URL are hostile until a parser in
:mod:`~xent_ui.state.parsers` has accepted them: each raises `StateError` with a message
a learner can act on, and the loader falls back to the default and keeps the message for
a visible ``st.warning``.

Data flows one way: URL → :func:`load_from_url` (validated) → session state → page.
Pages write back with :func:`write_url`, so a copied link reopens the same view.

- :mod:`~xent_ui.state.base`: ``Param`` (in links), ``SessionKey`` (this session only),
  ``Widget`` (a widget key read back), ``StateError``.
- :mod:`~xent_ui.state.parsers`: the URL value parsers and dumpers.
- :mod:`~xent_ui.state.registry`: every entry, by page.
- :mod:`~xent_ui.state.url`: URL → state and state → URL, and widget binding.
"""

from xent_ui.state.base import *  # noqa: F403
from xent_ui.state.callbacks import *  # noqa: F403
from xent_ui.state.parsers import *  # noqa: F403
from xent_ui.state.registry import *  # noqa: F403
from xent_ui.state.url import *  # noqa: F403
