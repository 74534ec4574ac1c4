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
from pydantic import (
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from floortui.config.base import _Section
from floortui.config.breaks import BreakSettings
from floortui.config.evaluation import EvaluationSettings
from floortui.config.floor import FloorSettings
from floortui.config.review import ReviewSettings
from floortui.config.rubric import RubricSettings
from floortui.config.sampling import SamplingSettings
from floortui.config.users import UserSettings
from floortui.config.yaml_text import parse_yaml
from floortui.vocabulary import CDR_FIELDS

SOURCE_FORMATS = ("auto", "queue_log", "cdr", "csv")
#: A CDR field a mapped CSV column may hold.
CdrField = Literal.__getitem__(CDR_FIELDS)
DEFAULT_SERVICE_LEVEL_S = 20


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line meant for the user."""


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
    columns: list[CdrField | None] | None = Field(
        None,
        description=(
            "format csv: the CDR field each column holds, in order (null to skip a column); "
            f"fields: {', '.join(CDR_FIELDS)}."
        ),
    )
    time_format: str = Field(
        "%Y-%m-%d %H:%M:%S",
        description="format csv: how times are written (strftime codes, or epoch).",
    )
    header: bool = Field(False, description="format csv: the first line names the columns.")

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, columns: list[str | None] | None) -> list[str | None] | None:
        if columns is not None and "start" not in columns:
            raise ValueError("a column list that includes start (the leg's start time)")
        return columns


class MemberSettings(_Section):
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
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list):
            raise ValueError("an interface such as PJSIP/2001, or a list of them")
        return value


class QueueSettings(_Section):
    """Per-queue settings: service level's threshold and target, wrap-up, the waiting limit."""

    service_level_s: int = Field(
        DEFAULT_SERVICE_LEVEL_S,
        ge=1,
        description="A call answered within this many seconds counts toward service level.",
    )
    wrapuptime: int = Field(
        0,
        ge=0,
        le=3600,
        description="Seconds a member stays in wrap-up after a call of this queue ends, "
        "as queues.conf's wrapuptime: the floor shows them in wrap-up, not ready, meanwhile.",
    )
    service_level_target_pct: int = Field(
        80,
        ge=1,
        le=99,
        description="The share of calls (%) to answer within service_level_s: the queue panel "
        "warns below it and the hourly table's Erlang C count of members needed aims at it.",
    )
    max_waiting: int | None = Field(
        None,
        ge=0,
        description="More callers than this waiting at once turns the queue's line to warning; "
        "unset: no limit (a caller waiting past service_level_s is an alert either way).",
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
            raise ValueError("an IANA timezone name such as Europe/London") from None
        return value

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Config(_Section):
    """The whole config.yaml; every section is optional."""

    store: StoreSettings = StoreSettings()
    sources: list[SourceSettings] = Field(default_factory=list)
    agents: list[MemberSettings] = Field(default_factory=list)
    queues: dict[str, QueueSettings] = Field(default_factory=dict)
    day: DaySettings = DaySettings()
    users: list[UserSettings] = Field(default_factory=list)
    floor: FloorSettings = FloorSettings()
    breaks: BreakSettings = BreakSettings()
    sampling: SamplingSettings = SamplingSettings()
    review: ReviewSettings = ReviewSettings()
    rubric: RubricSettings = RubricSettings()
    evaluation: EvaluationSettings = EvaluationSettings()

    @model_validator(mode="before")
    @classmethod
    def _empty_sections(cls, data: Any) -> Any:
        """A section left empty (`agents:` with every entry commented out) means its default."""
        if not isinstance(data, dict):
            return data
        data = {key: value for key, value in data.items() if value is not None}
        if isinstance(data.get("queues"), dict):
            data["queues"] = {q: {} if v is None else v for q, v in data["queues"].items()}
        return data

    def service_level_s(self, queue: str) -> int:
        """The queue's service-level threshold, the default for queues not configured."""
        settings = self.queues.get(queue)
        return settings.service_level_s if settings else DEFAULT_SERVICE_LEVEL_S

    def wrapup_s(self) -> dict[str, int]:
        """Queue → wrap-up seconds, for the queues that have one."""
        return {name: q.wrapuptime for name, q in self.queues.items() if q.wrapuptime}

    def interfaces(self) -> dict[str, str]:
        """Interface → member name, from the agents section."""
        return {iface: agent.name for agent in self.agents for iface in agent.interface}

    @field_validator("agents")
    @classmethod
    def _unique_interfaces(cls, agents: list[MemberSettings]) -> list[MemberSettings]:
        seen: dict[str, str] = {}
        for index, agent in enumerate(agents):
            for position, iface in enumerate(agent.interface):
                if iface in seen and seen[iface] != agent.name:
                    # The context lets the message point at the second agent's key.
                    raise PydanticCustomError(
                        "duplicate_interface",
                        "interface {interface!r} is given to both {first!r} and {second!r}",
                        {
                            "interface": iface,
                            "first": seen[iface],
                            "second": agent.name,
                            "index": index,
                            "position": position,
                        },
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


def _shown(value: Any) -> str:
    """The value as the user wrote it, cut short so the message stays one readable line."""
    if value is None:
        return "(nothing)"
    text = repr(str(value) if isinstance(value, dt.date) else value)
    return text if len(text) <= 80 else text[:77] + "..."


def _describe(error: dict[str, Any], data: Any) -> str:
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"{_key_path(loc)}: unknown key (check the spelling; see config.yaml's comments)"
    if kind == "missing":
        return f"{_key_path(loc)}: required key is missing"
    if kind == "duplicate_interface":
        loc = (*loc, ctx["index"], "interface")
        if isinstance(_lookup(data, loc)[1], list):
            loc = (*loc, ctx["position"])
        return (
            f"{_key_path(loc)} = {_shown(ctx['interface'])}: expected an interface no other "
            f"agent has, but {ctx['first']!r} has it too"
        )
    if kind == "config_at":  # a rule over several keys, pointed at the one to fix
        loc = (*loc, *ctx["at"])
        found, value = _lookup(data, loc)
        shown = f" = {_shown(value)}" if found and ctx["show"] else ""
        return f"{_key_path(loc)}{shown}: expected {ctx['expected']}"
    found, value = _lookup(data, loc)
    expected = error["msg"]
    if expected.startswith("Value error, "):
        expected = "expected " + expected.removeprefix("Value error, ")
    elif kind == "literal_error":
        expected = "expected " + expected.removeprefix("Input should be ").replace("'", "")
    elif kind.startswith("date_"):
        expected = "expected a date written YYYY-MM-DD, such as 2025-03-17"
    elif kind == "string_too_short":
        least = ctx["min_length"]
        expected = f"expected at least {least} characters" if least > 1 else "expected some text"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        expected = "expected a mapping of keys and values (key: value lines)"
    elif kind == "list_type":
        expected = "expected a list (lines starting with '- ')"
    elif kind == "greater_than_equal":
        expected = f"expected a number of at least {ctx['ge']}"
    elif kind == "less_than_equal":
        expected = f"expected a number of at most {ctx['le']}"
    else:
        expected = expected.removeprefix("Input should be ").removeprefix("a ")
        expected = "expected " + expected.removeprefix("valid ")
    shown = f" = {_shown(value)}" if found else ""
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
    breaks = config.breaks
    if breaks.roster is not None:
        breaks = breaks.model_copy(update={"roster": under(breaks.roster)})
    return config.model_copy(update={"sources": sources, "store": store, "breaks": breaks})


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
        raise ConfigError(
            f"{name}: the top level must be a mapping of sections, not {_shown(data)}"
        )
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
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if "'\\t'" in problem:
            problem = "a tab character; indent with spaces, not tabs"
        elif "<block" in problem:
            problem = f"check this line's indentation against the lines above ({problem})"
        elif problem.startswith("mapping values are not allowed"):
            problem = "a 'key:' inside a value; check the indentation, or quote a value with ': '"
        raise ConfigError(f"{path}: not valid YAML{where}: {problem}") from None
    except ValueError as exc:  # an explicit tag PyYAML cannot build, e.g. !!timestamp 2025-13-45
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    return parse_config(data, name=str(path), base=path.parent)
