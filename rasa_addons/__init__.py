"""What runs inside the Rasa server: channels, tracker- and lock-store extensions and server patches, each checked at import against the Rasa version it was written for."""
