"""Writing one conversion's files, in the parent process: its page (or standard output), the
source's publishable copy (--link-original) and its pictures. A page another source owns is
never replaced, and nothing is written through a link."""

from __future__ import annotations

from pathlib import Path

from wres_convert.errors import EXIT_CANNOT_WRITE, ConversionError
from wres_convert.run.inputs import is_ours
from wres_convert.run.job import JobOutput
from wres_convert.run.names import original_name
from wres_convert.run.options import Options
from wres_convert.run.output import remove_stale_pictures, write_bytes, write_text
from wres_convert.run.terminal import write_stdout as _write_stdout


def write_outputs(
    source: Path,
    conv: JobOutput,
    opts: Options,
    output: str | None,
    folder: Path | None,
    claimed: dict[str, str],
) -> list[str]:
    """Write the page (and the source's publishable copy); the files written, relative to
    ``folder``. A page another source owns (this run, or an earlier one into this folder) is
    never replaced."""

    target = conv.target
    if target is None:
        write_stdout(conv.text)
        return []
    key = target.relative_to(folder).as_posix() if folder is not None else str(target.absolute())
    owner = claimed.get(key)
    if owner is not None and owner != str(source) and Path(owner).exists():
        raise ConversionError(
            "exists",
            f"{target} is the page of {owner}",
            "convert each inbox into its own output folder, or name the folder that holds both, with -r",
            EXIT_CANNOT_WRITE,
        )
    claimed[key] = str(source)
    # Inside an output folder, or beside the input, no link is written through; a file named
    # with -o is the user's own choice of place.
    root = folder if folder is not None else (None if output is not None else target.parent)
    rewriting = target.is_file() and is_ours(target)
    write_text(target, conv.text, force=opts.run.force, root=root)
    written = [key if folder is not None else target.name]
    if conv.original is not None:  # after the page, so a page we may not replace leaves nothing behind
        copy = target.with_name(conv.original_file or original_name(target.name, source.suffix))
        if copy.is_file() and not (opts.run.force or rewriting) and copy.read_bytes() != conv.original:
            raise ConversionError(
                "exists",
                f"{copy} already exists and is not a copy of this source",
                "move it away, or use --force to replace it",
                EXIT_CANNOT_WRITE,
            )
        write_bytes(copy, conv.original, force=True, root=root)
        written.append(copy.relative_to(folder).as_posix() if folder is not None else copy.name)
    for rel, data in (conv.images or {}).items():
        # Named by their content, inside the page's own PAGE-files folder: never written through a
        # link (also beside a page named with -o), and an unchanged picture is not rewritten.
        path = target.parent / rel
        if not (path.is_file() and not path.is_symlink() and path.read_bytes() == data):
            write_bytes(path, data, force=True, root=root or target.parent)
        written.append(path.relative_to(folder).as_posix() if folder is not None else rel)
    remove_stale_pictures(target, conv.images or {}, root or target.parent)
    return written


class OutputGone(Exception):
    """Standard output cannot be written (a full disk): the whole run stops with that one line."""

    def __init__(self, error: ConversionError) -> None:
        super().__init__(error.message)
        self.error = error


def write_stdout(text: str) -> None:
    try:
        _write_stdout(text)
    except ConversionError as exc:
        raise OutputGone(exc) from None
