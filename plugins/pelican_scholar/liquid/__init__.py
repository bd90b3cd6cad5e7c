from .liquid import register

__all__ = ["register"]
