-- Files kept with a meeting (issue 5, organisational life): minutes scanned as PDF, photos of the
-- 主题党日, the sign-in sheet as .xlsx. Checked by party/life/attachment.hpp (≤ 10 MiB; pdf, docx,
-- xlsx, jpg, png by their magic bytes). The bytes are base64 in TEXT so the same column works on
-- SQLite and PostgreSQL (and Citus) without a BLOB/bytea split; a hospital's attachments are
-- small and few. Nothing is deleted: a wrong file stays beside the right one.
CREATE TABLE meeting_attachments (
  tenant_id BIGINT NOT NULL,
  {{id}},
  meeting_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  content_base64 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_meeting_attachments_meeting ON meeting_attachments (tenant_id, meeting_id);
