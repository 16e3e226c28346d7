"""`python -m kamtui`. Guarded: an import's fork-server children import the main module."""

from kamtui.cli import main

if __name__ == "__main__":
    main()
