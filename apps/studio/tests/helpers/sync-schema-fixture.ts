/**
 * A source schema with everything generate-migration must carry over: enums, identity and serial
 * columns, a free-standing sequence, defaults, jsonb and arrays, composite and self-referencing
 * foreign keys, unique constraints, a check, partial and expression indexes, a generated column.
 */
export const SYNC_SOURCE_SQL = /* sql */ `
CREATE SCHEMA crm;
CREATE TYPE crm.stage AS ENUM ('lead', 'qualified', 'won', 'lost');
CREATE SEQUENCE crm.invoice_no START 1000 INCREMENT 5;

CREATE TABLE crm.accounts (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) PRIMARY KEY,
  parent_id bigint REFERENCES crm.accounts (id),
  name text NOT NULL,
  slug varchar(40) NOT NULL UNIQUE,
  stage crm.stage NOT NULL DEFAULT 'lead',
  history crm.stage[] NOT NULL DEFAULT '{}',
  tags text[] DEFAULT ARRAY['new']::text[],
  profile jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  name_lower text GENERATED ALWAYS AS (lower(name)) STORED,
  CONSTRAINT accounts_name_check CHECK (length(name) > 0)
);

CREATE TABLE crm.regions (
  country char(2) NOT NULL,
  code integer NOT NULL,
  label text NOT NULL,
  PRIMARY KEY (country, code)
);

CREATE TABLE crm.offices (
  id serial PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES crm.accounts (id) ON DELETE CASCADE,
  country char(2) NOT NULL,
  region_code integer NOT NULL,
  invoice_no bigint NOT NULL DEFAULT nextval('crm.invoice_no'),
  amount numeric(12, 2) NOT NULL DEFAULT 0,
  CONSTRAINT offices_region_fk FOREIGN KEY (country, region_code) REFERENCES crm.regions (country, code),
  CONSTRAINT offices_account_country_key UNIQUE (account_id, country)
);

CREATE INDEX accounts_active_idx ON crm.accounts (created_at) WHERE stage <> 'lost';
CREATE INDEX accounts_lower_name_idx ON crm.accounts (lower(name));
CREATE UNIQUE INDEX offices_invoice_idx ON crm.offices (invoice_no);

INSERT INTO crm.accounts (name, slug) VALUES ('Acme', 'acme'), ('Globex', 'globex');
INSERT INTO crm.regions VALUES ('FR', 75, 'Paris');
INSERT INTO crm.offices (account_id, country, region_code) VALUES (10, 'FR', 75);
`
