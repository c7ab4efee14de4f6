"""Loading: what the explorer asks the store for, and how the answers come back.

`requests` names every read as a frozen value; `reader` is the one place that turns a request
into store calls (and, for the details pane, into text); `cache` keeps answers read early (the
start-up prefetch, the read-ahead, an event's details read with its day); `prefetch` starts
the first reads before Textual is imported; `loader` runs the reads in thread workers and
hands the answers to the screen. Only `loader` imports Textual.
"""
