"""``python -m sos_assistant.cli``: the same as the ``sos-assistant`` command."""

import sys

from sos_assistant.cli.commands import main

sys.exit(main())
