"""booth: an AI photobooth for live events, on the Eventstation.AI API or its own local engine."""

__version__ = "0.1.0"
