"""sos-assistant: prepare for Signs of Safety child-protection work, in plain words."""

__version__ = "0.1.0"
