from .news import register

__all__ = ["register"]
