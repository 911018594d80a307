#!/usr/bin/env python3
"""Build the statement archive: `python build.py --help`. The command line: archive/cli/."""

import os
import sys

from archive.cli.main import main

if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The interpreter would free a large archive object by object on exit (most of a second
    # at 10,000 statements); the work is done and written, so leave at once.
    os._exit(code)
