from .core import register

__all__ = ["register"]
