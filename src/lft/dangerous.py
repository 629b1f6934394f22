"""The one list of what is dangerous in HTML: elements, attributes, address schemes and the
names of the theme's and the site's own interface.

Three checks read it: the sanitiser (`lft.engine.sanitize`) removes these from the HTML that content
becomes, the input guard (`lft.check.guard.html`) refuses them in the sources with their place, and
the output scan (`lft.finish.scan`) refuses them in the built pages; `tests/test_dangerous.py`
holds the three to it.
"""

from __future__ import annotations

import re

ELEMENTS = frozenset(
    {"applet", "base", "embed", "foreignobject", "form", "frame", "frameset", "iframe", "link",
     "meta", "object", "portal", "script", "style"}
)  # fmt: skip
"""Elements that can run, frame, send or restyle: never written by content."""
THEME_ELEMENTS = frozenset({"form", "link", "meta", "script"})
"""Of `ELEMENTS`, those the theme itself writes into every page: the output scan checks each
of them by what it does (only the search form, stylesheets and icons of the site, the page's
policy, scripts the theme ships) instead of refusing the element."""
EVENT_ATTRIBUTE = re.compile(r"on[a-z]+")
"""Event handlers: `onload=`, `onerror=`, …; they run a script."""
URL_ATTRIBUTES = frozenset(
    {"action", "background", "cite", "data", "dynsrc", "formaction", "href", "longdesc",
     "lowsrc", "manifest", "ping", "poster", "src", "srcset", "usemap", "xlink:href"}
)  # fmt: skip
"""Attributes that hold an address a browser follows or loads."""
SCHEMES = ("javascript", "vbscript", "livescript", "data")
"""Address schemes that run code or carry a document of their own."""
SCHEME = re.compile(rf"^(?:{'|'.join(SCHEMES)}):", re.IGNORECASE)
"""An address that starts with one of `SCHEMES` (control characters and spaces removed)."""
THEME_CLASS_PREFIXES = ("md-", "md_", "__md")
"""Classes of the theme's interface: never from content."""
THEME_ID_PREFIX = "__"
"""Ids of the theme's own elements (`__config` holds its settings): never from content."""
SITE_PREFIX = "lft-"
"""Ids and classes of the site's own interface (notices, the editor's notes): written by lft's
rendering, never by an author."""
