"""The explorer's screens: the three-pane explorer, help, and the expo picker."""
