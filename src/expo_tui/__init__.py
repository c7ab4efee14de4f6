"""expo-tui: a keyboard-first terminal explorer for trade and defence expos.

Importing the package loads no UI and touches no files.
"""

__version__ = "0.1.0"
