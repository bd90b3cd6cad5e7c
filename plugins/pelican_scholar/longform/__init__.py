from .longform import register

__all__ = ["register"]
