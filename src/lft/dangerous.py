"""What is dangerous in a page, in one place: the names the theme keeps for itself.

Used by the sanitiser (`lft.engine.sanitize`), which refuses them in content, and by the input
guard (`lft.check.guard.html`), which reports them where a contributor wrote them.
"""

from __future__ import annotations

THEME_CLASS_PREFIXES = ("md-", "md_", "__md")
"""Classes of the theme's interface: never from content."""
THEME_ID_PREFIX = "__"
"""Ids of the theme's own elements (`__config` holds its settings): never from content."""
