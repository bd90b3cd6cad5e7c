from .citations import register

__all__ = ["register"]
