"""Settings as data: one class, read from `IPOPS_*` environment variables and an optional file.

Every field carries a description; `docs/settings.md` documents each one and a test keeps the
two in step. Nothing reads settings at import time: callers build `Settings()` and pass it on.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

CONFIG_ENV = "IPOPS_CONFIG"
DEFAULT_CONFIG_FILE = Path("ipops.toml")


class Settings(BaseSettings):
    """Runtime configuration of one IPOps deployment."""

    model_config = SettingsConfigDict(env_prefix="IPOPS_", extra="ignore")

    database_url: str = Field(
        default="sqlite:///var/ipops.db",
        description="SQLAlchemy URL of the one database: sqlite:///path or postgresql+psycopg://user@host/db.",
    )
    data_dir: Path = Field(default=Path("var"), description="Folder for the SQLite file, uploads, exports and derived indexes.")
    host: str = Field(default="127.0.0.1", description="Address `ipops serve` listens on.")
    port: int = Field(default=8000, description="Port `ipops serve` listens on.")
    page_size: int = Field(default=20, ge=1, le=500, description="Default number of rows per page in lists and the API.")
    max_page_size: int = Field(default=200, ge=1, description="Largest page a client may ask for with `limit`.")
    demo_on_empty: bool = Field(
        default=True, description="Load the bundled demo corpus (real CNIPA records) when the database holds no patents."
    )
    upload_max_mb: int = Field(default=512, ge=1, description="Largest file accepted by the web import page, in MiB.")
    import_batch_size: int = Field(default=2000, ge=1, description="Records written per transaction during imports.")
    import_read_ahead: bool = Field(
        default=True,
        description="Command-line imports map rows in a second process while the first writes (uses two cores).",
    )
    hv_pledge_threshold_10k: float = Field(
        default=1000.0, ge=0,
        description="High-value category 较高质押融资金额: a registered pledge of at least this many 万元 (no official figure).",
    )
    hv_maintained_years: int = Field(
        default=10, ge=1, description="High-value category 维持年限超过N年: years since the filing date, strictly more than."
    )
    hv_award_levels_excluded: list[str] = Field(
        default_factory=list,
        description="Award levels that do not make a patent high-value, e.g. [\"优秀奖\"]; default: every level counts.",
    )
    hv_categories: list[str] | None = Field(
        default=None,
        description="High-value categories for every year, overriding data/indicators/high_value.toml (e.g. without pledge).",
    )
    sei_keyword_rules: str = Field(
        default="ipc_only",
        pattern="^(ipc_only|skip)$",
        description="SEI↔IPC table rows that also carry a keyword summary: ipc_only counts them by IPC, skip ignores them.",
    )
    population_fallback_years: int = Field(
        default=1, ge=0, le=5,
        description="Per-10k indicators may use the latest population up to this many years older (shown with its year).",
    )
    indicator_cache_size: int = Field(
        default=32, ge=0, le=1000,
        description="Indicator grids kept in memory per process, keyed on a data stamp (0 turns the cache off).",
    )
    semantic_search: bool = Field(
        default=True, description="Embed patents and rank queries semantically (hybrid with BM25); off: keyword search only.",
    )
    semantic_candidates: int = Field(
        default=500, ge=10, le=5000,
        description="Nearest neighbours a semantic or hybrid query considers (and BM25 hits hybrid fuses).",
    )
    semantic_min_similarity: float = Field(
        default=0.5, ge=-1.0, le=1.0,
        description="Cosine similarity a neighbour needs to join hybrid hits without containing the query's words.",
    )
    secret_key: str = Field(default="dev-only-change-me", description="Key that signs session cookies and CSRF tokens.")
    environment: str = Field(default="dev", description="`dev` or `production`; production refuses the default secret key.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Explicit arguments win, then the environment, then the TOML config file."""
        return init_settings, env_settings, TomlFileSource(settings_cls)

    def check_production(self) -> None:
        """Refuse to run a production deployment with the development secret."""
        if self.environment == "production" and self.secret_key == "dev-only-change-me":
            raise ValueError("IPOPS_SECRET_KEY must be set in production")

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


class TomlFileSource(PydanticBaseSettingsSource):
    """Reads `ipops.toml` (or the file named by IPOPS_CONFIG): keys are field names."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._values().get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._values())

    def _values(self) -> dict[str, Any]:
        path = Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_FILE))
        if not path.is_file():
            return {}
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        return dict(data.get("ipops", data))
