from .cv import register

__all__ = ["register"]
