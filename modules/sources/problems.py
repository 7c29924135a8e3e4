from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class Problems:
    """Collects every problem found, so an author sees them all in one run."""

    base: Path
    items: list[Problem] = field(default_factory=list)
    # Warnings are shown to the author but never fail a check or an import.
    warnings: list[Problem] = field(default_factory=list)

    @staticmethod
    def _problem(path: Path, line: int | None, message: str) -> Problem:
        try:
            shown = path.resolve().relative_to(Path.cwd())
        except ValueError:
            shown = path
        return Problem(str(shown), line or 1, message)

    def add(self, path: Path, line: int | None, message: str) -> None:
        self.items.append(self._problem(path, line, message))

    def warn(self, path: Path, line: int | None, message: str) -> None:
        self.warnings.append(self._problem(path, line, f"warning: {message}"))

    def __bool__(self) -> bool:
        return bool(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def sorted_warnings(self) -> list[Problem]:
        return sorted(set(self.warnings))
