"""What a command does, as functions any front end can call: the CLI parses options and prints
the report; the explorer (and other code) can call the same functions.

No click, no Textual, no printing here: a typed request goes in, a typed report comes out, and
what goes wrong is raised as an exception the caller words for its user.
"""
