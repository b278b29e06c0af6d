"""``python -m explorer`` runs the same as the ``kroniek`` command."""

import sys

from explorer.cli import main

sys.exit(main())
