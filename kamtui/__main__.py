"""`python -m kamtui`."""

from kamtui.cli import main

if __name__ == "__main__":
    main()
