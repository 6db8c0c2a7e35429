"""The edition's Python package: its registry of works, its data, and the commands that establish the texts.

``ROOT`` is the book whose data the package reads: this checkout, or the folder named by ``EDITION_ROOT``
(the tests build fixture books that way, with the same installed code).
"""

import os
from pathlib import Path

ROOT = Path(os.environ.get("EDITION_ROOT") or Path(__file__).resolve().parent.parent).resolve()
