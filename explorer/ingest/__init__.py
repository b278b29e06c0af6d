"""Qt-free pipeline that turns the vendored article into the event database."""
