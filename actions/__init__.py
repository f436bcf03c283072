"""Rasa SDK custom actions only, thin: they read the tracker, ask clinical/ what it means, record escalations through store/, and reply."""
