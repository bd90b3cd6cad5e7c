from .people import register

__all__ = ["register"]
