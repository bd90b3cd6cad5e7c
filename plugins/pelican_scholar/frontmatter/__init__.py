from .frontmatter import register

__all__ = ["register"]
