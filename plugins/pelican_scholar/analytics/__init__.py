from .analytics import register

__all__ = ["register"]
