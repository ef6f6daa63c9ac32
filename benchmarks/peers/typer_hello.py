"""A bare typer CLI: the floor for any typer app's ``--help`` (``python typer_hello.py --help``)."""

import typer


def main(name: str = "world", shout: bool = False) -> None:
    """Say hello."""
    print(f"Hello {name}{'!' if shout else '.'}")


if __name__ == "__main__":
    typer.run(main)
