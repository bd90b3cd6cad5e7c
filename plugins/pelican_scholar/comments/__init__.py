from .comments import register

__all__ = ["register"]
