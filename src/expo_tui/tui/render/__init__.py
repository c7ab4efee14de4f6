"""The only place where data from the store becomes something the terminal shows.

`text` makes strings safe, `labels` words and numbers, `rows` the one-line list rows, `day_strip`
the line of days, `details` the details pane's text. Nothing here imports a widget.
"""
