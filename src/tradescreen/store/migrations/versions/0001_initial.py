"""Initial store: dataset versions and their entities, fetch state, watchlist, alerts,
screenings and decisions.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dataset_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("dataset", sa.String(64), nullable=False),
        sa.Column("as_of", sa.String(32), nullable=False),
        sa.Column("fetched_at", TZ, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("content_checksum", sa.String(64), nullable=False),
        sa.Column("entities", sa.Integer(), nullable=False),
        sa.Column("names", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_dataset_versions_dataset_status", "dataset_versions",
                    ["dataset", "status", "id"])
    op.create_table(
        "version_entities",
        sa.Column("version_id", sa.Integer(),
                  sa.ForeignKey("dataset_versions.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("entity_id", sa.String(255), primary_key=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("digest", sa.String(40), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_table(
        "dataset_sources",
        sa.Column("dataset", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", TZ, nullable=True),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
    )
    op.create_table(
        "watch_parties",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(32), nullable=True),
        sa.Column("country", sa.String(64), nullable=True),
        sa.Column("ref", sa.Text(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("party_id", sa.Integer(),
                  sa.ForeignKey("watch_parties.id", ondelete="SET NULL"), nullable=True),
        sa.Column("party_name", sa.Text(), nullable=False),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("dataset", sa.String(64), nullable=False),
        sa.Column("version_id", sa.Integer(),
                  sa.ForeignKey("dataset_versions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("matched_name", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("acknowledged_at", TZ, nullable=True),
        sa.UniqueConstraint("party_id", "entity_id", "version_id",
                            name="uq_alerts_party_entity_version"),
    )
    op.create_index("ix_alerts_party_id", "alerts", ["party_id"])
    op.create_index("ix_alerts_version_id", "alerts", ["version_id"])
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("actor", sa.Text(), nullable=True),
    )
    op.create_index("ix_screenings_created_at", "screenings", ["created_at"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("screening_id", sa.Integer(),
                  sa.ForeignKey("screenings.id", ondelete="CASCADE"), nullable=True),
        sa.Column("entity_id", sa.String(255), nullable=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_decisions_screening_id", "decisions", ["screening_id"])


def downgrade() -> None:
    for table in ("decisions", "screenings", "alerts", "watch_parties", "dataset_sources",
                  "version_entities", "dataset_versions"):
        op.drop_table(table)
