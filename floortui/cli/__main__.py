"""`python -m floortui.cli`: the same command line as the `floortui` script."""

import sys

from floortui.cli import main

sys.exit(main())
