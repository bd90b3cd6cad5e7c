from .projects import register

__all__ = ["register"]
