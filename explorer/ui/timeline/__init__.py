"""The timeline band and the overview band under it (Qt widgets).

Owns: the widget (``view``), its input handling (``input``), its painter and
colours (``painter``, ``colors``), its exports (``export``) and the overview
band (``overview``). The maths they use lives in ``explorer.core.timeline``.
May import: ``explorer.core``, ``explorer.i18n``; never other ``explorer.ui``
packages.
"""
