"""Search in the window: the worker thread, the facet tree and the result list model."""
