from .socials import register

__all__ = ["register"]
