from .publications import register

__all__ = ["register"]
