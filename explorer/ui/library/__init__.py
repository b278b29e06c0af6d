"""The reader's library in the window: panel, notes and tags, and its controller."""
