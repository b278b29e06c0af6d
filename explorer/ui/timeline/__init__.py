"""The timeline band, its painter and the overview band under it (Qt widgets)."""
