"""`floortui demo`: the bundled demo floor in a temporary store, never touching fixtures/."""

from __future__ import annotations

import tempfile
from pathlib import Path

from floortui.config import Config


def demo_config(config: Config, workdir: Path | None = None) -> Config:
    """The config with its store moved into a fresh temporary folder."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="floortui-demo-"))
    store = config.store.model_copy(update={"path": workdir / "demo.db"})
    return config.model_copy(update={"store": store})
