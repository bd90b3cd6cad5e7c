from .math import register

__all__ = ["register"]
