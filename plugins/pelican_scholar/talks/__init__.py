from .talks import register

__all__ = ["register"]
