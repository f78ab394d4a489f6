"""``python -m replylint``: the same command line as the ``replylint`` script."""

from replylint.cli import main

if __name__ == "__main__":
    main(prog_name="replylint")
