from .external_posts import register

__all__ = ["register"]
