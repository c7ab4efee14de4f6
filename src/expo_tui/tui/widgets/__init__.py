"""The explorer's panes, one per module."""
