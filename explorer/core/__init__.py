"""Qt-free core: event store, dates, queries, layout maths and the user library."""
