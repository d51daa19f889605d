"""``python -m pipeline`` is the ``songngu`` command."""

import sys

from pipeline.cli import main

sys.exit(main())
