from .htmlchecks import register

__all__ = ["register"]
