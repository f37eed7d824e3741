"""Which characters of user text never reach an SVG chart or a Graphviz label.

One definition of both strengths, so the two drawers cannot drift apart:

- `XML_FORBIDDEN`: what XML 1.0 forbids (C0 controls but tab and newlines, DEL, lone
  surrogates that cannot even be encoded, U+FFFE/U+FFFF). Charts drop these and keep
  every other character a reader may have typed.
- `INVISIBLE_OR_FORBIDDEN`: those, plus C1 controls, bidi embeddings, overrides and
  isolates, the BOM and private-use code points. Graphviz labels and tooltips drop
  these too: dot would otherwise lay out text that reorders or hides itself.
"""

from __future__ import annotations

import re

__all__ = ["INVISIBLE_OR_FORBIDDEN", "XML_FORBIDDEN"]

_XML_FORBIDDEN = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff"
_INVISIBLE = "\x80-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ue000-\uf8ff\U000f0000-\U0010ffff"

XML_FORBIDDEN = re.compile(f"[{_XML_FORBIDDEN}]")
INVISIBLE_OR_FORBIDDEN = re.compile(f"[{_XML_FORBIDDEN}{_INVISIBLE}]")
