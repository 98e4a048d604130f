#!/usr/bin/env python
import sys

from huquq.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], django_commands=True))
