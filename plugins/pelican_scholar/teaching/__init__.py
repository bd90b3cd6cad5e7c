from .teaching import register

__all__ = ["register"]
