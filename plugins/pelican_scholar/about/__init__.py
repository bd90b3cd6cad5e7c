from .about import register

__all__ = ["register"]
