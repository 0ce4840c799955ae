"""The store's tables (SQLAlchemy 2 declarative). Schema changes go through a migration in
`migrations/versions/`; a test checks the migrations and these models agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# statuses of a dataset version; only "loaded" versions are ever used for screening
LOADED = "loaded"


class Base(DeclarativeBase):
    pass


class DatasetVersion(Base):
    """One loaded edition of one list: where it came from, its checksum and counts."""

    __tablename__ = "dataset_versions"
    __table_args__ = (Index("ix_dataset_versions_dataset_status", "dataset", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(String(64))
    as_of: Mapped[str] = mapped_column(String(32))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(Text)  # URL or local path it was read from
    checksum: Mapped[str] = mapped_column(String(64))  # sha256 over the raw file(s)
    content_checksum: Mapped[str] = mapped_column(String(64))  # sha256 over the entities
    entities: Mapped[int] = mapped_column(Integer)
    names: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=LOADED)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


class VersionEntity(Base):
    """One entity of one version, as the entity JSON the screener reads back."""

    __tablename__ = "version_entities"

    version_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("dataset_versions.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    caption: Mapped[str] = mapped_column(Text)
    schema: Mapped[str] = mapped_column(String(32))
    digest: Mapped[str] = mapped_column(String(40))  # sha1 of the entity JSON: cheap diffs
    data: Mapped[str] = mapped_column(Text)


class DatasetSource(Base):
    """Per dataset: the last fetch attempt, and the validators for a conditional GET."""

    __tablename__ = "dataset_sources"

    dataset: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    message: Mapped[str | None] = mapped_column(Text, nullable=True)


class WatchParty(Base):
    """A saved party (watchlist), re-screened whenever a list changes."""

    __tablename__ = "watch_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text)
    schema: Mapped[str | None] = mapped_column(String(32), nullable=True)
    country: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ref: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Alert(Base):
    """A saved party newly matching a listed entity after an update."""

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("party_id", "entity_id", "version_id",
                                       name="uq_alerts_party_entity_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("watch_parties.id", ondelete="SET NULL"), nullable=True, index=True)
    party_name: Mapped[str] = mapped_column(Text)
    entity_id: Mapped[str] = mapped_column(String(255))
    caption: Mapped[str] = mapped_column(Text)
    dataset: Mapped[str] = mapped_column(String(64))
    version_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("dataset_versions.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float)
    matched_name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Screening(Base):
    """Audit trail: one screening request and the result it got."""

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    query: Mapped[str] = mapped_column(Text)  # JSON
    result: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str | None] = mapped_column(Text, nullable=True)


class Decision(Base):
    """A reviewer's verdict on one match of a screening: true or false positive."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    screening_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("screenings.id", ondelete="CASCADE"), nullable=True, index=True)
    entity_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    decision: Mapped[str] = mapped_column(String(16))  # "true_positive" | "false_positive"
    reviewer: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
