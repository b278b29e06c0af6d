"""Qt widgets and models; they ask explorer.core for data and never build SQL."""
