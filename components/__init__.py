"""Rasa NLU components only: the spaCy red-flag layer (findings with negation and context) and the message-length guard, on top of clinical/."""
