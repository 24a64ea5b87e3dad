/**
 * What the pg-meta listings beyond tables and views need, on top of FIXTURE_SQL: functions (SQL
 * with a default, set-returning over a table's rows, OUT arguments, a trigger function already
 * there), a composite type and a domain, a materialized view, a publication, a foreign table
 * through postgres_fdw (its server is never contacted), indexes (partial, expression), a
 * composite foreign key, and table- and column-level grants to a role of the suite's own.
 */
export const pgMetaFixtureSql = (role: string) => /* sql */ `
CREATE EXTENSION postgres_fdw SCHEMA public;
CREATE SERVER mbtest_loop FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'mbtest_none');
CREATE FOREIGN TABLE shop.remote_stock (sku text NOT NULL, on_hand integer) SERVER mbtest_loop OPTIONS (table_name 'stock');
COMMENT ON FOREIGN TABLE shop.remote_stock IS 'Stock kept elsewhere';

CREATE TYPE shop.address AS (street text, zip integer);
CREATE DOMAIN shop.positive_int AS integer CHECK (VALUE > 0);

CREATE MATERIALIZED VIEW shop.order_totals AS
  SELECT customer_id, sum(total) AS total FROM shop.orders GROUP BY customer_id WITH NO DATA;
COMMENT ON MATERIALIZED VIEW shop.order_totals IS 'Per customer';

CREATE INDEX orders_paid_idx ON shop.orders (placed_at) WHERE status = 'paid';
CREATE INDEX customers_lower_name_idx ON shop.customers (lower(name), age);
COMMENT ON INDEX shop.orders_paid_idx IS 'Paid orders by date';

CREATE TABLE shop.shipments (
  id integer PRIMARY KEY,
  order_id uuid NOT NULL,
  line_no integer NOT NULL,
  CONSTRAINT shipments_line_fkey FOREIGN KEY (order_id, line_no) REFERENCES shop.order_lines (order_id, line_no)
);

CREATE FUNCTION shop.order_count(customer bigint, since timestamptz DEFAULT NULL) RETURNS integer
  LANGUAGE sql STABLE AS $$ SELECT count(*)::int FROM shop.orders WHERE customer_id = customer $$;
CREATE FUNCTION shop.customer_orders(customer bigint) RETURNS SETOF shop.orders
  LANGUAGE sql STABLE ROWS 10 AS $$ SELECT * FROM shop.orders WHERE customer_id = customer $$;
CREATE FUNCTION shop.split_total(total numeric, OUT net numeric, OUT tax numeric)
  LANGUAGE sql IMMUTABLE SECURITY DEFINER SET search_path = shop, pg_temp AS $$ SELECT total * 0.8, total * 0.2 $$;
CREATE PUBLICATION mbtest_orders_pub FOR TABLE shop.orders, shop.customers WITH (publish = 'insert, update');

GRANT USAGE ON SCHEMA shop TO ${role};
GRANT SELECT ON shop.customers TO ${role};
GRANT UPDATE (name) ON shop.customers TO ${role};
`

/** A role per suite (roles are cluster-wide): created before the fixture, dropped after the database. */
export const createRoleSql = (role: string) => `CREATE ROLE ${role} NOLOGIN`
export const dropRoleSql = (role: string) => `DROP ROLE IF EXISTS ${role}`
