"""Product files written whole or not at all, and a failure to write told in one line.

Letters, their spreadsheets, scrutiny packs, static exports, backups and audit
exports are written under a temporary name in the folder they go to, and
renamed to their own name once complete and on disk: a rename within one
folder is atomic, so no reader (and no rerun) ever finds a file that looks
finished and is not. A disk that fills up, a read-only folder or a kill part
way leaves the files already finished and no others. The temporary name is
fixed (`.<name>.partial`), so a rerun writes over what a killed run left.

A folder of many files (a static export, a backup) is written the same way
as a whole: filled under a temporary name beside it and renamed when done
(`staged_folder`).

A write that fails (a full disk, a read-only or forbidden folder) becomes
`WriteFailed`, whose message is one line naming the folder and the cause, for
a command to print instead of a traceback. It carries only that line, so it
crosses from a worker process to its parent intact.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO

PARTIAL = ".partial"
CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "a file would be larger than the system allows",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


class WriteFailed(Exception):
    """Files could not be written into a folder; the message is the one line to show."""


def failure(folder: Path, error: OSError) -> WriteFailed:
    """`error`, met writing into `folder`, as the one line to show."""
    return WriteFailed(f"cannot write to {folder}: {CAUSES.get(error.errno) or error.strerror or error}")


@contextlib.contextmanager
def writing(folder: Path) -> Iterator[None]:
    """An `OSError` inside the block becomes `WriteFailed` naming `folder`."""
    try:
        yield
    except OSError as error:
        raise failure(folder, error) from None


def make_folder(path: Path) -> Path:
    """`path` and the folders above it, created if need be."""
    with writing(path):
        path.mkdir(parents=True, exist_ok=True)
    return path


def partial_name(path: Path) -> Path:
    """The temporary name `path` is written under until it is complete: hidden, beside it."""
    return path.with_name(f".{path.name}{PARTIAL}")


@contextlib.contextmanager
def atomic_file(path: Path, mode: str = "wb", **options) -> Iterator[IO]:
    """A file open for writing under `path`'s temporary name, renamed to `path` when the block ends
    (after flushing it to disk), removed if the block raises. `options` go to `open` (encoding, newline).
    The file is created with the usual mode (0666 less the umask), as `open` would create `path`."""
    path = Path(path)
    temporary = partial_name(path)
    try:
        with writing(path.parent):
            with open(temporary, mode, opener=_no_symlink, **options) as file:
                yield file
                file.flush()
                os.fsync(file.fileno())
            temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _no_symlink(name: str, flags: int) -> int:
    """Open without following a symbolic link put at the temporary name."""
    return os.open(name, flags | os.O_NOFOLLOW, 0o666)


def write_atomically(path: Path, content: bytes | str, encoding: str = "utf-8") -> None:
    """`path` holding `content` (text is encoded), whole or not at all."""
    with atomic_file(path, "wb") as file:
        file.write(content.encode(encoding) if isinstance(content, str) else content)


def write_all_atomically(contents: dict[Path, bytes]) -> None:
    """Each path holding its content, whole or not at all, all written at once: a file's flush to disk waits
    for the disk, and flushes made together share its wait where one after another each wait in turn (four
    small files take about the time of one). The first failure is raised once all have been tried."""
    with ThreadPoolExecutor(len(contents) or 1) as pool:
        for done in [pool.submit(write_atomically, path, content) for path, content in contents.items()]:
            done.result()


@contextlib.contextmanager
def staged_folder(path: Path, *, replace: bool = False) -> Iterator[Path]:
    """A new, empty folder under `path`'s temporary name, to fill in the block; renamed to `path` when the
    block ends, removed (with all it holds) if it raises. With `replace`, a folder already at `path` is
    swapped out and deleted once the new one is in place; without, `path` must not exist."""
    path = Path(path)
    temporary = partial_name(path)
    shutil.rmtree(temporary, ignore_errors=True)  # left by a run that was killed
    try:
        with writing(path.parent):
            temporary.mkdir()
        yield temporary
        with writing(path.parent):
            earlier = path.with_name(f".{path.name}.earlier") if replace and path.exists() else None
            if earlier:
                shutil.rmtree(earlier, ignore_errors=True)
                path.rename(earlier)
            try:
                temporary.rename(path)
            except OSError:
                if earlier:
                    earlier.rename(path)  # the earlier folder back in its place
                raise
            if earlier:
                shutil.rmtree(earlier, ignore_errors=True)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
