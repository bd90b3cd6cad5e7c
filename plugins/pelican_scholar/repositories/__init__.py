from .repositories import register

__all__ = ["register"]
