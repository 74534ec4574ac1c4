"""The `config.yaml` schema: every section a typed model with a docstring per field.

The models are the documentation and the validation at once, so a supervisor
who mistypes a key gets one line naming the key path, the value and what was
expected, never a traceback. Later sections (floor, breaks, sampling, rubric,
users) slot in as further fields of `Config`.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

SOURCE_FORMATS = ("auto", "queue_log", "cdr", "csv")
DEFAULT_SERVICE_LEVEL_S = 20


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line meant for the user."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StoreSettings(_Section):
    """Where floortui keeps its SQLite file."""

    path: Path = Field(
        Path("floortui.db"), description="The database file, relative to config.yaml."
    )


class SourceSettings(_Section):
    """One file floortui imports, once or by following it as the phone system appends."""

    path: Path = Field(description="The log file, relative to config.yaml.")
    format: Literal["auto", "queue_log", "cdr", "csv"] = Field(
        "auto", description="The file's format; auto detects it from the first lines."
    )
    follow: bool = Field(False, description="Keep reading lines as they are appended.")
    recordings: list[Path] = Field(
        default_factory=list, description="Directories holding this source's call recordings."
    )


class AgentSettings(_Section):
    """A member as the centre knows them: the phone system logs interfaces and names."""

    name: str = Field(min_length=1, description="The member name as queue_log writes it.")
    interface: list[str] = Field(
        default_factory=list,
        description="Interfaces the member logs in with, e.g. PJSIP/2001 or Local/2001@agents/n.",
    )
    team: str | None = Field(None, description="The team the member belongs to.")
    project: str | None = Field(None, description="The project or campaign the member works on.")
    hire_date: dt.date | None = Field(None, description="The date the member started.")

    @field_validator("interface", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class QueueSettings(_Section):
    """Per-queue figures' settings."""

    service_level_s: int = Field(
        DEFAULT_SERVICE_LEVEL_S,
        ge=1,
        description="A call answered within this many seconds counts toward service level.",
    )


class DaySettings(_Section):
    """How floortui reads wall-clock times and where a working day begins."""

    timezone: str = Field(
        "UTC", description="The PBX's timezone (IANA name), for times given without an offset."
    )
    day_start_hour: int = Field(
        0, ge=0, le=23, description="The hour a working day starts, for 'today' figures."
    )

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"an IANA timezone name such as Europe/London, not {value!r}"
            ) from None
        return value

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Config(_Section):
    """The whole config.yaml; every section is optional."""

    store: StoreSettings = StoreSettings()
    sources: list[SourceSettings] = Field(default_factory=list)
    agents: list[AgentSettings] = Field(default_factory=list)
    queues: dict[str, QueueSettings] = Field(default_factory=dict)
    day: DaySettings = DaySettings()

    def service_level_s(self, queue: str) -> int:
        """The queue's service-level threshold, the default for queues not configured."""
        settings = self.queues.get(queue)
        return settings.service_level_s if settings else DEFAULT_SERVICE_LEVEL_S

    def interfaces(self) -> dict[str, str]:
        """Interface → member name, from the agents section."""
        return {iface: agent.name for agent in self.agents for iface in agent.interface}

    @field_validator("agents")
    @classmethod
    def _unique_interfaces(cls, agents: list[AgentSettings]) -> list[AgentSettings]:
        seen: dict[str, str] = {}
        for agent in agents:
            for iface in agent.interface:
                if iface in seen and seen[iface] != agent.name:
                    raise ValueError(
                        f"interface {iface!r} is given to both {seen[iface]!r} and {agent.name!r}"
                    )
                seen[iface] = agent.name
        return agents


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def _lookup(data: Any, loc: tuple[int | str, ...]) -> tuple[bool, Any]:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, data


def _describe(error: dict[str, Any], data: Any) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"{_key_path(loc)}: unknown key (check the spelling; see config.yaml's comments)"
    if kind == "missing":
        return f"{_key_path(loc)}: required key is missing"
    found, value = _lookup(data, loc)
    expected = error["msg"]
    if expected.startswith("Value error, "):
        expected = "expected " + expected.removeprefix("Value error, ")
    elif kind == "literal_error":
        expected = "expected " + expected.removeprefix("Input should be ").replace("'", "")
    else:
        expected = "expected " + expected.removeprefix("Input should be ").removeprefix("a ")
        expected = expected.replace("valid ", "")
    shown = f" = {value!r}" if found else ""
    return f"{_key_path(loc)}{shown}: {expected}"


def _resolve_paths(config: Config, base: Path) -> Config:
    def under(path: Path) -> Path:
        return path if path.is_absolute() else base / path

    sources = [
        source.model_copy(
            update={"path": under(source.path), "recordings": [under(p) for p in source.recordings]}
        )
        for source in config.sources
    ]
    store = config.store.model_copy(update={"path": under(config.store.path)})
    return config.model_copy(update={"sources": sources, "store": store})


def _check_files(config: Config, name: str) -> None:
    for index, source in enumerate(config.sources):
        if not source.follow and not source.path.exists():
            raise ConfigError(
                f"{name}: sources[{index}].path = {str(source.path)!r}: file not found"
            )
        for rindex, folder in enumerate(source.recordings):
            if not folder.is_dir():
                raise ConfigError(
                    f"{name}: sources[{index}].recordings[{rindex}] = {str(folder)!r}: "
                    "directory not found"
                )


def parse_config(data: Any, *, name: str = "config.yaml", base: Path | None = None) -> Config:
    """Validate already-loaded YAML; paths are resolved against `base`."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: the top level must be a mapping of sections, not {data!r}")
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{name}: {_describe(exc.errors()[0], data)}") from None
    config = _resolve_paths(config, base or Path.cwd())
    _check_files(config, name)
    return config


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read and validate a config file; None means defaults (no file)."""
    if path is None:
        return Config()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    return parse_config(data, name=str(path), base=path.parent)
