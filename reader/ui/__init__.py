"""The Textual app: screens, widgets and the commands a user gives them."""
