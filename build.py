#!/usr/bin/env python3
"""Build the statement archive: `python build.py --help`. The command line lives in archive.cli."""

import sys

from archive.cli import main

if __name__ == "__main__":
    sys.exit(main())
