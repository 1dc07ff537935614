-- The platform: tenants (hospitals under a superior committee), the organisation tree's spine,
-- users, roles as data, sessions, login attempts, the security policy and the audit chain.
-- {{id}} and {{tenant_key}} expand per database: on PostgreSQL the primary key is
-- (tenant_id, id) so Citus can distribute by tenant; on SQLite id is the rowid and
-- (tenant_id, id) the first unique index.

-- Tenants are few and read everywhere: a reference table under Citus.
CREATE TABLE tenants (
  id BIGINT PRIMARY KEY,
  parent_id BIGINT REFERENCES tenants (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('committee', 'hospital', 'system')),
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX ix_tenants_path ON tenants (path);

-- Tenant 0 owns what belongs to no hospital: failed logins with unknown user names.
INSERT INTO tenants (id, parent_id, name, kind, path, created_at)
VALUES (0, NULL, '系统', 'system', '/0/', '1970-01-01T00:00:00.000Z');

CREATE TABLE org_units (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  parent_id BIGINT,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  ended_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_org_units_path ON org_units (tenant_id, path);

CREATE TABLE users (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  username TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_changed_at TEXT NOT NULL,
  must_change_password SMALLINT NOT NULL DEFAULT 0,
  locked_by_admin SMALLINT NOT NULL DEFAULT 0,
  phone_enc TEXT,
  phone_bidx TEXT,
  totp_secret_enc TEXT,
  totp_pending_enc TEXT,
  totp_last_step BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_login_at TEXT,
  ended_at TEXT,
  {{tenant_key}},
  CONSTRAINT uq_users__username UNIQUE (username)
);
CREATE INDEX ix_users_phone ON users (tenant_id, phone_bidx);

CREATE TABLE roles (
  tenant_id BIGINT NOT NULL REFERENCES tenants (id),
  {{id}},
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  require_totp SMALLINT NOT NULL DEFAULT 0,
  builtin SMALLINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  {{tenant_key}},
  CONSTRAINT uq_roles__code UNIQUE (tenant_id, code)
);

-- Current permissions of a role; changes are kept in the audit trail's before/after.
CREATE TABLE role_permissions (
  tenant_id BIGINT NOT NULL,
  role_id BIGINT NOT NULL,
  permission TEXT NOT NULL,
  PRIMARY KEY (tenant_id, role_id, permission)
);

-- Grants end (revoked_at) rather than disappear.
CREATE TABLE user_roles (
  tenant_id BIGINT NOT NULL,
  {{id}},
  user_id BIGINT NOT NULL,
  role_id BIGINT NOT NULL,
  granted_at TEXT NOT NULL,
  granted_by BIGINT,
  revoked_at TEXT,
  revoked_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_user_roles_user ON user_roles (tenant_id, user_id);

CREATE TABLE user_scopes (
  tenant_id BIGINT NOT NULL,
  {{id}},
  user_id BIGINT NOT NULL,
  org_unit_id BIGINT NOT NULL,
  granted_at TEXT NOT NULL,
  granted_by BIGINT,
  revoked_at TEXT,
  revoked_by BIGINT,
  {{tenant_key}}
);
CREATE INDEX ix_user_scopes_user ON user_scopes (tenant_id, user_id);

-- The token itself is never stored: only its hash, so a copy of the database opens no session.
CREATE TABLE sessions (
  tenant_id BIGINT NOT NULL,
  {{id}},
  token_hash TEXT NOT NULL,
  user_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at TEXT,
  end_reason TEXT,
  ip TEXT NOT NULL DEFAULT '',
  password_expired SMALLINT NOT NULL DEFAULT 0,
  totp_enrol SMALLINT NOT NULL DEFAULT 0,
  {{tenant_key}}
);
CREATE UNIQUE INDEX ix_sessions_token ON sessions (token_hash);
CREATE INDEX ix_sessions_user ON sessions (tenant_id, user_id);

-- Counted per user name (also unknown ones) so lockout reveals nothing about who exists.
CREATE TABLE login_attempts (
  tenant_id BIGINT NOT NULL,
  {{id}},
  username TEXT NOT NULL,
  at TEXT NOT NULL,
  ok SMALLINT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  {{tenant_key}}
);
CREATE INDEX ix_login_attempts_user ON login_attempts (username, at);

CREATE TABLE login_locks (
  tenant_id BIGINT NOT NULL,
  {{id}},
  username TEXT NOT NULL,
  locked_at TEXT NOT NULL,
  locked_until TEXT NOT NULL,
  released_at TEXT,
  {{tenant_key}}
);
CREATE INDEX ix_login_locks_user ON login_locks (username, locked_until);

CREATE TABLE security_policies (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  policy_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);

-- Append-only and hash-chained per tenant; audit_heads holds each chain's last link so that
-- deleting the newest rows is detected too.
CREATE TABLE audit_log (
  tenant_id BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  user_id BIGINT NOT NULL DEFAULT 0,
  username TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  record_type TEXT NOT NULL DEFAULT '',
  record_id TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  result TEXT NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX ix_audit_log_at ON audit_log (tenant_id, at);
CREATE INDEX ix_audit_log_user ON audit_log (tenant_id, username);
CREATE INDEX ix_audit_log_record ON audit_log (tenant_id, record_type, record_id);

CREATE TABLE audit_heads (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  last_seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_heads (tenant_id, last_seq, last_hash)
VALUES (0, 0, '0000000000000000000000000000000000000000000000000000000000000000');
